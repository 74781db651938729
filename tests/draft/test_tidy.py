"""Tidying a jotted note: each rewrite, and the cheap tests that skip a rewrite where the
note holds nothing it would change (they must never skip one that would)."""

from __future__ import annotations

import pytest

from followup._regex import key_words, rules_out
from followup.draft import _lexicon as words
from followup.draft._tidy import CHAT, clean
from followup.draft._wording import PRIVATE


@pytest.mark.parametrize(
    ("note", "tidied"),
    [
        ("roadmap\n\npricing", "roadmap; pricing"),
        ("“the roadmap”", "the roadmap"),
        ("on-call rota (Tue/Thu)", "on-call rota"),
        ("the audit lol", "the audit"),
        ("we both support Leeds, ha lol", "we both support Leeds"),
        ("SEO & pricing", "SEO and pricing"),
        ("partnered w PMs", "partnered with PMs"),
        ("Airflow -> Dagster migration", "Airflow to Dagster migration"),
        ("moving from Excel → Power BI", "moving from Excel to Power BI"),
        ("data mesh => migrating off Redshift", "data mesh - migrating off Redshift"),
        ("Both ran the Dublin marathon", "we both ran the Dublin marathon"),
        ("both into bouldering", "we are both into bouldering"),
        ("roadmap - esp. pricing", "roadmap and esp. pricing"),
        ("the roadmap esp pricing", "the roadmap and esp pricing"),
        ("the migration, incl. QC", "the migration incl. QC"),
        ("the demo was v fun", "the demo was very fun"),
        ("re: the roadmap", "about the roadmap"),
        ("~3 releases a year", "about 3 releases a year"),
        ("chatted for 30 mins about SEO", "chatted about SEO"),
        ("a 6 mo contract", "a 6-month contract"),
        ("grew from 2k to 18k users", "grew from 2,000 to 18,000 users"),
        ("Kafka vs. Pulsar", "Kafka versus Pulsar"),
        ("the stack, e.g. dbt", "the stack"),
        ("tools e.g. dbt", "tools such as dbt"),
        ("3 days/wk in office", "3 days a week in office"),
        ("ASK RE TERRITORY SPLIT", "ask about territory split"),
        ("moving to github actions", "moving to GitHub Actions"),
        ("the q1 plan", "the Q1 plan"),
        ("what i learned", "what I learned"),
        ("the offsite, honestly", "the offsite"),
        ("N/A", ""),
        # Text that is not ASCII is never skipped: "ſ" is an "s", ignoring case.
        ("café w Dana", "café with Dana"),
        ("Kafka vſ. Pulsar", "Kafka versus Pulsar"),
    ],
)
def test_each_rewrite(note: str, tidied: str) -> None:
    assert clean(note) == tidied


@pytest.mark.parametrize(
    ("pattern", "phrases"), [(PRIVATE, words.PRIVATE), (CHAT, words.CHAT)], ids=["private", "chat"]
)
def test_a_phrase_is_never_ruled_out(pattern: object, phrases: tuple[str, ...]) -> None:
    """Every phrase, in any case and among punctuation, is found by its pattern and not
    ruled out beforehand by its key words."""
    keys = key_words(phrases)
    for phrase in phrases:
        for written in (phrase, phrase.upper(), phrase.title()):
            text = f"(note: {written}!)"
            assert pattern.search(text), text  # type: ignore[attr-defined]
            assert not rules_out(keys, text), text


def test_a_phrase_cut_short_is_ruled_out() -> None:
    keys = key_words(words.PRIVATE)
    assert rules_out(keys, "the record label's roadmap") is False  # "record": maybe
    assert rules_out(keys, "the roadmap and the Kafka migration") is True
