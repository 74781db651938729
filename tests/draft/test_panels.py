"""Panels of up to twelve: no two letters share a sentence of six or more words, whatever the
notes, the kind of letter or the panel's size; the same sheet always gives the same letters."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import resources
from pathlib import Path

import pandas as pd
from conftest import SENDER, read
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.draft import check_drafts, render_drafts

NOTES = [
    "the dbt migration",
    "Talked about the Q3 roadmap.",
    "their hiring plan",
    "We both grew up in Lagos!",
    "team is growing, hiring 3 analysts",
    "ask about relocation budget",
    "I asked about travel and she said it's rare",
    "great energy",
    "his son just started school",
    "how they measure success",
    "",
]
QUESTIONS = ["", "", "When will you decide?", "how is success measured", "remote policy?"]


def sentences(body: str) -> set[str]:
    core = body.split("\n\n", 1)[1].rsplit("\n\n", 1)[0]
    return {s for s in re.split(r"(?<=[.!?])\s+", core.replace("\n", " ")) if len(s.split()) >= 6}


@st.composite
def panels(draw: st.DrawFn) -> pd.DataFrame:
    size = draw(st.integers(2, 12))
    return pd.DataFrame(
        {
            "Company": "Northwind Analytics",
            "Role": "Data Analyst",
            "Start": "2026-11-24 14:30",
            "Duration": draw(st.sampled_from(["60", "20"])),
            "Interested": draw(st.sampled_from(["yes", "no"])),
            "Interviewer": [f"Person{chr(65 + i)} Example" for i in range(size)],
            "Interviewer Email": [f"p{i}@nw.example" for i in range(size)],
            "Talking Point": draw(st.lists(st.sampled_from(NOTES), min_size=size, max_size=size)),
            "Question": draw(st.lists(st.sampled_from(QUESTIONS), min_size=size, max_size=size)),
            "Why I fit": draw(st.sampled_from(["", "4 yrs of SQL reporting"])),
        }
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(panels())
def test_no_two_letters_of_a_panel_share_a_sentence(sheet):
    recipients, _ = read(sheet)
    drafts = render_drafts(recipients, sender=SENDER, now="2026-11-24 18:00")
    bodies = [sentences(b) for b in drafts["body"]]
    for i, a in enumerate(bodies):
        for b in bodies[i + 1 :]:
            assert not a & b
    findings = check_drafts(drafts, now="2026-11-24 18:00")
    assert "shared_wording" not in set(findings["code"])
    assert (drafts["body"].str.count("\n\n") <= 4).all()  # greeting + three paragraphs + sign-off


def test_the_same_sheet_gives_the_same_letters():
    sheet = pd.DataFrame(
        {
            "Company": "Northwind",
            "Role": "Data Analyst",
            "Start": "2026-11-24 14:30",
            "Interviewer": [f"Person{chr(65 + i)} Example" for i in range(6)],
            "Interviewer Email": [f"p{i}@nw.example" for i in range(6)],
            "Talking Point": NOTES[:6],
        }
    )
    first = render_drafts(read(sheet).recipients, sender=SENDER, now="2026-11-24 18:00")
    again = render_drafts(read(sheet).recipients, sender=SENDER, now="2026-11-24 18:00")
    pd.testing.assert_frame_equal(first, again)
    other = render_drafts(
        read(sheet.assign(Company="Bluefin")).recipients, sender=SENDER, now="2026-11-24 18:00"
    )
    assert (first["body"] != other["body"]).all()  # another interview, other choices


def test_later_rounds_for_one_role_at_one_company_share_no_sentence():
    """Before, a second round on another day drew from a square of its own, so the
    interviewer of each round could get the same letter ("I am grateful that you could
    speak with me ... about the Associate Product Manager position at Sprocket Health.")."""
    days = ["2026-11-18 10:00", "2026-11-19 10:00", "2026-11-23 15:00", "2026-11-24 09:00"]
    sheet = pd.DataFrame(
        {
            "Company": "Sprocket Health",
            "Role": "Associate Product Manager",
            "Start": [day for day in days for _ in range(3)],
            "Interviewer": [f"Person{chr(65 + i)} Example" for i in range(12)],
            "Interviewer Email": [f"p{i}@sprocket.example" for i in range(12)],
            "Talking Point": "",
        }
    )
    drafts = render_drafts(read(sheet).recipients, sender=SENDER, now="2026-11-24 18:00")
    bodies = [sentences(b) for b in drafts["body"]]
    assert all(not a & b for i, a in enumerate(bodies) for b in bodies[i + 1 :])


def test_a_gracious_letter_tells_what_was_discussed_as_past_not_as_on_the_mind():
    """Before, a candidate who had taken another offer wrote "I keep coming back to what you
    said about relocation to Memphis."."""
    sheet = pd.DataFrame(
        {
            "Company": "Ridgeline",
            "Role": "Analyst",
            "Start": "2026-11-24 10:00",
            "Interested": "no - took another offer",
            "Interviewer": [f"Person{chr(65 + i)} Example" for i in range(12)],
            "Interviewer Email": [f"p{i}@rl.example" for i in range(12)],
            "Talking Point": "relocation to Memphis",
        }
    )
    drafts = render_drafts(read(sheet).recipients, sender=SENDER, now="2026-11-24 18:00")
    assert drafts["body"].str.contains("relocation to Memphis").all()
    assert not drafts["body"].str.contains("coming back to|been thinking about").any()


def test_a_word_of_emphasis_in_a_note_is_not_said_twice_in_its_sentence():
    notes = ["the 2027 roadmap, esp. pricing", "their very large data lake",
             "the case study, particularly the SQL part", "what really drives churn"]  # fmt: skip
    sheet = pd.DataFrame(
        {
            "Company": [f"C{n}" for n in range(len(notes)) for _ in range(12)],
            "Role": "Data Analyst",
            "Start": "2026-11-24 14:30",
            "Interviewer": [f"Person{chr(65 + i)} Example" for _ in notes for i in range(12)],
            "Interviewer Email": [f"p{i}@nw.example" for _ in notes for i in range(12)],
            "Talking Point": [note for note in notes for _ in range(12)],
        }
    )
    bodies = render_drafts(read(sheet).recipients, sender=SENDER, now="2026-11-24 18:00")["body"]
    said = [s for b in bodies for s in re.split(r"(?<=[.!?])\s+", b.replace("\n", " "))]
    for words in ("especially|particularly", "very", "really"):
        assert any(re.search(words, s) for s in said)  # the notes bring each one along
        assert not [s for s in said if len(re.findall(rf"\b(?:{words})\b", s, re.I)) > 1]


#: The slots of one letter, each with the kinds of sentence that can fill it.
_IN_ONE_LETTER = {
    "thanks": ("thanks",),
    "personal": ("topic", "statement", "news", "shared", "occasion", "pastime", "neutral"),
    "interest": ("interest",),
    "fit": ("fit", "fit_quality"),
    "question": ("question", "wonder", "wish"),
    "close": ("close",),
}


_COMMON_OPENINGS = ("i am", "thank you", "it was", "i would")


def test_no_two_sentences_of_one_letter_open_alike():
    """Each slot's frame is drawn on its own, so any two slots' frames may meet in a letter:
    'It was a pleasure to hear...' then 'It was a pleasure to meet you' read as a slip."""
    text = resources.files("followup.draft").joinpath("data", "phrases.toml").read_text("utf-8")
    book = tomllib.loads(text)
    for name in ("thank-you", "short", "gracious"):
        frames = {**book["common"], **book[name]}
        openings: dict[str, set[str]] = {}
        for slot, kinds in _IN_ONE_LETTER.items():
            for frame in (f for kind in kinds for f in frames.get(kind, ())):
                words = re.findall(r"[\w']+", frame.lower())
                two = " ".join(words[:2])  # or three, after two words any letter says twice
                opening = " ".join(words[:3]) if two in _COMMON_OPENINGS else two
                openings.setdefault(opening, set()).add(slot)
        assert {o: s for o, s in openings.items() if len(s) > 1} == {}, name


def test_a_sign_off_does_not_echo_the_close_above_it(tmp_path):
    """Before, 23 of these 240 letters did ("Thank you again for your time." over "Thank you,")."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import bench_read

    bench_read.write_csv(bench_read.generate(240), tmp_path / "sheet.csv")
    recipients = read(tmp_path / "sheet.csv").recipients
    drafts = render_drafts(recipients, sender=SENDER, now="2026-11-29")
    for body in drafts["body"]:
        close, sign_off = body.rstrip().split("\n\n")[-2:]
        for word in ("thank", "appreciat", "warm", "wish"):
            said = word in close.rsplit(". ", 1)[-1].lower() and word in sign_off.lower()
            assert not said, body
