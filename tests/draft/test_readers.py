"""A note as its reader reads it: a panel's shared note cut to each reader's part, the reader
named in it spoken to, and letters that never hand one panelist another's topic."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SENDER, read

from followup.draft import check_drafts, render_drafts

NOW = "2026-12-07 20:00"


def letters(rows: list[dict[str, str]]) -> tuple[dict[str, str], pd.DataFrame]:
    """Each interviewer's letter body, by name, and the drafts' findings."""
    base = {"Company": "Civic Digital", "Role": "UX Researcher", "Start": "2026-12-07 13:00"}
    recipients = read(pd.DataFrame([{**base, **row} for row in rows])).recipients
    drafts = render_drafts(recipients, sender=SENDER, now=NOW)
    bodies = dict(zip(drafts["interviewer_name"], drafts["body"], strict=True))
    return bodies, check_drafts(drafts, now=NOW)


def packed(names: str, addresses: str, note: str) -> dict[str, str]:
    """Each letter of a packed row: a cell of names, one of addresses, one shared note."""
    return letters([{"Interviewers": names, "Emails": addresses, "Talking Point": note}])[0]


def test_a_packed_panel_note_gives_each_reader_their_own_part():
    """Before: Femi was thanked for "accessibility audits on gov forms", Hannah's topic."""
    bodies = packed(
        "Hannah O'Connell; Femi Adeyemi",
        "hannah@civic.example, femi@civic.example",
        "Hannah - accessibility audits on gov forms. Femi - grew up in Leeds like me",
    )
    assert "accessibility audits on gov forms" in bodies["Hannah O'Connell"]
    assert "Leeds" not in bodies["Hannah O'Connell"]
    assert "accessibility" not in bodies["Femi Adeyemi"]
    assert "we both grew up in Leeds" in bodies["Femi Adeyemi"]


def test_a_packed_note_is_not_split_at_its_commas_to_match_the_names():
    """Before: "Maria has 2 kids at primary, we talked about screen time rules. Tom gave
    the talk" was cut at its comma, and Tom was thanked for Maria's screen time rules."""
    bodies = packed(
        "Maria Lopez & Tom Nguyen",
        "maria@bl.example; tom@bl.example",
        "Maria has 2 kids at primary, we talked about screen time rules. Tom gave the diary "
        "studies talk at UX London 2025 - I'd watched it!",
    )
    assert "you have 2 kids at primary" in bodies["Maria Lopez"]
    assert "the maria" not in bodies["Maria Lopez"].lower()
    assert "screen time" not in bodies["Tom Nguyen"]
    assert "you gave the diary studies talk at UX London 2025" in bodies["Tom Nguyen"]


@pytest.mark.parametrize(
    ("name", "note", "said"),
    [
        ("Maria Lopez", "Maria has 2 kids at primary", "you have 2 kids at primary"),
        ("Sam Whitaker", "Sam and Wei both played cello in the university orchestra",
         "we both played cello in the university orchestra"),
        ("Femi Adeyemi", "loves climbing like me", "we both love climbing"),
        # before, "Since we spoke, I have been thinking about lunch."
        ("Priya Venkataraman", "lunch - she loves trail running like me",
         "that we both love trail running"),
        ("Dean Kowalczyk", "Dean and I both rowed at uni", "we both rowed at uni"),
        ("Øyvind Haaland", "Øyvind has twin girls who just started school",
         "to hear that you have twin girls who just started school"),
        ("Dr. Aoife Byrne", "she's from Galway, same as me", "we are both from Galway"),
    ],
)  # fmt: skip
def test_the_reader_named_in_a_note_is_spoken_to(name, note, said):
    bodies, _ = letters([{"Interviewer": name, "Email": "x@civic.example", "Talking Point": note}])
    assert said in bodies[name]


def test_a_reader_who_asked_about_someone_elses_work_is_not_given_it():
    """An adviser's "Tom asked about her plate reader scripts" is the student's work: never
    "your plate reader scripts" in the letter to Tom."""
    bodies, findings = letters(
        [
            {
                "Interviewer": "Tom Reyes",
                "Email": "tom@acme.example",
                "Talking Point": "Tom asked about her plate reader automation scripts",
            }
        ]
    )
    assert "your plate reader" not in bodies["Tom Reyes"]
    assert "note_he_she" in findings["code"].tolist()


@pytest.mark.parametrize(
    "note",
    [
        "she mentioned her thesis on CRISPR screens in yeast",
        "he mentioned his capstone on route optimization for the campus food bank",
        "she talked about her internship at RBC",
    ],
)
def test_a_students_own_work_in_an_advisers_note_comes_back(note):
    """Before: "I found what you said about your thesis on CRISPR screens" to the
    interviewer, of the student's thesis, marked ready."""
    bodies, findings = letters(
        [{"Interviewer": "Dr. Helen Park", "Email": "h@acme.example", "Talking Point": note}]
    )
    assert "your thesis" not in bodies["Dr. Helen Park"]
    assert "your capstone" not in bodies["Dr. Helen Park"]
    assert "your internship" not in bodies["Dr. Helen Park"]
    assert findings.query("code == 'note_he_she'")["severity"].tolist() == ["error"]


@pytest.mark.parametrize(
    ("note", "code", "kept"),
    [
        ("Jordan froze on the recursion q - practice w/ him this wk", "note_sentences", None),
        ("team uses Kotlin + Spring, Jordan wants to learn it", "note_shortened",
         "the team uses Kotlin and Spring"),
    ],
)  # fmt: skip
def test_a_note_that_names_the_candidate_never_tells_the_reader_of_them(note, code, kept):
    """A coach's note names the student: before, "What you shared about the Jordan froze
    on the recursion q has stayed with me", marked ready."""
    bodies, findings = letters(
        [{"Candidate": "Jordan Lee", "Candidate Email": "jordan@uni.example",
          "Interviewer": "Kwame Asante", "Email": "k@civic.example", "Talking Point": note}]
    )  # fmt: skip
    assert "Jordan" not in bodies["Kwame Asante"].split("\n\n", 1)[1].rsplit("\n\n", 1)[0]
    assert code in findings["code"].tolist()
    if kept:
        assert kept in bodies["Kwame Asante"]
