"""A seeded synthetic career-center dataset, with a known effect to find.

Public figures set its scale (none of them is a measurement of this data):

- surveys report that 24% to 51% of candidates send a thank-you note after an
  interview; here the share that sends ranges over programs within that band;
- most hiring managers say thank-you notes count; here a timely note (within 24
  hours) *adds* :data:`TIMELY_EFFECT` to the chance of advancing (offer or next
  round), the same in every program: the known effect the estimators must recover;
- US hiring decisions take about 24 days on average; here the time to a decision
  is a gamma variable with that mean, and decisions after ``as_of`` are pending;
- many candidates never hear back; here 35% of employers never reply, and
  those interviews stay pending.

Programs differ both in how often their students follow up on time and in how
often they advance, so a naive comparison of timely and late senders overstates
the effect, and a comparison within programs recovers it.

>>> df = make_career_center(1_000, seed=1, as_of="2026-11-26")
>>> df[["program", "cohort", "outcome"]].head(3)
       program cohort   outcome
0      Nursing  2026F  rejected
1         Arts  2025F     offer
2  Engineering  2026S       NaN
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: What a timely note adds to the probability of advancing, in every program.
TIMELY_EFFECT = 0.10
#: program: (share that sends a note, share of senders on time, base chance to advance)
PROGRAMS: dict[str, tuple[float, float, float]] = {
    "Engineering": (0.51, 0.85, 0.40),
    "Business": (0.45, 0.75, 0.35),
    "Nursing": (0.40, 0.70, 0.45),
    "Accounting": (0.35, 0.60, 0.30),
    "Arts": (0.24, 0.45, 0.20),
}
COHORTS = ("2025F", "2026S", "2026F")  # a student's graduating class
NEVER_REPLY = 0.35
MEAN_REPLY_DAYS = 6.0
MEAN_DECISION_DAYS = 24.0
COMPANIES = (
    "Northwind Analytics",
    "Bluefin Health",
    "Tidewater Energy",
    "Lumen Robotics",
    "Cobalt Credit Union",
    "Atlas Freight",
    "Meridian Museum",
    "Quillstone Books",
)
ZONE = "America/New_York"


def make_career_center(
    n_interviews: int, *, seed: int = 0, as_of: str | pd.Timestamp = "2026-11-26"
) -> pd.DataFrame:
    """``n_interviews`` interviews of a career center's students, one interviewer each.

    Columns follow the recipients schema, tracking columns included, with
    ``program``, ``cohort`` and ``student_id``. Interviews fall in the 180 days
    before ``as_of``; anything that would happen after ``as_of`` has not happened
    yet (no reply, no decision). The same ``seed`` gives the same data.
    """
    rng = np.random.default_rng(seed)
    moment = pd.Timestamp(as_of)
    moment = moment.tz_localize(ZONE) if moment.tzinfo is None else moment.tz_convert(ZONE)
    n = n_interviews
    names = list(PROGRAMS)
    program_at = rng.choice(len(names), size=n, p=[0.25, 0.25, 0.2, 0.15, 0.15])
    send_share, on_time_share, base = (np.array([PROGRAMS[p][i] for p in names]) for i in range(3))
    students = max(n // 3, 1)
    student = rng.integers(0, students, n)

    day = moment.normalize() - pd.to_timedelta(rng.integers(1, 181, n), unit="D")
    start = day + pd.to_timedelta(rng.integers(9 * 4, 17 * 4, n) * 15, unit="min")
    end = start + pd.to_timedelta(rng.choice([30, 45, 60], n), unit="min")

    sends = rng.random(n) < send_share[program_at]
    on_time = sends & (rng.random(n) < on_time_share[program_at])
    delay_hours = np.where(on_time, rng.uniform(0.5, 24, n), rng.uniform(24.5, 24 * 6, n))
    sent = end + pd.to_timedelta(np.round(delay_hours * 60), unit="min")

    replies = rng.random(n) >= NEVER_REPLY
    reply_days = rng.exponential(MEAN_REPLY_DAYS / np.where(on_time, 1.3, 1.0))
    replied = end + pd.to_timedelta(np.round(reply_days * 24 * 60), unit="min")

    advance = rng.random(n) < base[program_at] + TIMELY_EFFECT * on_time
    withdrew = ~advance & (rng.random(n) < 0.05)
    outcome = np.select(
        [advance & (rng.random(n) < 0.3), advance, withdrew],
        ["offer", "next_round", "withdrew"],
        default="rejected",
    )
    decided = end + pd.to_timedelta(
        np.round(rng.gamma(3.0, MEAN_DECISION_DAYS / 3.0, n) * 24 * 60), unit="min"
    )
    # An employer that never replies never tells the decision either: it stays pending.
    decided_known = replies & (decided <= moment)
    # The first reply comes no later than the decision, which is itself a reply.
    replied = replied.where(~(decided_known & (decided < replied)), decided)
    replied_known = replies & (replied <= moment)

    company = np.array(COMPANIES)[rng.integers(0, len(COMPANIES), n)]
    number = pd.Series(student).map("{:05d}".format)
    return pd.DataFrame(
        {
            "interview_id": [f"cc-{i:06d}" for i in range(n)],
            "student_id": ("S" + number).astype("str"),
            "candidate_name": ("Student " + number).astype("str"),
            "candidate_email": ("student" + number + "@uni.example").astype("str"),
            "program": pd.array(np.array(names)[program_at], dtype="str"),
            "cohort": pd.array(np.array(COHORTS)[student % len(COHORTS)], dtype="str"),
            "company": pd.array(company, dtype="str"),
            "role": "Analyst",
            "interview_start": start,
            "interview_end": end,
            "timezone": ZONE,
            "interested": True,
            "interviewer_name": "Hiring Manager",
            "interviewer_email": pd.array(
                ["hiring@" + c.split()[0].lower() + ".example" for c in company], dtype="str"
            ),
            "sent_at": sent.where(sends & (sent <= moment)),
            "replied_at": replied.where(replied_known),
            "outcome": pd.Series(outcome, dtype="str").where(np.asarray(decided_known)),
            "decided_at": decided.where(decided_known),
        }
    )
