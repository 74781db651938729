"""The proofreader's checks: each one fires on its slip, and none on followup's own letters."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pandas as pd
import pytest
from conftest import SENDER, read

from followup.draft import check_drafts, find_slips, render_drafts

GOOD = (
    "Dear Dana,\n\nThank you for meeting with me about the Data Analyst role at Northwind. "
    "I enjoyed our talk about the churn dashboard.\n\nI am interested in joining the team.\n\n"
    "Best regards,\nAvery Quinn\n"
)


def slips(body: str, panel: tuple[str, ...] = ("Dana Whitfield",)) -> list[tuple[str, str]]:
    drafts = pd.DataFrame(
        {"body": [body] * len(panel), "interview_id": "i", "interviewer_name": list(panel)}
    )
    found = find_slips(drafts).query("at == 0")  # the letter to the first of the panel
    return list(zip(found["code"], found["message"], strict=True))


@pytest.mark.parametrize(
    ("sentence", "code", "message"),
    [
        (
            "What you shared about Talked about drift. has stayed with me.",
            "pasted_sentence",
            'a sentence pasted after a preposition ("about Talked about")',
        ),
        (
            "I keep coming back to what you said about I asked about the rota.",
            "pasted_sentence",
            'a sentence pasted after a preposition ("about I asked")',
        ),
        (
            "I appreciated hearing about team is growing fast.",
            "pasted_sentence",
            'a sentence pasted after a preposition ("about team is")',
        ),
        (
            "It was fun to talk of we both grew up in Lagos.",
            "pasted_sentence",
            'a sentence pasted after a preposition ("of we both")',
        ),
        ("We both grew up in Lagos!.", "doubled_punctuation", 'doubled end punctuation ("!.")'),
        ("Is it hybrid?.", "doubled_punctuation", 'doubled end punctuation ("?.")'),
        ("It was great..", "doubled_punctuation", 'doubled end punctuation ("t..")'),
        ("I enjoyed it. ask about the budget.", "lowercase_start", "a sentence starts in lower"),
        ("I hope he liked my portfolio.", "he_or_she", 'the reader is called "he"'),
        ("Her team sounds great.", "he_or_she", 'the reader is called "Her"'),
        ("Q: bonus structure.", "note_left_in", 'a note to self left in: "Q:"'),
        ("Ask about the budget.", "note_left_in", 'a note to self left in: "Ask about"'),
        ("I bring 4 yrs of SQL.", "shorthand", 'shorthand ("yrs"); spell it out'),
        ("I work well w/ analysts.", "shorthand", 'shorthand ("w/"); spell it out'),
        ("The base of $85k was low.", "private_words", "words that sound private"),
        ("Sadly the role is not for me.", "private_words", 'words that sound private: "not for'),
    ],
)
def test_each_slip_is_found_and_its_sentence_quoted(sentence, code, message):
    found = dict(slips(GOOD.replace("I am interested", sentence + " I am interested")))
    assert code in found
    assert found[code].startswith(message)
    assert any(word.strip(".!?") in found[code].split(": ", 1)[1] for word in sentence.split())


@pytest.mark.parametrize(
    "sentence",
    [
        "I would love to hear more about what is next.",
        "I learned about how the team works, e.g. the weekly demos.",
        "I enjoyed meeting the HR team.",
        "Thank you... I mean it.",
        "The idea of work that is meaningful stays with me.",
        "I would be glad to hear whether you sponsor visas.",
        "I did not get to ask about relocation, and I would love to hear more.",
        # the phrase book's own verb after a one-word topic
        "Hearing about the roadmap was a highlight of the day for me.",
        "What you shared about the team has stayed with me.",
        "Thanks again to Atlas Outdoor Co. for the tour.",
    ],
)
def test_what_looks_like_a_slip_but_is_not(sentence):
    assert slips(GOOD.replace("I am interested", sentence + " I am interested")) == []


def test_he_or_she_is_fine_for_a_colleague_named_in_the_sentence():
    body = GOOD.replace("I am interested", "Please thank Luis for his demo. I am interested")
    assert slips(body, panel=("Dana Whitfield", "Luis Ortega")) == []
    assert [c for c, _ in slips(body)] == ["he_or_she"]


def test_no_slip_in_the_sample_drafts(sample_drafts):
    found = find_slips(sample_drafts)
    assert found.empty, found


def test_no_slip_and_no_style_warning_in_any_frame_of_the_phrase_book():
    """Twelve interviewers with every kind of note, in every kind of letter: every frame."""
    notes = [
        "the dbt migration",
        "team is growing",
        "We both grew up in Lagos!",
        "great energy",
        "ask about relocation budget",
        "how they measure success",
    ]
    for interested, duration in (("yes", "60"), ("yes", "20"), ("no", "60")):
        for note in notes:
            sheet = pd.DataFrame(
                {
                    "Company": "Northwind Analytics",
                    "Role": "Operations Analyst",
                    "Start": "2026-11-24 14:30",
                    "Duration": duration,
                    "Interested": interested,
                    "Interviewer": [f"Person{chr(65 + i)} Example" for i in range(12)],
                    "Interviewer Email": [f"p{i}@nw.example" for i in range(12)],
                    "Talking Point": note,
                    "Question": ["When will you decide?", ""] * 6,
                    "Why I fit": "4 yrs of SQL reporting",
                }
            )
            drafts = render_drafts(read(sheet).recipients, sender=SENDER, now="2026-11-24 23:00")
            findings = check_drafts(
                drafts, now="2026-11-24 23:00", known_words=["dbt"], proofread_bodies=True
            )
            expected = ("note_impression", "no_talking_point", "note_is_question")
            unexpected = findings[~findings["code"].isin(expected)]
            assert unexpected.empty, unexpected.to_dict("records")


def test_every_question_frame_asks_for_an_answer():
    """R7: a letter with an open question asks it; "I meant to ask about the budget."
    only says that the candidate forgot."""
    book = tomllib.loads(
        resources.files("followup.draft").joinpath("data", "phrases.toml").read_text("utf-8")
    )
    frames = [
        f for part in book.values() for slot in ("wonder", "wish") for f in part.get(slot, [])
    ]
    inviting = re.compile(
        r"\?$|\b(?:love|glad|curious|welcome|grateful|value|help|like to|interested|wondering)\b"
    )
    assert len(frames) >= 24
    assert [f for f in frames if not inviting.search(f)] == []


def test_style_is_checked_in_notes_and_in_edited_bodies(sample_drafts):
    trite = sample_drafts.head(1).assign(talking_point="the very unique synergy of the team")
    messages = check_drafts(trite, now="2026-11-12", known_words=["dbt"]).query("code == 'style'")
    assert "'very unique' is not comparable" in messages["message"].item()
    edited = sample_drafts.head(1).assign(
        body=GOOD.replace("I am interested", "It was a very unique team. I am interested")
    )
    assert check_drafts(edited, now="2026-11-12").query("code == 'style'").empty  # notes only
    deep = check_drafts(edited, now="2026-11-12", proofread_bodies=True).query("code == 'style'")
    assert len(deep) == 1


def test_style_findings_are_proselints_own_in_its_order(sample_drafts):
    """followup runs proselint's checks itself (its enabled list worked out once): the
    messages must be the ones, and in the order, proselint's own lint gives."""
    from proselint.tools import LintFile

    body = GOOD.replace(
        "I am interested",
        'Irregardless, "very unique" synergy!!! In order to utilize it, we think outside the '
        "box; it was very very unique. I am interested",
    )
    edited = sample_drafts.head(1).assign(body=body)
    found = check_drafts(edited, now="2026-11-12", proofread_bodies=True).query("code == 'style'")
    off = ("typography.symbols", "weasel_words.very")
    expected = [
        r.check_result.message
        for r in LintFile("draft", body).lint()
        if not r.check_result.check_path.startswith(off)
    ]
    assert len(expected) >= 5
    assert found["message"].item() == "style: " + "; ".join(expected)


def _style_corpus() -> list[str]:
    """Sentences that set off proselint's checks: the lines of its own demo, for every
    check that searches for words a sentence holding some of them, and comparisons of
    uncomparables."""
    from pathlib import Path

    import proselint
    from proselint.checks.misc import preferred_forms
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry

    demo = (Path(proselint.__file__).parent / "demo.md").read_text(encoding="utf-8")
    sentences = [line for line in demo.splitlines() if line and not line.startswith("#")]
    for check in CheckRegistry().get_all_enabled(DEFAULT["checks"]):
        kind = check.check_type
        terms = [*getattr(kind, "items", ()), *sum(getattr(kind, "term_pairs", ()), ())]
        words = [t for t in terms if t.replace(" ", "").replace("-", "").isalpha()][:3]
        if words:
            sentences.append(f"We spoke about {', '.join(words)}, Really.")
    # Checks on Python's re that a cheap test lets through: every preferred form, in
    # capitals, and phrases repeated, with and without digits.
    forms = preferred_forms.check.check_type.items
    sentences += [f"We spoke about {form.upper()}, then left." for form in forms]
    sentences += ["It was the the best.", "In the In the office.", "Ref 5abc abc here."]
    comparisons = ("very unique", "Most perfect", "at least complete", "more\nCORRECT")
    return sentences + [f"It was {c}." for c in comparisons]


def test_style_findings_are_proselints_own_on_every_kind_of_check(sample_drafts):
    """followup runs a check only on texts where one of its patterns matches: over
    sentences that set off each check, the findings must still be proselint's own."""
    from proselint.tools import LintFile

    check_drafts(sample_drafts.head(1), now="2026-11-12")  # registers proselint's checks
    sentences = _style_corpus()
    bodies = [GOOD.replace("I am interested", f"{s} I am interested") for s in sentences]
    edited = sample_drafts.head(1).loc[[sample_drafts.index[0]] * len(bodies)]
    edited = edited.assign(body=bodies, draft_id=[f"d-{i}" for i in range(len(bodies))])
    found = check_drafts(edited, now="2026-11-12", proofread_bodies=True).query("code == 'style'")
    off = ("typography.symbols", "weasel_words.very")
    expected = {
        f"d-{i}": "style: " + "; ".join(m)
        for i, body in enumerate(bodies)
        if (
            m := [
                r.check_result.message
                for r in LintFile("draft", body).lint()
                if not r.check_result.check_path.startswith(off)
            ]
        )
    }
    assert len(sentences) >= 200
    assert len(expected) >= 150
    assert dict(zip(found["draft_id"], found["message"], strict=True)) == expected
