"""Stage 4, analyze: what happens after the follow-up, for analysts and career centers.

Delays and timeliness (Wilson intervals), time to the employer's first reply
(Kaplan–Meier, pending cases censored; log-rank tests), outcome rates, the
naive and stratified effect of a timely note, and the cohort table with small
groups suppressed. :mod:`~followup.analyze.plots` draws them,
:func:`write_report` puts them in one offline HTML file, and
:mod:`~followup.analyze.datasets` makes seeded synthetic data to try them on.
"""

from followup.analyze import datasets, plots
from followup.analyze._cohorts import IDENTIFYING, cohort_summary
from followup.analyze._report import career_center_report, write_report
from followup.analyze._stats import (
    ResponseTimes,
    advance_effect,
    followup_delays,
    outcome_rates,
    response_times,
    timeliness,
    wilson,
)

__all__ = [
    "IDENTIFYING",
    "ResponseTimes",
    "advance_effect",
    "career_center_report",
    "cohort_summary",
    "datasets",
    "followup_delays",
    "outcome_rates",
    "plots",
    "response_times",
    "timeliness",
    "wilson",
    "write_report",
]
