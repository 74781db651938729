"""Rendering drafts: built-in templates, panels, user templates and their errors."""

from __future__ import annotations

import re
import time

import pandas as pd
import pytest
from conftest import SENDER, read

import followup
from followup.draft import check_drafts, load_template, render_drafts


def panel(n: int, **extra) -> pd.DataFrame:
    """Recipients of one interview with ``n`` interviewers."""
    frame = pd.DataFrame(
        {
            "Company": "Northwind",
            "Role": "Data Analyst",
            "Start": "2026-11-24 14:30",
            "Interviewer": [f"Person{chr(65 + i)} Example" for i in range(n)],
            "Interviewer Email": [f"p{i}@nw.example" for i in range(n)],
            "Talking Point": [f"the {i}th project on the roadmap" for i in range(n)],
            **extra,
        }
    )
    recipients, rejects = read(frame)
    assert (rejects["severity"] != "error").all(), rejects
    return recipients


def sentences(body: str) -> set[str]:
    """The sentences of six or more words between the greeting and the sign-off."""
    core = body.split("\n\n", 1)[1].rsplit("\n\n", 1)[0]
    parts = re.split(r"(?<=[.!?])\s+", core.replace("\n", " "))
    return {s for s in parts if len(s.split()) >= 6}


def test_sample_drafts_follow_the_rules(sample_drafts):
    findings = check_drafts(sample_drafts, now="2026-11-12 00:00")
    assert set(findings.loc[findings["rule"] == "R1", "code"]) == {"not_yet_held"}  # a day ahead
    findings = findings[findings["rule"] != "R1"]
    assert sorted(zip(findings["code"], findings["severity"], strict=True)) == [
        ("greeting_name", "info"),
    ]


def test_notes_to_rewrite_are_left_out_of_the_letters_and_each_is_an_error():
    recipients, _ = read("data/notes-to-rewrite.csv", tz="America/Chicago")
    drafts = render_drafts(recipients, sender=SENDER, now="2026-11-24 14:00")
    findings = check_drafts(drafts, now="2026-11-24 14:00")
    errors = findings[findings["severity"] == "error"]
    assert sorted(errors["code"].unique()) == [
        "note_first_person", "note_he_she", "note_impression", "note_shorthand",
        "note_to_self", "note_unclear", "private_note",
    ]  # fmt: skip
    shortened = findings.loc[findings["code"] == "note_shortened"]
    assert shortened["severity"].tolist() == ["warning"]
    assert 'carries only "the ETL backlog"' in shortened["message"].iloc[0]
    assert drafts["body"].str.contains("the ETL backlog", regex=False).sum() == 1
    first = errors.loc[errors["code"] == "note_first_person", "message"].iloc[0]
    assert first.startswith("the talking point for Marta Silva is a sentence about what you")
    assert first.endswith('e.g. "the outage model"')
    for note in ("outage model", "she recommended", "Great energy", "85-95k", "portfolio"):
        assert not drafts["body"].str.contains(note, regex=False).any(), note


def test_drafts_add_columns_and_leave_input_alone():
    recipients = panel(3)
    before = recipients.copy(deep=True)
    drafts = render_drafts(recipients, sender=SENDER)
    pd.testing.assert_frame_equal(recipients, before)
    assert list(drafts.columns[: len(recipients.columns)]) == list(recipients.columns)
    for column in ("draft_id", "due_at", "subject", "body", "template", "variant"):
        assert column in drafts.columns
    assert drafts["draft_id"].is_unique
    assert (drafts["due_at"] == drafts["interview_end"] + pd.Timedelta(hours=24)).all()
    assert drafts["subject"].is_unique
    assert drafts["subject"].str.contains("Data Analyst|Thank", regex=True).all()


def test_draft_ids_are_stable_across_runs_and_row_order():
    drafts = render_drafts(panel(3), sender=SENDER)
    again = render_drafts(panel(3).iloc[::-1], sender=SENDER)
    assert sorted(drafts["draft_id"]) == sorted(again["draft_id"])


@pytest.mark.parametrize("size", [1, 2, 4])
def test_panel_members_never_share_a_sentence(size):
    drafts = render_drafts(panel(size), sender=SENDER)
    bodies = drafts["body"].tolist()
    for i in range(size):
        for j in range(i + 1, size):
            assert not sentences(bodies[i]) & sentences(bodies[j]), (bodies[i], bodies[j])
    assert check_drafts(drafts, now="2026-11-24 23:00").empty


def test_a_twelve_person_panel_shares_no_sentence_and_a_thirteenth_is_flagged():
    drafts = render_drafts(panel(12, Question="When will you decide?"), sender=SENDER)
    assert check_drafts(drafts, now="2026-11-24 23:00").empty
    assert drafts["subject"].nunique() == 12
    for i, a in enumerate(drafts["body"]):
        for b in drafts["body"].iloc[i + 1 :]:
            assert not sentences(a) & sentences(b)
    larger = render_drafts(panel(13, Question="When will you decide?"), sender=SENDER)
    findings = check_drafts(larger, now="2026-11-24 23:00")
    assert set(findings["code"]) == {"shared_wording"}
    assert findings["message"].str.startswith("shares a sentence with another draft").all()


def test_an_abbreviated_title_in_the_role_does_not_end_a_sentence_shared_by_the_panel():
    drafts = render_drafts(panel(7, Role="Sr. Data Analyst", Company="Lumen Health"), sender=SENDER)
    assert check_drafts(drafts, now="2026-11-24 23:00").empty


def test_a_fit_of_experience_with_a_tool_reads_without_a_doubled_with():
    drafts = render_drafts(panel(12, **{"Why I fit": "dbt + airflow"}), sender=SENDER)
    fits = drafts["body"].str.extract(r"([^.\n]*my experience with dbt and Airflow[^.]*\.)")[0]
    assert fits.notna().all()
    assert fits.nunique() == 12  # every frame of the fit sentence
    assert not fits.str.contains(r"\bwith my experience with\b", case=False).any(), fits


def test_a_note_that_names_its_reader_as_owner_says_your():
    recipients = panel(3).assign(
        interviewer_name=["Dr. Anjali Patel", "Sam O'Connell", "Dana Whitfield"],
        talking_point=["Dr. Patel's forecasting work", "Sam's onboarding plan", "Priya's roadmap"],
        question=["", "ask about Sam's team size", ""],
    )
    drafts = render_drafts(recipients, sender=SENDER)
    body = drafts["body"].tolist()
    assert "your forecasting work" in body[0]
    assert "Patel's" not in body[0].split("\n", 1)[1]  # past the greeting
    assert "your onboarding plan" in body[1]
    assert "your team size" in body[1]
    assert "Priya's roadmap" in body[2]  # someone else's, to Dana
    # a colleague's name in the sheet, as an owner, is no unknown word
    colleagues = panel(2).assign(
        interviewer_name=["Priya Raghunathan", "Seán Ó Briain"],
        talking_point=["the dbt style guide", "Priya's dbt style guide"],
    )
    findings = check_drafts(render_drafts(colleagues, sender=SENDER), now="2026-11-24 16:00")
    assert "unknown_word" not in set(findings["code"]), findings["message"].tolist()
    notes = followup.adapt_notes(recipients)
    assert notes.loc[notes["before"] == "Dr. Patel's forecasting work", "after"].tolist() == [
        "your forecasting work"
    ]


def test_a_place_named_of_something_takes_the():
    drafts = render_drafts(panel(2, Company="University of Riverside"), sender=SENDER)
    assert drafts["body"].str.contains("the University of Riverside", regex=False).all()
    assert not drafts["body"].str.contains(r"(?<!the )University of", regex=True).any()


def test_abbreviations_in_a_role_and_an_employer_are_spelled_out():
    """Before: "the Backend Eng role", "joining County Health Dept"."""
    drafts = render_drafts(
        panel(2, Company="County Health Dept", Role="Sr. Backend Eng"), sender=SENDER
    )
    body = drafts["body"].iloc[0]
    assert "Senior Backend Engineer" in body, body
    assert "the County Health Department" in body, body
    assert not drafts["body"].str.contains(r"\bEng\b|\bDept\b|\bSr\.", regex=True).any()
    findings = check_drafts(drafts)
    assert not findings["severity"].eq("error").any(), findings  # the role is still named
    drafts = render_drafts(panel(2, Company="Hays (recruiter)"), sender=SENDER)  # an aside
    assert not drafts["body"].str.contains("(recruiter)", regex=False).any()
    assert not check_drafts(drafts)["severity"].eq("error").any()


def test_a_stock_phrase_in_a_note_never_reaches_the_letter_and_the_draft_needs_fixes():
    points = ["think outside the box re: cost dashboards", "SLOs - at the end of the day"]
    drafts = render_drafts(panel(2, **{"Talking Point": points}), sender=SENDER)
    assert not drafts["body"].str.contains("outside the box|end of the day", regex=True).any()
    assert drafts["body"].str.contains("SLOs|cost dashboards").tolist() == [False, True]
    findings = check_drafts(drafts, now="2026-11-24 23:00")
    said = findings[findings["code"].str.startswith("note_")]
    assert said[["code", "severity"]].to_numpy().tolist() == [
        ["note_stock_phrase", "error"], ["note_shortened", "warning"]
    ]  # fmt: skip
    assert said["message"].iloc[0] == (
        "the talking point for PersonA Example leans on a stock phrase ('think outside the box'),"
        ' which reads as filler, so the letter leaves it out: "think outside the box re: cost'
        ' dashboards"; write the talking point in your own words, e.g. "cost dashboards"'
    )


def test_a_placeholder_note_is_not_carried_and_the_letter_asks_for_a_talking_point():
    drafts = render_drafts(
        panel(2, **{"Talking Point": ["N/A", "dbt"], "Question": "TBD"}), sender=SENDER
    )
    assert not drafts["body"].str.contains("N/A|TBD", regex=True).any()
    findings = check_drafts(drafts, now="2026-11-24 23:00")
    said = findings.loc[findings["code"] == "no_talking_point"]
    assert said["draft_id"].tolist() == [drafts["draft_id"].iloc[0]]
    assert (
        said["message"]
        .iloc[0]
        .startswith(
            'no talking point for PersonA Example ("N/A" stands in for one): add what you discussed'
        )
    )


def test_a_question_in_the_talking_point_is_asked_and_the_finding_says_so():
    """Before, the finding said only "no talking point", to a user who had written one."""
    drafts = render_drafts(
        panel(1, **{"Talking Point": "how do you measure churn?"}), sender=SENDER
    )
    assert drafts["body"].str.contains("How do you measure churn?", regex=False).all()
    findings = check_drafts(drafts, now="2026-11-24 23:00")
    said = findings.loc[findings["code"] == "no_talking_point", "message"].item()
    assert said == (
        'no talking point for PersonA Example (the question "how do you measure churn?" was '
        "asked as the question): add what you discussed with them in the Talking Point column"
    )


def test_a_withdrawal_gets_no_finding_for_a_fit_or_question_it_does_not_carry():
    drafts = render_drafts(
        panel(1, **{"Still interested?": "no", "Why I fit": "my CRRT trained", "Question": "rn?"}),
        sender=SENDER,
    )
    assert drafts["template"].tolist() == ["gracious"]
    findings = check_drafts(drafts, now="2026-11-24 23:00")
    assert findings.empty, findings["message"].tolist()


def test_back_to_back_interviews_at_one_company_share_no_sentence():
    """Six interviews an hour apart, one interviewer each: six panels of one, whose letters
    the company's recruiter may read side by side."""
    starts = [f"2026-11-24 {h}:00" for h in (9, 10, 11, 13, 14, 15)]
    drafts = render_drafts(panel(6, Start=starts), sender=SENDER)
    assert drafts["interview_id"].nunique() == 6
    for i, a in enumerate(drafts["body"]):
        for b in drafts["body"].iloc[i + 1 :]:
            assert not sentences(a) & sentences(b), (a, b)


def test_shared_wording_quotes_the_first_shared_sentence_of_six_words_within_a_panel():
    drafts = render_drafts(panel(3), sender=SENDER)
    shared = "We spoke about the roadmap at length."
    short = "It was a good day."  # five words: too short to count
    core = [
        f"Thank you for your time. {short} {shared}",
        f"Thank you for meeting me. {short}\n\n{shared} I am glad.",
        "Thank you for the interview. Nothing here is the same as the others.",
    ]
    drafts["body"] = [f"Dear Person,\n\n{c}\n\nI want the job.\n\nBest,\nA\n"
                      for c in core]  # fmt: skip
    other = drafts.iloc[[0]].assign(interview_id="another", draft_id="d-other")
    findings = check_drafts(pd.concat([drafts, other]), now="2026-11-24 23:00")
    wording = findings[findings["code"] == "shared_wording"]
    assert wording["message"].tolist() == [
        f'shares a sentence with another draft to this panel: "{shared}"; '
        f"vary the wording for {name}"
        for name in ("PersonA Example", "PersonB Example")
    ]


def test_templates_are_chosen_by_interest_and_length():
    recipients = panel(3, Interested=["yes", "no", "yes"], Duration=["60", "60", "15"])
    drafts = render_drafts(recipients, sender=SENDER)
    assert drafts["template"].tolist() == ["thank-you", "gracious", "short"]
    gracious = drafts["body"].iloc[1]
    for eager in ("excited", "eager", "join your team"):
        assert eager not in gracious
    assert "thank" in gracious.lower()
    assert check_drafts(drafts, now="2026-11-24 23:00").empty


@pytest.mark.parametrize("unsure", ["meh", "maybe", "5/10", "ok i guess"])
def test_an_unsure_candidate_states_interest_with_measure(unsure):
    """Before: "meh" got "I left the interview more excited about the role than when I
    arrived." The letter still restates interest (R5), without eager words."""
    recipients = panel(12, Interested=[unsure] * 6 + ["yes"] * 6, Duration="60")
    assert recipients["interest_unsure"].tolist() == [True] * 6 + [False] * 6
    drafts = render_drafts(recipients, sender=SENDER)
    findings = check_drafts(drafts, now="2026-11-24 23:00")
    assert findings.empty
    bodies = drafts["body"]
    eager = bodies.str.contains(r"excited|eager|keen|thrilled|mean a great deal|proud to")
    assert not eager[:6].any()
    assert bodies[:6].str.contains(r"interest|opportunity|look forward|glad to").all()


def test_one_template_for_all_rows_when_named():
    drafts = render_drafts(panel(2, Interested=["yes", "no"]), template="short", sender=SENDER)
    assert drafts["template"].tolist() == ["short", "short"]


def test_names_with_commas_quotes_titles_and_accents_greet_correctly():
    frame = pd.DataFrame(
        {
            "Company": "Northwind",
            "Role": "Data Analyst",
            "Start": "2026-11-24 14:30",
            "Interviewer": ["Ortega, Luis", 'Dana "DJ" Whitfield', "Dr. Priya Raman", "Zoë Müller"],
            "Interviewer Email": ["l@nw.example", "d@nw.example", "p@nw.example", "z@nw.example"],
        }
    )
    recipients, _ = read(frame)
    drafts = render_drafts(recipients, sender="Ana Díaz <ana@example.com>")
    greetings = drafts["body"].str.split("\n").str[0].str.split(" ", n=1).str[1].tolist()
    assert greetings == ["Luis,", "DJ,", "Dr. Raman,", "Zoë,"]
    assert drafts["body"].str.endswith("\nAna Díaz\n").all()


def test_question_and_fit_appear_when_given():
    drafts = render_drafts(
        panel(2, Question=["When do you decide?", ""], Fit="three years of SQL"), sender=SENDER
    )
    assert "When do you decide?" in drafts["body"].iloc[0]
    assert "?" not in drafts["body"].iloc[1]
    assert drafts["body"].str.contains("three years of SQL").all()


@pytest.mark.parametrize("written", ["priya natarajan", "PRIYA NATARAJAN"])
def test_a_candidate_name_typed_in_one_case_is_signed_in_title_case(written):
    """Before: signed "priya natarajan", under a From: line that read "Priya Natarajan"."""
    drafts = render_drafts(
        panel(2, Candidate=written, **{"Candidate Email": "priya@example.com"}), sender=SENDER
    )
    assert drafts["body"].str.endswith("\nPriya Natarajan\n").all(), drafts["body"].iloc[0]
    assert "unknown_word" not in set(check_drafts(drafts)["code"])


def test_missing_sender_is_a_clear_error():
    with pytest.raises(followup.FollowupError, match=r"2 draft\(s\) have no sender to sign them"):
        render_drafts(panel(2))
    with pytest.raises(followup.FollowupError, match="not of the form"):
        render_drafts(panel(2), sender="nobody")


# --- user templates -------------------------------------------------------------------------


def write_template(tmp_path, text: str):
    path = tmp_path / "mine.j2"
    path.write_text(text)
    return path


def test_user_template_with_front_matter_and_an_extra_column(tmp_path):
    path = write_template(
        tmp_path,
        (
            "---\nsubject: Thanks, {{ interviewer_first }}!\n---\n"
            "Hi {{ interviewer_first }},\n\nThank you for talking about {{ talking_point }} "
            "for the {{ role }} job at {{ company }}. I am keen to join.\n\n"
            "Cheers,\n{{ candidate_first }} ({{ desk }})\n"
        ),
    )
    drafts = render_drafts(panel(1, Desk="B-12"), template=path, sender=SENDER)
    assert drafts["subject"].iloc[0] == "Thanks, PersonA!"
    assert drafts["body"].iloc[0].endswith("Cheers,\nAvery (B-12)\n")
    assert drafts["template"].iloc[0] == str(path)


def test_bodies_are_tidied_as_every_pass_over_every_body_would(tmp_path):
    path = write_template(tmp_path, "---\nsubject: Hi\n---\n{{ desk }}{{ desk }}\n")
    cells = ["Hi,\n\nThanks.", "Hi,  \r\n\n\n\nThanks. \t", "\xa0 a\r\rb\n \n\n\n c \u2009",
             "a\t\n\n\n\n\nb", " \n", "plain", "x\r\n\r\n\r\ny", "\u2009a \xa0\nb",
             "one  \ntwo"]  # fmt: skip
    recipients = panel(len(cells)).assign(desk=cells)
    expected = []
    for cell in cells:  # the three replacements over the whole body, then the trim
        text = re.sub(r"\r\n?", "\n", cell + cell + "\n")
        text = re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", text))
        expected.append(text.strip() + "\n")
    drafts = render_drafts(recipients, template=path, sender=SENDER)
    assert drafts["body"].tolist() == expected


def test_the_indefinite_filter_picks_the_article_as_the_letter_does(tmp_path):
    path = write_template(
        tmp_path, "---\nsubject: Hi\n---\nAs {{ role|indefinite }} and {{ desk|indefinite }}.\n"
    )
    drafts = render_drafts(panel(1, Desk="hourly lead"), template=path, sender=SENDER)
    assert drafts["body"].iloc[0] == "As a Data Analyst and an hourly lead.\n"
    drafts = render_drafts(panel(1, Role="UX Designer", Desk="x"), template=path, sender=SENDER)
    assert drafts["body"].iloc[0].startswith("As a UX Designer and ")


def test_unknown_variable_names_file_line_and_available_columns(tmp_path):
    path = write_template(tmp_path, "---\nsubject: Hi\n---\nHello,\n\n{{ interviewr_name }}\n")
    with pytest.raises(followup.TemplateError) as info:
        render_drafts(panel(1), template=path, sender=SENDER)
    message = str(info.value)
    assert message.startswith(f"{path}, line 6: unknown variable `interviewr_name`; available: ")
    assert "interviewer_name" in message
    assert "talking_point" in message


def test_syntax_error_names_file_and_line(tmp_path):
    path = write_template(tmp_path, "---\nsubject: Hi\n---\nHello,\n{% if role %}\nno end\n")
    with pytest.raises(
        followup.TemplateError, match=rf"{path}, line 5: Unexpected end of template"
    ):
        load_template(path)


def test_missing_subject_and_missing_file(tmp_path):
    with pytest.raises(followup.TemplateError, match="line 1: no subject"):
        load_template(write_template(tmp_path, "Hello {{ interviewer_first }}\n"))
    with pytest.raises(followup.TemplateError, match=r"neither a built-in .* nor an existing"):
        load_template(tmp_path / "nope.j2")


def test_user_templates_run_sandboxed(tmp_path):
    path = write_template(
        tmp_path, "---\nsubject: x\n---\n{{ company.__class__.__mro__[1].__subclasses__() }}\n"
    )
    with pytest.raises(followup.TemplateError, match=r"mine\.j2, line 4: .*"):
        render_drafts(panel(1), template=path, sender=SENDER)


def test_strict_undefined_attribute_error_names_the_line(tmp_path):
    path = write_template(tmp_path, "---\nsubject: x\n---\nHi\n\n{{ company.missing_attr }}\n")
    with pytest.raises(followup.TemplateError, match=r"mine\.j2, line 6: .*missing_attr"):
        render_drafts(panel(1), template=path, sender=SENDER)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{{ 1 / 0 }}", r"line 6: division by zero \(ZeroDivisionError\)"),
        ("{{ company.upper(1, 2, 3) }}", r"line 6: .*TypeError"),
        ("{{ range(10**9) | length }}", r"line 6: not allowed: range\(\) of 1,000,000,000"),
        ("{{ company * 10**9 }}", r"line 6: not allowed: .* the limit is 100,000"),
        ("{{ [1] * 10**6 }}", r"line 6: not allowed: .* 1,000,000 items"),
        ("{{ 10 ** 100000 }}", r"line 6: not allowed: 10 \*\* 100000 is too large"),
        ("{{ company.ljust(10**6) }}", r": one draft came to 1,00\d,\d{3} characters"),
    ],
)
def test_runtime_errors_and_runaway_templates_name_file_and_line(tmp_path, line, expected):
    path = write_template(tmp_path, f"---\nsubject: x\n---\nHi\n\n{line}\n")
    with pytest.raises(followup.TemplateError, match=rf"mine\.j2.*{expected}"):
        render_drafts(panel(1), template=path, sender=SENDER)


@pytest.mark.parametrize(
    "line",
    ['{% include "mine.j2" %}', '{% extends "mine.j2" %}', '{% import "mine.j2" as m %}',
     '{% from "mine.j2" import x %}'],
)  # fmt: skip
def test_templates_cannot_pull_in_other_files(tmp_path, line):
    path = write_template(tmp_path, f"---\nsubject: x\n---\nHi\n{line}\n")
    with pytest.raises(followup.TemplateError, match=r"mine\.j2, line 5: .* is not allowed"):
        load_template(path)


def test_a_template_that_runs_too_long_is_stopped(tmp_path):
    loops = "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}"
    path = write_template(tmp_path, f"---\nsubject: x\n---\nHi {{{{ company }}}}\n{loops}\n")
    started = time.perf_counter()
    with pytest.raises(followup.TemplateError, match=r"more than 2 s to render; loop over less"):
        render_drafts(panel(2), template=path, sender=SENDER)
    assert time.perf_counter() - started < 10


def test_a_round_noted_beside_the_role_stays_out_of_the_letter():
    """Before, "Ops Analyst (2nd round)" went into the subject and the thanks as written."""
    roles = ["Ops Analyst (2nd round)", "Ops Analyst - final", "Ops Analyst, onsite interview"]
    recipients = panel(3, Role=roles, Interested="yes")
    drafts = render_drafts(recipients, sender=SENDER, now="2026-11-24 23:00")
    for subject, body in zip(drafts["subject"], drafts["body"], strict=True):
        assert not re.search(r"round|final|onsite", subject + body, re.IGNORECASE), body
        assert "Ops Analyst" in body
    assert "no_interest" not in set(check_drafts(drafts, now="2026-11-24 23:00")["code"])
    assert drafts["role"].tolist() == roles  # the table keeps the sheet's words


def test_a_reader_written_to_again_for_the_role_gets_other_frames():
    """Before: a recruiter's first and thirteenth letters for one role (the square of twelve
    frames come round again) opened, closed and signed off alike."""
    people = ["Megan Foster"] + [f"Person{chr(65 + i)} Example" for i in range(11)]
    people.append("Megan Foster")
    frame = pd.DataFrame(
        {
            "Company": "Tidewater",
            "Role": "Payments Engineer",
            "Start": [f"2026-11-{d:02d} 10:00" for d in range(2, 15)],
            "Interviewer": people,
            "Interviewer Email": [f"{p.split()[0].lower()}@tw.example" for p in people],
        }
    )
    drafts = render_drafts(read(frame).recipients, sender=SENDER, now="2026-11-15 12:00")
    megan = drafts.loc[drafts["interviewer_name"] == "Megan Foster", "body"].tolist()
    sentences = [set(re.split(r"(?<=[.!?])\s+", body.split("\n", 1)[1])) for body in megan]
    shared = {s for s in sentences[0] & sentences[1] if len(s.split()) >= 6}
    assert not shared
