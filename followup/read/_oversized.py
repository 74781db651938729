"""Cells too large to read, found in a text file's bytes before a parser holds them.

pandas' parser holds a cell whole, however large, before the reader can see how long
it is: one 200 MB cell took a run to 930 MB. So a text file is first surveyed in
blocks of 1 MiB, by the quoting rules of pandas' tokenizer (and the standard
library's). A cell over :data:`CUT_BYTES` is then read through :func:`open_cut`,
which hands the parser only the cell's first characters, enough for it to be
rejected as too long, and :class:`Cut` keeps its row, column and size for the reject.

The survey is cheap when no cell comes near the limit, as in almost every sheet: a
delimiter in every few kilobytes and no long quoted stretch prove it, and only a
sheet that fails that proof is scanned field by field.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from followup.schema import MAX_CELL_CHARS

QUOTE, LF, CR = 0x22, 0x0A, 0x0D
#: A cell of more bytes than this is over MAX_CELL_CHARS characters in any encoding
#: read: a character takes at most 4 bytes, and an escaped quote 2 (4 in UTF-16).
CUT_BYTES = 4 * (MAX_CELL_CHARS + 1) + 16
_BLOCK = 1 << 20
#: Three windows are under half the limit, in bytes or UTF-16 units (see _Stretch).
_WINDOW = 1 << 11
_CODECS = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "cp1252"}


@dataclass(frozen=True)
class Cut:
    """A cell too large to read: its bytes in the file (quotes included), its record
    (counted from 0, the header's and blank lines too) and its position in the record."""

    start: int
    end: int
    record: int
    field: int

    @property
    def size(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Survey:
    """What one pass over a text file's bytes found: the cells to cut, and at most how
    many records the file holds (one per line, quoted line ends counted too)."""

    cuts: tuple[Cut, ...] = ()
    records_at_most: int = 0


def survey(path: Path, delimiter: str, encoding: str) -> Survey:
    """Find the cells of ``path`` over :data:`CUT_BYTES`, read with ``delimiter``."""
    units = _Units.of(path, encoding)
    line_ends, suspect, previous = 0, False, LF
    quotes, stretch = _Quotes(ord(delimiter)), _Stretch(ord(delimiter))
    bound = units.limit // 2  # a quoted stretch and an unquoted one, each under half
    for block, base, last in units.blocks():
        line_ends += _line_ends(block, previous)
        previous = int(block[-1]) if len(block) else previous
        if not suspect:
            quotes.feed(block, base, last)
            suspect = quotes.longest > bound or stretch.over(block, bound)
    records = line_ends + (previous not in (LF, CR))  # a last line with no line end
    if not (suspect or stretch.since > bound):
        return Survey((), records)
    return Survey(tuple(_scan(units, ord(delimiter))), records)


def _line_ends(block: np.ndarray, previous: int) -> int:
    """Line ends in a block (CR LF counted once), quoted or not; ``previous`` is the unit
    before it."""
    lf = np.flatnonzero(block == LF)
    cr = int(np.count_nonzero(block == CR))
    if not cr:
        return len(lf)
    before = np.where(lf > 0, block[np.maximum(lf - 1, 0)], previous)
    return len(lf) + cr - int(np.count_nonzero(before == CR))


@dataclass
class _Stretch:
    """Whether some stretch of the file may go on longer than a bound without a delimiter:
    a cell that long could be hiding there. Exact at the edges of a block; inside one, a
    delimiter in each window proves every stretch shorter than three windows."""

    delimiter: int
    since: int = 0  # units since the last delimiter

    def over(self, block: np.ndarray, bound: int) -> bool:
        here = block == self.delimiter
        whole = len(block) // _WINDOW * _WINDOW
        if whole:  # seen as 8-byte words, a window is checked eight flags at a time
            words = here[:whole].view(np.uint64).reshape(-1, _WINDOW // 8)
            if not words.any(axis=1).all():
                return True
        elif not here.any():
            self.since += len(block)
            return self.since > bound
        # The first delimiter is in the first window, the last in the last two.
        first = int(here[:_WINDOW].argmax()) if whole else int(here.argmax())
        tail = here[max(whole - _WINDOW, 0) :]
        last = len(block) - len(tail) + int(np.flatnonzero(tail)[-1])
        over = self.since + first > bound
        self.since = len(block) - 1 - last
        return over


def _scan(units: _Units, delimiter: int) -> Iterator[Cut]:
    """Every field over the limit, with its record and position: a field-by-field pass."""
    quotes = _Quotes(delimiter)
    end = -1  # the last field end seen (a delimiter or line end outside quotes)
    end_unit, record, position = LF, 0, 0  # ... what it was, and the field after it
    for block, base, last in units.blocks():
        inside_before = quotes.inside
        starts, after = quotes.feed(block, base, last)
        where = np.flatnonzero((block == delimiter) | (block == LF) | (block == CR))
        if len(starts):
            run = np.searchsorted(starts, where + base) - 1
            inside = np.where(run >= 0, after[np.maximum(run, 0)], inside_before)
            where = where[~inside]
        elif inside_before:
            where = where[:0]
        if not len(where):
            continue
        values = block[where].astype(np.int64)
        ends = where + base
        previous = np.concatenate([[end], ends[:-1]])
        before = np.concatenate([[end_unit], values[:-1]])
        line = values != delimiter
        crlf = (values == LF) & (before == CR) & (ends == previous + 1)
        records = record + np.cumsum(line & ~crlf)
        fields = np.cumsum(~line)
        last_line = np.maximum.accumulate(np.where(line, np.arange(len(line)), -1))
        positions = np.where(last_line >= 0, fields - fields[np.maximum(last_line, 0)], 0)
        positions = np.where(last_line >= 0, positions, position + fields)
        for i in np.flatnonzero(ends - previous - 1 > units.limit):
            yield units.cut(
                int(previous[i]) + 1,
                int(ends[i]),
                record if i == 0 else int(records[i - 1]),
                position if i == 0 else int(positions[i - 1]),
            )
        end, end_unit = int(ends[-1]), int(values[-1])
        record, position = int(records[-1]), int(positions[-1])
    if units.length - end - 1 > units.limit:
        yield units.cut(end + 1, units.length, record, position)


@dataclass
class _Quotes:
    """The tokenizer's quoting, one block at a time: which quote runs open or close a
    quoted field. A run of quotes opens one only at a field's start; inside, a run of
    odd length closes it (pairs are escaped quotes); after a closing quote, text up to
    the next delimiter belongs to the same field, unquoted."""

    delimiter: int
    inside: bool = False  # in a quoted field, at the end of the runs fed so far
    previous: int = LF  # the unit before the block: a line end, at the file's start
    # The run of quotes the last block ended in, which may go on: start, length, and
    # whether it stands at a field's start.
    pending: tuple[int, int, bool] | None = None
    opened: int = -1  # where the quoted field still open began
    longest: int = 0  # the longest quoted stretch so far

    def feed(self, block: np.ndarray, base: int, last: bool) -> tuple[np.ndarray, np.ndarray]:
        """The runs of quotes ended in this block: their starts (in units from the file's
        start) and whether each leaves a quoted field open."""
        at = np.flatnonzero(block == QUOTE)
        first = np.ones(len(at), bool)
        first[1:] = np.diff(at) > 1
        starts = at[first]
        lengths = np.diff(np.append(np.flatnonzero(first), len(at)))
        before = np.where(starts > 0, block[np.maximum(starts - 1, 0)], self.previous)
        field_start = (before == self.delimiter) | (before == LF) | (before == CR)
        starts = starts + base
        if self.pending is not None:
            start, length, at_start = self.pending
            if len(starts) and starts[0] == base:  # the block goes on with the same run
                starts[0], lengths[0], field_start[0] = start, lengths[0] + length, at_start
            else:
                starts = np.concatenate([[start], starts])
                lengths = np.concatenate([[length], lengths])
                field_start = np.concatenate([[at_start], field_start])
        self.pending = None
        if not last and len(starts) and starts[-1] + lengths[-1] == base + len(block):
            self.pending = (int(starts[-1]), int(lengths[-1]), bool(field_start[-1]))
            starts, lengths, field_start = starts[:-1], lengths[:-1], field_start[:-1]
        if len(block):
            self.previous = int(block[-1])
        after = self._states(lengths % 2 == 1, field_start)
        self._measure(starts, lengths, after, base + len(block))
        if len(after):
            self.inside = bool(after[-1])
        return starts, after

    def _states(self, odd: np.ndarray, field_start: np.ndarray) -> np.ndarray:
        """Inside a quoted field after each run? An odd run at a field's start flips the
        state: it opens a quoted field, or closes the one open (inside quotes, a delimiter
        only looks like a field's end). An odd run elsewhere leaves none open; an even run
        changes nothing."""
        flips = np.cumsum(odd & field_start)
        reset = np.maximum.accumulate(np.where(odd & ~field_start, np.arange(len(odd)), -1))
        since = flips - np.where(reset >= 0, flips[np.maximum(reset, 0)], 0)
        start = np.where(reset >= 0, 0, int(self.inside))
        return np.asarray((since + start) % 2 == 1)

    def _measure(
        self, starts: np.ndarray, lengths: np.ndarray, after: np.ndarray, end: int
    ) -> None:
        """Keep the longest quoted stretch, open ones counted up to ``end``."""
        before = np.concatenate([[self.inside], after[:-1]])
        opens = starts[~before & after]
        closes = (starts + lengths)[before & ~after]
        if self.inside:
            opens = np.concatenate([[self.opened], opens])
        if len(opens) > len(closes):
            self.opened = int(opens[-1])
            closes = np.append(closes, end)
        if len(opens):
            self.longest = max(self.longest, int((closes - opens).max()))


@dataclass(frozen=True)
class _Units:
    """A text file as code units (bytes, or UTF-16 pairs) after its byte-order mark."""

    path: Path
    dtype: np.dtype
    skip: int
    codec: str
    length: int  # in units

    @classmethod
    def of(cls, path: Path, encoding: str) -> _Units:
        size = path.stat().st_size
        if encoding != "utf-16":
            skip = 3 if encoding == "utf-8-sig" else 0
            return cls(path, np.dtype(np.uint8), skip, _CODECS[encoding], size - skip)
        with open(path, "rb") as handle:
            little = handle.read(2) == codecs.BOM_UTF16_LE
        dtype, codec = ("<u2", "utf-16-le") if little else (">u2", "utf-16-be")
        return cls(path, np.dtype(dtype), 2, codec, (size - 2) // 2)

    @property
    def limit(self) -> int:
        return CUT_BYTES // self.dtype.itemsize

    def blocks(self) -> Iterator[tuple[np.ndarray, int, bool]]:
        """Blocks of units: each with the position of its first unit, and whether last."""
        width, base = self.dtype.itemsize, 0
        with open(self.path, "rb") as handle:
            handle.seek(self.skip)
            data = handle.read(_BLOCK)
            while True:
                following = handle.read(_BLOCK)  # read ahead: is this block the last?
                whole = len(data) - len(data) % width
                block = np.frombuffer(data[:whole], self.dtype)
                yield block, base, not following
                if not following:
                    return
                base += len(block)
                data = data[whole:] + following

    def cut(self, start: int, end: int, record: int, position: int) -> Cut:
        width = self.dtype.itemsize
        return Cut(self.skip + start * width, self.skip + end * width, record, position)


def stand_in(path: Path, cut: Cut, encoding: str) -> bytes:
    """What the parser reads in place of a cut cell: its first characters, one over the
    limit (the reader cuts every long cell so), quoted; in the file's encoding."""
    codec = _Units.of(path, encoding).codec
    with open(path, "rb") as handle:
        handle.seek(cut.start)
        head = handle.read(min(cut.size, CUT_BYTES))
    text = codecs.getincrementaldecoder(codec)(errors="replace").decode(head)
    value = _unquoted(text)[: MAX_CELL_CHARS + 1]
    return ('"' + value.replace('"', '""') + '"').encode(codec, errors="replace")


def _unquoted(text: str) -> str:
    """A cell's value from the start of its text, as the tokenizer reads it.

    >>> _unquoted('"said ""hi"", then" left'), _unquoted('plain "text"')
    ('said "hi", then left', 'plain "text"')
    """
    if not text.startswith('"'):
        return text
    out, at = [], 1
    while (close := text.find('"', at)) >= 0:
        out.append(text[at:close])
        if not text.startswith('"', close + 1):
            return "".join(out) + text[close + 1 :]
        out.append('"')
        at = close + 2
    return "".join(out) + text[at:]


def open_cut(path: Path, cuts: tuple[Cut, ...], encoding: str) -> io.TextIOWrapper:
    """``path`` as text, each cut cell replaced by its :func:`stand_in`."""
    raw = _CutReader(path, [(c.start, c.end, stand_in(path, c, encoding)) for c in cuts])
    return io.TextIOWrapper(io.BufferedReader(raw), encoding=encoding, errors="replace", newline="")


class _CutReader(io.RawIOBase):
    """A file's bytes with some spans replaced, read in order."""

    def __init__(self, path: Path, spans: list[tuple[int, int, bytes]]) -> None:
        super().__init__()
        self._file = open(path, "rb")  # noqa: SIM115 (closed with this reader)
        self._spans = sorted(spans, reverse=True)  # the next one last
        self._at = 0
        self._insert = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        while not self._insert and self._spans and self._spans[-1][0] == self._at:
            _, end, text = self._spans.pop()
            self._file.seek(end)
            self._at, self._insert = end, text
        if self._insert:
            n = min(len(view), len(self._insert))
            view[:n] = self._insert[:n]
            self._insert = self._insert[n:]
            return n
        room = len(view) if not self._spans else min(len(view), self._spans[-1][0] - self._at)
        n = self._file.readinto(view[:room]) or 0
        self._at += n
        return n

    def close(self) -> None:
        self._file.close()
        super().close()
