"""What a template sees: every column of the recipients table, and what the letter is made of.

Besides the sheet's own columns (missing text as ""), a template gets:

- ``greeting_name`` (also ``interviewer_first``): whom the greeting names
  (:mod:`~followup.draft._names`), and ``candidate_first``, the name the candidate
  signs with;
- ``interview_when`` ("yesterday", "on Wednesday"), ``interview_day`` and
  ``interview_date``; ``a_role`` ("an Operations Analyst");
- the notes adapted to their sentences (:mod:`~followup.draft._notes`):
  ``talking_point`` (a phrase or a clause), ``question`` (a whole sentence) and
  ``fit`` (a phrase), replacing the sheet's jotted text;
- the letter's sentences from the phrase book (:mod:`~followup.draft._phrases`):
  ``salutation``, ``thanks``, ``personal``, ``interest``, ``fit_sentence``,
  ``question_sentence``, ``close``, ``sign_off``, ``subject``, and ``paragraphs``
  (all of them in one of the layouts); ``variant`` is the interviewer's place
  on the panel. A private ``notes`` column is there too, but no built-in letter
  uses it.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from followup._clock import wall_clock
from followup._distinct import holds_per_distinct, per_distinct
from followup.draft._mime import name_cased
from followup.draft._names import TITLED, greetings
from followup.draft._note_rules import letter_notes
from followup.draft._phrases import compose, offsets, phrase_book
from followup.draft._roles import letter_companies, letter_roles
from followup.draft._seen import Places
from followup.draft._when import interview_when
from followup.draft._wording import PERSONAL_SHAPES, QUESTION_SHAPES, with_article


def template_context(
    table: pd.DataFrame,
    *,
    books: pd.Series,
    now: pd.Timestamp | str | None = None,
    placed: Places | None = None,
) -> pd.DataFrame:
    """Every variable of every draft, one row per draft (see the module docstring).

    ``books`` names each row's phrase book (``thank-you``, ``short`` or ``gracious``);
    ``placed`` holds the places the drafts of earlier chunks took, counted on here.
    """
    context = table.copy()
    text = context.select_dtypes(include=["str", "object"]).columns
    context[text] = context[text].fillna("").astype("str")
    for column in ("talking_point", "question", "fit", "preferred_name", "notes"):
        if column not in context:
            context[column] = ""
    names = greetings(
        context["interviewer_name"],
        context["preferred_name"],
        context["notes"],
        context["interviewer_email"],
        context["interviewer_title"],
    )
    context["greeting_name"] = names["greeting_name"]
    context["interviewer_first"] = names["greeting_name"]
    context["candidate_name"] = name_cased(context["candidate_name"])  # signed as "Priya Natarajan"
    context["candidate_first"] = first_names(context["candidate_name"])
    local = wall_clock(table["interview_start"], table["timezone"])
    context["interview_day"] = local.dt.day_name().fillna("").astype("str")
    context["interview_date"] = (local.dt.month_name() + " " + local.dt.day.astype("str")).fillna(
        ""
    )
    context["interview_when"] = interview_when(table["interview_start"], table["timezone"], now=now)
    context["when"] = context["interview_when"]
    context["role"] = letter_roles(context["role"])
    context["a_role"] = context["role"].map({r: with_article(r) for r in context["role"].unique()})
    # "at University of Riverside" reads "at the University of Riverside"
    context["company"] = letter_companies(context["company"])  # "the University of Leeds"
    context = _with_notes(context)
    # The interviews for one role at one company, on one panel, back to back or in later
    # rounds, take their letters' frames from one Latin square, so no two share a sentence.
    loop = context["company"].str.lower() + "|" + context["role"].str.lower()
    picks = offsets(loop, loop, placed=None if placed is None else placed.squares)
    letter = compose(context, books, picks.add(_again(context, loop, picks), axis=0))
    dotted = (context["company"].str.endswith(".") | context["role"].str.endswith(".")).to_numpy()
    if dotted.any():
        letter.loc[dotted] = letter.loc[dotted].apply(_one_full_stop)
    context["variant"] = context.groupby("interview_id", sort=False).cumcount().astype("int64")
    if placed is not None:
        context["variant"] += placed.panels.add(context["interview_id"])
    # "Dear" before a title, or a whole name ("The Hon. Rupert Fairfax": Rupert Fairfax)
    titled = holds_per_distinct(context["greeting_name"], re.compile(rf"{TITLED}|\S+ \S").match)
    return context.assign(
        salutation=letter["salutation"].where(~titled, "Dear"),
        thanks=letter["thanks"],
        personal=letter["personal"],
        interest=letter["interest"],
        fit_sentence=letter["fit"],
        question_sentence=letter["question"],
        close=letter["close"],
        sign_off=letter["sign_off"],
        subject=letter["subject"],
        paragraphs=letter["paragraphs"],
    )


def _with_notes(context: pd.DataFrame) -> pd.DataFrame:
    """The notes replaced by their adapted text, with the shape of each.

    A talking point that is really a question ("ask about the relocation budget")
    becomes the letter's question when the question cell is empty.
    """
    notes = letter_notes(context)
    point, asked, fit = notes["talking_point"], notes["question"], notes["fit"]
    moved = point["shape"].isin(QUESTION_SHAPES) & (asked["shape"] == "")
    question_text = asked["text"].where(~moved, point["text"])
    question_shape = asked["shape"].where(~moved, point["shape"])
    personal = point["shape"].where(point["shape"].isin(PERSONAL_SHAPES), "neutral")
    usable_fit = fit["shape"].isin(["background", "quality"])
    return context.assign(
        talking_point=point["text"].where(personal != "neutral", ""),
        topic=point["text"],
        statement=point["text"],
        shared=point["text"],
        personal_shape=personal,
        question=_standalone(question_text, question_shape),
        wonder=question_text,
        wish=question_text,
        question_shape=question_shape.where(question_shape.isin(QUESTION_SHAPES), ""),
        occasion=point["text"],
        pastime=point["text"],
        fit=fit["text"].where(usable_fit, ""),
        fit_shape=fit["shape"].map({"background": "fit", "quality": "fit_quality"}).fillna(""),
        interest_shape=np.where(_unsure(context), "interest_measured", "interest"),
    )


def _again(context: pd.DataFrame, loop: pd.Series, picks: pd.DataFrame) -> np.ndarray:
    """How far each letter's frames move in the square: a reader written to again for the
    role in one chunk of the sheet (a recruiter, round after round) takes the frames five
    places on from their first letter's each time, so their letters never repeat one
    another (the square of twelve comes round again); every other letter, not at all.
    Across chunks nothing is kept, so that a million readers take no memory."""
    reader = loop + "|" + context["interviewer_email"].str.lower()
    again = reader.groupby(reader, sort=False).cumcount().to_numpy()
    place = picks["thanks"].to_numpy()  # the slots' places differ by a constant per square
    first = pd.Series(place).groupby(reader.to_numpy(), sort=False).transform("first").to_numpy()
    moved: np.ndarray = np.where(again > 0, first + 5 * again - place, 0)
    return moved


def _unsure(context: pd.DataFrame) -> np.ndarray:
    """Whether each candidate is unsure of the role ("maybe"): its interest said with measure."""
    if "interest_unsure" not in context:  # recipients made before the column, or by hand
        return np.zeros(len(context), dtype=bool)
    unsure: np.ndarray = context["interest_unsure"].fillna(False).astype(bool).to_numpy()
    return unsure


def _standalone(text: pd.Series, shape: pd.Series) -> pd.Series:
    """The question as a sentence of its own, for a template that has no frame for it."""
    common = phrase_book("thank-you").frames
    out = text.where(shape == "question", "")
    for kind in ("wonder", "wish"):
        frame = common[kind][0]
        before, after = frame.split("{" + kind + "}")
        out = out.where(shape != kind, before + text + after)
    return out


def _one_full_stop(text: pd.Series) -> pd.Series:
    """A name that ends in a full stop ("Atlas Outdoor Co.") ends its sentence with it."""
    return text.str.replace(r"(?<![.])\.\.(?![.])", ".", regex=True)


def first_names(names: pd.Series) -> pd.Series:
    """The name a candidate signs with: the first word that is not a title
    (``"Dr. Avery Quinn"`` → ``"Avery"``; ``"Quinn, Avery"`` → ``"Avery"``).

    >>> first_names(pd.Series(["Dr. Avery Quinn", "Quinn, Avery", "avery", None])).tolist()
    ['Avery', 'Avery', 'Avery', '']
    """
    from nameparser.config import CONSTANTS

    def first(name: str) -> str:
        family, comma, given = name.partition(",")
        words = (given if comma else family).split()
        kept = [w for w in words if w.lower().rstrip(".") not in CONSTANTS.titles] or words
        word = kept[0] if kept else ""
        return word.title() if word.islower() or word.isupper() else word

    return per_distinct(names.fillna("").astype("str").str.strip(), first)
