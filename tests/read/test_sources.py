"""Reading files: encodings, dialects, Excel, DataFrames and structural failures."""

from __future__ import annotations

import datetime as dt
import zipfile

import numpy as np
import pandas as pd
import pytest
from conftest import HEADER, ROW, problems, read, sheet, ts
from openpyxl import Workbook

import followup
from followup.read import iter_interviews

ZOE = "Northwind,Data Analyst,2026-11-24 14:30,America/Chicago,Zoë Müller,zoe@nw.example,café"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("utf-16", b"")],
)
def test_encodings_decode_names(write, encoding, prefix):
    path = write(prefix + sheet(ROW, ZOE).encode(encoding))
    result = read(path)
    assert result.recipients["interviewer_name"].tolist() == ["Dana Whitfield", "Zoë Müller"]
    assert result.recipients["talking_point"].tolist() == ["dbt", "café"]
    assert result.recipients["company"].iloc[0] == "Northwind"  # BOM not glued to a header


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters_are_found_from_the_header(write, delimiter):
    rows = [HEADER, ROW, ZOE]
    text = "\r\n".join(r.replace(",", delimiter) for r in rows) + "\r\n"
    result = read(write(text))
    assert len(result.recipients) == 2
    assert result.recipients["interviewer_email"].tolist() == ["dana@nw.example", "zoe@nw.example"]


def test_tsv_extension_means_tabs(write):
    text = sheet(ROW).replace(",", "\t")
    assert len(read(write(text, "sheet.tsv")).recipients) == 1


def test_quoted_fields_with_delimiters_quotes_and_newlines_late_in_file(write):
    # The tricky row comes after more than a kilobyte of ordinary rows.
    filler = [ROW.replace("dana@", f"p{i}@") for i in range(40)]
    tricky = (
        'Northwind,Data Analyst,2026-11-24 14:30,America/Chicago,"Ortega, Luis",'
        'luis@nw.example,"said ""ship it""\nthen laughed; twice"'
    )
    text = sheet(*filler, tricky, ROW.replace("dana@", "last@"))
    assert len(text) > 1024
    result = read(write(text))
    luis = result.recipients.set_index("interviewer_email").loc["luis@nw.example"]
    assert luis["interviewer_name"] == "Ortega, Luis"
    assert luis["talking_point"] == 'said "ship it"\nthen laughed; twice'
    # Row numbers count records, as a spreadsheet shows them, not text lines.
    assert result.recipients["row"].iloc[-1] == 43
    assert luis["row"] == 42


def test_semicolon_sheet_with_comma_decimals_is_not_split_on_commas(write):
    text = (
        "Firma;Position;Datum;Uhrzeit;Dauer;Interviewer;E-Mail\n"
        "Nordwind GmbH;Analyst;24.11.2026;14:30;1,5 h;Jörg Weiß;joerg@nw.example\n"
    )
    # German headers are not aliases; only the known ones must drive the choice.
    text = text.replace("Firma", "Company").replace("Datum", "Date").replace("Uhrzeit", "Time")
    text = text.replace("Dauer", "Duration")
    result = read(write(text), tz="Europe/Berlin")
    row = result.recipients.iloc[0]
    assert row["interview_start"] == ts("2026-11-24 14:30", "Europe/Berlin")
    assert row["interview_end"] == ts("2026-11-24 16:00", "Europe/Berlin")


def test_title_rows_above_the_header_are_skipped(write):
    text = "My interviews, autumn 2026\n\n" + sheet(ROW)
    result = read(write(text))
    assert result.recipients["row"].tolist() == [4]


def test_blank_rows_are_skipped_and_counted(write):
    result = read(write(sheet(ROW, ",,,,,,", "", ZOE)))
    assert len(result.recipients) == 2
    assert result.rows_blank == 2
    assert result.rows_read == 2


def test_whitespace_trimmed_and_nfc(write):
    decomposed = "Zoe\u0308 Mu\u0308ller"
    text = sheet(ROW.replace("Dana Whitfield", f"  {decomposed}  "))
    name = read(write(text)).recipients["interviewer_name"].iloc[0]
    assert name == "Zoë Müller"
    assert len(name) == 10


def test_every_cell_is_stripped_and_composed_as_pandas_would_column_by_column():
    awkward = ["a", " pad ", "\tTab", "Zoe\u0308", "\u00e9", "\u00a0nbsp\u00a0", "\u3000wide",
               "line\n", "ß", "", None, "\u2003em", "e\u0301 \U0001f600 ", "\u200bzw"]  # fmt: skip
    rng = np.random.default_rng(7)
    rows = 300
    frame = pd.DataFrame(
        {
            "Company": "Northwind",
            "Role": "Analyst",
            "Start": "2026-11-24 14:30",
            "Interviewer": [f"Dana {i}" for i in range(rows)],
            "Interviewer Email": [f"d{i}@nw.example" for i in range(rows)],
        }
        | {f"Extra {i}": rng.choice(np.array(awkward, dtype=object), rows) for i in range(4)}
    )
    recipients = read(frame).recipients
    for i in range(4):
        text = frame[f"Extra {i}"].fillna("").astype("str").str.strip()
        wide = ~text.str.isascii()
        text = text.where(~wide, text[wide].str.normalize("NFC")).replace("", pd.NA)
        assert recipients[f"extra_{i}"].tolist() == text.tolist()


def test_ragged_row_is_rejected_with_its_extra_cells(write):
    text = sheet(ROW, ROW.replace("dana@", "x@") + ",oops,more", ZOE)
    result = read(write(text))
    assert result.recipients["row"].tolist() == [2, 4]
    assert problems(result) == [
        (3, "(past the last column)", "row has 2 more filled cell(s) than the header")
    ]
    assert result.rejects["value"].iloc[0] == "oops | more"


def _workbook(path, rows, *, title="Interviews", extra_sheet=None):
    book = Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(row)
    if extra_sheet:
        book.create_sheet(extra_sheet).append(["Company"])
    book.save(path)
    return path


XLSX_HEADER = ["Company", "Role", "Date", "Start", "Duration", "Interviewer", "Email"]


def test_xlsx_date_cells_time_cells_and_serials(tmp_path):
    path = _workbook(
        tmp_path / "s.xlsx",
        [
            XLSX_HEADER,
            [
                "Northwind",
                "Analyst",
                dt.datetime(2026, 11, 24),
                dt.time(14, 30),
                45,
                "Dana",
                "dana@nw.example",
            ],
            ["Northwind", "Analyst", 46350, "2:30 PM", "1h", "Luis", "luis@nw.example"],
            [
                "Bluefin",
                "Coordinator",
                None,
                dt.datetime(2026, 11, 23, 9, 15),
                None,
                "Priya",
                "priya@bf.example",
            ],
            ["Bluefin", "Coordinator", None, 46349.385416666664, None, "José", "jose@bf.example"],
        ],
    )
    result = read(path)
    assert result.rejects.empty, result.rejects
    r = result.recipients
    assert (
        r["interview_start"].tolist() == [ts("2026-11-24 14:30")] * 2 + [ts("2026-11-23 09:15")] * 2
    )
    assert (
        r["interview_end"].tolist()
        == [ts("2026-11-24 15:15"), ts("2026-11-24 15:30")] + [ts("2026-11-23 10:15")] * 2
    )
    assert r["row"].tolist() == [2, 3, 4, 5]


def test_an_xlsx_note_under_no_header_is_warned_of_and_its_row_kept(tmp_path):
    """A workbook's cells cannot be shifted by a delimiter: before, the note rejected the row."""
    row = ["N", "Analyst", dt.datetime(2026, 11, 24), dt.time(14, 30), 45, "Dana", "d@n.example"]
    path = _workbook(tmp_path / "s.xlsx", [XLSX_HEADER, [*row, None, "call back Monday!"]])
    result = read(path)
    assert len(result.recipients) == 1
    assert result.rejects[["row", "value", "code", "severity"]].to_numpy().tolist() == [
        [2, "call back Monday!", "extra_cells", "warning"]
    ]


def test_xlsx_merged_interview_cells_reach_every_interviewer_of_the_panel(tmp_path):
    # The interview written once, its cells merged down beside the panel's rows: openpyxl
    # reads the merged cells below the first as empty, and each interviewer still gets it.
    path = tmp_path / "s.xlsx"
    book = Workbook()
    ws = book.active
    ws.append(XLSX_HEADER)
    ws.append(["Northwind", "Analyst", dt.datetime(2026, 11, 24), dt.time(14, 30), 45, "Dana",
               "dana@nw.example"])  # fmt: skip
    ws.append([None] * 5 + ["Luis", "luis@nw.example"])
    ws.append([None] * 5 + ["Zoë", "zoe@nw.example"])
    ws.append(["Contoso", "Analyst", dt.datetime(2026, 11, 25), dt.time(9, 0), 30, "Ana",
               "ana@contoso.example"])  # fmt: skip
    for column in "ABCDE":
        ws.merge_cells(f"{column}2:{column}4")
    book.save(path)
    result = read(path)
    assert problems(result) == []
    got = result.recipients[["interviewer_name", "company", "interview_start", "interview_end"]]
    assert got.to_numpy().tolist() == [
        ["Dana", "Northwind", ts("2026-11-24 14:30"), ts("2026-11-24 15:15")],
        ["Luis", "Northwind", ts("2026-11-24 14:30"), ts("2026-11-24 15:15")],
        ["Zoë", "Northwind", ts("2026-11-24 14:30"), ts("2026-11-24 15:15")],
        ["Ana", "Contoso", ts("2026-11-25 09:00"), ts("2026-11-25 09:30")],
    ]
    assert result.recipients["interview_id"].nunique() == 2


def test_a_row_continues_the_interview_above_only_when_it_leaves_all_of_it_empty(write):
    # Company, role and time all empty: the interview above. One of them given: a row of
    # its own, with its missing cells reported. Another candidate: not that interview.
    header = "Candidate,Company,Role,Start,Interviewer,Interviewer Email,Interested"
    rows = [
        ",,,,Nobody above,no@x.example,",
        "Sam,Northwind,Analyst,2026-11-24 14:30,Dana,dana@nw.example,no",
        ",,,,Luis,luis@nw.example,",
        "Sam,,,,Zoë,zoe@nw.example,",
        "Kim,,,,Ana,ana@nw.example,",
        ",Northwind,,,Bo,bo@nw.example,",
    ]
    result = read(write(sheet(*rows, header=header)))
    got = result.recipients[["interviewer_name", "candidate_name", "company", "interested"]]
    assert got.to_numpy().tolist() == [
        ["Dana", "Sam", "Northwind", False],
        ["Luis", "Sam", "Northwind", False],
        ["Zoë", "Sam", "Northwind", False],
    ]
    assert {(row, column) for row, column, _ in problems(result)} == {
        (2, "Company"), (2, "Role"), (2, "Start"), (2, "Candidate"),
        (6, "Company"), (6, "Role"), (6, "Start"),
        (7, "Role"), (7, "Start"), (7, "Candidate"),  # no candidate, and no sender given
    }  # fmt: skip


def test_xlsx_sheet_by_name_and_position(tmp_path):
    path = tmp_path / "s.xlsx"
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["nothing here"])
    data = book.create_sheet("Interviews")
    data.append(XLSX_HEADER)
    data.append(["Northwind", "Analyst", "2026-11-24", "14:30", "", "Dana", "dana@nw.example"])
    book.save(path)
    assert len(read(path, sheet="Interviews").recipients) == 1
    assert len(read(path, sheet=1).recipients) == 1
    with pytest.raises(
        followup.SheetNotFoundError,
        match=r"no sheet named 'Interviewz'.*"
        r"sheets: 'Notes', 'Interviews'",
    ):
        read(path, sheet="Interviewz")
    with pytest.raises(followup.SheetNotFoundError, match="no sheet number 5"):
        read(path, sheet=5)


def test_xlsx_saved_as_csv_is_still_read_as_excel(tmp_path):
    real = _workbook(
        tmp_path / "s.xlsx",
        [
            XLSX_HEADER,
            ["Northwind", "Analyst", "2026-11-24", "14:30", "", "Dana", "dana@nw.example"],
        ],
    )
    renamed = real.rename(tmp_path / "s.csv")
    assert len(read(renamed).recipients) == 1


def test_bundled_csv_and_xlsx_give_the_same_recipients():
    csv_result = followup.read_interviews("data/interviews.csv")
    xlsx_result = followup.read_interviews("data/interviews.xlsx")
    pd.testing.assert_frame_equal(csv_result.recipients, xlsx_result.recipients)
    assert csv_result.rejects.empty
    assert csv_result.n_interviews == 12
    assert len(csv_result.recipients) == 22


def test_dataframe_source_with_datetime_column_is_not_mutated():
    frame = pd.DataFrame(
        {
            "company": ["Northwind", "Northwind"],
            "role": ["Analyst", "Analyst"],
            "interview_start": pd.to_datetime(["2026-11-24 14:30", "2026-11-24 14:30"]),
            "interviewer_name": ["Dana", "Luis"],
            "interviewer_email": ["dana@nw.example", None],
        }
    )
    before = frame.copy(deep=True)
    result = read(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert result.recipients["interview_start"].tolist() == [ts("2026-11-24 14:30")]
    assert problems(result) == [(3, "interviewer_email", "missing interviewer email")]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (None, "missing.csv", r"missing\.csv does not exist; check the path"),
        (b"", "empty.csv", r"empty\.csv is empty; add a header row"),
        (b"\n , \n", "blank.csv", r"blank\.csv is empty"),
        (b"\x00\x01\x02binary", "blob.csv", r"blob\.csv is a binary file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.xls", r"old binary Excel"),
        (b"Company,Role\n", "notzip.xlsx", r"notzip\.xlsx is not a readable Excel workbook"),
        (b"PK\x03\x04 broken zip", "broken.xlsx", r"broken\.xlsx is not a readable Excel"),
    ],
)
def test_structural_failures_raise_source_error(tmp_path, content, name, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(followup.SourceError, match=message):
        read(path)


def test_folder_is_not_a_sheet(tmp_path):
    with pytest.raises(followup.SourceError, match="is a folder"):
        read(tmp_path)


def test_unreadable_path(write):
    inside_a_file = write(sheet(ROW)) / "inner.csv"
    with pytest.raises(followup.SourceError, match=r"inner\.csv cannot be read: Not a directory"):
        read(inside_a_file)


def test_xlsx_zip_error_is_wrapped(tmp_path):
    path = tmp_path / "s.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(followup.SourceError, match="not a readable Excel workbook"):
        read(path)


def test_xlsx_rows_keep_their_sheet_numbers_below_empty_and_title_rows(tmp_path):
    path = _workbook(
        tmp_path / "s.xlsx",
        [
            [],
            ["Interviews, autumn"],
            [],
            XLSX_HEADER,
            ["Northwind", "Analyst", "2026-11-24", "14:30", "", "Dana", "dana@nw.example"],
            [],
            ["Northwind", "Analyst", "2026-11-24", "14:30", "", "Luis", "luis@"],
        ],
    )
    result = read(path)
    assert result.recipients["row"].tolist() == [5]
    assert problems(result) == [(7, "Email", "not a valid email address")]
    assert result.rows_blank == 1


def test_chunks_add_up_to_the_whole_sheet():
    whole = followup.read_interviews("data/interviews.csv", tz="UTC")
    parts = list(iter_interviews("data/interviews.csv", tz="UTC", chunk_rows=5))
    assert len(parts) == 5
    pd.testing.assert_frame_equal(
        pd.concat([_in_utc(p.recipients) for p in parts], ignore_index=True),
        _in_utc(whole.recipients),
    )
    # five sheet rows each, less the rows of the interview a chunk ends with, which go on
    # to the next: the sheet's panels are of 3, 2, 2, 1, 3, ... rows
    assert [p.last_row for p in parts] == [4, 9, 15, 20, 23]
    assert sum(p.rows_read for p in parts) == whole.rows_read


def test_the_chunks_say_whether_there_are_several_and_which_ends_the_sheet(write):
    chunks = iter_interviews("data/interviews.csv", tz="UTC", chunk_rows=5)
    assert chunks.several
    assert [chunks.ends_sheet(c) for c in chunks] == [False] * 4 + [True]
    one = iter_interviews("data/interviews.csv", tz="UTC")
    assert not one.several
    assert [one.ends_sheet(c) for c in one] == [True]
    frame = pd.read_csv("data/interviews.csv", dtype="str")
    whole = iter_interviews(frame, tz="UTC", chunk_rows=5)  # a DataFrame is read whole
    assert not whole.several
    assert [whole.ends_sheet(c) for c in whole] == [True]
    # a cell on two lines: the survey counts its lines as records, so it expects one row
    # more than the file holds; no chunk can tell it ends the sheet, and the last interview
    # is held back for rows that never come, then drafted on its own (the old path)
    path = write(sheet(ROW.replace("dbt", '"dbt\nmigration"'), ROW.replace("Dana", "Luis")))
    split = iter_interviews(path, tz="UTC", chunk_rows=1)
    assert [split.ends_sheet(c) for c in split] == [False, False]


@pytest.mark.parametrize("chunk_rows", [3, 4, 5])
def test_what_a_panel_writes_once_reaches_its_rows_in_the_next_chunk(write, chunk_rows):
    # "Interested: no" on a panel's first row, a ditto (") on its second: a chunk that ends
    # inside the panel must not leave its later rows keen, or the ditto mark as their note.
    panel = [("Dana", "the roadmap", "no"), ("Luis", '""""', ""), ("Ana", "the data platform", "")]
    rows = [
        f"Co{i},Analyst,2026-11-24 14:30,America/Chicago,{name},{name}@co{i}.example,"
        f"{note},{interested}"
        for i in range(4)
        for name, note, interested in panel
    ]
    path = write(sheet(*rows, header=HEADER + ",Interested"))
    whole = followup.read_interviews(path, tz="UTC")
    parts = list(iter_interviews(path, tz="UTC", chunk_rows=chunk_rows))
    assert all(p.last_row % 3 == 1 for p in parts)  # each chunk ends where a panel does
    chunked = pd.concat([p.recipients for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(chunked, whole.recipients)
    assert not chunked["interested"].any()
    notes = ["the roadmap", "the roadmap", "the data platform"]
    assert chunked["talking_point"].tolist() == notes * 4
    assert sum(len(p.rejects) for p in parts) == len(whole.rejects) == 4  # each ditto, warned


@pytest.mark.parametrize("chunk_rows", [3, 4, 5])
def test_rows_under_an_interview_stay_with_it_across_chunks(write, chunk_rows):
    # Each interview written on its first row only: a chunk must not end between that row
    # and the interviewers listed under it.
    rows = [
        f"{f'Co{i},Analyst,2026-11-24 14:30,America/Chicago' if not k else ',,,'},"
        f"{name},{name}@co{i}.example,note {k}"
        for i in range(4)
        for k, name in enumerate(("Dana", "Luis", "Ana"))
    ]
    path = write(sheet(*rows))
    whole = followup.read_interviews(path, tz="UTC")
    assert len(whole.recipients) == 12
    assert whole.rejects.empty
    parts = list(iter_interviews(path, tz="UTC", chunk_rows=chunk_rows))
    assert all(p.last_row % 3 == 1 for p in parts)
    chunked = pd.concat([_in_utc(p.recipients) for p in parts], ignore_index=True)
    pd.testing.assert_frame_equal(chunked, _in_utc(whole.recipients))


def _in_utc(recipients):
    """A chunk of one zone comes back in it: UTC lets chunks be compared with a whole read."""
    moments = recipients.select_dtypes(include="datetimetz").columns
    return recipients.assign(**{c: recipients[c].dt.tz_convert("UTC") for c in moments})


def test_a_sheet_of_long_rows_comes_in_chunks_of_fewer_rows(write):
    # Memory goes with a chunk's text: where three long rows fill the bytes a chunk may
    # hold, they come three to a chunk, and read as a whole read does; short rows come
    # as many as chunk_rows allows.
    short = [ROW.replace("dana@", f"p{i}@") for i in range(20)]
    long = [row.replace("Dana", "Dana " + "x" * 9 * len(ROW)) for row in short]
    size = 3 * len(long[0])
    parts = list(iter_interviews(write(sheet(*short)), tz="UTC", chunk_rows=15, chunk_bytes=size))
    assert [p.rows_read for p in parts] == [15, 5]
    path = write(sheet(*long))
    parts = list(iter_interviews(path, tz="UTC", chunk_rows=15, chunk_bytes=size))
    assert [p.rows_read for p in parts] == [3] * 6 + [2]
    pd.testing.assert_frame_equal(
        pd.concat([p.recipients for p in parts], ignore_index=True),
        followup.read_interviews(path, tz="UTC").recipients,
    )


def test_a_sheet_of_whole_chunks_has_no_one_row_chunk_at_the_end(write):
    # The header used to count towards the first chunk, so 20 rows in chunks of 10 came
    # as 9, 10 and 1: a third chunk, which costs as much time as a full one.
    path = write(sheet(*(ROW.replace("dana@", f"p{i}@") for i in range(20))))
    parts = list(iter_interviews(path, tz="UTC", chunk_rows=10))
    assert [p.rows_read for p in parts] == [10, 10]
    assert [p.last_row for p in parts] == [11, 21]


def test_a_ragged_sheet_is_chunked_like_any_other(write):
    # A row wider than the C parser takes sends the rest to the standard library's
    # parser, which must cut the same chunks.
    rows = [ROW.replace("dana@", f"p{i}@") for i in range(20)]
    rows[3] += "," * 30 + "extra"
    parts = list(iter_interviews(write(sheet(*rows)), tz="UTC", chunk_rows=10))
    assert [p.last_row for p in parts] == [11, 21]


def test_day_month_order_is_decided_from_every_row_past_a_ragged_one(write):
    # The first pass reads the date column alone; a row wider than the sniffed lines, or a
    # chunk of shorter ones, must not cost it the later rows where the order shows (25/04
    # is day first).
    rows = [ROW.replace("dana@", f"p{i}@").replace("2026-11-24", "03/04/2026") for i in range(30)]
    rows[12] += "," * 30 + "extra"
    rows[15:20] = ["Northwind,Data Analyst,03/04/2026 9:00"] * 5  # the fourth chunk
    rows[25] = rows[25].replace("03/04/2026", "25/04/2026")
    path = write(sheet(*rows))
    whole = followup.read_interviews(path, tz="UTC")
    parts = list(iter_interviews(path, tz="UTC", chunk_rows=5))
    assert [len(p.recipients) for p in parts] == [5, 5, 4, 0, 5, 5]  # ragged and short: rejected
    chunked = pd.concat([p.recipients for p in parts if len(p.recipients)], ignore_index=True)
    pd.testing.assert_frame_equal(chunked, whole.recipients)
    assert chunked["interview_start"].dt.month.unique().tolist() == [4]


def test_a_sheet_in_one_chunk_reads_as_a_whole_read_does(write):
    # No first pass over its dates: a missing column is reported before dates that read
    # both ways, as read_interviews reports it.
    path = write(
        "Company,Start,Interviewer,Interviewer Email\nN,03/04/2026 10:00,Dana,d@x.example\n"
    )
    with pytest.raises(followup.ColumnsError, match="missing required columns: `role`"):
        read(path)
    with pytest.raises(followup.ColumnsError, match="missing required columns: `role`"):
        list(iter_interviews(path, tz="UTC"))


def test_a_workbook_whose_first_sheet_is_not_the_sheet_names_the_others(tmp_path):
    path = tmp_path / "s.xlsx"
    book = Workbook()
    book.active.append(["just a scratch tab"])
    sheet = book.create_sheet("Interviews")
    sheet.append(XLSX_HEADER)
    sheet.append(["N", "Analyst", dt.datetime(2026, 11, 24), dt.time(14, 30), 45, "Dana",
                  "dana@n.example"])  # fmt: skip
    book.save(path)
    with pytest.raises(followup.ColumnsError, match="other sheets: 'Interviews'; pick one with"):
        read(path)
    assert len(read(path, sheet="Interviews").recipients) == 1
