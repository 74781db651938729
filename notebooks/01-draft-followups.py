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
# # A job seeker's day: from the interview sheet to checked thank-you drafts
#
# After each interview, every interviewer should get their own short thank-you within 24 hours:
# grateful, interested, specific to that person, with any open question, and proofread. This
# notebook walks through the drafting with the bundled sample sheet, `data/interviews.csv`, on a
# fixed clock so the results do not change from run to run.

# %%
# %matplotlib inline
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import followup

pd.set_option("display.width", 120)
plt.rcParams.update({"figure.figsize": (7, 4), "figure.dpi": 80})

AS_OF = pd.Timestamp("2026-11-25 09:00", tz="America/Chicago")
SENDER = "Avery Quinn <avery@example.com>"

# %% [markdown]
# ## Read the sheet
#
# `read_interviews` turns any layout (one row per interviewer, numbered columns, or a cell of
# addresses) into one row per interviewer, and lists every problem it met with the sheet row, the
# column, the value and a fix. The sample is clean. Its `My notes` column is private: it stays in
# the table and never reaches a letter.

# %%
result = followup.read_interviews("../data/interviews.csv", sender=SENDER)
print(result.summary())
result.rejects

# %% [markdown]
# ## The notes, as the letters will carry them
#
# Notes are jotted, not written: "Talked about ...", "their new list", "ask which trial I'd join
# first", "4 yrs of SQL". Each distinct note is read once and adapted to the sentence that will
# carry it: a lead-in verb dropped, "their" turned to "your", a question given its mark, a note to
# self turned into something to ask, shorthand spelled out.

# %%
notes = followup.adapt_notes(result.recipients)
pd.set_option("display.max_colwidth", 70)
notes[notes["after"] != notes["before"]][["column", "before", "after", "shape"]]

# %% [markdown]
# A note that cannot be adapted safely is left out of the letter and comes back with a rewrite to
# make: one about what the candidate asked and what "he" said, one that calls the reader "she",
# two notes in one cell, an impression, a to-do, a salary. `data/notes-to-rewrite.csv` holds such
# notes; every sample sheet and every real one gets the same treatment.

# %%
rewrite = followup.read_interviews("../data/notes-to-rewrite.csv", sender=SENDER).recipients
to_rewrite = followup.adapt_notes(rewrite)
to_rewrite[["column", "before", "code", "suggestion"]]

# %% [markdown]
# ## What is due
#
# Each follow-up is due 24 hours after the interview ends. Overdue ones still get a draft: late
# beats never.

# %%
recipients = followup.add_deadlines(result.recipients, now=AS_OF)
followup.due(recipients, within=48)[["interviewer_name", "company", "status", "hours_left"]]

# %% [markdown]
# ## Draft, preview and check
#
# The default template picks a gracious note where the candidate is no longer interested and a
# short one after a brief phone screen. Interviewers on one panel never get the same sentences:
# each gets its own frame in every slot and its own order of paragraphs. The day is told from
# `now`: "yesterday", "on Monday", "on November 18".

# %%
drafts = followup.render_drafts(recipients, sender=SENDER, now=AS_OF)
drafts[["interviewer_name", "company", "template", "variant"]].head(6)

# %%
followup.preview(drafts, n=2)

# %% [markdown]
# Every draft is checked against the rules R1 to R8, the way a proofreader would read it. Apart
# from lateness, the findings are the name a greeting guessed and a word the dictionary does not
# know (add such words to `known_words` when they are right).

# %%
findings = followup.check_drafts(drafts, now=AS_OF)
findings.groupby(["rule", "code", "severity"]).size()

# %%
findings[findings["code"] != "overdue"][["rule", "code", "message"]]

# %% [markdown]
# ## Write them where a mail client can open them
#
# `.eml` files open as editable drafts in Outlook, Thunderbird and Apple Mail; an mbox imports
# in one go. Here they go to a temporary folder.

# %%
with tempfile.TemporaryDirectory() as folder:
    files = followup.write_drafts(drafts, folder, now=AS_OF)
    names = sorted(Path(f).name for f in files)
print(len(names), "files, for example:")
print("\n".join(names[:3]))
