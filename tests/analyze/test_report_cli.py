"""``followup report`` as an analyst runs it: windows, a strict as-of, tables out, and
one meaning for a time without a zone."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import REPO, cli

import followup
from followup.analyze import report_tables
from followup.analyze.datasets import make_career_center
from followup.errors import OptionError

SAMPLE = "data/career_center.csv"


def report(tmp_path, *args: str):
    return cli("report", SAMPLE, "--out", str(tmp_path / "r.html"), *args)


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        (
            "last friday",
            "followup: as_of 'last friday' is not a date or time; write e.g. "
            "2026-11-26 or 2026-11-26T17:00-05:00 (on the command line: --as-of).\n",
        ),
        (
            "2020-01-01",
            "followup: as_of 2020-01-01 00:00 UTC is before the latest interview, "
            "which ended 2026-11-25 22:00 UTC; pass a later as_of, or end the window before it "
            "(on the command line: --as-of).\n",
        ),
    ],
)
def test_a_bad_or_early_as_of_is_one_line_and_exit_2(tmp_path, as_of, message):
    done = report(tmp_path, "--as-of", as_of)
    assert (done.returncode, done.stderr) == (2, message)
    assert not (tmp_path / "r.html").exists()


def test_since_and_until_limit_the_window_and_a_date_means_the_whole_day(tmp_path):
    done = report(
        tmp_path,
        "--as-of",
        "2026-11-26",
        "--since",
        "2026-11-01",
        "--until",
        "2026-11-10",
        "--tables",
        str(tmp_path / "t.csv"),
    )
    assert done.returncode == 0, done.stderr
    assert f"Tables written to {tmp_path / 't-TABLE.csv'}" in done.stdout
    page = (tmp_path / "r.html").read_text()
    assert "interviews from 2026-11-01 to 2026-11-10" in page
    data = followup.read_interviews(REPO / SAMPLE).recipients
    start = data["interview_start"].dt.tz_convert("UTC")
    inside = (
        (start >= pd.Timestamp("2026-11-01", tz="UTC"))
        & (start < pd.Timestamp("2026-11-11", tz="UTC"))
    ).sum()
    headline = pd.read_csv(tmp_path / "t-headline.csv")
    assert headline.loc[0, "count"] == inside
    api = report_tables(data, as_of="2026-11-26", between=("2026-11-01", "2026-11-10"))
    assert api["headline"].loc[0, "count"] == inside
    bad = report(
        tmp_path, "--as-of", "2026-11-26", "--since", "2026-11-10", "--until", "2026-11-01"
    )
    assert bad.returncode == 2
    assert "swap the two (on the command line: --since or --until)" in bad.stderr


def test_tables_go_to_a_workbook_one_sheet_each_formulas_neutralized(tmp_path):
    data = make_career_center(400, seed=4, as_of="2026-11-26")
    data["company"] = data["company"].replace({"Atlas Freight": '=HYPERLINK("x")'})
    path = tmp_path / "cc.csv"
    data.to_csv(path, index=False)
    done = cli(
        "report",
        str(path),
        "--out",
        str(tmp_path / "r.html"),
        "--as-of",
        "2026-11-26",
        "--tables",
        str(tmp_path / "t.xlsx"),
    )
    assert done.returncode == 0, done.stderr
    sheets = pd.read_excel(tmp_path / "t.xlsx", sheet_name=None, engine="calamine")
    api = report_tables(followup.read_interviews(path), as_of="2026-11-26")
    assert list(sheets) == list(api)
    employers = sheets["employers"]["company"].tolist()
    assert '\'=HYPERLINK("x")' in employers
    pd.testing.assert_series_equal(
        sheets["cohorts"]["interviews"], api["cohorts"]["interviews"], check_dtype=False
    )
    wrong = cli(
        "report",
        str(path),
        "--out",
        str(tmp_path / "r.html"),
        "--as-of",
        "2026-11-26",
        "--tables",
        str(tmp_path / "t.ods"),
    )
    assert wrong.returncode == 2
    assert "write to a .xlsx workbook or .csv files (on the command line: --tables)" in wrong.stderr


def test_a_time_without_a_zone_means_utc_in_the_api_and_the_cli(tmp_path):
    data = followup.read_interviews(REPO / SAMPLE).recipients
    naive = report_tables(data, as_of="2026-11-26 03:00")
    utc = report_tables(data, as_of=pd.Timestamp("2026-11-26 03:00", tz="UTC"))
    new_york = report_tables(data, as_of=pd.Timestamp("2026-11-26 03:00", tz="America/New_York"))
    pd.testing.assert_frame_equal(naive["replies"], utc["replies"])
    assert not naive["replies"].equals(new_york["replies"])
    for as_of in ("2026-11-26 03:00", "2026-11-26T03:00+00:00"):
        done = cli(
            "report",
            SAMPLE,
            "--out",
            str(tmp_path / "r.html"),
            "--as-of",
            as_of,
            "--tables",
            str(tmp_path / f"{as_of[-5:-3]}.csv"),
        )
        assert done.returncode == 0, done.stderr
    pd.testing.assert_frame_equal(
        pd.read_csv(tmp_path / "03-replies.csv"), pd.read_csv(tmp_path / "00-replies.csv")
    )
    assert "Data as of 2026-11-26 03:00 UTC" in (tmp_path / "r.html").read_text()


def test_the_default_threshold_is_ten_and_five_is_allowed(tmp_path):
    done = report(tmp_path, "--as-of", "2026-11-26", "--min-cell", "5")
    assert done.returncode == 0
    assert "fewer than 5 interviews" in (tmp_path / "r.html").read_text()
    assert report(tmp_path, "--as-of", "2026-11-26").returncode == 0
    assert "fewer than 10 interviews" in (tmp_path / "r.html").read_text()
    zero = report(tmp_path, "--as-of", "2026-11-26", "--min-cell", "0")
    assert zero.returncode == 2
    assert "min_cell must be a whole number of at least 1" in zero.stderr
    with pytest.raises(OptionError, match="identifies people"):
        followup.cohort_summary(make_career_center(20), by="student_id")
