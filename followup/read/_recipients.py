"""From text cells to the validated recipients table, and the rejects beside it.

:func:`to_recipients` is the short orchestrator: headers to canonical names,
any layout to one row per interviewer, then each check in its own module,
vectorised over whole columns. A problem becomes a reject row naming the
sheet row, column, value, problem and a hint; only the affected interviewer
is dropped.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from followup._clock import default_zone
from followup._ids import interview_ids
from followup.read._dates import DayFirst
from followup.read._dedupe import merge_repeated_interviewers
from followup.read._headers import map_headers
from followup.read._interviews import Interviews
from followup.read._layouts import detect_layout, names_beside_addresses, to_long
from followup.read._people import (
    roles_in_names,
    warn_of_shared_addresses,
    warn_of_two_people,
    with_candidates,
)
from followup.read._raw import RawSheet
from followup.read._rejects import Problems
from followup.read._required import check_required
from followup.read._times import parse_times
from followup.read._tracking import parse_tracking
from followup.read._values import (
    carry_interest,
    check_text,
    continue_interviews,
    fill_dittos,
    fill_from_panel,
    parse_interested,
    parse_sender,
    withdrawn_in,
)
from followup.read._zones import parse_zones
from followup.schema import BY_NAME, RECIPIENT_COLUMNS


def to_recipients(
    raw: RawSheet,
    *,
    tz: str | None = None,
    dayfirst: DayFirst = None,
    sender: str | None = None,
    first_chunk: bool = True,
) -> Interviews:
    """Validate a :class:`~followup.read._raw.RawSheet` into :class:`Interviews`.

    ``dayfirst`` may also map date columns (``interview_start``, ``interview_date``,
    ``interview_end``) to their order, as decided over a whole sheet read in chunks;
    the columns not used are reported with the ``first_chunk`` only.
    """
    zone = default_zone(tz)
    sender_name, sender_email = parse_sender(sender)
    names, headers, unused = map_headers(raw)
    frame = raw.cells.set_axis(names, axis=1)
    blank = ~(frame != "").any(axis=1)
    frame = frame.assign(row=raw.rows)[~blank.to_numpy()].reset_index(drop=True)
    frame = continue_interviews(frame)
    check_required(frame.columns, headers, raw)

    frame, headers = names_beside_addresses(frame, headers)
    layout = detect_layout(list(frame.columns), frame)
    long = to_long(frame, layout, headers)
    problems = Problems(long, headers)
    if "packed_problem" in long:
        problems.add(
            long["packed_problem"] != "",
            "interviewer_email",
            long["packed_problem"],
            "or give each interviewer a row of their own",
            code="packed_mismatch",
        )
    problems.add_ragged(raw.ragged, text=raw.encoding is not None)
    problems.add_sizes(raw.cut)
    if first_chunk:
        problems.add_unused(unused, raw.header_row)
    extras = [n for n in names if n not in BY_NAME and "#" not in n]
    long = check_text(long, problems, extras=extras)
    long = with_candidates(
        long,
        problems,
        (sender_name, sender_email),
        {"candidate_name", "candidate_email"} & set(names),
    )
    long = roles_in_names(long)
    warn_of_two_people(long, problems)
    warn_of_shared_addresses(long, problems)
    if "interested" not in names:  # "Status: no - took another offer": no eager letter
        long["interested"] = long["interested"].mask(withdrawn_in(long, extras, problems), "no")
    long = fill_from_panel(long, ("interested", "fit", "decision_by"))
    long = fill_dittos(long, problems, ("talking_point", "question"))
    interested, unsure = parse_interested(long, problems)
    zones = parse_zones(long, problems, zone)
    start, end, zones = parse_times(long, problems, zones, dayfirst)
    interested, unsure = carry_interest(long, interested, unsure, start, zones, problems)
    tracking = parse_tracking(long, problems, zones, dayfirst, start, end)

    recipients = long.assign(
        interested=interested,
        interest_unsure=unsure & interested,
        interview_start=start,
        interview_end=end,
        timezone=zones,
        **tracking,
    )
    recipients = recipients[~problems.bad].copy()
    recipients["interview_id"] = interview_ids(recipients)
    # a question written on every row of a panel is the panel's one question: its first asks it
    asked = recipients.duplicated(["interview_id", "question"]) & (recipients["question"] != "")
    recipients["question"] = recipients["question"].mask(asked, "")
    accepted_rows = recipients["row"].unique()
    recipients, repeated = merge_repeated_interviewers(
        recipients, column=recipients["source_interviewer_email"]
    )
    problems.parts.append(repeated)
    recipients = _finish(recipients, names)

    all_rows = frame["row"].unique()
    return Interviews(
        recipients=recipients,
        rejects=problems.table(),
        source=raw.source,
        rows_read=len(all_rows),
        rows_blank=int(blank.sum()),
        rows_accepted=len(accepted_rows),
        rows_rejected=len(np.setdiff1d(all_rows, accepted_rows)),
        timezone=zone,
        layout=layout,
        encoding=raw.encoding,
        last_row=int(raw.rows[-1]) if len(raw.rows) else 0,
    )


def _finish(recipients: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Canonical columns in order, then the sheet's own extra columns."""
    extras = [n for n in names if n not in BY_NAME and "#" not in n and n in recipients]
    out = recipients[list(RECIPIENT_COLUMNS) + extras].reset_index(drop=True)
    moments = ("interview_start", "interview_end", "sent_at", "replied_at", "decided_at")
    text = [c for c in out.columns if c not in ("row", "interested", "interest_unsure", *moments)]
    out[text] = out[text].replace("", pd.NA).astype("str")
    zones = out["timezone"].unique()
    if len(zones) == 1:
        for column in moments:
            out[column] = out[column].dt.tz_convert(zones[0])
    return out.astype({"row": "int64", "interested": "bool", "interest_unsure": "bool"})
