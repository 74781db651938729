"""Letters from the phrase book: a frame per slot, chosen so that no two letters of a panel
share a sentence.

The frames live in ``data/phrases.toml``: twelve per slot (thanks, the
personal line, interest, fit, the question, the close) and a few paragraph
orders per kind of letter (``thank-you``, ``short``, ``gracious``). The
interviewer at position *p* of a panel gets frame ``(offset + p) mod 12`` in
every slot, with an offset per slot drawn from the interview's id: a Latin
square, so up to twelve interviewers never share a frame, and the same sheet
always gets the same letters. Frames are filled column-wise, one frame at a
time, not letter by letter.

>>> book = phrase_book("thank-you")
>>> len(book.frames["thanks"]), book.layouts[0]
(12, ('thanks personal', 'interest fit', 'question close'))
>>> names = pd.DataFrame({"name": ["A", "B"]})
>>> fill(("Hello {name}.", "Hi {name}!"), pd.Series([1, 0]), names).tolist()
['Hi A!', 'Hello B.']
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from followup.draft._wording import PERSONAL_SHAPES, QUESTION_SHAPES

#: Slots whose frame is chosen per panel position, in the order their offsets are drawn.
SLOTS = ("salutation", "thanks", "personal", "interest", "fit", "question", "close", "sign_off",
         "subject", "layout")  # fmt: skip
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class PhraseBook:
    """The frames of one kind of letter, by slot, and its paragraph orders."""

    name: str
    frames: dict[str, tuple[str, ...]]
    layouts: tuple[tuple[str, ...], ...]


@cache
def phrase_book(name: str) -> PhraseBook:
    """The ``common`` frames with those of ``name`` (``thank-you``, ``short``, ``gracious``)."""
    text = (resources.files("followup.draft") / "data" / "phrases.toml").read_text("utf-8")
    sections = tomllib.loads(text)
    merged = {**sections["common"], **sections[name]}
    layouts = tuple(tuple(p) for p in merged.pop("layouts"))
    return PhraseBook(name, {k: tuple(v) for k, v in merged.items()}, layouts)


def offsets(interview_ids: pd.Series, seeds: pd.Series) -> pd.DataFrame:
    """Each row's place on its panel plus a per-interview offset, one column per slot.

    The offset comes from a BLAKE2b hash of ``seeds`` (text that names the interview:
    its company, role and start), so it changes neither with pandas or Python, nor with
    the order of the sheet's rows, nor with where the candidate's name came from.
    """
    codes, uniques = pd.factorize(seeds.astype("str"))
    digests = [
        int.from_bytes(hashlib.blake2b(i.encode("utf-8"), digest_size=8).digest(), "big")
        for i in uniques.tolist()
    ]
    seed = np.array(digests or [0], dtype=np.uint64)[codes] if len(codes) else np.zeros(0, "u8")
    position = interview_ids.groupby(interview_ids, sort=False).cumcount().to_numpy()
    columns = {
        slot: ((seed >> np.uint64(5 * k)) % np.uint64(31)).astype("int64") + position
        for k, slot in enumerate(SLOTS)
    }
    return pd.DataFrame(columns, index=interview_ids.index)


def fill(frames: tuple[str, ...], choice: pd.Series, values: pd.DataFrame) -> pd.Series:
    """Frame number ``choice`` of ``frames`` for each row, its placeholders filled from the
    same row of ``values`` (one vectorised pass per frame, not per row)."""
    out = pd.Series("", index=choice.index, dtype="str")
    for number, frame in enumerate(frames):
        rows = (choice == number).to_numpy()
        if not rows.any():
            continue
        parts = _PLACEHOLDER.split(frame)
        text = pd.Series(parts[0], index=choice.index[rows], dtype="str")
        for name, literal in zip(parts[1::2], parts[2::2], strict=True):
            text = text + values[name].to_numpy()[rows] + literal
        out[rows] = text
    return out


def compose(values: pd.DataFrame, books: pd.Series, picks: pd.DataFrame) -> pd.DataFrame:
    """The letter's parts for each row: every slot's sentence, the subject, and the body's
    paragraphs in the order of the row's layout.

    ``values`` holds the placeholders' values and the shapes of the notes
    (``personal_shape``, ``question_shape``); ``books`` names each row's phrase
    book; ``picks`` is :func:`offsets`.
    """
    parts = pd.DataFrame("", index=values.index, columns=[*SLOTS, "paragraphs"], dtype="str")
    for name in books.unique().tolist():
        rows = (books == name).to_numpy()
        book = phrase_book(name)
        chosen, shown = picks[rows], values[rows]
        for slot in ("salutation", "sign_off", "subject", "thanks", "interest", "close"):
            frames = book.frames.get(slot)
            if frames:
                sentences = fill(frames, chosen[slot] % len(frames), shown)
                parts.loc[rows, slot] = sentences.to_numpy()
        if "fit" in book.frames:
            parts.loc[rows, "fit"] = _by_shape(
                book, shown, chosen["fit"], "fit_shape", ("fit", "fit_quality")
            ).to_numpy()
        parts.loc[rows, "personal"] = _by_shape(
            book, shown, chosen["personal"], "personal_shape", (*PERSONAL_SHAPES, "neutral")
        ).to_numpy()
        parts.loc[rows, "question"] = _by_shape(
            book, shown, chosen["question"], "question_shape", QUESTION_SHAPES
        ).to_numpy()
        layout = chosen["layout"] % len(book.layouts)
        parts.loc[rows, "layout"] = layout.astype("str").to_numpy()
        parts.loc[rows, "paragraphs"] = _arrange(parts[rows], book, layout).to_numpy()
    return parts


def _by_shape(
    book: PhraseBook, values: pd.DataFrame, chosen: pd.Series, column: str, shapes: tuple[str, ...]
) -> pd.Series:
    """The sentence for each row's note, from the frames of its shape ("" for no note)."""
    out = pd.Series("", index=values.index, dtype="str")
    for shape in shapes:
        rows = (values[column] == shape).to_numpy()
        if rows.any():
            frames = book.frames[shape]
            out[rows] = fill(frames, chosen[rows] % len(frames), values[rows]).to_numpy()
    return out


def _arrange(parts: pd.DataFrame, book: PhraseBook, layout: pd.Series) -> pd.Series:
    """Sentences joined into paragraphs, in each row's layout; empty ones left out."""
    out = pd.Series("", index=parts.index, dtype="str")
    for number, paragraphs in enumerate(book.layouts):
        rows = (layout == number).to_numpy()
        if not rows.any():
            continue
        chosen = parts[rows]
        texts = []
        for paragraph in paragraphs:
            slots = [s for s in paragraph.split() if s in chosen]
            texts.append(chosen[slots[0]].str.cat(chosen[slots[1:]], sep=" "))
        body = texts[0].str.cat(pd.concat(texts[1:], axis=1), sep="\n\n") if texts[1:] else texts[0]
        out[rows] = (
            body.str.replace(r" {2,}", " ", regex=True)
            .str.replace(r"(?m)^ +| +$", "", regex=True)
            .str.replace(r"\n{3,}", "\n\n", regex=True)
            .str.strip()
            .to_numpy()
        )
    return out
