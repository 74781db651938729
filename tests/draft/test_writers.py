"""Writing drafts: .eml files, mbox, review sheets; atomic, deterministic, safe."""

from __future__ import annotations

import mailbox
from email import message_from_bytes, policy
from pathlib import Path

import pandas as pd
import pytest
from conftest import NOW
from openpyxl import load_workbook

import followup
from followup._files import neutralize_formulas, write_csv
from followup.draft import slug, write_drafts


def parse(data: bytes):
    return message_from_bytes(data, policy=policy.default)


def test_eml_files_parse_back_to_the_drafts(sample_drafts, tmp_path):
    files = write_drafts(sample_drafts, tmp_path / "out", now=NOW)
    assert len(set(files)) == len(sample_drafts) == 22
    for (_, draft), file in zip(sample_drafts.iterrows(), files, strict=True):
        message = parse(Path(file).read_bytes())
        (to,) = message["To"].addresses
        assert (to.display_name, to.addr_spec) == (draft.interviewer_name, draft.interviewer_email)
        assert message["From"].addresses[0].addr_spec == "avery@example.com"
        assert message["Subject"] == draft.subject
        assert message["Date"] == "Tue, 24 Nov 2026 18:00:00 +0000"
        assert message["Message-ID"] == f"<{draft.draft_id}@example.com>"
        assert message["X-Unsent"] == "1"
        assert message.get_all("Cc") is None
        assert message.get_all("Bcc") is None
        assert message.get_content() == draft.body


def test_eml_names_are_readable_safe_and_unique(sample_drafts, tmp_path):
    files = write_drafts(sample_drafts, tmp_path, now=NOW)
    names = [f.rsplit("/", 1)[1] for f in files]
    assert names[0].startswith("2026-11-25-northwind-analytics-dana-whitfield-")
    assert all(n.endswith(".eml") and "/" not in n and ".." not in n for n in names)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)  # no temp files left


def test_hostile_names_cannot_escape_the_folder(sample_drafts, tmp_path):
    hostile = sample_drafts.head(1).assign(
        interviewer_name="../../etc/passwd", company="..\\..\\Windows"
    )
    (file,) = write_drafts(hostile, tmp_path / "out", now=NOW)
    assert file.startswith(str(tmp_path / "out") + "/")
    assert "etc-passwd" in file
    assert "windows" in file
    assert slug("../..") == "x"


def test_rerun_is_byte_identical(sample_drafts, tmp_path):
    first = write_drafts(sample_drafts, tmp_path / "a", now=NOW)
    second = write_drafts(sample_drafts, tmp_path / "b", now=NOW)
    for a, b in zip(first, second, strict=True):
        assert Path(a).read_bytes() == Path(b).read_bytes()
    write_drafts(sample_drafts, tmp_path / "a.mbox", format="mbox", now=NOW)
    write_drafts(sample_drafts, tmp_path / "b.mbox", format="mbox", now=NOW)
    assert (tmp_path / "a.mbox").read_bytes() == (tmp_path / "b.mbox").read_bytes()


def test_mbox_holds_every_draft_and_python_reads_it(sample_drafts, tmp_path):
    tricky = sample_drafts.copy()
    tricky.loc[0, "body"] = "Hi,\n\nFrom the moment we met...\n>From quoting too\n"
    path = tmp_path / "drafts.mbox"
    write_drafts(tricky, path, format="mbox", now=NOW)
    box = mailbox.mbox(path)
    messages = [parse(m.as_bytes()) for m in box]
    box.close()
    assert len(messages) == 22
    assert [m["Subject"] for m in messages] == tricky["subject"].tolist()
    assert [m.get_content() for m in messages] == tricky["body"].tolist()


def test_review_csv_and_xlsx_neutralise_formulas(sample_drafts, tmp_path):
    sneaky = sample_drafts.head(2).assign(subject=['=HYPERLINK("http://x")', "fine"])
    write_drafts(sneaky, tmp_path / "drafts.csv", format="csv", now=NOW)
    sheet = pd.read_csv(tmp_path / "drafts.csv")
    assert sheet["subject"].tolist() == ['\'=HYPERLINK("http://x")', "fine"]
    assert sheet["to"].iloc[0] == "Dana Whitfield <dana.whitfield@northwind.example>"
    assert sheet["body"].iloc[1] == sneaky["body"].iloc[1]

    write_drafts(sneaky, tmp_path / "drafts.xlsx", format="xlsx", now=NOW)
    rows = list(load_workbook(tmp_path / "drafts.xlsx").active.values)
    header = rows[0]
    assert rows[1][header.index("subject")] == '\'=HYPERLINK("http://x")'
    assert rows[2][header.index("body")] == sneaky["body"].iloc[1]
    assert rows[1][header.index("due_at")] == "2026-11-25T15:30:00-06:00"


def test_missing_sender_address_and_unknown_format(sample_drafts, tmp_path):
    nameless = sample_drafts.head(1).assign(candidate_email=pd.NA)
    with pytest.raises(followup.FollowupError, match="have no sender address; pass sender="):
        write_drafts(nameless, tmp_path)
    with pytest.raises(followup.FollowupError, match="Unknown format 'pdf'; use one of: eml"):
        write_drafts(sample_drafts, tmp_path, format="pdf")


def test_neutralize_formulas_only_touches_text_that_a_spreadsheet_would_run():
    frame = pd.DataFrame({"v": ["=1+1", "+x", "-y", "@z", "ok", "a=b"], "n": [1, 2, 3, 4, 5, 6]})
    out = neutralize_formulas(frame)
    assert out["v"].tolist() == ["'=1+1", "'+x", "'-y", "'@z", "ok", "a=b"]
    assert out["n"].tolist() == [1, 2, 3, 4, 5, 6]
    assert frame["v"].iloc[0] == "=1+1"


def test_write_csv_is_atomic_and_round_trips(tmp_path):
    frame = pd.DataFrame({"row": [2], "value": ["=cmd()"]})
    path = write_csv(frame, tmp_path / "out.csv")
    assert path.read_text() == "row,value\n2,'=cmd()\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.parametrize("format", ["eml", "mbox", "csv", "xlsx"])
def test_a_line_break_in_an_address_cannot_forge_a_header(sample_drafts, tmp_path, format):
    forged = sample_drafts.head(2).assign(
        interviewer_email=["ok@example.com", "dana@example.com\r\nBcc: everyone@example.com"]
    )
    with pytest.raises(followup.AddressError, match=r"line break.*Correct the address"):
        write_drafts(forged, tmp_path / "out", format=format, now=NOW)
    assert not list(tmp_path.rglob("*.*"))


def test_internationalized_domains_are_written_in_ascii(sample_drafts, tmp_path):
    idn = sample_drafts.head(1).assign(interviewer_email="jürgen@Bücher.example")
    with pytest.raises(followup.AddressError, match="SMTPUTF8"):
        write_drafts(idn, tmp_path / "a", now=NOW)
    idn = idn.assign(interviewer_email="juergen@Bücher.example")
    (file,) = write_drafts(idn, tmp_path / "b", now=NOW)
    message = parse(Path(file).read_bytes())
    assert message["To"].addresses[0].addr_spec == "juergen@xn--bcher-kva.example"


def test_a_control_character_cannot_hide_a_formula_in_xlsx(sample_drafts, tmp_path):
    hidden = sample_drafts.head(1).assign(subject='\x01=HYPERLINK("http://evil.example")')
    (path,) = set(write_drafts(hidden, tmp_path / "drafts.xlsx", format="xlsx", now=NOW))
    sheet = load_workbook(path).active
    header, row = list(sheet.values)
    assert row[header.index("subject")] == '\'=HYPERLINK("http://evil.example")'


def test_the_review_sheet_shows_names_as_people_read_them(sample_drafts, tmp_path):
    drafts = sample_drafts.head(2).assign(interviewer_name=["Zoë Müller", "Ortega, Luis"])
    (path,) = set(write_drafts(drafts, tmp_path / "drafts.csv", format="csv", now=NOW))
    sheet = pd.read_csv(path)
    assert sheet["to"].tolist() == [
        f"Zoë Müller <{drafts['interviewer_email'].iloc[0]}>",
        f'"Ortega, Luis" <{drafts["interviewer_email"].iloc[1]}>',
    ]


def test_a_name_typed_in_one_case_is_shown_as_the_greeting_has_it(sample_drafts, tmp_path):
    drafts = sample_drafts.head(3).assign(
        interviewer_name=["ÅSA LINDQVIST", "Jo van Dijk", "siobhán o'connell"]
    )
    files = write_drafts(drafts, tmp_path / "out", now=NOW)
    names = [parse(Path(f).read_bytes())["To"].addresses[0].display_name for f in files]
    assert names == ["Åsa Lindqvist", "Jo van Dijk", "Siobhán O'Connell"]
    (path,) = set(write_drafts(drafts, tmp_path / "drafts.csv", format="csv", now=NOW))
    assert pd.read_csv(path)["to"].str.split(" <").str[0].tolist() == names
