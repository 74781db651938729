"""Plots, checked through their Axes."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import cbook

from followup import analyze
from followup.analyze import plots
from followup.analyze.datasets import make_career_center

AS_OF = "2026-11-26"


@pytest.fixture(scope="module")
def data():
    return analyze.followup_delays(make_career_center(1_500, seed=4, as_of=AS_OF))


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_delay_histogram_counts_every_note_and_marks_the_target(data):
    ax = plots.delay_histogram(data)
    assert sum(p.get_height() for p in ax.patches) == data["sent"].sum()
    (target,) = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert target.get_xdata()[0] == 24
    assert ax.get_legend().get_texts()[0].get_text() == "24-hour target"


def test_on_time_share_bars_and_interval_bars(data):
    table = analyze.timeliness(data, by="program")
    ax = plots.on_time_share(table, by="program")
    assert [p.get_height() for p in ax.patches] == pytest.approx(table["share_on_time"].tolist())
    assert [t.get_text() for t in ax.get_xticklabels()] == table["program"].tolist()
    (bars,) = ax.collections  # the error bars
    segments = bars.get_segments()
    assert [s[0][1] for s in segments] == pytest.approx(table["ci_low"].tolist())
    assert [s[1][1] for s in segments] == pytest.approx(table["ci_high"].tolist())
    assert ax.get_ylabel() == "share followed up within 24 h"


def test_reply_curves_follow_the_kaplan_meier_table(data):
    result = analyze.response_times(data, by="on_time", as_of=AS_OF)
    ax = plots.reply_curves(result, by="on_time")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Later or never",
        "Sent within 24 h",
    ]
    late = result.curves[(result.curves["on_time"] == False) & (result.curves["days"] <= 60)]  # noqa: E712
    line = ax.lines[0]
    assert line.get_ydata()[0] == 1.0
    assert np.allclose(line.get_ydata()[1:], late["no_reply_yet"])
    assert len(ax.collections) == 2  # a band per group


def test_outcome_bars_for_one_outcome(data):
    rates = analyze.outcome_rates(data, by="on_time")
    ax = plots.outcome_bars(rates, by="on_time", outcome="offer")
    offers = rates[rates["outcome"] == "offer"]
    assert [p.get_height() for p in ax.patches] == pytest.approx(offers["rate"].tolist())
    assert ax.get_title() == "Share offer, of decided interviews"
    advanced = plots.outcome_bars(rates, by="on_time")  # the default: offer or next round
    chosen = rates[rates["outcome"] == "advanced"]
    assert [p.get_height() for p in advanced.patches] == pytest.approx(chosen["rate"].tolist())
    assert [t.get_text() for t in advanced.get_xticklabels()] == [
        "Later or never",
        "Sent within 24 h",
    ]


def test_plots_draw_on_a_given_axes(data):
    _, ax = plt.subplots()
    assert plots.delay_histogram(data, ax=ax) is ax


def test_labels_from_the_data_are_plain_text(data, tmp_path):
    odd = data.assign(program=data["program"].replace({"Arts": r"$\frac{$", "Nursing": "$5 $6"}))
    table = analyze.timeliness(odd, by="program")
    ax = plots.on_time_share(table, by="program")
    ax.figure.savefig(tmp_path / "plain.png")  # mathtext would fail here on "$\frac{$"
    shown = [t.get_text() for t in ax.get_xticklabels()]
    assert r"\$\frac{\$" in shown
    assert r"\$5 \$6" in shown
    assert not any(cbook.is_math_text(text) for text in shown)  # drawn as written
