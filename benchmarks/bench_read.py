"""Reading speed and memory: a generated 100,000-interviewer sheet, CSV and xlsx.

Run from the repository root::

    python benchmarks/bench_read.py [--rows 100000]

Each measurement runs in a fresh process, so peak memory (max RSS) is that
reader's alone; "over baseline" subtracts the process after its imports. A
floor is measured in the same run for comparison: ``pandas.read_csv`` of the
same file with every column as text, no validation. Compare ratios, not
seconds: the machine is shared.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

FIRST = [
    "Dana",
    "Luis",
    "Zoë",
    "José",
    "Siobhán",
    "Łukasz",
    "Ayşe",
    "Kwame",
    "Mei",
    "Priya",
    "Tom",
    "Grace",
    "Ingrid",
    "Ben",
    "Sofía",
    "Oliver",
]
LAST = [
    "Whitfield",
    "Ortega",
    "Müller",
    "Álvarez",
    "O'Connor",
    "Kowalski",
    "Yılmaz",
    "Mensah",
    "Tanaka",
    "Raman",
    "Becker",
    "Chen",
    "Solberg",
    "Okafor",
    "Reyes",
    "Grant",
]
COMPANIES = [
    "Northwind Analytics",
    "Bluefin Health",
    "Harbor & Pine",
    "Quillstone Books",
    "Tidewater Energy",
    "Lumen Robotics",
    "Cobalt Credit Union",
    "Atlas Freight",
]
ROLES = ["Data Analyst", "Support Engineer", "Editorial Assistant", "Operations Analyst"]
ZONES = ["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London"]
TOOLS = ["dbt", "Airflow", "Looker", "Spark", "Kafka"]  # in distinct notes
HEADER = [
    "Candidate",
    "Candidate Email",
    "Company",
    "Position",
    "Date",
    "Start",
    "Duration",
    "Time Zone",
    "Interviewer",
    "Interviewer Email",
    "Talking Point",
    "Question",
    "Interested",
    "Program",
    "Cohort",
]


def generate(
    n_rows: int, seed: int = 7, *, distinct_notes: bool = False, panel_notes: bool = False
) -> list[list[str]]:
    """Rows of a long-layout career-center sheet, about three interviewers per interview.

    Its talking points are three, over and over; with ``distinct_notes`` every
    interviewer has their own, and every other one a question, as on a real sheet.
    With ``panel_notes`` the rows of an interview share one note that names each of
    them ("Ana - the roadmap. Ben - ..."), as a sheet pasted from one notebook does.
    """
    rng = np.random.default_rng(seed)
    n_interviews = n_rows // 3 + 1
    day = rng.integers(1, 29, n_interviews)
    hour = rng.integers(8, 18, n_interviews)
    minute = rng.choice([0, 15, 30, 45], n_interviews)
    rows = []
    for i in range(n_rows):
        k = i // 3
        first, last = FIRST[rng.integers(16)], LAST[rng.integers(16)]
        h12 = (hour[k] - 1) % 12 + 1
        rows.append(
            [
                f"Student {k % 5000}",
                f"student{k % 5000}@uni.example",
                COMPANIES[k % 8],
                ROLES[k % 4],
                f"11/{day[k]:02d}/2026",
                f"{h12}:{minute[k]:02d} {'PM' if hour[k] >= 12 else 'AM'}",
                "45",
                ZONES[k % 4],
                f"{first} {last}",
                f"p{i}@{COMPANIES[k % 8].split()[0].lower()}.example",
                _point(i, distinct_notes),
                _question(i, distinct_notes),
                "yes",
                "Business",
                "2026F",
            ]
        )
    if panel_notes:
        _share_notes(rows)
    return rows


def _share_notes(rows: list[list[str]]) -> None:
    """Each interview's talking points, each after its interviewer's first name, in one
    cell on every row of the interview."""
    for k in range(0, len(rows), 3):
        panel = rows[k : k + 3]
        shared = ". ".join(f"{row[8].split()[0]} - {row[10]}" for row in panel)
        for row in panel:
            row[10] = shared


def _point(i: int, distinct: bool) -> str:
    if not distinct:
        return f"the {['roadmap', 'team, culture and tools', 'on-call rota'][i % 3]} we discussed"
    jobs = f"{i + 1} nightly {TOOLS[i % 5]} jobs"
    return f"how the team moved {jobs} off the old warehouse and what broke"


def _question(i: int, distinct: bool) -> str:
    if not distinct:
        return "What are the next steps?" if i % 4 == 0 else ""
    months = i // 2 % 97 + 2
    return (
        f"How will the {TOOLS[i % 5]} rollout change the role over {months} months?"
        if i % 2
        else ""
    )


def write_csv(rows: list[list[str]], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)


def write_xlsx(rows: list[list[str]], path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Interviews")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)


def measure_one(kind: str, path: str) -> None:
    """In a child process: time one read and print JSON."""
    import pandas as pd

    import followup

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    if kind == "floor":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        n = len(frame)
    else:
        result = followup.read_interviews(path, tz="America/Chicago")
        n = len(result.recipients)
        assert result.rows_rejected == 0, result.rejects.head()
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "rows": n, "peak_kb": peak, "baseline_kb": baseline}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--one", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        measure_one(*args.one)
        return
    with tempfile.TemporaryDirectory() as folder:
        rows = generate(args.rows)
        csv_path, xlsx_path = Path(folder) / "sheet.csv", Path(folder) / "sheet.xlsx"
        write_csv(rows, csv_path)
        write_xlsx(rows, xlsx_path)
        print(
            f"{args.rows:,} interviewer rows; CSV {csv_path.stat().st_size / 1e6:.1f} MB, "
            f"xlsx {xlsx_path.stat().st_size / 1e6:.1f} MB"
        )
        print(f"{'what':<34}{'seconds':>9}{'rows/s':>12}{'peak MB':>9}{'over base':>11}")
        results = {}
        for label, kind, path in [
            ("floor: pandas.read_csv, text only", "floor", csv_path),
            ("read_interviews CSV", "read", csv_path),
            ("read_interviews xlsx", "read", xlsx_path),
        ]:
            done = subprocess.run(
                [sys.executable, __file__, "--one", kind, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(done.stdout)
            results[label] = r
            print(
                f"{label:<34}{r['seconds']:>9.2f}{r['rows'] / r['seconds']:>12,.0f}"
                f"{r['peak_kb'] / 1024:>9.0f}{(r['peak_kb'] - r['baseline_kb']) / 1024:>11.0f}"
            )
        floor = results["floor: pandas.read_csv, text only"]["seconds"]
        csv_seconds = results["read_interviews CSV"]["seconds"]
        print(f"read_interviews CSV / floor: {csv_seconds / floor:.1f}x")


if __name__ == "__main__":
    main()
