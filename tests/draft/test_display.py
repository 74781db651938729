"""Drafts shown in notebooks."""

from __future__ import annotations

import followup


def test_preview_cards_text_and_html(sample_drafts):
    shown = followup.preview(sample_drafts, n=2)
    text = str(shown)
    assert text.count("Subject: ") == 2
    assert text.startswith("From: Avery Quinn <avery@example.com>\nTo: Dana Whitfield <")
    assert "Due: 2026-11-25 15:30 America/Chicago (thank-you)" in text
    page = shown._repr_html_()
    assert page.count("<pre") == 2
    assert "Zoë" not in page  # only two cards
    assert sample_drafts["body"].iloc[1].split("\n")[0] in page
