"""The career-center report: self-contained, suppressed where groups are small."""

from __future__ import annotations

import re

import pytest

from followup.analyze import career_center_report
from followup.analyze.datasets import make_career_center

AS_OF = "2026-11-26"


@pytest.fixture(scope="module")
def data():
    frame = make_career_center(1_200, seed=9, as_of=AS_OF)
    arts = frame.index[frame["program"] == "Arts"]
    return frame.drop(index=arts[3:])  # three Arts interviews: below min_cell


def test_report_is_one_offline_file_with_its_sections(data):
    page = career_center_report(data, as_of=AS_OF)
    for heading in ("Timeliness", "Employer replies", "Outcomes", "Cohorts", "Method and caveats"):
        assert f"<h2>{heading}</h2>" in page
    assert page.count('src="data:image/png;base64,') == 4
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_small_groups_are_suppressed_and_nobody_is_named(data):
    page = career_center_report(data, as_of=AS_OF, by=("program",))
    arts_row = re.search(r"<tr>\s*<td>Arts</td>(.*?)</tr>", page, re.DOTALL)
    assert arts_row is not None
    assert set(re.findall(r"<td>(.*?)</td>", arts_row.group(1))) == {"suppressed"}
    assert "@" not in page
    assert "Student " not in page
    assert "<td>Arts</td>" not in page.split("<h2>Cohorts</h2>")[0]  # not in the plots' tables
