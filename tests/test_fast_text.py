"""The column-wise writers write what pandas writes, byte for byte, on awkward values; a
screen that skips work finds what the work would change."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup._clock import local_iso
from followup._files import neutralize_formulas, write_csv_rows
from followup._regex import UNTIDY_SPACE, WHITESPACE, one_space

AWKWARD = ["plain", "a,b", 'say "hi"', "two\nlines", "cr\rhere", "", "é ü", " pad ", '"', ",",
           "tab\tx", "=1+2", "emoji 🙂", "-3", "+1 555", "@home", "\tlead", "\rcr", '=SUM(A1,"x")',
           "é=1", "a-b"]  # fmt: skip


def csv_text(table: pd.DataFrame, *, header: bool = True) -> str:
    out = io.BytesIO()
    write_csv_rows(out, table, header=header)
    return out.getvalue().decode("utf-8")


def pandas_csv(table: pd.DataFrame, *, header: bool = True) -> str:
    """What pandas writes once formulas are neutralised: the text write_csv_rows must match."""
    return neutralize_formulas(table).to_csv(index=False, header=header, lineterminator="\n")


def awkward_table(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    table = pd.DataFrame(
        {f"text {i}": pd.array(rng.choice(AWKWARD, rows), dtype="str") for i in range(4)}
    )
    table.loc[rng.random(rows) < 0.2, "text 1"] = None
    table["count"] = rng.integers(-5, 10**12, rows)
    table["flag"] = rng.random(rows) < 0.5
    table["hours"] = rng.random(rows) * 10.0 ** rng.integers(-8, 25, rows)
    table.loc[rng.random(rows) < 0.2, "hours"] = np.nan
    table["small"] = rng.integers(0, 200, rows).astype("uint8")
    table['odd, "name"'] = pd.array(rng.choice(AWKWARD, rows), dtype="str")
    return table


@pytest.mark.parametrize("seed", range(5))
def test_csv_text_is_what_pandas_writes(seed):
    table = awkward_table(500, seed)
    assert csv_text(table) == pandas_csv(table)
    assert csv_text(table, header=False) == pandas_csv(table, header=False)
    assert "'=1+2" in csv_text(table)
    assert "'-3" in csv_text(table)


def test_csv_text_of_a_concatenated_table_is_what_pandas_writes():
    table = pd.concat([awkward_table(300, 1), awkward_table(200, 2)], ignore_index=True)
    assert csv_text(table) == pandas_csv(table)


def test_csv_text_of_rows_cut_from_a_longer_table_is_what_pandas_writes():
    table = awkward_table(400, 3).iloc[137:351]  # Arrow arrays that start past their buffers
    assert csv_text(table) == pandas_csv(table)
    empty = table.assign(**{"text 0": pd.array([""] * len(table), dtype="str")})
    assert csv_text(empty) == pandas_csv(empty)


def test_csv_text_of_no_rows_or_other_dtypes_is_what_pandas_writes():
    table = awkward_table(3, 0)
    assert csv_text(table.head(0)) == pandas_csv(table.head(0))
    mixed = table.assign(when=pd.Timestamp("2026-11-24 14:30"), any=["=a", 1, None])
    assert csv_text(mixed) == pandas_csv(mixed)


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_local_iso_is_what_isoformat_writes(unit):
    rng = np.random.default_rng(7)
    rows = 2_000
    # 1840 to 2040, half on whole minutes; zones with odd historical offsets (LMT)
    moments = np.datetime64("1840-01-01") + rng.integers(0, 200 * 365 * 86400 * 10**6, rows).astype(
        "timedelta64[us]"
    )
    whole = rng.random(rows) < 0.5
    moments[whole] = moments[whole].astype("datetime64[m]")
    moments[rows // 2 :] = moments[rng.integers(0, 40, rows - rows // 2)]  # repeated, any zone
    stamps = pd.Series(pd.to_datetime(moments, utc=True)).dt.as_unit(unit)
    if unit == "ns":
        stamps = stamps + pd.to_timedelta(rng.integers(0, 3, rows), unit="ns")
    stamps[rng.random(rows) < 0.1] = pd.NaT
    zones = pd.Series(
        rng.choice(["America/Chicago", "Asia/Kolkata", "Europe/Amsterdam", "UTC",
                    "Australia/Lord_Howe", "America/St_Johns", "Pacific/Chatham"], rows)
    )  # fmt: skip
    zones[rng.random(rows) < 0.05] = None
    stamps.index = zones.index = stamps.index * 3 + 1
    expected = [
        stamp.tz_convert(zone).isoformat() if pd.notna(stamp) and isinstance(zone, str) else ""
        for stamp, zone in zip(stamps, zones, strict=True)
    ]
    assert local_iso(stamps, zones).tolist() == expected


@given(st.lists(st.text(alphabet=" \t\n\xa0\u2009\u3000ab", max_size=8), min_size=1, max_size=30))
def test_text_to_tidy_is_the_text_that_tidying_changes(cells):
    text = pd.Series(cells, dtype="str")
    changed = text.str.replace(WHITESPACE, " ", regex=True) != text
    assert text.str.contains(UNTIDY_SPACE, regex=True).tolist() == changed.tolist()


@given(st.lists(st.text(alphabet=" \t\n\xa0\u2009\u3000ab", max_size=8), min_size=1, max_size=30))
def test_one_space_is_every_run_of_whitespace_replaced(cells):
    text = pd.Series(cells, dtype="str")
    expected = text.str.replace(WHITESPACE, " ", regex=True)
    assert one_space(text).tolist() == expected.tolist()
