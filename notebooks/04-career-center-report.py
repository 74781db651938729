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
# exposing any student: groups under five interviews are suppressed, with a second group
# suppressed beside a lone one so the totals cannot give it away.

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
followup.cohort_summary(data, by=["program", "cohort"])

# %% [markdown]
# Over a short window the groups are small, and suppression shows: the interviews of the last
# two days, by program.

# %%
recent = data[data["interview_start"] >= AS_OF - pd.Timedelta(days=2)]
followup.cohort_summary(recent, by=["program"])

# %% [markdown]
# ## The report
#
# One HTML file, plots embedded, no network needed: it can be emailed as it is.

# %%
with tempfile.TemporaryDirectory() as folder:
    path = followup.write_report(data, Path(folder) / "report.html", as_of=AS_OF)
    page = path.read_text()
print([line.strip()[4:-5] for line in page.splitlines() if line.strip().startswith("<h2>")])
print("images embedded:", page.count("data:image/png;base64,"))
