"""Long, wide and packed sheets all become one row per interviewer."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import problems, read

from followup.read import split_addresses

INTERVIEW = {"Company": "Northwind", "Role": "Data Analyst", "Start": "2026-11-24 14:30"}
EXPECTED = pd.DataFrame(
    {
        "row": [2, 2, 3],
        "interviewer_name": ["Dana Whitfield", "Ortega, Luis", "Zoë Müller"],
        "interviewer_email": ["dana@nw.example", "luis@nw.example", "zoe@nw.example"],
    }
)


def _people(result) -> pd.DataFrame:
    return result.recipients[["row", "interviewer_name", "interviewer_email"]]


def test_long_layout():
    sheet = pd.DataFrame(
        [
            {**INTERVIEW, "Interviewer": "Dana Whitfield", "Interviewer Email": "dana@nw.example"},
            {**INTERVIEW, "Interviewer": "Ortega, Luis", "Interviewer Email": "luis@nw.example"},
            {
                **INTERVIEW,
                "Start": "2026-11-25 9:00",
                "Interviewer": "Zoë Müller",
                "Interviewer Email": "zoe@nw.example",
            },
        ]
    )
    result = read(sheet)
    expected = EXPECTED.assign(row=[2, 3, 4])
    pd.testing.assert_frame_equal(_people(result), expected)
    assert result.layout == "long"
    assert result.n_interviews == 2


def test_wide_layout_with_per_interviewer_fields():
    sheet = pd.DataFrame(
        [
            {
                **INTERVIEW,
                "Interviewer 1 Name": "Dana Whitfield",
                "Interviewer 1 Email": "dana@nw.example",
                "Interviewer 1 Talking Point": "dbt",
                "interviewer_2_name": "Ortega, Luis",
                "interviewer_2_email": "luis@nw.example",
                "Interviewer 2 Question": "When?",
                "Interviewer 3 Name": "",
                "Interviewer 3 Email": "",
            },
            {
                **INTERVIEW,
                "Start": "2026-11-25 9:00",
                "Interviewer 1 Name": "",
                "Interviewer 1 Email": "",
                "Interviewer 1 Talking Point": "",
                "interviewer_2_name": "Zoë Müller",
                "interviewer_2_email": "zoe@nw.example",
                "Interviewer 2 Question": "",
                "Interviewer 3 Name": "",
                "Interviewer 3 Email": "",
            },
        ]
    )
    result = read(sheet)
    assert result.layout == "wide"
    assert result.rejects.empty, result.rejects
    pd.testing.assert_frame_equal(_people(result), EXPECTED)
    assert result.recipients["talking_point"].tolist()[:1] == ["dbt"]
    assert result.recipients["question"].tolist()[1] == "When?"


def test_a_wide_sheet_may_give_the_field_before_the_slot():
    """Before, "Talking point 1" was every interviewer's note and "Talking point 2" unused:
    the second interviewer was thanked for what the first had said."""
    sheet = pd.DataFrame(
        [
            {
                **INTERVIEW,
                "Interviewer #1": "Dana Whitfield",
                "Interviewer #1's e-mail": "dana@nw.example",
                "Second interviewer": "Luis Ortega",
                "Second interviewer email": "luis@nw.example",
                "Talking point 1": "the churn model",
                "Talking point 2": "the fraud case study",
                "Question 2": "When will you decide?",
            }
        ]
    )
    result = read(sheet)
    assert result.layout == "wide"
    assert result.rejects.empty, result.rejects
    r = result.recipients
    assert r["talking_point"].tolist() == ["the churn model", "the fraud case study"]
    assert r["question"].fillna("").tolist() == ["", "When will you decide?"]
    # a numbered column for no interviewer of the sheet is not used, and not the interview's
    result = read(sheet.assign(**{"Question 3": "Is it remote?"}))
    assert result.recipients["question"].fillna("").tolist() == ["", "When will you decide?"]
    assert problems(result) == [(1, "Question 3", "column not used")]


def test_a_column_for_every_interviewer_does_not_fill_an_empty_wide_slot():
    # "Questions I still have", unnumbered, asked every interviewer: the third slot of a
    # two-person interview was an error, "no interviewer in this row"
    sheet = pd.DataFrame(
        [
            {**INTERVIEW, "Interviewer 1": "Dana Whitfield", "Interviewer 1 Email": "dana@x.org"}
            | {"Interviewer 2": "", "Interviewer 2 Email": "", "Questions I still have": "When?"},
            {**INTERVIEW, "Interviewer 1": "", "Interviewer 1 Email": ""}
            | {"Interviewer 2": "", "Interviewer 2 Email": "", "Questions I still have": "When?"},
        ]
    )
    result = read(sheet)
    assert result.recipients[["interviewer_name", "question"]].to_numpy().tolist() == [
        ["Dana Whitfield", "When?"]
    ]
    assert problems(result) == [(3, "Interviewer 1", "no interviewer in this row")]


def test_a_question_written_once_for_a_wide_panel_is_asked_once():
    sheet = pd.DataFrame(
        [
            {**INTERVIEW, "Interviewer 1": "Dana", "Interviewer 1 Email": "dana@x.org"}
            | {"Interviewer 2": "Luis", "Interviewer 2 Email": "luis@x.org"}
            | {"Interviewer 2 question": "Is there a mentor?", "Question": "When will you decide?"},
        ]
    )
    result = read(sheet)
    assert result.recipients["question"].fillna("").tolist() == [
        "When will you decide?",
        "Is there a mentor?",  # a question of their own stays theirs
    ]
    result = read(sheet.drop(columns="Interviewer 2 question"))
    assert result.recipients["question"].fillna("").tolist() == ["When will you decide?", ""]


def test_wide_layout_with_address_cells_and_a_row_without_anyone():
    sheet = pd.DataFrame(
        [
            {
                **INTERVIEW,
                "Interviewer 1": "Dana Whitfield <dana@nw.example>",
                "Interviewer 2": '"Ortega, Luis" <luis@nw.example>',
            },
            {**INTERVIEW, "Interviewer 1": "", "Interviewer 2": ""},
            {
                **INTERVIEW,
                "Start": "2026-11-25 9:00",
                "Interviewer 1": "zoe@nw.example",
                "Interviewer 2": "Pat",
            },
        ]
    )
    result = read(sheet)
    assert result.recipients["interviewer_email"].tolist() == ["dana@nw.example", "luis@nw.example"]
    assert problems(result) == [
        (3, "Interviewer 1", "no interviewer in this row"),
        (4, "Interviewer 1", "missing interviewer name"),
        (4, "Interviewer 2", "missing interviewer email"),
    ]
    assert result.rows_rejected == 2


def test_packed_layout_rfc5322_lists():
    sheet = pd.DataFrame(
        [
            {
                **INTERVIEW,
                "Interviewer(s)": (
                    'Dana Whitfield <dana@nw.example>; "Ortega, Luis" <luis@nw.example>'
                ),
            },
            {
                **INTERVIEW,
                "Start": "2026-11-25 9:00",
                "Interviewer(s)": "Zoë Müller <zoe@nw.example>",
            },
        ]
    )
    result = read(sheet)
    assert result.layout == "packed"
    pd.testing.assert_frame_equal(_people(result), EXPECTED)


def test_packed_cell_in_an_interviewer_column_with_a_bad_part():
    sheet = pd.DataFrame(
        [
            {**INTERVIEW, "Interviewer": "Dana Whitfield <dana@nw.example>, Luis Ortega"},
        ]
    )
    result = read(sheet)
    assert result.recipients["interviewer_name"].tolist() == ["Dana Whitfield"]
    assert problems(result) == [(2, "Interviewer", "missing interviewer email")]
    assert result.rejects["value"].tolist() == [""]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("a@x.example", [("", "a@x.example")]),
        ("A <a@x.example>,B <b@x.example>", [("A", "a@x.example"), ("B", "b@x.example")]),
        (
            '"Last, First" <f@x.example>; "Q \\"Z\\" R" <q@x.example>',
            [("Last, First", "f@x.example"), ('Q "Z" R', "q@x.example")],
        ),
        ("A <a@x.example>\nB <b@x.example>", [("A", "a@x.example"), ("B", "b@x.example")]),
        ("a@x.example (Ann, HR)", [("Ann, HR", "a@x.example")]),
        ("Just A Name", [("Just A Name", "")]),
        (" ; ", []),
    ],
)
def test_split_addresses(cell, expected):
    assert split_addresses(cell) == expected


def test_one_question_beside_a_packed_panel_is_asked_of_its_first_interviewer():
    sheet = pd.DataFrame(
        {**INTERVIEW, "Interviewers": ["Dana, Luis"], "Emails": ["dana@x.org; luis@x.org"]}
        | {"Question": ["Do you fine-tune in house?"], "Talking point": ["dbt; churn"]}
    )
    r = read(sheet).recipients
    assert r["question"].fillna("").tolist() == ["Do you fine-tune in house?", ""]
    assert r["talking_point"].tolist() == ["dbt", "churn"]


def test_names_with_addresses_beside_an_empty_address_cell_give_the_addresses():
    """Before, such a row was rejected for a missing email though its names cell held them."""
    frame = pd.DataFrame(
        {
            "Company": ["Brightwater", "Kobalt", "Kobalt"],
            "Role": "UX Researcher",
            "Start": ["2026-12-02 10:00", "2026-12-03 15:00", "2026-12-03 16:00"],
            "Who I met": [
                "Émilie Dubois-Léger <emilie@bw.example>; "
                '"Van der Berg, Pieter" <pieter@bw.example>',
                "Per Lund <per@kobalt.example>",
                "Dana @ Acme",  # no address: still reported as missing one
            ],
            "Emails": "",
        }
    )
    result = read(frame)
    people = result.recipients[["interviewer_name", "interviewer_email"]].to_numpy().tolist()
    assert people == [
        ["Émilie Dubois-Léger", "emilie@bw.example"],
        ["Van der Berg, Pieter", "pieter@bw.example"],
        ["Per Lund", "per@kobalt.example"],
    ]
    assert problems(result) == [(4, "Emails", "missing interviewer email")]


def test_a_question_written_on_every_row_of_a_panel_is_asked_by_its_first():
    """Before, each of five panelists was asked "When will the team decide?", as a wide
    sheet's one question already was not."""
    frame = pd.DataFrame(
        {
            "Company": "Brightwater",
            "Role": "Risk Analyst",
            "Start": "2026-12-04 09:00",
            "Interviewer": ["Priyanka", "Colm", "Sarah"],
            "Interviewer Email": ["p@bw.example", "c@bw.example", "s@bw.example"],
            "Question": ["When will the team decide?"] * 2 + ["How is risk appetite set?"],
        }
    )
    questions = read(frame).recipients["question"].fillna("").tolist()
    assert questions == ["When will the team decide?", "", "How is risk appetite set?"]
