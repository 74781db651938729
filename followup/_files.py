"""Writing files every stage shares: atomic writes, and tables safe to open in a spreadsheet.

A file is written under a temporary name in its own folder, flushed to disk,
and renamed over the target only when the write finished; on any error the
temporary file is deleted and the old file, if any, is left as it was.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = atomic_write(folder / "a.txt", b"old")
>>> try:
...     with atomic_file(folder / "a.txt") as handle:
...         _ = handle.write(b"half a")
...         raise RuntimeError("disk full")
... except RuntimeError:
...     pass
>>> (folder / "a.txt").read_bytes(), sorted(p.name for p in folder.iterdir())
(b'old', ['a.txt'])
>>> neutralize_formulas(pd.DataFrame({"v": ["=HYPERLINK(1)", "ok", "-3"]}))["v"].tolist()
["'=HYPERLINK(1)", 'ok', "'-3"]
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from followup._arrow import text_array, text_scalar

_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_BYTES = np.frombuffer("".join(_FORMULA_START).encode(), dtype=np.uint8)


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``path`` to write; moved into place only if the block ends
    without an error, deleted if it raises."""
    target = Path(path)
    if not target.parent.is_dir():  # not the temporary file's name in the error
        message = f"no such folder to write {target.name} in; create it first"
        raise FileNotFoundError(errno.ENOENT, message, str(target.parent))
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    tmp = Path(name)
    try:
        yield tmp
        _fsync(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


@contextmanager
def atomic_file(
    path: str | os.PathLike[str], mode: str = "wb", **options: Any
) -> Iterator[IO[Any]]:
    """An open file that replaces ``path`` when the block ends, or vanishes if it raises."""
    with atomic_path(path) as tmp, open(tmp, mode, **options) as handle:
        yield handle


def atomic_write(path: str | os.PathLike[str], content: bytes | Callable[[Path], None]) -> Path:
    """Write ``content`` (bytes, or a function that writes the file at the path it is
    given) atomically to ``path``."""
    with atomic_path(path) as tmp:
        if isinstance(content, bytes):
            tmp.write_bytes(content)
        else:
            content(tmp)
    return Path(path)


def atomic_write_many(files: Iterable[tuple[str | os.PathLike[str], bytes]]) -> None:
    """Write many small files, each atomically, with one flush to disk for them all.

    Every file goes to a temporary name first; they are renamed into place only
    once all are written and synced. On an error none of this batch's temporary
    files is left behind.
    """
    written: list[tuple[str, str]] = []
    try:
        for path, data in files:
            target = os.fspath(path)
            tmp, handle = _new_file(target)
            written.append((tmp, target))
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(handle, view) :]
            finally:
                os.close(handle)
        _sync_all([tmp for tmp, _ in written])
        for tmp, target in written:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _ in written:
            Path(tmp).unlink(missing_ok=True)
        raise
    for folder in {os.path.dirname(target) for _, target in written}:
        _fsync_folder(Path(folder or "."))


def _new_file(path: str) -> tuple[str, int]:
    """A new temporary file beside ``path``, private to its owner (as :func:`tempfile.mkstemp`
    makes them), named for this process: its name and open descriptor."""
    folder, name = os.path.split(path)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
    except FileExistsError:  # left by an earlier run that was killed: take another name
        handle, tmp = tempfile.mkstemp(dir=folder or None, prefix=f".{name}.", suffix=".tmp")
        return tmp, handle


def _fsync(path: str | Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_all(paths: Sequence[str | Path]) -> None:
    """Flush many files: one system-wide sync where there is one (fsync costs a few
    milliseconds a file), else one fsync each."""
    if len(paths) > 1 and hasattr(os, "sync"):
        os.sync()
        return
    for path in paths:
        _fsync(path)


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def neutralize_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells a spreadsheet would run as formulas with an apostrophe."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if isinstance(values.dtype, pd.StringDtype):
            risky = values.str.startswith(_FORMULA_START).fillna(False).astype(bool)
        elif values.dtype == object:
            risky = values.map(lambda v: isinstance(v, str) and v.startswith(_FORMULA_START))
        else:
            continue
        if risky.any():
            out[column] = values.where(~risky.astype(bool), "'" + values.astype("str"))
    return out


def write_csv_rows(handle: IO[bytes], frame: pd.DataFrame, *, header: bool = True) -> None:
    r"""Write ``frame`` to a binary file as :meth:`~pandas.DataFrame.to_csv` writes it (no
    index, ``\n`` line ends) after :func:`neutralize_formulas`, built column-wise with
    Arrow: several times faster on long tables, and written from Arrow's buffer, never
    copied into a Python string.

    >>> table = pd.DataFrame({"a": ["x", 'say "hi", bye', None, "=1+1"], "n": [1.5, None, 2.0, 3]})
    >>> import io
    >>> out = io.BytesIO()
    >>> write_csv_rows(out, table)
    >>> safe = neutralize_formulas(table)
    >>> out.getvalue().decode() == safe.to_csv(index=False, lineterminator="\n")
    True
    """
    kinds = [_csv_kind(dtype) for dtype in frame.dtypes]
    if len(frame.columns) < 2 or "" in kinds:  # rare tables: pandas' own writer
        text = neutralize_formulas(frame).to_csv(index=False, header=header, lineterminator="\n")
        handle.write(text.encode())
        return
    if header:
        handle.write((",".join(_quoted(str(c)) for c in frame.columns) + "\n").encode())
    if frame.empty:
        return
    cells = [_csv_cells(frame.iloc[:, i], kind) for i, kind in enumerate(kinds)]
    rows = pc.binary_join_element_wise(*cells, text_scalar(","))
    lines = pc.binary_join_element_wise(rows, text_scalar("\n"), text_scalar(""))
    whole = pc.binary_join(pa.ListArray.from_arrays([0, len(lines)], lines), text_scalar(""))
    handle.write(whole[0].as_buffer())


def _csv_kind(dtype: Any) -> str:
    """How pandas writes a column of ``dtype`` to CSV, or "" for one left to pandas."""
    if isinstance(dtype, pd.StringDtype):
        return "text"
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        return "number"  # as numpy prints it: True, 3, 1.5, 1e+20
    return ""


def _csv_cells(values: pd.Series, kind: str) -> pa.Array:
    """One column's cells as CSV text: missing as "", formulas neutralised, quoted where a
    cell needs it. Most columns need neither: their bytes are looked at, not each cell."""
    if kind == "number":
        return _printed(values)
    text = text_array(values)
    if text.null_count:
        text = pc.fill_null(text, "")
    starts, data = _starts_and_bytes(text)
    filled = np.flatnonzero(np.diff(starts))
    risky = np.zeros(len(text), dtype=bool)
    risky[filled] = np.isin(data[starts[filled]], _FORMULA_BYTES)
    if risky.any():
        mark = pc.binary_join_element_wise(text_scalar("'"), text, text_scalar(""))
        text = pc.if_else(pa.array(risky), mark, text)
    written = data[starts[0] : starts[-1]].tobytes()
    if not any(special in written for special in (b",", b'"', b"\n")):
        return text
    needs = pc.match_substring_regex(text, '[,"\n]')
    escaped = pc.replace_substring(text, '"', '""')
    mark = text_scalar('"')
    quoted = pc.binary_join_element_wise(mark, escaped, mark, text_scalar(""))
    return pc.if_else(needs, quoted, text)


def _starts_and_bytes(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Where each cell of a ``large_string`` array starts (and the last one ends) in its
    bytes, and those bytes, without a copy."""
    _, offsets, data = text.buffers()
    starts = np.frombuffer(offsets, dtype=np.int64)[text.offset : text.offset + len(text) + 1]
    written = np.frombuffer(data, dtype=np.uint8) if data is not None else np.empty(0, np.uint8)
    return starts, written


def _printed(values: pd.Series) -> pa.Array:
    """Numbers as numpy prints them, which is what pandas writes (a missing one as ""),
    each distinct value printed once."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    printed = np.asarray(uniques).astype("str")
    if values.dtype.kind == "f":
        printed[np.isnan(np.asarray(uniques))] = ""
    return pa.array(printed, pa.large_string()).take(pa.array(codes))


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\n') else cell


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a table as UTF-8 CSV, atomically, with formulas neutralised."""
    with atomic_file(path) as handle:
        write_csv_rows(handle, frame)
    return Path(path)


class CsvAppender:
    """A CSV written a chunk at a time, moved into place only if the run ends without error."""

    def __init__(self, path: Path, columns: Sequence[str]) -> None:
        self.columns = columns
        self._file = ExitStack()
        self._handle = self._file.enter_context(atomic_file(path))
        self._header = True

    def write(self, table: pd.DataFrame) -> None:
        write_csv_rows(self._handle, table, header=self._header)
        self._header = False

    def __enter__(self) -> CsvAppender:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if error is None and self._header:  # nothing written: just the header
            self._handle.write((",".join(self.columns) + "\n" if self.columns else "").encode())
        self._file.__exit__(kind, error, trace)
