# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # The career-center report
#
# An adviser reports follow-up habits, replies and outcomes by program and cohort without
# exposing any student: groups under ten interviews (`min_cell`, the threshold most US states
# use for education data) are suppressed, with a second group suppressed beside a lone one so
# the totals cannot give it away; `why` says which is which. The tables hold raw numbers; the
# notebook rounds them only to show them.

# %%
# %matplotlib inline
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import followup

pd.set_option("display.width", 120)
plt.rcParams.update({"figure.figsize": (7, 4), "figure.dpi": 80})

AS_OF = pd.Timestamp("2026-11-26", tz="America/New_York")
data = followup.read_interviews("../data/career_center.csv").recipients

# %% [markdown]
# ## The cohort table

# %%
shown = ["program", "cohort", "interviews", "share_on_time", "reply_rate", "advance_rate", "why"]
followup.cohort_summary(data, by=["program", "cohort"])[shown].round(3)

# %% [markdown]
# Over a short window the groups are small, and suppression shows: the interviews of the last
# two weeks, by program. `report_tables` gives every table of the report for such a window
# (`between=(since, until)`; a time without a zone is UTC).

# %%
tables = followup.report_tables(
    data, by="program", as_of=AS_OF, between=("2026-11-12", "2026-11-25")
)
tables["cohorts"][["program", "interviews", "share_on_time", "why"]].round(3)

# %% [markdown]
# The headline figures, each with its count and 95% interval; a figure about fewer than ten
# interviews would be blank, with `why` saying so. The share that heard back within 14 days is
# not known yet (NaN): no interview of the window has waited 14 days by the as-of date. The
# effect of a timely note is hidden in so small a window: fewer than ten decided interviews on
# one side.

# %%
tables["headline"].round(3)

# %%
tables["effect"][["comparison", "difference", "decided", "suppressed", "why"]]

# %% [markdown]
# ## The report
#
# One HTML file, plots embedded, no network needed: it can be emailed as it is.

# %%
with tempfile.TemporaryDirectory() as folder:
    path = followup.write_report(data, Path(folder) / "report.html", as_of=AS_OF)
    page = path.read_text()
table_names = ", ".join(followup.report_tables(data, as_of=AS_OF))
headings = [line.strip()[4:-5] for line in page.splitlines() if line.strip().startswith("<h2>")]
# One print: output printed on both sides of a slow call may arrive as one stream or two.
print(
    headings,
    f"images embedded: {page.count('data:image/png;base64,')}",
    f"tables: {table_names}",
    sep="\n",
)
