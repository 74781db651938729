"""Stage 4, analyze: what happens after the follow-up, for analysts and career centers.

Delays and timeliness (Wilson intervals), time to the employer's first reply
(Kaplan–Meier, pending cases censored; log-rank tests), outcome rates, the
naive and stratified effect of a timely note (Newcombe and Mantel–Haenszel
intervals), and the cohort table with small groups suppressed. Every function
returns raw numbers and takes ``by`` as a column name or a list; a time without
a zone means UTC. :func:`report_tables` gathers the report's tables,
:mod:`~followup.analyze.plots` draws them, :func:`write_report` puts them in
one offline HTML file and :func:`write_tables` in a workbook or CSV files, and
:mod:`~followup.analyze.datasets` makes seeded synthetic data to try them on.
"""

from followup.analyze import datasets, plots
from followup.analyze._cohorts import IDENTIFYING, MIN_CELL, cohort_summary
from followup.analyze._report import career_center_report, write_report, write_tables
from followup.analyze._stats import (
    ResponseTimes,
    advance_effect,
    followup_delays,
    newcombe,
    outcome_rates,
    response_times,
    timeliness,
    wilson,
)
from followup.analyze._tables import report_tables

__all__ = [
    "IDENTIFYING",
    "MIN_CELL",
    "ResponseTimes",
    "advance_effect",
    "career_center_report",
    "cohort_summary",
    "datasets",
    "followup_delays",
    "newcombe",
    "outcome_rates",
    "plots",
    "report_tables",
    "response_times",
    "timeliness",
    "wilson",
    "write_report",
    "write_tables",
]
