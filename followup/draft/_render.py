"""Rendering: one personal thank-you draft per interviewer.

:func:`render_drafts` picks the kind of letter for each row (``gracious`` when
the candidate no longer wants the job: gratitude, no feigned enthusiasm;
``short`` after a call of :data:`SHORT_CALL_MINUTES` or less; else
``thank-you``), builds what a template sees
(:func:`~followup.draft._context.template_context`: the notes adapted, the
greeting, the day, the sentences from the phrase book) and renders the
template: the built-in letter, or a user's ``.j2`` file.
"""

from __future__ import annotations

import re
from email.utils import parseaddr
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from followup._ids import draft_ids
from followup._regex import one_space
from followup.draft._context import template_context
from followup.draft._seen import Places
from followup.draft._templates import BUILT_IN, Template, load_template
from followup.errors import OptionError, TemplateError

SHORT_CALL_MINUTES = 30
#: What tidying a body replaces, in order: line ends, trailing spaces, runs of blank lines;
#: and what finds a body with any of them.
_TIDY = ((r"\r\n?", "\n"), (r"[ \t]+\n", "\n"), (r"\n{3,}", "\n\n"))
_UNTIDY = r"\r|[ \t]\n|\n\n\n"


def render_drafts(
    df: pd.DataFrame,
    *,
    template: str | Path = "thank-you",
    sender: str | None = None,
    now: pd.Timestamp | str | None = None,
    placed: Places | None = None,
) -> pd.DataFrame:
    """Render a draft per recipient row.

    Parameters
    ----------
    df
        A recipients table (:func:`~followup.read_interviews`), perhaps with
        deadlines already added.
    template
        ``"thank-you"`` (default) picks per row: ``gracious`` when the
        candidate is not interested, ``short`` for calls of
        :data:`SHORT_CALL_MINUTES` or less, else ``thank-you``. Another
        built-in name is used for every row; a path to a ``.j2`` file is
        rendered with the same variables (the kind of letter still picked per row).
    sender
        ``"Name <email>"``, for rows without a candidate name or email.
    now
        The moment the letters are written (default: the clock): the day of the
        interview is told from it ("yesterday", "on Wednesday").
    placed
        For a sheet drafted in parts (:func:`~followup.draft.draft_sheet`): the places
        earlier parts took on each panel and in each company's Latin square of frames,
        counted on here, so that where a sheet is cut changes no letter.

    Returns
    -------
    DataFrame
        ``df`` plus ``draft_id`` (stable across runs), ``due_at``, ``subject``,
        ``body``, ``template`` and ``variant``. The input is not modified.

    Examples
    --------
    >>> import followup
    >>> recipients, _ = followup.read_interviews("data/interviews.csv")
    >>> drafts = render_drafts(recipients, sender="Avery Quinn <avery@example.com>",
    ...                        now="2026-11-25 09:00")
    >>> print(drafts["body"].iloc[1])
    Hello Luis,
    <BLANKLINE>
    I am grateful for the time you gave me yesterday to discuss the Data Analyst role at Northwind Analytics. I enjoyed discovering that we both have been burned by slow, flaky nightly loads.
    <BLANKLINE>
    I am more interested than ever in the position. I believe my 4 years of SQL reporting and a dbt migration I led would let me contribute from the first week.
    <BLANKLINE>
    Please do not hesitate to reach out if you need anything from me.
    <BLANKLINE>
    Best wishes,
    Avery Quinn
    <BLANKLINE>
    """
    table = _with_sender(df, sender)
    books = _choose_books(table, template)
    chosen = load_template(template)
    context = template_context(table, books=books, now=now, placed=placed)
    _check_variables(chosen, context.columns)
    subjects, bodies = chosen.render_all(context)
    due_at = (
        table["due_at"] if "due_at" in table else table["interview_end"] + pd.Timedelta(hours=24)
    )
    return table.assign(
        draft_id=draft_ids(table),
        due_at=due_at,
        subject=one_space(subjects).str.strip(),
        body=_tidy(bodies),
        template=books if str(template) in BUILT_IN else chosen.label,
        variant=context["variant"],
    )


def _choose_books(table: pd.DataFrame, template: str | Path) -> pd.Series:
    """The kind of letter for each row: the one named, or picked by interest and length."""
    if str(template) in BUILT_IN and str(template) != "thank-you":
        return pd.Series(str(template), index=table.index, dtype="str")
    minutes = (table["interview_end"] - table["interview_start"]).dt.total_seconds() / 60
    names = np.select(
        [~table["interested"].astype(bool), minutes <= SHORT_CALL_MINUTES],
        ["gracious", "short"],
        default="thank-you",
    )
    return pd.Series(names, index=table.index, dtype="str")


def _check_variables(template: Template, available: pd.Index) -> None:
    missing = sorted(template.variables - set(available))
    if not missing:
        return
    label = template.label
    lines = template.source.splitlines()
    where = next(
        (i + 1 for i, line in enumerate(lines) if re.search(rf"\b{re.escape(missing[0])}\b", line)),
        None,
    )
    at = f", line {where}" if where else ""
    raise TemplateError(
        f"{label}{at}: unknown variable `{missing[0]}`"
        + (f" (also {', '.join(missing[1:])})" if missing[1:] else "")
        + f"; available: {', '.join(sorted(available))}."
    )


def _with_sender(df: pd.DataFrame, sender: str | None) -> pd.DataFrame:
    table = df
    if sender is not None:
        name, address = parseaddr(sender)
        if not name or "@" not in address:
            raise OptionError(
                f"sender {sender!r} is not of the form 'Your Name <you@example.com>'.",
                options=("sender",),
            )
        table = df.assign(
            candidate_name=df["candidate_name"].fillna(name).replace("", name),
            candidate_email=df["candidate_email"].fillna(address).replace("", address),
        )
    unsigned = table["candidate_name"].isna() | (table["candidate_name"] == "")
    if unsigned.any():
        raise OptionError(
            f"{int(unsigned.sum())} draft(s) have no sender to sign them; pass "
            "sender='Your Name <you@example.com>' or add a 'Candidate' column.",
            options=("sender",),
        )
    return table


def _tidy(bodies: pd.Series) -> pd.Series:
    r"""Trailing spaces off, at most one blank line between paragraphs, one final newline.

    Arrow kernels, the replacing ones only on the bodies that need them once trimmed (a
    template's blanked front matter is leading space): replacing copies every body given.

    >>> _tidy(pd.Series(["\n\nHi,  \r\n\n\n\nThanks.\n\n", "Hi,\n\nThanks."])).tolist()
    ['Hi,\n\nThanks.\n', 'Hi,\n\nThanks.\n']
    """
    # Each pattern matches within a run of whitespace: trimming first changes no other run.
    text = pc.utf8_trim_whitespace(pa.array(bodies.array))
    untidy = pc.match_substring_regex(text, _UNTIDY)
    if pc.any(untidy).as_py():
        fixed = text.filter(untidy)
        for pattern, replacement in _TIDY:
            fixed = pc.replace_substring_regex(fixed, pattern, replacement)
        text = pc.replace_with_mask(text, untidy, fixed)
    end, nothing = pa.scalar("\n", text.type), pa.scalar("", text.type)
    text = pc.binary_join_element_wise(text, end, nothing)
    return pd.Series(text, index=bodies.index, dtype="str")
