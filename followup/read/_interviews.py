"""What reading a sheet returns: :class:`Interviews`, the recipients and rejects with counts."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Interviews:
    """What :func:`~followup.read_interviews` returns.

    Unpacks as ``recipients, rejects``. Every non-blank sheet row is counted
    once, as accepted (at least one interviewer kept) or rejected:
    ``rows_read == rows_accepted + rows_rejected``. Rejected rows, and the
    interviewers dropped from accepted rows, are explained in ``rejects``.
    """

    recipients: pd.DataFrame
    rejects: pd.DataFrame
    source: str
    rows_read: int
    rows_blank: int
    rows_accepted: int
    rows_rejected: int
    timezone: str
    layout: str
    encoding: str | None = None
    last_row: int = 0  # the sheet row number of the last row read (progress, in chunks)

    def __iter__(self) -> Iterator[pd.DataFrame]:
        yield self.recipients
        yield self.rejects

    @property
    def n_interviews(self) -> int:
        """Distinct interviews among the recipients."""
        return int(self.recipients["interview_id"].nunique())

    def summary(self) -> str:
        """A few lines for people: what was read, kept, rejected and assumed."""
        severity = self.rejects["severity"]
        return self.describe(
            source=self.source,
            rows=self.rows_read,
            layout=self.layout,
            interviews=self.n_interviews,
            interviewers=len(self.recipients),
            rows_rejected=self.rows_rejected,
            errors=int((severity == "error").sum()),
            warnings=int((severity == "warning").sum()),
            blank=self.rows_blank,
            timezone=self.timezone,
        )

    @staticmethod
    def describe(
        *,
        source: str,
        rows: int,
        layout: str,
        interviews: int,
        interviewers: int,
        rows_rejected: int,
        errors: int,
        warnings: int,
        blank: int,
        timezone: str,
    ) -> str:
        """The summary's lines, also used for a sheet read in chunks."""
        return "\n".join(
            [
                f"{source}: {rows} rows ({layout} layout)",
                f"  interviews:    {interviews}",
                f"  interviewers:  {interviewers}",
                f"  rejected rows: {rows_rejected}"
                + (f" ({errors} error{'s' if errors != 1 else ''})" if errors else ""),
                f"  warnings:      {warnings}",
                f"  blank rows:    {blank} (skipped)",
                f"  time zone:     {timezone} (for rows without one)",
            ]
        )

    def __repr__(self) -> str:
        return f"<Interviews\n{self.summary()}\n>"

    def _repr_html_(self) -> str:
        """Jupyter: the summary, then the problems to fix (if any)."""
        summary = html.escape(self.summary())
        rejects = (
            "<p>No problems found.</p>"
            if self.rejects.empty
            else self.rejects.to_html(index=False, max_rows=20, notebook=True)
        )
        return f"<pre>{summary}</pre>{rejects}"
