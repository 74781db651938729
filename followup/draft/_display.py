"""Showing drafts in Jupyter as email cards, with a plain-text fallback.

>>> import pandas as pd
>>> drafts = pd.DataFrame({
...     "candidate_name": ["Avery Quinn"], "candidate_email": ["avery@example.com"],
...     "interviewer_name": ["Dana <Whitfield>"], "interviewer_email": ["dana@nw.example"],
...     "subject": ["Thank you"], "body": ["Dear Dana,\\n\\nThank you!\\n"],
...     "due_at": [pd.Timestamp("2026-11-25 15:30", tz="America/Chicago")],
...     "template": ["thank-you"], "timezone": ["America/Chicago"]})
>>> print(preview(drafts))
From: Avery Quinn <avery@example.com>
To: Dana <Whitfield> <dana@nw.example>
Subject: Thank you
Due: 2026-11-25 15:30 America/Chicago (thank-you)
<BLANKLINE>
Dear Dana,
<BLANKLINE>
Thank you!
>>> "Dana &lt;Whitfield&gt;" in preview(drafts)._repr_html_()
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from followup._clock import wall_clock

_CARD = (
    '<div style="border:1px solid #ccc;border-radius:6px;padding:10px 14px;margin:8px 0;'
    'max-width:46em;font-family:sans-serif">'
    '<div style="color:#555;font-size:90%">{meta}</div>'
    '<div style="font-weight:bold;margin:6px 0">{subject}</div>'
    '<pre style="white-space:pre-wrap;font-family:inherit;margin:0">{body}</pre></div>'
)


@dataclass(frozen=True)
class Preview:
    """Drafts shown as cards in Jupyter and as plain text elsewhere."""

    cards: list[dict[str, str]]

    def __str__(self) -> str:
        return "\n\n---\n\n".join(
            f"From: {c['from']}\nTo: {c['to']}\nSubject: {c['subject']}\nDue: {c['due']}\n\n"
            + c["body"].rstrip("\n")
            for c in self.cards
        )

    __repr__ = __str__

    def _repr_html_(self) -> str:
        out = []
        for c in self.cards:
            meta = "<br>".join(html.escape(f"{k.title()}: {c[k]}") for k in ("from", "to", "due"))
            out.append(
                _CARD.format(
                    meta=meta, subject=html.escape(c["subject"]), body=html.escape(c["body"])
                )
            )
        return "".join(out)


def preview(drafts: pd.DataFrame, n: int = 3) -> Preview:
    """The first ``n`` drafts as readable email cards."""
    head = drafts.head(n)
    due = wall_clock(head["due_at"], head["timezone"]).dt.strftime("%Y-%m-%d %H:%M")
    cards = [
        {
            "from": f"{r['candidate_name']} <{r['candidate_email']}>",
            "to": f"{r['interviewer_name']} <{r['interviewer_email']}>",
            "subject": str(r["subject"]),
            "due": f"{d} {r['timezone']} ({r['template']})",
            "body": str(r["body"]),
        }
        for r, d in zip(head.to_dict("records"), due, strict=True)
    ]
    return Preview(cards)
