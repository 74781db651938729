"""A drafts folder as tracking data: the recipients with ``sent_at`` from the ledger and
``replied_at`` from the replies found, the columns the analyses take."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from followup.deliver._book import Book
from followup.deliver._ledger import LEDGER_NAME
from followup.deliver._replies import first_replies, sent_thank_yous


def read_ledger(folder: str | os.PathLike[str], *, tz: str | None = None) -> pd.DataFrame:
    """The recipients of a folder written by ``followup draft``, with what happened since.

    Parameters
    ----------
    folder
        The drafts folder: its ``recipients.csv`` and ``delivery.sqlite``.
    tz
        The zone for rows without one (as in :func:`~followup.read_interviews`).

    Returns
    -------
    DataFrame
        One row per draft: the recipients' columns, with ``sent_at`` (the thank-you's
        send in the ledger, else the sheet's), ``replied_at`` and ``reply_from`` (the
        interview's first reply, from anyone on it; else what the sheet says),
        ``draft_replied_at`` (the first reply to this thank-you) and ``draft_id``: ready
        for :func:`~followup.followup_delays` and :func:`~followup.response_times`.

    Raises
    ------
    FollowupError
        The folder has no ledger or no ``recipients.csv``.
    """
    from followup.read import read_interviews

    folder = Path(folder)
    sent = sent_thank_yous(folder).set_index("draft_id")
    recipients = read_interviews(folder / "recipients.csv", tz=tz).recipients
    with Book(folder / LEDGER_NAME) as book:
        replies = book.replies()
    by_interview = first_replies(replies, "interview_id")
    by_draft = first_replies(replies, "draft_id")
    zone = recipients["interview_end"].dt.tz
    drafts, interviews = recipients["draft_id"].astype("str"), recipients["interview_id"]

    def moments(values: pd.Series, keys: pd.Series) -> pd.Series:
        found = values.astype("datetime64[us, UTC]").reindex(keys.to_numpy()).to_numpy()
        out: pd.Series = pd.Series(found, index=keys.index).dt.tz_convert(zone)
        return out

    replied = moments(by_interview["replied_at"], interviews)
    return recipients.assign(
        sent_at=moments(sent["sent_at"], drafts).fillna(recipients["sent_at"]),
        replied_at=replied.fillna(recipients["replied_at"]),
        reply_from=interviews.map(by_interview["reply_from"]).astype("str"),
        draft_replied_at=moments(by_draft["replied_at"], drafts),
    )
