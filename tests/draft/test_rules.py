"""Each follow-up rule, broken on purpose, is found; good drafts pass."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SENDER, read

from followup.draft import FINDING_COLUMNS, check_drafts, render_drafts

GOOD = (
    "Dear Dana,\n\nThank you for meeting with me about the Data Analyst role at Northwind. "
    "I enjoyed our talk about the churn dashboard.\n\nI am very interested in joining the team.\n\n"
    "Best regards,\nAvery Quinn\n"
)


@pytest.fixture
def draft() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "Company": ["Northwind"],
            "Role": ["Data Analyst"],
            "Start": ["2026-11-24 14:30"],
            "Interviewer": ["Dana Whitfield"],
            "Interviewer Email": ["dana@nw.example"],
            "Talking Point": ["the churn dashboard"],
        }
    )
    recipients, _ = read(frame)
    return render_drafts(recipients, sender=SENDER).assign(body=GOOD)


def findings_for(drafts: pd.DataFrame, now: str = "2026-11-24 22:00") -> list[tuple[str, str, str]]:
    found = check_drafts(drafts, now=now)
    assert list(found.columns) == list(FINDING_COLUMNS)
    return list(found[["rule", "severity", "message"]].itertuples(index=False, name=None))


def test_good_draft_has_no_findings(draft):
    assert findings_for(draft) == []


def test_r1_overdue_in_hours_then_days(draft):
    assert findings_for(draft, now="2026-11-26 05:30") == [
        ("R1", "warning", "overdue by 8 hours; send it today (late beats never)")
    ]
    assert findings_for(draft, now="2026-11-25 22:30")[0][2].startswith("overdue by 1 hour;")
    assert findings_for(draft, now="2026-11-29 15:30")[0][2].startswith("overdue by 4 days")


def test_r2_one_recipient(draft):
    two = draft.assign(interviewer_email="dana@nw.example, luis@nw.example")
    assert findings_for(two)[0][:2] == ("R2", "error")
    twice = pd.concat([draft, draft], ignore_index=True)
    assert ("R2", "error", "a second draft to Dana Whitfield for the same interview") in (
        findings_for(twice)
    )


def test_r3_talking_point_missing_or_absent(draft):
    assert findings_for(draft.assign(talking_point=pd.NA)) == [
        (
            "R3",
            "warning",
            "no talking point for Dana Whitfield: add what you discussed with them in the "
            "Talking Point column",
        )
    ]
    assert findings_for(draft.assign(talking_point="the data platform")) == [
        (
            "R3",
            "error",
            'the talking point for Dana Whitfield is not in the body: "the data platform"',
        )
    ]
    said_otherwise = GOOD.replace("the churn dashboard", "how you rebuilt the dashboard for churn")
    assert findings_for(draft.assign(body=said_otherwise)) == []


def test_r4_gratitude(draft):
    rude = draft.assign(body=GOOD.replace("Thank you for meeting", "I met"))
    assert findings_for(rude) == [
        ("R4", "error", "no thanks to Dana Whitfield: thank them for their time")
    ]


def test_r5_interest_or_no_feigned_enthusiasm(draft):
    flat = draft.assign(body=GOOD.replace("I am very interested in joining the team.", "Bye."))
    assert findings_for(flat) == [
        ("R5", "error", "does not restate interest in the Data Analyst role at Northwind")
    ]
    no_role = draft.assign(body=GOOD.replace("Data Analyst role at ", ""))
    assert findings_for(no_role)[0][0] == "R5"
    fake = draft.assign(interested=False, body=GOOD.replace("very interested", "so excited"))
    assert findings_for(fake) == [
        ("R5", "error", "sounds eager although you are no longer interested; keep it to gratitude")
    ]
    eager = fake.assign(interested=True, draft_id="d-eager", interviewer_email="luis@nw.example")
    panel = pd.concat([eager, fake, eager.assign(draft_id="d-2")], ignore_index=True)
    found = check_drafts(panel, now="2026-11-24 12:00")
    assert found.loc[found["rule"] == "R5", "draft_id"].tolist() == [fake["draft_id"].iloc[0]]


def test_r6_paragraphs_and_words(draft):
    long_body = GOOD.replace("\n\nBest", "\n\nOne more.\n\nAnd another.\n\nBest")
    assert findings_for(draft.assign(body=long_body)) == [
        ("R6", "error", "4 paragraphs; keep it to 3 short ones")
    ]
    wordy = GOOD.replace("the team.", "the team. " + "It was very good. " * 40)
    assert findings_for(draft.assign(body=wordy)) == [
        ("R6", "warning", "189 words; aim for 150 at most")
    ]


def test_r7_question_asked(draft):
    assert findings_for(draft.assign(question="When do you decide?")) == [
        ("R7", "error", 'the question for Dana Whitfield is not asked: "When do you decide?"')
    ]


@pytest.mark.parametrize(
    ("insert", "message"),
    [
        ("Dear [Name], ", "leftover placeholder [Name]"),
        ("{{ company }} ", "leftover placeholder {{"),
        ("Dear [Company] team. ", "leftover placeholder [Company]"),
        ("I liked the the office. ", "repeated word: 'the the'"),
        ("I liked The the office. ", "repeated word: 'The the'"),
        ("I recieved great advice. ", "unknown word(s): 'recieved' (did you mean 'received'?)"),
    ],
)
def test_r8_proofreading(draft, insert, message):
    body = GOOD.replace("I am very", insert + "I am very")
    found = findings_for(draft.assign(body=body))
    assert found == [("R8", "error" if "word(s)" not in message else "warning", message)]


@pytest.mark.parametrize("insert", ["I liked the IT it runs on. ", "Northwind AS as a firm. "])
def test_r8_an_acronym_beside_the_same_small_word_is_not_repeated(draft, insert):
    body = GOOD.replace("I am very", insert + "I am very")
    assert findings_for(draft.assign(body=body)) == []


def test_r8_names_companies_roles_and_known_words_are_not_misspellings(draft):
    body = GOOD.replace(
        "I am very",
        "Whitfield and Quinn at Northwind use dbt, Dagster and airbyte in ad tech. I am very",
    )
    assert findings_for(draft.assign(body=body))[0][2] == "unknown word(s): 'airbyte'"
    known = ["airbyte"]
    assert check_drafts(draft.assign(body=body), now="2026-11-24 22:00", known_words=known).empty


def test_r8_a_name_written_in_capitals_is_no_misspelling_where_the_letter_greets_it(draft):
    # "ÉLODIE MARCHAND" in the sheet, greeted as Élodie: her name is not an unknown word.
    shouted = draft.assign(interviewer_name="ÉLODIE MARCHAND", body=GOOD.replace("Dana", "Élodie"))
    assert findings_for(shouted) == []


def test_r8_suggests_only_a_likely_correction(draft):
    """A short unknown word is more often a tool's name than a typo: no "'dbt' (did you mean
    'debt'?)"; a long one gets a correction of its own length."""
    body = GOOD.replace("I am very", "We use zeq and I recieved intorduction. I am very")
    assert findings_for(draft.assign(body=body))[0][2] == (
        "unknown word(s): 'intorduction' (did you mean 'introduction'?), "
        "'recieved' (did you mean 'received'?), 'zeq'"
    )


def test_typo_in_a_talking_point_is_found_once_per_value_and_every_draft_reports_it(draft):
    many = pd.concat([draft] * 3, ignore_index=True).assign(
        interviewer_email=["a@x.example", "b@x.example", "c@x.example"],
        draft_id=["d-1", "d-2", "d-3"],
        talking_point="the new warehuose",
        body=GOOD.replace("the churn dashboard", "the new warehuose"),
    )
    found = check_drafts(many, now="2026-11-24 12:00").query("rule == 'R8'")
    assert found["draft_id"].tolist() == ["d-1", "d-2", "d-3"]
    assert found["message"].str.contains("'warehuose' \\(did you mean 'warehouse'\\?\\)").all()
