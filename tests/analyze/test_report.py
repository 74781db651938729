"""The career-center report: every section on real windows, suppressed where groups are small."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from followup.analyze import career_center_report, report_tables
from followup.analyze.datasets import make_career_center
from followup.errors import OptionError

AS_OF = "2026-11-26"
SECTIONS = (
    "Definitions",
    "Timeliness",
    "Employer replies",
    "Outcomes",
    "Trends",
    "Reply times by employer",
    "Cohorts",
    "Method and caveats",
)


@pytest.fixture(scope="module")
def data():
    frame = make_career_center(1_200, seed=9, as_of=AS_OF)
    arts = frame.index[frame["program"] == "Arts"]
    return frame.drop(index=arts[3:])  # three Arts interviews: below min_cell


def text(page: str) -> str:
    """The page's visible words, tags and images left out."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def windows() -> dict[str, pd.DataFrame]:
    full = make_career_center(600, seed=21, as_of=AS_OF)
    never = pd.Series(False, index=full.index)
    pending = full.assign(
        **{c: full[c].where(never) for c in ("outcome", "decided_at", "replied_at")}
    )
    return {
        "empty": full.iloc[0:0],
        "all pending": pending,
        "one program": full[full["program"] == "Business"],
        "one student": full[full["student_id"] == full["student_id"].iloc[0]],
        "two weeks": full[full["interview_start"] >= pd.Timestamp("2026-11-12", tz="UTC")],
        "everything": full,
    }


@pytest.mark.parametrize("min_cell", [1, 5, 10])
@pytest.mark.parametrize(
    "window", ["empty", "all pending", "one program", "one student", "two weeks", "everything"]
)
def test_every_section_renders_on_every_window(window, min_cell):
    df = windows()[window]
    page = career_center_report(df, as_of=AS_OF, min_cell=min_cell)
    for heading in SECTIONS:
        assert f"<h2>{heading}</h2>" in page
    words = text(page)
    if window in ("empty", "all pending"):
        assert "No decided interviews yet" in words
        assert (
            "none yet advanced (offer or next round), of decided no decided interviews yet" in words
        )
    if window == "empty":
        assert "0 interviews" in words
    assert "nan" not in words.lower().split()
    assert "@" not in page
    assert "Student " not in page
    tables = report_tables(df, as_of=AS_OF, min_cell=min_cell)
    assert set(tables) >= {"headline", "effect", "cohorts", "by_month", "by_term", "employers"}


def test_report_is_one_offline_file_with_its_sections(data):
    page = career_center_report(data, as_of=AS_OF)
    assert page.count('src="data:image/png;base64,') == 3
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert all(alt for alt in re.findall(r'<img alt="([^"]*)"', page))
    assert page.count("<img ") == len(re.findall(r'<img alt="[^"]+"', page))


def test_small_groups_say_fewer_than_n_and_the_complementary_one_says_why(data):
    page = career_center_report(data, as_of=AS_OF, by=("program",), min_cell=5)
    arts = re.search(r"<tr>\s*<td >Arts</td>(.*?)</tr>", page, re.DOTALL)
    assert arts is not None
    cells = re.findall(r"<td >(.*?)</td>", arts.group(1))
    assert set(cells[:-1]) == {"fewer than 5"}
    assert cells[-1] == "fewer than 5 interviews"
    assert "hidden so the total cannot reveal a smaller group" in page
    assert "@" not in page
    assert "Student " not in page


def test_headline_gives_counts_and_a_kaplan_meier_reply_share(data):
    tables = report_tables(data, as_of=AS_OF)
    headline = tables["headline"].set_index("figure")
    advanced = headline.loc["advanced (offer or next round)"]
    html = career_center_report(data, as_of=AS_OF)
    page = text(html)
    share = f"{advanced['share']:.0%} ({advanced['count']:,.0f} of {advanced['of']:,.0f})"
    assert f"{share} advanced (offer or next round), of decided" in page
    heard = headline.loc["heard back within 14 days"]
    assert f"{heard['share']:.0%} heard back within 14 days" in page
    assert heard["share"] != heard["count"] / heard["of"]  # an estimate, not a raw share
    # The outcome chart draws what the headline counts.
    rates = tables["outcomes"]
    assert "advanced" in set(rates["outcome"])
    assert "share of decided interviews that advanced (offer or next round)" in html


def test_labels_are_words_not_column_names(data):
    page = career_center_report(data, as_of=AS_OF)
    for raw in ("share_on_time", "ci_low", "p90_delay_h", "on_time = ", "164.0", "suppressed<"):
        assert raw not in page
    for words in ("Sent within 24 h", "Later or never", "Median days to a reply", "95% CI"):
        assert words in page
    assert re.search(r"\d+% \([\d,]+ of [\d,]+\)", page)
    effect = report_tables(data, as_of=AS_OF)["effect"].iloc[0]
    points = f"{100 * effect['ci_low']:+.0f} to {100 * effect['ci_high']:+.0f}"
    assert f"<td >{100 * effect['difference']:+.0f}</td>\n      <td >{points}</td>" in page
    for term in ("On time", "Heard back", "Decided", "Advanced", "Censored", "Suppressed"):
        assert f"<dt>{term}</dt>" in page


def test_the_log_rank_result_is_one_plain_sentence(data):
    p = report_tables(data, as_of=AS_OF)["reply_test"]["pvalue"].iloc[0]
    page = text(career_center_report(data, as_of=AS_OF))
    if p < 0.05:
        assert "differ by more than chance alone would usually produce" in page
    else:
        assert "not statistically significant" in page
    assert re.search(r"\(log-rank test, p [=<] 0\.\d{3}\)", page)


def test_an_effect_with_a_small_stratum_is_not_shown():
    # The two-week window: the effect came from 10 decided interviews, 3 timely.
    full = make_career_center(600, seed=21, as_of=AS_OF)
    window = full[full["interview_start"] >= pd.Timestamp("2026-11-01", tz="UTC")]
    effect = report_tables(window, as_of=AS_OF, min_cell=10)["effect"]
    assert effect["suppressed"].all()
    assert effect[["difference", "ci_low", "ci_high"]].isna().all().all()
    page = career_center_report(window, as_of=AS_OF, min_cell=10)
    assert "decided interviews on one side" in page


def test_a_dollar_sign_in_a_label_is_drawn_as_text():
    df = make_career_center(300, seed=2, as_of=AS_OF)
    df["program"] = df["program"].replace({"Business": r"$\frac{$", "Arts": "<b>$5 & up</b>"})
    page = career_center_report(df, as_of=AS_OF, by="program", min_cell=5)
    assert r"$\frac{$" in page
    assert "&lt;b&gt;$5 &amp; up&lt;/b&gt;" in page
    assert "<b>$5" not in page


def test_the_data_quality_line_counts_what_was_read_and_left_out(tmp_path):
    import followup

    sheet = make_career_center(40, seed=3, as_of=AS_OF)
    path = tmp_path / "cc.csv"
    lines = sheet.to_csv(index=False).splitlines()
    lines[2] = lines[2].replace("Analyst", "")  # one row without a role
    path.write_text("\n".join(lines) + "\n")
    result = followup.read_interviews(path)
    page = text(career_center_report(result, as_of=AS_OF, min_cell=5))
    assert re.search(r"Data quality: 40 rows read; 1 left out: .+ \(1\)\.", page)


def test_min_cell_must_be_a_whole_number_of_at_least_one(data):
    with pytest.raises(OptionError, match="min_cell must be a whole number of at least 1"):
        report_tables(data, as_of=AS_OF, min_cell=0)


def test_employers_below_min_cell_are_left_out_and_a_lone_one_cannot_be_recovered():
    df = make_career_center(400, seed=8, as_of=AS_OF)
    lone = df.index[df["company"] == "Atlas Freight"][4:]
    employers = report_tables(df.drop(index=lone), as_of=AS_OF)["employers"]
    assert "Atlas Freight" not in set(employers["company"])  # four interviews: left out
    hidden = employers[employers["suppressed"]]
    assert len(hidden) == 1  # the next smallest, so the total cannot give Atlas away
    assert hidden["interviews"].isna().all()
    assert employers.loc[~employers["suppressed"], "interviews"].ge(10).all()
