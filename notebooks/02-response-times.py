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
# # Follow-up delays and employer response times
#
# A career center's tracking sheet records when each thank-you went out, when the employer first
# replied, and the outcome. This notebook uses the seeded synthetic sample `data/career_center.csv`
# (regenerate it with `followup synthetic data/career_center.csv`) as of a fixed date.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

import followup

pd.set_option("display.width", 120)
plt.rcParams.update({"figure.figsize": (7, 4), "figure.dpi": 80})


AS_OF = pd.Timestamp("2026-11-26", tz="America/New_York")
data = followup.followup_delays(followup.read_interviews("../data/career_center.csv").recipients)
len(data)

# %% [markdown]
# ## How soon do the notes go out?
#
# Most students never send one; of those who do, many are late. The 24-hour line marks the
# target.

# %%
followup.timeliness(data)

# %%
from followup import plots

_ = plots.delay_histogram(data)

# %% [markdown]
# ## On-time follow-up by program, with 95% Wilson intervals

# %%
by_program = followup.timeliness(data, by="program")
by_program[["program", "interviews", "share_on_time", "ci_low", "ci_high", "median_delay_h"]]

# %%
_ = plots.on_time_share(by_program, by="program")

# %% [markdown]
# ## How long until the employer replies?
#
# Interviews still waiting for a reply on the as-of date are *censored*: we know only that the
# wait is longer. The Kaplan–Meier curves below account for that; a plain average of the replies
# seen so far would not. The log-rank test compares the two curves.

# %%
replies = followup.response_times(data, by="on_time", as_of=AS_OF)
replies.summary

# %%
replies.logrank

# %%
curves = replies.curves
at = [1, 3, 7, 14, 30]
columns = {
    f"on_time={key}": [group.loc[group["days"] <= d, "no_reply_yet"].iloc[-1] for d in at]
    for key, group in curves.groupby("on_time")
}
pd.DataFrame(columns, index=pd.Index(at, name="days")).round(3)

# %%
_ = plots.reply_curves(replies, by="on_time")

# %% [markdown]
# Timely senders hear back sooner in this data, but the data cannot say why: students who follow
# up on time may differ in other ways, and employers that reply fast may also be the ones that
# are easy to follow up with. The outcomes notebook looks at that question more carefully.
