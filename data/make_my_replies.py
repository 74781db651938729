"""Rebuild the bundled sample of a job seeker's own follow-ups and the mail that came back.

Run from the repository root (after ``pip install -e .``)::

    python data/make_my_replies.py

It writes, all from one seeded generator (the same bytes on every run):

- ``data/my-interviews.csv``: 36 interviews at 12 employers, Sept to Nov 2026;
- ``data/my-drafts/``: ``followup draft`` of that sheet as one ``drafts.mbox`` with its
  ``recipients.csv``, and the ``delivery.sqlite`` ledger of the thank-yous as sent
  (most within a day, some late, a few never);
- ``data/my-replies.mbox``: the inbox export: replies in the thread, replies by sender
  only, a colleague at the same employer, out-of-office notes, a bounce, and
  unrelated mail.

Notebook 05 and the README read replies from the mbox into a copy of the folder.
"""

from __future__ import annotations

import shutil
import sqlite3
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import numpy as np
import pandas as pd

from followup.cli import main
from followup.deliver import LEDGER_NAME, Ledger, read_outbox

HERE = Path(__file__).parent
EMPLOYERS = [
    ("Northwind Analytics", "northwind.example", "Data Analyst"),
    ("Bluefin Health", "bluefin.example", "Clinical Data Coordinator"),
    ("Atlas Freight", "atlasfreight.example", "Operations Analyst"),
    ("Lumen Robotics", "lumen.example", "Support Engineer"),
    ("Cobalt Credit Union", "cobalt.example", "Reporting Analyst"),
    ("Fernwood Schools", "fernwood.example", "Data Coordinator"),
    ("Meridian Museum", "meridian.example", "Visitor Insights Analyst"),
    ("Saltmarsh Studio", "saltmarsh.example", "Research Analyst"),
    ("Orchid Labs", "orchidlabs.example", "Lab Data Analyst"),
    ("Tidewater Energy", "tidewater.example", "Planning Analyst"),
    ("Quillstone Books", "quillstone.example", "Sales Analyst"),
    ("Harbor Transit", "harbortransit.example", "Service Analyst"),
]
PEOPLE = [
    ("Dana", "Whitfield"), ("Luis", "Ortega"), ("Priya", "Raman"), ("Grace", "Chen"),
    ("Tom", "Becker"), ("Aisha", "Khan"), ("Emily", "Park"), ("Oliver", "Grant"),
    ("Mei", "Tanaka"), ("Ingrid", "Solberg"), ("Hannah", "Lee"), ("Marcus", "Bell"),
    ("Sofia", "Reyes"), ("Kwame", "Mensah"), ("Rachel", "Stein"), ("Ben", "Okafor"),
]  # fmt: skip
TITLES = ["Analytics Manager", "Team Lead", "Senior Analyst", "Director", "Engineer"]
TOPICS = [
    "the weekly reporting cycle", "the move to a new data warehouse",
    "dashboards for the field teams",
    "how the team reviews its metrics", "the backlog of data requests", "the next product launch",
]  # fmt: skip
START = pd.Timestamp("2026-09-07 10:00", tz="America/Chicago")
AS_OF = pd.Timestamp("2026-11-30 09:00", tz="America/Chicago")


def sheet(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for number in range(36):
        company, domain, role = EMPLOYERS[number % len(EMPLOYERS)]
        day = START + pd.Timedelta(days=int(number * 2.2 + rng.integers(0, 2)))
        while day.weekday() >= 5:
            day += pd.Timedelta(days=1)
        start = day + pd.Timedelta(hours=int(rng.integers(0, 6)))
        panel = rng.choice(len(PEOPLE), size=int(rng.integers(1, 4)), replace=False)
        recruiter = rng.random() < 0.4
        stated = rng.random() < 0.3
        contact = int(rng.integers(0, len(panel))) if rng.random() < 0.25 else -1
        for seat, person in enumerate(panel):
            first, last = PEOPLE[person]
            title = "Recruiter" if recruiter and seat == len(panel) - 1 else TITLES[seat]
            rows.append(
                {
                    "Interview ID": f"my-{number + 1:02d}",
                    "Company": company,
                    "Role": role,
                    "Start": f"{start:%Y-%m-%d %H:%M}",
                    "Duration": 45,
                    "Time Zone": "America/Chicago",
                    "Interviewer": f"{first} {last}",
                    "Interviewer Email": f"{first.lower()}.{last.lower()}@{domain}",
                    "Interviewer Title": title,
                    "Talking Point": TOPICS[(number + seat) % len(TOPICS)],
                    "Still interested?": "no" if number % 11 == 10 else "yes",
                    "Main contact": "yes" if seat == contact else "",
                    "Decision by": f"{start + pd.Timedelta(days=10):%b %-d}" if stated else "",
                }
            )
    return pd.DataFrame(rows)


def record_sends(folder: Path, recipients: pd.DataFrame, rng: np.random.Generator) -> pd.Series:
    """The ledger of the thank-yous as sent; returns when each draft left (NaT: never)."""
    ends = pd.to_datetime(recipients["interview_end"], utc=True, format="ISO8601")
    first = recipients.drop_duplicates("interview_id")
    delay_hours = pd.Series(
        np.where(rng.random(len(first)) < 0.65, rng.uniform(2, 20, len(first)),
                 rng.uniform(30, 110, len(first))),
        index=first["interview_id"],
    )  # fmt: skip
    never = set(first["interview_id"].iloc[[5, 17, 29]])
    delay = pd.to_timedelta(recipients["interview_id"].map(delay_hours), unit="h")
    sent = (ends + delay).dt.floor("s")
    sent = sent.where(~recipients["interview_id"].isin(never)).where(sent < AS_OF)
    sent_by_id = dict(zip("<" + recipients["draft_id"] + "@example.com>", sent, strict=True))
    with Ledger(folder / LEDGER_NAME) as ledger:
        for draft in read_outbox(folder):
            at = sent_by_id[draft.message_id]
            if pd.isna(at):
                continue
            attempt = ledger.begin(
                "send", "smtp", draft.message_id, server="smtp.example.com:587",
                draft=draft.source, recipient=draft.recipient,
            )  # fmt: skip
            ledger.finish(attempt, "delivered", "250 2.0.0 OK")
    with sqlite3.connect(folder / LEDGER_NAME) as db:
        for message_id, at in sent_by_id.items():
            if pd.notna(at):
                stamp = at.isoformat(timespec="microseconds")
                db.execute(
                    "UPDATE attempts SET started_at = ?, finished_at = ? WHERE message_id = ?",
                    (stamp, stamp, message_id),
                )
    return sent


def mail(sender: str, when: pd.Timestamp, subject: str, key: str, **headers: str) -> bytes:
    body = headers.pop("body", "Thank you for your note; more soon.\n")
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "Avery Quinn <avery@example.com>"
    message["Subject"] = subject
    message["Date"] = format_datetime(when.floor("s").to_pydatetime())
    message["Message-ID"] = f"<{key}@mail.example>"
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message.as_bytes()


def inbox(recipients: pd.DataFrame, sent: pd.Series, rng: np.random.Generator) -> list[bytes]:
    out: list[tuple[pd.Timestamp, bytes]] = []
    table = recipients.assign(sent=sent)
    for number, (interview, panel) in enumerate(table.groupby("interview_id", sort=True)):
        went = panel.dropna(subset=["sent"])
        if went.empty:
            continue
        first = went.iloc[0]
        on_time = (first["sent"] - pd.Timestamp(first["interview_end"])).total_seconds() < 86_400
        if rng.random() < (0.8 if on_time else 0.45):
            who = went.iloc[int(rng.integers(0, len(went)))]
            when = who["sent"] + pd.Timedelta(hours=float(rng.exponential(120)) + 2)
            if when < AS_OF:
                parent = f"<{who['draft_id']}@example.com>"
                style = number % 4
                headers = {"In_Reply_To": parent, "References": parent} if style < 2 else {}
                if style == 3:  # a colleague at the same employer, in a new thread
                    domain = who["interviewer_email"].split("@")[1]
                    sender = f"Talent Team <talent@{domain}>"
                else:
                    sender = f"{who['interviewer_name']} <{who['interviewer_email']}>"
                subject = "Re: Thank you" if style < 2 else f"Next steps: {who['role']}"
                out.append((when, mail(sender, when, subject, f"r-{interview}", **headers)))
        if number % 5 == 2:
            who = went.iloc[-1]
            when = who["sent"] + pd.Timedelta(minutes=3)
            parent = f"<{who['draft_id']}@example.com>"
            out.append((when, mail(
                f"{who['interviewer_name']} <{who['interviewer_email']}>", when,
                "Out of office until Monday", f"ooo-{interview}",
                Auto_Submitted="auto-replied", In_Reply_To=parent,
            )))  # fmt: skip
    bounced = table.dropna(subset=["sent"]).iloc[7]
    when = bounced["sent"] + pd.Timedelta(minutes=1)
    report = (
        f"Delivery to {bounced['interviewer_email']} failed.\n\n"
        f"Message-ID: <{bounced['draft_id']}@example.com>\n"
    )
    daemon = "Mail Delivery System <mailer-daemon@mail.example>"
    subject = "Undelivered Mail Returned to Sender"
    out.append((when, mail(daemon, when, subject, "bounce-1", body=report)))
    for n in range(40):
        when = START + pd.Timedelta(hours=int(n * 49))
        out.append((when, mail("Weekly Deals <deals@shop.example>", when, f"This week's picks #{n}",
                               f"news-{n}", Precedence="bulk")))  # fmt: skip
    return [raw for _, raw in sorted(out, key=lambda pair: pair[0])]


def build() -> None:
    rng = np.random.default_rng(13)
    sheet(rng).to_csv(HERE / "my-interviews.csv", index=False)
    folder = HERE / "my-drafts"
    shutil.rmtree(folder, ignore_errors=True)
    main([
        "draft", str(HERE / "my-interviews.csv"), "--sender", "Avery Quinn <avery@example.com>",
        "--out", str(folder), "--format", "mbox", "--now", "2026-09-07 09:00",
        "--tz", "America/Chicago",
    ])  # fmt: skip
    recipients = pd.read_csv(folder / "recipients.csv", dtype="str", keep_default_na=False)
    sent = record_sends(folder, recipients, rng)
    separator = b"From MAILER-DAEMON Mon Nov 30 09:00:00 2026\n"
    messages = inbox(recipients, sent, rng)
    (HERE / "my-replies.mbox").write_bytes(b"".join(separator + m + b"\n" for m in messages))


if __name__ == "__main__":
    build()
