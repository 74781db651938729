"""Shared helpers: small sheets written as real files, and the command line run in-process."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

import followup
from followup.cli import main

REPO = Path(__file__).resolve().parents[1]

pytest_plugins = ["mailservers"]  # the loopback SMTP and IMAP servers, as fixtures


HEADER = "Company,Role,Start,Time Zone,Interviewer,Interviewer Email,Talking Point"
ROW = "Northwind,Data Analyst,2026-11-24 14:30,America/Chicago,Dana Whitfield,dana@nw.example,dbt"


@pytest.fixture
def write(tmp_path: Path):
    """Write text (or bytes) to a file in tmp_path and return its path."""

    def _write(text: str | bytes, name: str = "sheet.csv", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
        return path

    return _write


def sheet(*rows: str, header: str = HEADER) -> str:
    """CSV text from a header and rows."""
    return "\n".join([header, *rows]) + "\n"


def read(source, **kwargs) -> followup.Interviews:
    kwargs.setdefault("tz", "America/Chicago")
    return followup.read_interviews(source, **kwargs)


def problems(result: followup.Interviews) -> list[tuple[int, str, str]]:
    """(row, column, problem) of each reject, for compact assertions."""
    return list(result.rejects[["row", "column", "problem"]].itertuples(index=False, name=None))


def ts(text: str, zone: str = "America/Chicago") -> pd.Timestamp:
    return pd.Timestamp(text, tz=zone)


SENDER = "Avery Quinn <avery@example.com>"
NOW = "2026-11-24 18:00"


@pytest.fixture(scope="session")
def sample_drafts() -> pd.DataFrame:
    """Drafts of the bundled sample, rendered once per test session."""
    recipients, _ = followup.read_interviews("data/interviews.csv")
    return followup.render_drafts(recipients, sender=SENDER, now="2026-11-25 09:00")


@dataclass(frozen=True)
class Done:
    """What a command did: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def cli(*args: str, cwd: Path = REPO, env: Mapping[str, str] | None = None) -> Done:
    """Run ``followup ARGS`` in this process (as fast as a function call), from ``cwd``,
    with ``env`` replacing the ``FOLLOWUP_*`` variables. Only what needs a real process
    (``python -m``, the console script, kill -9) uses :func:`process`."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.chdir(cwd),
        _followup_env(env or {}),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: usage errors and --version
            code = int(exc.code or 0)
    return Done(code, out.getvalue(), err.getvalue())


def process(*args: str, cwd: Path = REPO, env: Mapping[str, str] | None = None) -> Done:
    """Run ``python -m followup ARGS`` as a real process."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    done = subprocess.run(
        [sys.executable, "-m", "followup", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**clean, **(env or {})},
        stdin=subprocess.DEVNULL,
        check=False,
    )
    return Done(done.returncode, done.stdout, done.stderr)


@contextlib.contextmanager
def _followup_env(env: Mapping[str, str]) -> Iterator[None]:
    saved = {k: v for k, v in os.environ.items() if k.startswith("FOLLOWUP_")}
    for key in saved:
        del os.environ[key]
    os.environ.update(env)
    try:
        yield
    finally:
        for key in env:
            os.environ.pop(key, None)
        os.environ.update(saved)
