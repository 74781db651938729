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

# %% [markdown]
# # My replies: who answered, how soon, and whom to check in with
#
# A job seeker's own data, closed into a loop: the thank-yous `followup send` recorded in the
# drafts folder's ledger, and the replies in an export of the inbox. This notebook works on the
# bundled sample (rebuild it with `python data/make_my_replies.py`): `data/my-drafts/` (36
# interviews drafted and sent, Sept to Nov 2026) and `data/my-replies.mbox` (replies,
# out-of-office notes, a bounce and unrelated mail). It reads them into a copy of the folder,
# so the sample stays as it is, with a fixed as-of date.

# %%
# %matplotlib inline
import shutil
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import followup
from followup import plots
from followup.deliver import plan_checkins, read_mbox, read_replies, reply_status

pd.set_option("display.width", 120)
plt.rcParams.update({"figure.figsize": (7, 4), "figure.dpi": 80})

AS_OF = pd.Timestamp("2026-11-30 09:00", tz="America/Chicago")
folder = Path(tempfile.mkdtemp()) / "my-drafts"
_ = shutil.copytree("../data/my-drafts", folder)

# %% [markdown]
# ## Replies from the mailbox
#
# A reply is a message whose `In-Reply-To` or `References` names one of the thank-yous, or one
# from the interviewer's address after the thank-you went out. Out-of-office notes and bounces
# are kept apart: they never count as a reply. `followup replies DIR --mbox FILE` does the same
# from the command line.

# %%
report = read_replies(folder, read_mbox("../data/my-replies.mbox"), source="my-replies.mbox")
print(report.summary())

# %%
status = reply_status(folder)
status["state"].value_counts()

# %% [markdown]
# ## The tracking table
#
# `followup.read_ledger` gives the recipients with `sent_at` from the ledger and `replied_at`
# (the interview's first reply, from anyone on it) from the replies found: the columns the
# analyses take. One row per interviewer; three interviews never got their thank-you sent.

# %%
tracking = followup.followup_delays(followup.read_ledger(folder))
first = tracking.drop_duplicates("interview_id")
first[["interview_id", "company", "sent_at", "on_time", "replied_at", "reply_from"]].head(8)

# %% [markdown]
# ## How long until someone replies? (Kaplan–Meier)
#
# Interviews still waiting on the as-of date are *censored*: all we know is that the wait is
# longer. The curve is the share of interviews with no reply yet, by days since the interview.

# %%
overall = followup.response_times(tracking.assign(sample="all"), by="sample", as_of=AS_OF)
overall.summary.round(3)  # raw numbers, rounded only to show them

# %%
at = [1, 3, 7, 14, 21, 30]
curve = overall.curves
# the curve only falls: its lowest point by day d is its value there (1 before any reply)
pd.DataFrame(
    {"no_reply_yet": [curve.loc[curve["days"] <= d, "no_reply_yet"].min() for d in at]},
    index=pd.Index(at, name="days"),
).fillna(1.0).round(3)

# %%
_ = plots.reply_curves(overall, by="sample")

# %% [markdown]
# ## Replies by company
#
# Each employer's interviews, how many got a reply, and the median days from the interview to
# the first reply among those that did.

# %%
per_interview = first.assign(
    replied=first["replied_at"].notna(),
    days=(first["replied_at"] - first["interview_end"]).dt.total_seconds() / 86_400,
)
by_company = (
    per_interview.groupby("company")
    .agg(
        interviews=("interview_id", "size"),
        replied=("replied", "sum"),
        median_days=("days", "median"),
    )
    .assign(share_replied=lambda t: t["replied"] / t["interviews"])
    .sort_values(["share_replied", "company"], ascending=[False, True])
)
by_company.round(2)

# %%
fig, ax = plt.subplots()
_ = ax.barh(by_company.index[::-1], by_company["share_replied"][::-1])
_ = ax.set(xlabel="share of interviews with a reply", xlim=(0, 1), title="Replies by company")
fig.tight_layout()

# %% [markdown]
# ## On time or late: does it matter here?
#
# The same curves for thank-yous sent within 24 hours of the interview and later ones (never
# sent counts as late), with the log-rank test. With 36 interviews this is a look at one's own
# habits, not evidence: employers that answer fast may also be the easy ones to write to.

# %%
timing = followup.response_times(tracking, by="on_time", as_of=AS_OF)
timing.summary

# %%
timing.logrank

# %%
curves = timing.curves
pd.DataFrame(
    {
        f"on_time={key}": [group.loc[group["days"] <= d, "no_reply_yet"].min() for d in at]
        for key, group in curves.groupby("on_time")
    },
    index=pd.Index(at, name="days"),
).fillna(1.0).round(3)

# %%
_ = plots.reply_curves(timing, by="on_time")

# %% [markdown]
# ## Whom to check in with
#
# One polite check-in per interview, ever: two business days after the date the employer gave,
# else seven business days after the interview, while no one has replied and the job is still
# wanted. `followup checkin DIR --now ...` writes them as drafts in the thank-you's thread.

# %%
plan = plan_checkins(folder, now=AS_OF)
plan["state"].value_counts()

# %%
plan.loc[plan["state"] == "due", ["interview_id", "company", "interviewer_name", "addressed"]]
