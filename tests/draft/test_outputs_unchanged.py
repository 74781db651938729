"""Every file ``followup draft`` writes for a generated 2,000-row sheet, byte for byte.

The digests in ``outputs_2000.json`` were written by the code before the speed work of
issue 14, and rewritten once since, when a chunked run came to write what the library's
whole-sheet pipeline writes; a change that makes drafting faster must not change one
byte. A change meant to alter the drafts rewrites them, on purpose and in its own
commit::

    python tests/draft/test_outputs_unchanged.py --write

To see what differs, run ``.ci/sample_outputs.py DIR --rows 2000`` on both commits and
``diff -r`` the two folders.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))

import bench_read  # noqa: E402

from followup.draft import draft_sheet  # noqa: E402

MANIFEST = Path(__file__).with_name("outputs_2000.json")
FORMATS = ("eml", "mbox", "csv", "xlsx")
ROWS = 2_000


def digests(sheet: Path, out: Path, format: str) -> dict[str, str]:
    """sha256 of each file a run writes (a workbook's parts, minus its time stamp); the
    ``.eml`` files as one digest over their names and bytes, with their count."""
    draft_sheet(
        sheet, out, format=format, now="2026-11-29 12:00", tz="America/Chicago",
        sender="Avery Quinn <avery@example.com>",
    )  # fmt: skip
    found: dict[str, str] = {}
    emls = hashlib.sha256()
    count = 0
    for path in sorted(out.rglob("*")):
        if path.suffix == ".eml":
            emls.update(path.name.encode() + b"\0" + path.read_bytes())
            count += 1
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                for part in sorted(book.namelist()):
                    if part != "docProps/core.xml":
                        found[f"{path.name}/{part}"] = hashlib.sha256(book.read(part)).hexdigest()
        elif path.is_file():
            found[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    if count:
        found[f"{count} .eml files"] = emls.hexdigest()
    return found


def all_digests(folder: Path) -> dict[str, dict[str, str]]:
    sheet = folder / "generated.csv"
    bench_read.write_csv(bench_read.generate(ROWS), sheet)
    return {format: digests(sheet, folder / format, format) for format in FORMATS}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    return all_digests(tmp_path_factory.mktemp("outputs"))


@pytest.mark.parametrize("format", FORMATS)
def test_draft_writes_the_same_bytes_as_before(written, format):
    expected = json.loads(MANIFEST.read_text())[format]
    assert written[format] == expected


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        raise SystemExit(__doc__)
    with tempfile.TemporaryDirectory() as name:
        MANIFEST.write_text(json.dumps(all_digests(Path(name)), indent=1, sort_keys=True) + "\n")
    print(f"wrote {MANIFEST}")
