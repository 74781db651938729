"""Shared helpers: small sheets written as real files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import followup

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
    return followup.render_drafts(recipients, sender=SENDER)
