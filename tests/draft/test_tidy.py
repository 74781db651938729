"""Tidying a jotted note, as the letter carries it: each rewrite, and the cheap tests
that skip a rewrite where the note holds nothing it would change (they must never skip one
that would)."""

from __future__ import annotations

import pytest

from followup.draft import adapt_talking_point


@pytest.mark.parametrize(
    ("note", "carried"),
    [
        ("roadmap\n\npricing", "the roadmap"),  # two lines: two thoughts, the first kept
        ("“the roadmap”", "the roadmap"),
        ("on-call rota (Tue/Thu)", "the on-call rota"),
        ("the audit lol", "the audit"),
        ("we both support Leeds, ha lol", "we both support Leeds"),
        ("SEO & pricing", "SEO and pricing"),
        ("the pricing work w PMs", "the pricing work with PMs"),
        ("Airflow -> Dagster migration", "the Airflow to Dagster migration"),
        ("moving from Excel → Power BI", "moving from Excel to Power BI"),
        ("data mesh => migrating off Redshift", "the data mesh"),
        ("Both ran the Dublin marathon", "we both ran the Dublin marathon"),
        ("both into bouldering", "we are both into bouldering"),
        ("roadmap - esp. pricing", "the roadmap and especially pricing"),
        ("the roadmap esp pricing", "the roadmap and especially pricing"),
        ("the migration, incl. QC", "the migration including QC"),
        ("the demo was v fun", "the demo was very fun"),
        ("~3 releases a year", "3 releases a year"),
        ("SEO for 30 mins", "SEO"),
        ("a 6 mo contract", "a 6-month contract"),
        ("growth from 2k to 18k users", "growth from 2,000 to 18,000 users"),
        ("the 5k users", "the 5,000 users"),
        ("Kafka vs. Pulsar", "Kafka versus Pulsar"),
        ("the stack, e.g. dbt", "the stack"),
        ("tools e.g. dbt", "the tools such as dbt"),
        ("3 days/wk in office", "3 days a week in office"),
        ("ASK RE TERRITORY SPLIT", "territory split"),
        ("moving to github actions", "moving to GitHub Actions"),
        ("the q1 plan", "the Q1 plan"),
        ("the offsite, honestly", "the offsite"),
        ("the roadmap TBH", "the roadmap"),
        ("N/A", ""),
        # Text that is not ASCII is never skipped: ignoring case, "ſ" is an "s".
        ("café w Dana", "café with Dana"),
        ("Kafka vſ. Pulsar", "Kafka versus Pulsar"),
    ],
)
def test_each_rewrite(note: str, carried: str) -> None:
    assert adapt_talking_point(note).text == carried


@pytest.mark.parametrize(
    "note",
    ["the SIGNING BONUS", "Off The Record: layoffs", "the roadmap (don't mention!!)",
     "Dysfunctional team", "pain points were... ugh", "the café was a TRAIN WRECK"],
)  # fmt: skip
def test_a_private_phrase_in_any_case_is_found(note: str) -> None:
    assert adapt_talking_point(note).code == "private_note"
