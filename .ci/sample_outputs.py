"""Write every output followup makes from the bundled samples into one folder.

Run it before and after a change that must not alter behaviour, then compare::

    python .ci/sample_outputs.py /tmp/before      # on the old commit
    python .ci/sample_outputs.py /tmp/after       # on the new one
    diff -r /tmp/before /tmp/after && echo identical

It drives the command line only (the one interface a refactor keeps), with a
fixed clock, zone and sender. Workbooks are unzipped into their XML parts,
minus ``docProps/core.xml`` (which stamps the time of writing), so two runs
compare byte for byte. ``--rows N`` adds a generated sheet of N interviewers.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NOW = ["--now", "2026-11-25T09:00", "--tz", "America/Chicago"]
SENDER = ["--sender", "Avery Quinn <avery@example.com>"]
#: A sheet with a problem in most rows, so the rejects are compared too.
BAD_SHEET = """\
Company,Role,Date,Start,End,Duration,Time Zone,Interviewer,Interviewer Email,Interested,\
Sent At,Outcome
Northwind,Analyst,11/24/2026,2:30 PM,3:30 PM,,America/Chicago,Dana Whitfield,dana@nw.example,yes,,
Northwind,Analyst,11/24/2026,2:30 PM,3:30 PM,,America/Chicago,Dana Whitfield,dana@nw.example,yes,,
,Analyst,11/24/2026,2:30 PM,,45,America/Chicago,Luis Ortega,luis@nw.example,yes,,
Bluefin,,11/31/2026,10:00 AM,,,America/New_York,Priya,priya@bf.example,maybe,,
Bluefin,Coordinator,11/23/2026,25:00,,,America/New_York,José,jose@bf,yes,,
Bluefin,Coordinator,11/23/2026,10:00 AM,9:00 AM,,Mars/Base,,ana@bf.example,yes,,
Harbor,Designer,03/08/2026,2:30 AM,,,America/Chicago,Siobhán,siobhan@hp.example,no,,
Harbor,Designer,11/01/2026,1:30 AM,,,America/Chicago,Marcus,marcus@hp.example,no,,
Quill,Editor,,,,,America/New_York,Hannah,hannah@q.example,yes,,
Quill,Editor,11/25/2026,,,soon,America/New_York,Hannah,,yes,11/20/2026 09:00,hired-ish
Quill,Editor,11/25/2026,4:00 PM,,2000,America/New_York,"Lee, Hannah",hl@q.example,yes,,offer
Tide,Analyst,11/19/2026,1:00 PM,,,America/Chicago,Tom,tom@t.example,yes,,,extra,cells
"""


OUT = Path()


def followup(*args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "followup", *args], cwd=REPO, capture_output=True, text=True
    )
    print(f"exit {done.returncode}: followup {' '.join(args)}")
    text = f"$ followup {' '.join(args)}\n{done.stdout}{done.stderr}exit {done.returncode}\n\n"
    with (OUT / "console.txt").open("a") as console:
        console.write(text.replace(str(OUT), "OUT"))


def unzip_workbooks(folder: Path) -> None:
    for book in sorted(folder.rglob("*.xlsx")):
        with zipfile.ZipFile(book) as archive:
            for name in archive.namelist():
                if name != "docProps/core.xml":
                    target = book.with_name(book.name + ".parts") / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(archive.read(name))
        book.unlink()


def main() -> None:
    global OUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=0)
    args = parser.parse_args()
    OUT = args.out.resolve()
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    bad = OUT / "bad.csv"
    bad.write_text(BAD_SHEET)
    sheets = ["data/interviews.csv", "data/interviews.xlsx", str(bad)]
    if args.rows:
        sys.path.insert(0, str(REPO / "benchmarks"))
        import bench_read

        generated = OUT / "generated.csv"
        bench_read.write_csv(bench_read.generate(args.rows), generated)
        sheets.append(str(generated))
    for number, sheet in enumerate(sheets):
        for format in ("eml", "mbox", "csv", "xlsx"):
            folder = OUT / f"sheet{number}-{format}"
            followup("draft", sheet, "--out", str(folder), "--format", format, *NOW, *SENDER)
        followup("validate", sheet, "--rejects", str(OUT / f"sheet{number}-rejects.csv"), *NOW[2:])
        followup("due", sheet, *NOW, *SENDER)
        followup("check", sheet, *NOW, *SENDER)
    followup("check", str(OUT / "sheet0-eml"), *NOW)
    followup(
        "report",
        "data/career_center.csv",
        "--out",
        str(OUT / "report.html"),
        "--as-of",
        "2026-11-26",
    )
    followup("synthetic", str(OUT / "synthetic.csv"), "--interviews", "500")
    unzip_workbooks(OUT)
    bad.unlink()
    if args.rows:
        generated.unlink()


if __name__ == "__main__":
    main()
