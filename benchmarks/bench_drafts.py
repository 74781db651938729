"""Drafting speed and memory: 100,000 interviewers from CSV to checked drafts on disk.

Run from the repository root::

    python benchmarks/bench_drafts.py [--rows 100000] [--million] [--against-mailmerge]
                                      [--base /tmp/wt-base ...] [--distinct-notes]
                                      [--panel-notes]

Prints, per stage, drafts/s and the process's peak memory so far, next to the
floors measured in the same run: Arrow reading the same CSV, a bare compiled
Jinja2 template (the built-in ``thank-you`` body) rendered once per row from
ready-made dicts, quoted-printable of every body, and writing the same message
bytes with plain file writes. ``--million`` also runs
``followup draft --format mbox`` on 1,000,000 interviewers in a child process
and reports its wall time and peak memory (the largest process's RSS, and the
PSS of all its processes together). ``--against-mailmerge`` installs
mailmerge 2.3.0 into a throwaway virtual environment (never a dependency of
followup) and times, on the same rows in the same run, its dry run against
``followup draft --format mbox`` (which also validates, checks every draft and
writes three CSVs), alone and with ``--workers 2``, each end to end in a child
process, taking turns, best of two; then once more each with its peak memory
sampled (which slows a large process), before the stage table. ``--base`` (with
``--against-mailmerge``, and may be given more than once) is a checkout of another
commit (``git worktree add --detach /tmp/wt-base REV``): its ``followup draft --format
mbox`` takes turns with the others, so before and after are timed in the same run.
``--distinct-notes`` gives every interviewer a talking point of their own (and
every other one a question), as a real sheet does: each distinct note is adapted
and proofread once, so this is where that work shows. ``--panel-notes`` puts each
interview's notes in one cell on all its rows, each after an interviewer's name ("Ana -
the roadmap. Ben - ..."): each letter takes its reader's part.
Before a child process is timed, followup's modules are compiled to bytecode in each
checkout, as an installed package has them (mailmerge's are, by pip).
Compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import bench_read

NOW = "2026-11-29 12:00"
REPO = Path(__file__).resolve().parents[1]
MAILMERGE = "mailmerge==2.3.0"
ROUNDS = 2  # runs of each command against mailmerge, the best one counted
#: The same letter for mailmerge, from the same fields (mailmerge has no checks).
MAILMERGE_TEMPLATE = """\
TO: {{interviewer_email}}
SUBJECT: Thank you for the {{role}} interview
FROM: {{candidate_name}} <{{candidate_email}}>

Dear {{interviewer_name}},

Thank you for taking the time to talk with me about the {{role}} role at {{company}}.
I keep thinking about {{talking_point}}. {{question}}

I am excited about the chance to join the team.

Kind regards,
{{candidate_name}}
"""
MAILMERGE_CONFIG = "[smtp_server]\nhost = localhost\nport = 25\nsecurity = Never\nratelimit = 0\n"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, n: int, results: dict[str, float], work: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    out = work()
    seconds = time.perf_counter() - start
    results[label] = seconds
    print(f"{label:<44}{seconds:>8.2f}{n / seconds:>12,.0f}{peak_mb():>10.0f}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--million", action="store_true")
    parser.add_argument("--against-mailmerge", action="store_true")
    parser.add_argument("--base", type=Path, action="append", default=[], help="another checkout")
    parser.add_argument("--distinct-notes", action="store_true")
    parser.add_argument("--panel-notes", action="store_true")
    args = parser.parse_args()
    if args.base and not args.against_mailmerge:
        parser.error("--base times a checkout beside mailmerge: add --against-mailmerge")
    rows = bench_read.generate(
        args.rows, distinct_notes=args.distinct_notes, panel_notes=args.panel_notes
    )
    if args.against_mailmerge or args.million:
        compile_modules([REPO, *args.base])
    if args.against_mailmerge:
        against_mailmerge(rows, bases=[b.resolve() for b in args.base])
        print()
    stages(rows, million=args.million)


def stages(rows: list[list[str]], *, million: bool) -> None:
    """Each stage in process, on generated interviewers, beside its floor."""
    import binascii

    import jinja2
    import pandas as pd
    import pyarrow.csv

    import followup
    from followup.draft import draft_messages, load_template, template_context

    with tempfile.TemporaryDirectory() as folder:
        sheet = Path(folder) / "sheet.csv"
        bench_read.write_csv(rows, sheet)
        n = len(rows)
        results: dict[str, float] = {}
        print(f"{n:,} interviewers")
        print(f"{'stage':<44}{'seconds':>8}{'drafts/s':>12}{'peak MB':>10}")
        recipients = timed(
            "read_interviews", n, results, lambda: followup.read_interviews(sheet).recipients
        )
        with_due = timed(
            "add_deadlines", n, results, lambda: followup.add_deadlines(recipients, now=NOW)
        )
        drafts = timed("render_drafts", n, results, lambda: followup.render_drafts(with_due))
        findings = timed("check_drafts", n, results, lambda: followup.check_drafts(drafts, now=NOW))
        timed(
            "write_drafts mbox",
            n,
            results,
            lambda: followup.write_drafts(drafts, Path(folder) / "d.mbox", format="mbox", now=NOW),
        )
        timed(
            "write_drafts eml",
            n,
            results,
            lambda: followup.write_drafts(drafts, Path(folder) / "eml", now=NOW),
        )

        # Floors, in the same run.
        template = load_template("thank-you")
        books = pd.Series("thank-you", index=with_due.index, dtype="str")
        records = template_context(with_due.assign(candidate_name="Student"), books=books)[
            sorted(template.variables)
        ].to_dict("records")
        bare = jinja2.Environment(undefined=jinja2.StrictUndefined)
        compiled = bare.from_string(template.source)
        timed(
            "floor: bare Jinja2 render per row",
            n,
            results,
            lambda: [compiled.render(r) for r in records],
        )
        timed("floor: pyarrow.csv.read_csv", n, results, lambda: pyarrow.csv.read_csv(sheet))
        bodies = drafts["body"].tolist()
        timed(
            "floor: quoted-printable of every body",
            n,
            results,
            lambda: [binascii.b2a_qp(b.encode(), istext=True) for b in bodies],
        )
        messages = list(draft_messages(drafts, now=NOW))
        plain = Path(folder) / "plain"
        plain.mkdir()

        def write_plain_files() -> None:
            for i, data in enumerate(messages):
                with open(plain / f"{i}.eml", "wb") as handle:
                    handle.write(data)

        timed("floor: plain file writes, one per draft", n, results, write_plain_files)

        def write_one_file() -> None:
            with open(Path(folder) / "plain.mbox", "wb") as handle:
                for data in messages:
                    handle.write(data)

        timed("floor: plain writes into one file", n, results, write_one_file)

        render_check = results["render_drafts"] + results["check_drafts"]
        floor = results["floor: bare Jinja2 render per row"]
        to_mbox = (
            results["read_interviews"]
            + results["add_deadlines"]
            + render_check
            + results["write_drafts mbox"]
        )
        to_eml = to_mbox - results["write_drafts mbox"] + results["write_drafts eml"]
        print(f"\nrender + check / Jinja2 floor:          {render_check / floor:.1f}x")
        print(f"CSV in -> checked -> one mbox:           {to_mbox:.2f} s")
        print(f"CSV in -> checked -> {n:,} .eml files: {to_eml:.2f} s")
        print(f"findings: {len(findings):,}")

        if million:
            big = Path(folder) / "million.csv"
            bench_read.write_csv(bench_read.generate(1_000_000), big)
            command = [
                sys.executable, "-m", "followup", "draft", str(big),
                "--out", str(Path(folder) / "million"), "--format", "mbox", "--now", NOW,
            ]  # fmt: skip
            seconds, rss, pss = run_sampled(command, Path(folder))
            print(
                f"\n1,000,000 interviewers, followup draft --format mbox: {seconds:.1f} s, "
                f"peak {rss:,.0f} MB RSS (largest process), {pss:,.0f} MB PSS (all processes)"
            )


def against_mailmerge(rows: list[list[str]], *, bases: list[Path]) -> None:
    """Both tools end to end on the same generated interviewers, taking turns; followup
    also from each of the ``bases`` checkouts."""
    n = len(rows)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        print(f"installing {MAILMERGE} into a throwaway venv ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(folder / "venv")], check=True)
        pip = [str(folder / "venv" / "bin" / "python"), "-m", "pip", "install", "-q"]
        subprocess.run([*pip, MAILMERGE], check=True, capture_output=True)
        sheet = folder / "sheet.csv"
        bench_read.write_csv(rows, sheet)
        fields = ["candidate_name", "candidate_email", "company", "role"]
        people = ["interviewer_name", "interviewer_email", "talking_point", "question"]
        with open(folder / "database.csv", "w", newline="", encoding="utf-8") as handle:
            out = csv.writer(handle)
            out.writerow(fields + people)
            out.writerows([*row[0:4], *row[8:12]] for row in rows)
        (folder / "template.txt").write_text(MAILMERGE_TEMPLATE, encoding="utf-8")
        (folder / "server.conf").write_text(MAILMERGE_CONFIG, encoding="utf-8")
        mailmerge = [
            str(folder / "venv" / "bin" / "mailmerge"), "--dry-run", "--no-limit",
            "--output-format", "raw", "--template", "template.txt",
            "--database", "database.csv", "--config", "server.conf",
        ]  # fmt: skip
        ours = [
            sys.executable, "-m", "followup", "draft", str(sheet), "--out", "drafts",
            "--format", "mbox", "--now", NOW, "--tz", "America/Chicago",
        ]  # fmt: skip
        commands: dict[str, tuple[list[str], Path | None]] = {
            "mailmerge 2.3.0 --dry-run": (mailmerge, None),
            "followup draft --format mbox": (ours, None),
            "  ... --workers 2": ([*ours, "--workers", "2"], None),
            **{f"  ... from {base.name}": (ours, base) for base in bases},
        }
        seconds: dict[str, float] = {}
        for _ in range(ROUNDS):  # interleaved, so a slow spell of the machine hits all alike
            for label, (command, base) in commands.items():
                took = run_plain(command, folder, base)
                seconds[label] = min(seconds.get(label, took), took)
        watched = {
            label: run_sampled(command, folder, base) for label, (command, base) in commands.items()
        }
        print(f"{n:,} interviewers, end to end, each in its own process:")
        print(f"  {'':<32}{'seconds':>10}{'ratio':>8}{'watched':>10}{'RSS MB':>10}{'PSS MB':>10}")
        for label, took in seconds.items():
            ratio = seconds["mailmerge 2.3.0 --dry-run"] / took
            also, rss, pss = watched[label]
            print(
                f"  {label:<32}{took:>10.2f}{ratio:>7.1f}x{also:>10.2f}{rss:>10,.0f}{pss:>10,.0f}"
            )
        print(f"  (seconds: the best of {ROUNDS} runs each, taking turns; ratio: mailmerge's")
        print("  seconds over each one's; watched: one more run each, its memory sampled every")
        print("  20 ms, with the RSS of its largest process and the PSS of all, at their peak)")


def compile_modules(checkouts: list[Path]) -> None:
    """Compile followup's modules to bytecode in each checkout, as installing a package
    does (mailmerge's venv has its own): with PYTHONDONTWRITEBYTECODE set, as on this
    machine, a checkout installed in editable mode is otherwise compiled again by every
    process it runs in, 0.5 s a run that an installed copy never pays."""
    for checkout in checkouts:
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(checkout / "followup")], check=True
        )


def run_plain(command: list[str], cwd: Path, base: Path | None = None) -> float:
    """Seconds a command takes (followup from the ``base`` checkout, if one is given), its
    memory not sampled: reading a process's ``smaps_rollup`` every 20 ms walks its page
    tables, and slows a 250 MB process by about a fifth (a 30 MB one hardly at all)."""
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, env=_env(base), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # followup: 1 = some drafts have findings
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr[-500:]!r}")
    return seconds


def run_sampled(
    command: list[str], cwd: Path, base: Path | None = None
) -> tuple[float, float, float]:
    """Seconds and peak memory of a command and the processes it starts: the largest
    one's resident set (RSS), and all their proportional sets (PSS: pages they share
    counted once) together, sampled every 20 ms, which slows it (:func:`run_plain`).
    (The kernel's own peak RSS of a child counts the parent it was forked from, so this
    benchmark's own memory.)"""
    start = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=cwd, env=_env(base), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak_rss = peak_pss = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak_rss, peak_pss
        while not stop.wait(0.02):
            sizes = [memory_kb(pid) for pid in tree(child.pid)]
            peak_rss = max([peak_rss, *(rss for rss, _ in sizes)])
            peak_pss = max(peak_pss, sum(pss for _, pss in sizes))

    sampler = threading.Thread(target=sample)
    sampler.start()
    assert child.stderr is not None
    errors = child.stderr.read()
    child.wait()
    stop.set()
    sampler.join()
    seconds = time.perf_counter() - start
    if child.returncode not in (0, 1):  # followup: 1 = some drafts have findings
        raise SystemExit(f"{command[0]} failed ({child.returncode}): {errors[-500:]!r}")
    return seconds, peak_rss / 1024, peak_pss / 1024


def _env(base: Path | None) -> dict[str, str] | None:
    """The environment that runs followup from ``base``, ahead of the installed one."""
    return None if base is None else {**os.environ, "PYTHONPATH": str(base)}


def tree(pid: int) -> list[int]:
    """A process and its descendants (Linux)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:  # it has just ended
        return []
    return [pid, *(p for c in children for p in tree(int(c)))]


def memory_kb(pid: int) -> tuple[int, int]:
    """A process's resident and proportional set sizes, in KiB; zeros once it has ended."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0, 0
    sizes = dict(line.split()[:2] for line in lines if line.startswith(("Rss:", "Pss:")))
    return int(sizes.get("Rss:", 0)), int(sizes.get("Pss:", 0))


if __name__ == "__main__":
    main()
