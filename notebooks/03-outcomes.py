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
# # Outcomes: does a timely thank-you go with advancing?
#
# The synthetic career-center sample (`data/career_center.csv`) was generated with a known
# effect: a note within 24 hours adds 10 points to the chance of advancing (an offer or a next
# round), the same in every program. Programs also differ in how often their students follow up
# on time *and* in how often they advance. This notebook shows how a naive comparison is fooled
# by that, and how comparing within programs recovers the built-in effect.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import pandas as pd

import followup
from followup import plots
from followup.analyze.datasets import TIMELY_EFFECT, make_career_center

pd.set_option("display.width", 120)
plt.rcParams.update({"figure.figsize": (7, 4), "figure.dpi": 80})

data = followup.followup_delays(followup.read_interviews("../data/career_center.csv").recipients)
TIMELY_EFFECT

# %% [markdown]
# ## Outcome rates by timeliness
#
# Rates are shares of *decided* interviews, with 95% Wilson intervals; interviews still pending
# are counted apart, since their outcome is not known yet. `advanced` counts an offer or a next
# round. The functions return raw numbers; the notebook rounds them only to show them.

# %%
rates = followup.outcome_rates(data, by="on_time")
rates.round(3)

# %%
_ = plots.outcome_bars(rates, by="on_time", outcome="advanced")

# %% [markdown]
# ## Why the naive comparison misleads
#
# Programs where students follow up on time more often are also programs where students advance
# more often, whatever they do after the interview.

# %%
by_program = followup.cohort_summary(data, by="program")
by_program[["program", "interviews", "share_on_time", "decided", "advance_rate"]].round(3)

# %% [markdown]
# The naive difference mixes the programs together; the Mantel–Haenszel difference compares
# timely and late senders *within* each program and then pools. The naive interval is
# Newcombe's hybrid score interval; an interval that excludes 0 means the difference is
# significant at the 5% level.

# %%
followup.advance_effect(data, by="program").round(3)

# %% [markdown]
# With 3,000 interviews both intervals are wide, and both cover the true 0.10. A larger sample
# from the same generator separates them: the naive interval sits above the built-in effect, the
# stratified one covers it.

# %%
larger = make_career_center(40_000, seed=11, as_of="2026-11-26")
followup.advance_effect(larger, by="program").round(3)

# %% [markdown]
# ## What this data can and cannot say
#
# - **Correlation, not cause.** Even within programs, students who write promptly may be the
#   ones who prepared better. Real data would need more than one stratifying column, and still
#   could not prove that the note itself made the difference. (In this synthetic data it did,
#   by construction, which is why the stratified interval covers 0.10.)
# - **Censoring.** About a third of the interviews are pending, more of them recent ones;
#   rates of decided interviews describe the decided, not everyone.
# - **Small groups.** Intervals widen fast below a few dozen decided interviews; report such
#   groups with care, and never below the suppression threshold.
