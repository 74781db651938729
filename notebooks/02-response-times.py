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
#
# The functions return raw, unrounded numbers; the notebook rounds them only to show them
# (`.round(3)`), so nothing downstream loses precision.

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
followup.timeliness(data).round(3)

# %%
from followup import plots

_ = plots.delay_histogram(data)

# %% [markdown]
# ## On-time follow-up by program, with 95% Wilson intervals

# %%
by_program = followup.timeliness(data, by="program")
shown = ["program", "interviews", "share_on_time", "ci_low", "ci_high", "median_delay_h"]
by_program[shown].round(3)

# %%
_ = plots.on_time_share(by_program, by="program")

# %% [markdown]
# ## How long until the employer replies?
#
# Interviews still waiting for a reply on the as-of date are *censored*: we know only that the
# wait is longer. The Kaplan–Meier curves below account for that; a plain average of the replies
# seen so far would not. `heard_back` is the Kaplan–Meier share that heard back within 14
# days, with its 95% interval. The log-rank test compares the two curves.

# %%
replies = followup.response_times(data, by="on_time", as_of=AS_OF)
replies.summary.round(3)

# %%
replies.logrank.round(3)

# %% [markdown]
# The p-value is the chance of a difference at least this large between the two curves if
# timeliness made no difference to reply times. Only below 0.05 do we call it significant:

# %%
p = replies.logrank["pvalue"].iloc[0]
verdict = "significant" if p < 0.05 else "not statistically significant"
print(f"log-rank p = {p:.3f}: the difference between the curves is {verdict} at the 5% level.")

# %%
curves = replies.curves
at = [1, 3, 7, 14, 30]
columns = {
    plots.group_label("on_time", key): [
        group.loc[group["days"] <= d, "no_reply_yet"].iloc[-1] for d in at
    ]
    for key, group in curves.groupby("on_time")
}
pd.DataFrame(columns, index=pd.Index(at, name="days")).round(3)

# %%
_ = plots.reply_curves(replies, by="on_time")

# %% [markdown]
# Timely senders' curve lies a little below the others' (a median of about 7 days to a reply
# against about 9), but the log-rank test finds the difference **not statistically
# significant** (p ≈ 0.10): it could well be chance, so this data does not show that a timely
# note brings a reply sooner. And even a significant difference would not say why: students who
# follow up on time may differ in other ways. The outcomes notebook looks at that more carefully.
