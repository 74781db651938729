"""Write the notebooks from their cells here, execute them, and store their outputs.

Run from the repository root after ``pip install -e ".[test,notebooks]"``::

    python notebooks/build.py

The stored outputs are what nbval compares when ``pytest`` runs the notebooks,
so rerun this after any change that alters what a notebook shows. Execution
timestamps are stripped so that rebuilding an unchanged notebook changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

HERE = Path(__file__).parent


def setup(standard_imports: str = "", followup_imports: str = "") -> str:
    """The first cell: imports (standard library first), display settings."""
    return (
        "%matplotlib inline\n"
        + standard_imports
        + "import matplotlib.pyplot as plt\nimport pandas as pd\n\nimport followup\n"
        + followup_imports
        + "\n"
        + 'pd.set_option("display.width", 120)\n'
        + 'plt.rcParams.update({"figure.figsize": (7, 4), "figure.dpi": 80})\n'
    )


NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "01-draft-followups.ipynb": [
        (
            "md",
            """\
# A job seeker's day: from the interview sheet to checked thank-you drafts

After each interview, every interviewer should get their own short thank-you within 24 hours:
grateful, interested, specific to that person, with any open question, and proofread. This
notebook walks through the drafting with the bundled sample sheet, `data/interviews.csv`, on a
fixed clock so the results do not change from run to run.""",
        ),
        (
            "code",
            setup("import tempfile\nfrom pathlib import Path\n\n")
            + """
AS_OF = pd.Timestamp("2026-11-25 09:00", tz="America/Chicago")
SENDER = "Avery Quinn <avery@example.com>\"""",
        ),
        (
            "md",
            """\
## Read the sheet

`read_interviews` turns any layout (one row per interviewer, numbered columns, or a cell of
addresses) into one row per interviewer, and lists every problem it met with the sheet row, the
column, the value and a fix. The sample is clean.""",
        ),
        (
            "code",
            """\
result = followup.read_interviews("../data/interviews.csv", sender=SENDER)
print(result.summary())
result.rejects""",
        ),
        (
            "md",
            """\
## What is due

Each follow-up is due 24 hours after the interview ends. Overdue ones still get a draft: late
beats never.""",
        ),
        (
            "code",
            """\
recipients = followup.add_deadlines(result.recipients, now=AS_OF)
followup.due(recipients, within=48)[["interviewer_name", "company", "status", "hours_left"]]""",
        ),
        (
            "md",
            """\
## Draft, preview and check

The default template picks a gracious note where the candidate is no longer interested and a
short one after a brief phone screen. Interviewers on one panel never get the same sentences.""",
        ),
        (
            "code",
            """\
drafts = followup.render_drafts(recipients, sender=SENDER)
drafts[["interviewer_name", "company", "template", "variant"]].head(6)""",
        ),
        ("code", "followup.preview(drafts, n=2)"),
        (
            "md",
            """\
Every draft is checked against the rules R1 to R8. Apart from lateness, the only findings are
words the dictionary does not know; add them to `known_words` when they are right.""",
        ),
        (
            "code",
            """\
findings = followup.check_drafts(drafts, now=AS_OF)
findings.groupby(["rule", "severity"]).size()""",
        ),
        (
            "code",
            """\
findings[findings["rule"] == "R8"]""",
        ),
        (
            "md",
            """\
## Write them where a mail client can open them

`.eml` files open as editable drafts in Outlook, Thunderbird and Apple Mail; an mbox imports
in one go. Here they go to a temporary folder.""",
        ),
        (
            "code",
            """\
with tempfile.TemporaryDirectory() as folder:
    files = followup.write_drafts(drafts, folder, now=AS_OF)
    names = sorted(Path(f).name for f in files)
print(len(names), "files, for example:")
print("\\n".join(names[:3]))""",
        ),
    ],
    "02-response-times.ipynb": [
        (
            "md",
            """\
# Follow-up delays and employer response times

A career center's tracking sheet records when each thank-you went out, when the employer first
replied, and the outcome. This notebook uses the seeded synthetic sample `data/career_center.csv`
(regenerate it with `followup synthetic data/career_center.csv`) as of a fixed date.""",
        ),
        (
            "code",
            setup()
            + """

AS_OF = pd.Timestamp("2026-11-26", tz="America/New_York")
data = followup.followup_delays(followup.read_interviews("../data/career_center.csv").recipients)
len(data)""",
        ),
        (
            "md",
            """\
## How soon do the notes go out?

Most students never send one; of those who do, many are late. The 24-hour line marks the
target.""",
        ),
        (
            "code",
            """\
followup.timeliness(data)""",
        ),
        (
            "code",
            """\
from followup import plots

_ = plots.delay_histogram(data)""",
        ),
        ("md", "## On-time follow-up by program, with 95% Wilson intervals"),
        (
            "code",
            """\
by_program = followup.timeliness(data, by="program")
by_program[["program", "interviews", "share_on_time", "ci_low", "ci_high", "median_delay_h"]]""",
        ),
        (
            "code",
            """\
_ = plots.on_time_share(by_program, by="program")""",
        ),
        (
            "md",
            """\
## How long until the employer replies?

Interviews still waiting for a reply on the as-of date are *censored*: we know only that the
wait is longer. The Kaplan–Meier curves below account for that; a plain average of the replies
seen so far would not. The log-rank test compares the two curves.""",
        ),
        (
            "code",
            """\
replies = followup.response_times(data, by="on_time", as_of=AS_OF)
replies.summary""",
        ),
        ("code", "replies.logrank"),
        (
            "code",
            """\
curves = replies.curves
at = [1, 3, 7, 14, 30]
columns = {
    f"on_time={key}": [group.loc[group["days"] <= d, "no_reply_yet"].iloc[-1] for d in at]
    for key, group in curves.groupby("on_time")
}
pd.DataFrame(columns, index=pd.Index(at, name="days")).round(3)""",
        ),
        (
            "code",
            """\
_ = plots.reply_curves(replies, by="on_time")""",
        ),
        (
            "md",
            """\
Timely senders hear back sooner in this data, but the data cannot say why: students who follow
up on time may differ in other ways, and employers that reply fast may also be the ones that
are easy to follow up with. The outcomes notebook looks at that question more carefully.""",
        ),
    ],
    "03-outcomes.ipynb": [
        (
            "md",
            """\
# Outcomes: does a timely thank-you go with advancing?

The synthetic career-center sample (`data/career_center.csv`) was generated with a known
effect: a note within 24 hours adds 10 points to the chance of advancing (an offer or a next
round), the same in every program. Programs also differ in how often their students follow up
on time *and* in how often they advance. This notebook shows how a naive comparison is fooled
by that, and how comparing within programs recovers the built-in effect.""",
        ),
        (
            "code",
            setup(
                followup_imports="from followup import plots\n"
                "from followup.datasets import TIMELY_EFFECT, make_career_center\n"
            )
            + """
data = followup.followup_delays(followup.read_interviews("../data/career_center.csv").recipients)
TIMELY_EFFECT""",
        ),
        (
            "md",
            """\
## Outcome rates by timeliness

Rates are shares of *decided* interviews, with 95% Wilson intervals; interviews still pending
are counted apart, since their outcome is not known yet.""",
        ),
        (
            "code",
            """\
rates = followup.outcome_rates(data, by="on_time")
rates""",
        ),
        (
            "code",
            """\
_ = plots.outcome_bars(rates, by="on_time", outcome="next_round")""",
        ),
        (
            "md",
            """\
## Why the naive comparison misleads

Programs where students follow up on time more often are also programs where students advance
more often, whatever they do after the interview.""",
        ),
        (
            "code",
            """\
by_program = followup.cohort_summary(data, by=["program"])
by_program[["program", "interviews", "share_on_time", "decided", "advance_rate"]]""",
        ),
        (
            "md",
            """\
The naive difference mixes the programs together; the Mantel–Haenszel difference compares
timely and late senders *within* each program and then pools.""",
        ),
        (
            "code",
            """\
followup.advance_effect(data, strata="program")""",
        ),
        (
            "md",
            """\
With 3,000 interviews both intervals are wide, and both happen to cover the true 0.10. A
larger sample from the same generator separates them: the naive interval sits above the
built-in effect, the stratified one covers it.""",
        ),
        (
            "code",
            """\
larger = make_career_center(40_000, seed=11, as_of="2026-11-26")
followup.advance_effect(larger, strata="program")""",
        ),
        (
            "md",
            """\
## What this data can and cannot say

- **Correlation, not cause.** Even within programs, students who write promptly may be the
  ones who prepared better. Real data would need more than one stratifying column, and still
  could not prove that the note itself made the difference. (In this synthetic data it did,
  by construction, which is why the stratified interval covers 0.10.)
- **Censoring.** About a third of the interviews are pending, more of them recent ones;
  rates of decided interviews describe the decided, not everyone.
- **Small groups.** Intervals widen fast below a few dozen decided interviews; report such
  groups with care, and never below the suppression threshold.""",
        ),
    ],
    "04-career-center-report.ipynb": [
        (
            "md",
            """\
# The career-center report

An adviser reports follow-up habits, replies and outcomes by program and cohort without
exposing any student: groups under five interviews are suppressed, with a second group
suppressed beside a lone one so the totals cannot give it away.""",
        ),
        (
            "code",
            setup("import tempfile\nfrom pathlib import Path\n\n")
            + """
AS_OF = pd.Timestamp("2026-11-26", tz="America/New_York")
data = followup.read_interviews("../data/career_center.csv").recipients""",
        ),
        ("md", "## The cohort table"),
        (
            "code",
            """\
followup.cohort_summary(data, by=["program", "cohort"])""",
        ),
        (
            "md",
            """\
Over a short window the groups are small, and suppression shows: the interviews of the last
two days, by program.""",
        ),
        (
            "code",
            """\
recent = data[data["interview_start"] >= AS_OF - pd.Timedelta(days=2)]
followup.cohort_summary(recent, by=["program"])""",
        ),
        (
            "md",
            """\
## The report

One HTML file, plots embedded, no network needed: it can be emailed as it is.""",
        ),
        (
            "code",
            """\
from followup.report import write_report

with tempfile.TemporaryDirectory() as folder:
    path = write_report(data, Path(folder) / "report.html", as_of=AS_OF)
    page = path.read_text()
print([line.strip()[4:-5] for line in page.splitlines() if line.strip().startswith("<h2>")])
print("images embedded:", page.count("data:image/png;base64,"))""",
        ),
    ],
}


def build(name: str, cells: list[tuple[str, str]]) -> None:
    from nbclient import NotebookClient  # the notebooks extra; pytest collects this file too

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.cells = [
        nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text)
        for kind, text in cells
    ]
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}
    ).execute()
    for index, cell in enumerate(notebook.cells):
        cell.metadata.pop("execution", None)
        cell["id"] = f"cell-{index:02d}"
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, HERE / name)


if __name__ == "__main__":
    for notebook_name, notebook_cells in NOTEBOOKS.items():
        build(notebook_name, notebook_cells)
        print("built", notebook_name)
