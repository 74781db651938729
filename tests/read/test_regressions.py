"""Sheets that once crashed the reader (issue 11), each now a reject or one clear error."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SENDER, read

import followup
from followup.draft import draft_sheet

HEAD = "Company,Role,Start,Time Zone,Interviewer,Interviewer Email"
GOOD = "N,A,2026-11-24 14:30,America/Chicago,Luis,l@x.example"


def codes(result: followup.Interviews) -> list[tuple[int, str]]:
    return list(result.rejects[["row", "code"]].itertuples(index=False, name=None))


def test_packed_layout_with_a_header_and_no_rows(write):
    result = read(write("Company,Role,Start,Interviewers\n"))
    assert (result.layout, result.rows_read, len(result.recipients)) == ("packed", 0, 0)


def test_duration_too_large_for_a_timedelta_rejects_its_row(write):
    text = f"{HEAD},Duration\n{GOOD},45\nN,A,2026-11-24 14:30,UTC,Dana,d@x.example,{'9' * 17}\n"
    result = read(write(text))
    assert codes(result) == [(3, "duration_out_of_range")]
    assert result.recipients["row"].tolist() == [2]


@pytest.mark.parametrize("start", ["9999-12-31 23:30", "0001-01-01 00:10", "12/31/9999 11 PM"])
def test_date_outside_the_years_followup_reads_rejects_its_row(write, start):
    result = read(write(f"{HEAD}\n{GOOD}\nN,A,{start},America/Chicago,Dana,d@x.example\n"))
    assert codes(result) == [(3, "date_out_of_range")]
    assert result.rejects["value"].item() == start
    assert result.rows_accepted == 1


@pytest.mark.parametrize("zone", ["America", "Europe/", "A" * 300, "zone1970.tab"])
def test_zone_cell_naming_a_folder_or_too_long_rejects_only_its_row(write, zone):
    result = read(write(f"{HEAD}\n{GOOD}\nN,A,2026-11-24 14:30,{zone},Dana,d@x.example\n"))
    assert codes(result) == [(3, "unknown_zone")]
    assert result.rows_accepted == 1


def test_tz_option_naming_a_zone_folder_is_an_option_error():
    with pytest.raises(followup.OptionError, match="Unknown time zone 'America'"):
        read(pd.DataFrame({"Company": ["N"]}), tz="America")


def test_title_line_above_separate_date_and_time_columns_drafts_like_it_validates(write, tmp_path):
    text = (
        "My interviews, autumn 2026\n"
        "Company,Role,Date,Time,Interviewer,Interviewer Email\n"
        "N,A,2026-11-24,14:30,Dana,d@x.example\n"
    )
    path = write(text)
    result = read(path)
    assert (result.rows_accepted, codes(result)) == (1, [])
    assert result.recipients["row"].tolist() == [3]
    run = draft_sheet(path, tmp_path / "out", sender=SENDER, tz="America/Chicago", chunk_rows=1)
    assert (run.rows_read, run.drafts, run.rows_rejected) == (1, 1, 0)


@pytest.mark.parametrize(
    "header",
    [
        "Interviewer 2 - email",
        "Interviewer 2 Email (required)",
        "Interviewer #2 e-mail",
        "Interviewer 2's email",
        "Second interviewer email",
        "2nd Interviewer Email - work",
    ],
)
def test_wide_header_with_extra_words_is_read_as_its_group(header):
    frame = pd.DataFrame(
        {
            "Company": ["N"],
            "Role": ["A"],
            "Start": ["2026-11-24 10:00"],
            "Interviewer 1": ["Dana <d@x.example>"],
            "Interviewer 2 Name (required)": ["Luis"],
            header: ["l@x.example"],
        }
    )
    result = read(frame)
    assert result.recipients["interviewer_email"].tolist() == ["d@x.example", "l@x.example"]
    assert result.rejects.empty


def test_wide_header_whose_words_name_no_field_is_an_error_reject():
    frame = pd.DataFrame(
        {
            "Company": ["N"],
            "Role": ["A"],
            "Start": ["2026-11-24 10:00"],
            "Interviewer 1": ["Dana <d@x.example>"],
            "Interviewer 2 title or email": ["l@x.example"],
        }
    )
    result = read(frame)
    assert codes(result) == [(1, "unread_interviewer_column")]
    assert result.rejects["severity"].item() == "error"
    assert "rename it 'Interviewer 2 Email'" in result.rejects["hint"].item()


def test_two_wide_headers_meaning_the_same_field():
    frame = pd.DataFrame(
        {"Company": ["N"], "Interviewer 2 Email": ["a@x.example"], "Interviewer 2's e-mail": ["b"]}
    )
    with pytest.raises(followup.ColumnsError, match="both mean interviewer 2's email"):
        read(frame)


@pytest.mark.parametrize(
    ("columns", "cell"),
    [
        ({"Interviewer": ["Dana"], "Interviewer Email": []}, "d@x.example\r\nBcc: eve@x.example"),
        ({"Interviewer 1 Name": ["Dana"], "Interviewer 1 Email": []}, "d@x.example\nBcc: e@x.ex"),
        ({"Interviewers": []}, "Dana <d@x.example>\r\nBcc: eve@x.example"),
        ({"Interviewer": ["Dana\r\nBcc: eve@x.example"], "Email": []}, "d@x.example"),
    ],
)
def test_line_breaks_never_reach_an_address_or_name(columns, cell):
    """Injection on the read side: CR/LF never reaches an address or a name."""
    frame = pd.DataFrame(
        {"Company": ["N"], "Role": ["A"], "Start": ["2026-11-24 10:00"]}
        | {k: v or [cell] for k, v in columns.items()}
    )
    result = read(frame)
    kept = result.recipients[["interviewer_name", "interviewer_email"]]
    assert not kept.apply(lambda c: c.str.contains(r"[\r\n]")).any().any()
    assert "eve@x.example" not in kept["interviewer_email"].tolist()
    # A line break separates addresses in a packed cell; "Bcc: eve@..." has no name there.
    assert set(result.rejects["code"]) & {"header_injection", "bad_email", "missing_name"}
