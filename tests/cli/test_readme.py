"""The README's library example runs as written."""

from __future__ import annotations

import os
import re
from pathlib import Path

import followup

REPO = Path(__file__).resolve().parents[2]


def test_readme_library_example_runs(tmp_path, monkeypatch):
    readme = (REPO / "README.md").read_text()
    code = re.search(r"## The library\n\n```python\n(.*?)```", readme, re.DOTALL)
    assert code is not None
    (tmp_path / "data").symlink_to(REPO / "data")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(code.group(1), "README.md", "exec"), namespace)
    written = sorted(os.listdir(tmp_path / "drafts"))
    assert len(written) == 22
    assert namespace["findings"].query("severity == 'error'").empty


def test_the_readmes_example_draft_is_what_followup_writes():
    readme = (REPO / "README.md").read_text()
    shown = re.search(r"<!-- example-draft -->\n```text\n(.*?)```", readme, re.DOTALL)
    assert shown is not None
    recipients = followup.read_interviews(REPO / "data" / "interviews.csv", tz="America/Chicago")
    drafts = followup.render_drafts(
        recipients.recipients, sender="Avery Quinn <avery@example.com>", now="2026-11-25 09:00"
    )
    assert drafts.loc[drafts["preferred_name"] == "Pepe", "body"].item() == shown.group(1)
