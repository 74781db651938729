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
import pyarrow as pa
import pyarrow.compute as pc

from followup._arrow import text_array, text_scalar
from followup.draft._seen import SeenCounts
from followup.draft._wording import PERSONAL_SHAPES, QUESTION_SHAPES

#: Slots whose frame is chosen per panel position, in the order their offsets are drawn.
SLOTS = ("salutation", "thanks", "personal", "interest", "fit", "question", "close", "sign_off",
         "subject", "layout")  # fmt: skip
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
#: Words of emphasis a frame may say ("I especially enjoyed ..."). Where the value filled
#: in says one too ("the roadmap and especially pricing"), or one alike, the frame's
#: goes: said twice in a sentence, it reads as a slip.
_EMPHASIS = re.compile(r"\b(especially|particularly|truly|really|very) ")
_ALIKE = dict.fromkeys(("especially", "particularly"), "especially|particularly")
#: Words a sign-off must not share with the close right above it.
_ECHOES = ("thank", "appreciat", "warm", "wish")


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


def offsets(
    groups: pd.Series, seeds: pd.Series, *, placed: SeenCounts | None = None
) -> pd.DataFrame:
    """Each row's place in its group (a panel, or the interviews for one role at one
    company) plus a per-group offset, one column per slot.

    The offset comes from a BLAKE2b hash of ``seeds`` (text that names the group: its
    company and role), so it changes neither with pandas or Python, nor with the
    order of the sheet's rows, nor with where the candidate's name came from. Places
    count on from those taken in earlier calls with the same ``placed``.
    """
    codes, uniques = pd.factorize(seeds.astype("str"))
    digests = [
        int.from_bytes(hashlib.blake2b(i.encode("utf-8"), digest_size=8).digest(), "big")
        for i in uniques.tolist()
    ]
    seed = np.array(digests or [0], dtype=np.uint64)[codes] if len(codes) else np.zeros(0, "u8")
    position = groups.groupby(groups, sort=False).cumcount().to_numpy()
    if placed is not None:
        position = position + placed.add(groups)
    columns = {
        slot: ((seed >> np.uint64(5 * k)) % np.uint64(31)).astype("int64") + position
        for k, slot in enumerate(SLOTS)
    }
    return pd.DataFrame(columns, index=groups.index)


def fill(frames: tuple[str, ...], choice: pd.Series, values: pd.DataFrame) -> pd.Series:
    """Frame number ``choice`` of ``frames`` for each row, its placeholders filled from the
    same row of ``values`` (one vectorised pass per frame, not per row)."""
    text = _fill(frames, choice.to_numpy(), _Columns(values), np.arange(len(values)))
    return pd.Series(text, index=choice.index, dtype="str")


class _Columns(dict[str, pa.Array]):
    """The columns of a frame as Arrow strings, each taken out of pandas once, when a
    placeholder first needs it."""

    def __init__(self, values: pd.DataFrame) -> None:
        super().__init__()
        self.frame = values

    def __missing__(self, name: str) -> pa.Array:
        self[name] = column = text_array(self.frame[name].astype("str"))
        return column


def _blank(n: int) -> pa.Array:
    return pa.repeat(text_scalar(""), n)


def _in_order(n: int, pieces: list[tuple[np.ndarray, pa.Array]]) -> pa.Array:
    """Arrays for some of the positions ``0..n-1`` (no two for one), put in position order;
    the positions none of them covers get ""."""
    if len(pieces) == 1 and len(pieces[0][0]) == n and (np.diff(pieces[0][0]) > 0).all():
        return pieces[0][1]  # all of them, in order already (one phrase book): no copy
    covered = np.zeros(n, dtype=bool)
    for where, _ in pieces:
        covered[where] = True
    rest = np.flatnonzero(~covered)
    where = np.concatenate([w for w, _ in pieces] + [rest])
    arrays = [a for _, a in pieces] + [_blank(len(rest))]
    order = np.empty(n, dtype=np.int64)
    order[where] = np.arange(n)  # where each position's text is: the inverse of where
    return pa.concat_arrays(arrays).take(pa.array(order))


def _fill(
    frames: tuple[str, ...], choice: np.ndarray, columns: _Columns, rows: np.ndarray
) -> pa.Array:
    """:func:`fill` for the positions ``rows`` of ``columns``, in that order."""
    number = choice % len(frames)
    pieces = []
    for k, frame in enumerate(frames):
        pieces.extend(_filled(frame, np.flatnonzero(number == k), columns, rows))
    return _in_order(len(rows), pieces)


def _filled(
    frame: str, hit: np.ndarray, columns: _Columns, rows: np.ndarray
) -> list[tuple[np.ndarray, pa.Array]]:
    """``frame`` filled for the positions ``hit`` of ``rows``; without its word of
    emphasis where a value says it too.

    >>> values = pd.DataFrame({"topic": ["pricing", "the roadmap and especially pricing"]})
    >>> fill(("I especially enjoyed {topic}.",), pd.Series([0, 0]), values).tolist()
    ['I especially enjoyed pricing.', 'I enjoyed the roadmap and especially pricing.']
    """
    if not len(hit):
        return []
    parts = _PLACEHOLDER.split(frame)
    values = {name: columns[name].take(pa.array(rows[hit])) for name in parts[1::2]}
    for emphasis in _EMPHASIS.finditer(frame) if values else ():
        said = rf"(?i)\b(?:{_ALIKE.get(emphasis[1], emphasis[1])})\b"
        again = np.logical_or.reduce(
            [pc.match_substring_regex(v, said).fill_null(False).to_numpy(zero_copy_only=False)
             for v in values.values()]
        )  # fmt: skip
        if again.any():
            plain = frame[: emphasis.start()] + frame[emphasis.end() :]
            return _filled(plain, hit[again], columns, rows) + _filled(
                frame, hit[~again], columns, rows
            )
    slots = [x for name, literal in zip(parts[1::2], parts[2::2], strict=True)
             for x in (values[name], text_scalar(literal))]  # fmt: skip
    text = (
        pc.binary_join_element_wise(text_scalar(parts[0]), *slots, text_scalar(""))
        if slots
        else pa.repeat(text_scalar(parts[0]), len(hit))
    )
    return [(hit, text)]


def compose(values: pd.DataFrame, books: pd.Series, picks: pd.DataFrame) -> pd.DataFrame:
    """The letter's parts for each row: every slot's sentence, the subject, and the body's
    paragraphs in the order of the row's layout.

    ``values`` holds the placeholders' values and the shapes of the notes
    (``personal_shape``, ``question_shape``, ``fit_shape``); ``books`` names each row's
    phrase book; ``picks`` is :func:`offsets`. Sentences are built with Arrow, one frame
    at a time.
    """
    columns = _Columns(values)
    shaped = {
        "interest": ("interest_shape", ("interest", "interest_measured")),
        "fit": ("fit_shape", ("fit", "fit_quality")),
        "personal": ("personal_shape", (*PERSONAL_SHAPES, "neutral")),
        "question": ("question_shape", QUESTION_SHAPES),
    }
    shapes = {slot: values[column].to_numpy(dtype=object) for slot, (column, _) in shaped.items()}
    pieces: dict[str, list[tuple[np.ndarray, pa.Array]]] = {s: [] for s in (*SLOTS, "paragraphs")}
    book_of = books.to_numpy(dtype=object)
    for name in pd.unique(book_of).tolist():
        rows = np.flatnonzero(book_of == name)
        book = phrase_book(name)
        chosen = {slot: picks[slot].to_numpy()[rows] for slot in SLOTS}
        letter = {}
        for slot in ("salutation", "sign_off", "subject", "thanks", "close"):
            if book.frames.get(slot):
                letter[slot] = _fill(book.frames[slot], chosen[slot], columns, rows)
        for slot, (_, kinds) in shaped.items():
            shape = shapes[slot][rows]
            if slot == "interest" and not book.frames.get("interest_measured"):
                shape = np.full(len(rows), "interest", dtype=object)  # a book without them
            letter[slot] = _in_order(
                len(rows),
                [
                    (hit, _fill(book.frames[kind], chosen[slot][hit], columns, rows[hit]))
                    for kind in kinds
                    if book.frames.get(kind) and len(hit := np.flatnonzero(shape == kind))
                ],
            )
        if "close" in letter:  # a sign-off that echoes the close just above it is swapped
            letter["sign_off"] = _unechoed(letter["sign_off"], book, chosen)
        layout = chosen["layout"] % len(book.layouts)
        letter["layout"] = pa.array(layout).cast(pa.large_string())
        letter["paragraphs"] = _arrange(letter, book, layout)
        for slot, text in letter.items():
            pieces[slot].append((rows, text))
    return pd.DataFrame(
        {slot: pd.Series(_in_order(len(values), p), dtype="str") for slot, p in pieces.items()}
    ).set_axis(values.index)


def _unechoed(sign_off: pa.Array, book: PhraseBook, chosen: dict[str, np.ndarray]) -> pa.Array:
    """Each sign-off, or one that says none of :data:`_ECHOES` where its frame says what the
    close's frame above it says ("Thank you again for your time." then "Thank you,")."""
    signs, closes = book.frames["sign_off"], book.frames["close"]
    echoes = np.array(
        [[any(w in s.lower() and w in c.lower() for w in _ECHOES) for c in closes] for s in signs]
    )
    echo = echoes[chosen["sign_off"] % len(signs), chosen["close"] % len(closes)]
    if not echo.any():
        return sign_off
    plain = [f for f in signs if not any(w in f.lower() for w in _ECHOES)]
    other = [plain[k % len(plain)] for k in chosen["sign_off"][echo].tolist()]
    return pc.replace_with_mask(sign_off, pa.array(echo), pa.array(other, sign_off.type))


def _arrange(letter: dict[str, pa.Array], book: PhraseBook, layout: np.ndarray) -> pa.Array:
    """Sentences joined into paragraphs, in each row's layout; empty ones left out."""
    pieces = []
    for number, paragraphs in enumerate(book.layouts):
        hit = np.flatnonzero(layout == number)
        taken = pa.array(hit)
        texts = [
            _joined([letter[slot].take(taken) if slot in letter else _blank(len(hit))
                     for slot in paragraph.split()], " ")
            for paragraph in paragraphs
        ]  # fmt: skip
        pieces.append((hit, _joined(texts, "\n\n")))
    return _in_order(len(layout), pieces)


def _joined(columns: list[pa.Array], sep: str) -> pa.Array:
    """Row by row, the non-empty strings of ``columns`` joined by ``sep``."""
    text = columns[0]
    for column in columns[1:]:
        both = pc.and_(
            pc.greater(pc.binary_length(text), 0), pc.greater(pc.binary_length(column), 0)
        )
        between = pc.if_else(both, text_scalar(sep), text_scalar(""))
        text = pc.binary_join_element_wise(text, between, column, text_scalar(""))
    return text
