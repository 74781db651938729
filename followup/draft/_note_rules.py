"""The rules for the notes (R3, R5, R7, R8): each note used in the form the letter carries
it, shortened with a warning, or returned with a rewrite; no talking point at all; the
name the greeting used."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from followup.draft._names import greetings
from followup.draft._notes import adapt_column
from followup.draft._proofread import objects
from followup.draft._readers import for_readers
from followup.draft._wording import PERSONAL_SHAPES, QUESTION_SHAPES

NOTE_RULES = {"talking_point": "R3", "question": "R7", "fit": "R5"}
_NOTE_NAMES = {"talking_point": "talking point", "question": "question", "fit": "fit"}
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


def text_column(drafts: pd.DataFrame, name: str) -> pd.Series:
    if name in drafts:
        return drafts[name].fillna("").astype("str")
    return pd.Series("", index=drafts.index, dtype="str")


def letter_notes(drafts: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The talking point, question and fit of each row as its letter carries them, the
    first two cut and spoken to their reader (:func:`~followup.draft._readers.for_readers`):
    what the letters are rendered from and checked against, alike."""
    readers = text_column(drafts, "interviewer_name")
    senders = text_column(drafts, "candidate_name")
    notes = {}
    for column in ("talking_point", "question"):
        mine = for_readers(text_column(drafts, column), readers, drafts["interview_id"], senders)
        notes[column] = adapt_column(mine, column, readers)
    notes["fit"] = adapt_column(text_column(drafts, "fit"), "fit")
    return notes


def check_notes(
    add: object,
    drafts: pd.DataFrame,
    notes: dict[str, pd.DataFrame],
    body: pd.Series,
    who: pd.Series,
) -> None:
    """R3, R5, R7 and R8 for the notes: each used in the form the letter carries it, or
    returned with a rewrite; no talking point at all; the name the greeting used."""
    assert callable(add)
    point, question = notes["talking_point"], notes["question"]
    private = text_column(drafts, "notes") != ""
    hint = np.where(
        private,
        " (the Notes column stays private and is never used in a letter)",
        "",
    )
    moved = point["shape"].isin(QUESTION_SHAPES) & (question["shape"] == "")
    no_point = (point["shape"] == "") | moved
    written = text_column(drafts, "talking_point")
    stand_in = (written.str.strip() != "") & (point["shape"] == "")  # "N/A", "TBD"
    add(
        no_point,
        "no_talking_point",
        "warning",
        lambda: (
            "no talking point for "
            + who
            + np.where(stand_in, ' ("' + written + '" stands in for one)', "")
            + np.where(moved, ' (the question "' + written + '" was asked as the question)', "")
            + ": add what you discussed with them in the Talking Point column"
            + np.where(moved, "", hint)
        ),
    )
    add(
        point["shape"].isin(QUESTION_SHAPES) & ~moved,
        "note_is_question",
        "error",
        lambda: (
            "the talking point for "
            + who
            + " is a question, and the Question column is taken: "
            + _quoted(written)
            + "; write what you discussed, and ask one question"
        ),
    )
    template = text_column(drafts, "template")
    carried = {  # a short letter names no fit; a withdrawal asks no question and names no fit
        "talking_point": np.ones(len(drafts), dtype=bool),
        "question": (template != "gracious").to_numpy(),
        "fit": (~template.isin(["gracious", "short"])).to_numpy(),
    }
    for column, adapted in notes.items():
        for code in adapted.loc[adapted["code"] != "", "code"].unique().tolist():
            rows = (adapted["code"] == code).to_numpy() & carried[column]
            add(
                rows,
                code,
                "warning" if code == "note_shortened" else "error",
                f"the {_NOTE_NAMES[column]} for "
                + who
                + " "
                + adapted["problem"]
                + ": "
                + _quoted(text_column(drafts, column))
                + "; "
                + adapted["suggestion"],
                rule="R8" if code == "private_note" else NOTE_RULES[column],
            )
    bodies = objects(body)
    missing_point = point["shape"].isin(PERSONAL_SHAPES) & ~_mentioned(point["text"], bodies)
    add(
        missing_point,
        "talking_point_missing",
        "error",
        lambda: "the talking point for " + who + " is not in the body: " + _quoted(point["text"]),
    )
    asked = question["text"].where(~moved, point["text"])
    missing_question = (asked != "") & carried["question"] & ~_mentioned(asked, bodies)
    add(
        missing_question,
        "question_not_asked",
        "error",
        lambda: "the question for " + who + " is not asked: " + _quoted(asked),
    )
    names = greetings(
        text_column(drafts, "interviewer_name"),
        text_column(drafts, "preferred_name"),
        text_column(drafts, "notes"),
        text_column(drafts, "interviewer_email"),
        text_column(drafts, "interviewer_title"),
    )
    add(
        names["greeting_note"] != "",
        "greeting_name",
        "info",
        lambda: names["greeting_note"] + "; set preferred_name (goes by) if that is wrong",
    )


def _quoted(values: pd.Series) -> pd.Series:
    return '"' + values.astype("str") + '"'


def _mentioned(texts: pd.Series, bodies: list[str]) -> np.ndarray:
    """Whether each text is in its body: word for word, or two thirds of its content words
    (an edited letter may say it in other words)."""
    out = []
    for text, body in zip(objects(texts), bodies, strict=True):
        if not text or text in body:
            out.append(True)
            continue
        words = set(_CONTENT_WORD.findall(text.lower()))
        out.append(bool(words) and sum(w in body.lower() for w in words) * 3 >= len(words) * 2)
    return np.array(out, dtype=bool)
