"""Sheets as people keep them: yes/no as they write it, zones in time cells, several names in
one cell, headers of several phrases, columns followup does not use, private notes."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SENDER, problems, read

import followup

BASE = {
    "Company": "Northwind",
    "Role": "Analyst",
    "Start": "2026-11-24 10:00",
    "Interviewer": "Dana",
    "Interviewer Email": "dana@nw.example",
}


def one(**cells: str) -> followup.Interviews:
    return read(pd.DataFrame([{**BASE, **cells}]))


def timed(time: str, **cells: str) -> pd.DataFrame:
    """A one-row sheet with separate date and time columns."""
    base = {k: v for k, v in BASE.items() if k != "Start"}
    return pd.DataFrame([{**base, "Date": "2026-11-24", "Time": time, **cells}])


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "Yes!!",
        "yes!",
        "y",
        "Y",
        "YES",
        "definitely",
        "sure",
        "yeah",
        "true",
        "1",
        "x",
        "Yes - very",
        "very much so",
        "absolutely",
        "High",
        "👍",
        "🔥🔥 rly want this",  # before, these rejected the row: "not a yes/no value"
        "🔥",
        "❤️",
        "dream job!!",
        "okay",
        "v keen",
    ],
)
def test_yes_as_people_write_it(text):
    result = one(**{"Still interested?": text})
    assert result.recipients["interested"].tolist() == [True]
    assert result.rejects.empty


@pytest.mark.parametrize(
    "text",
    [
        "no",
        "No.",
        "nope",
        "not really",
        "no thanks",
        "withdrew",
        "Withdrawn",
        "N",
        "false",
        "0",
        "not interested",
        "declined",
        "nah",
        "1 - not for me",  # a score; "1" alone is a spreadsheet's yes
        "prob not",  # before, a reject (and "definitely not" a yes)
        "definitely not",
        "nope 👎 not doing this",
    ],
)
def test_no_as_people_write_it(text):
    result = one(**{"Still interested?": text})
    assert result.recipients["interested"].tolist() == [False]
    assert result.rejects.empty


@pytest.mark.parametrize(
    "text",
    [
        "maybe",
        "Maybe?",
        "unsure",
        "not sure",
        "?",
        "undecided",
        "meh",
        "so-so",
        "50/50",
        "ok i guess",
        "🤷",
        "probably",
        "eh",
    ],
)  # before, "meh" and "ok i guess" were no yes/no, and the row's letters were rejected
def test_maybe_is_yes_with_a_warning(text):
    result = one(**{"Still interested?": text})
    assert result.recipients["interested"].tolist() == [True]
    assert result.rejects[["code", "severity"]].to_numpy().tolist() == [
        ["maybe_interested", "warning"]
    ]


@pytest.mark.parametrize("header", ["Interest 1-5", "Interest (1-5)", "Interest /10"])
@pytest.mark.parametrize(
    ("score", "interested", "codes"),
    [("4", True, []), ("2 - prob not, too much travel", False, []), ("3", True, ["maybe"])],
)
def test_interest_on_a_scale_reads_high_as_yes_low_as_no(header, score, interested, codes):
    """Before: "Interest 1-5" was not used, and the letter of a "2" said how excited the
    candidate was; "Interest (1-5)" rejected every row."""
    score = score if header != "Interest /10" else {"4": "8", "3": "6"}.get(score, score)
    result = one(**{header: score})
    assert result.recipients["interested"].tolist() == [interested]
    assert [c.split("_")[0] for c in result.rejects["code"]] == codes


@pytest.mark.parametrize("header", ["Still keen (1-10)", "Interest 1-10", "Keen (out of 10)"])
@pytest.mark.parametrize(
    ("score", "interested", "codes"),
    [("1", False, []), ("4", False, []), ("6", True, ["maybe"]), ("8", True, [])],
)
def test_a_score_reads_on_the_scale_its_header_gives(header, score, interested, codes):
    """Before: a 4 under "Still keen (1-10)" was read out of 5, as yes, and its letter was
    eager; a 1 was a spreadsheet's yes."""
    result = one(**{header: score})
    assert result.recipients["interested"].tolist() == [interested]
    assert [c.split("_")[0] for c in result.rejects["code"]] == codes


@pytest.mark.parametrize("header", ["vibe?", "Gut feeling", "Enthusiasm"])
def test_a_column_of_how_keen_the_candidate_is_is_the_interest(header):
    """Before: "vibe?" was a column not used, and "nope" got an eager letter."""
    assert one(**{header: "nope"}).recipients["interested"].tolist() == [False]


def test_only_an_unreadable_interest_is_a_reject():
    result = one(**{"Still interested?": "ask mom"})
    assert result.recipients.empty
    assert result.rejects["code"].tolist() == ["bad_yes_no"]


def test_interest_written_once_holds_for_the_panel():
    sheet = pd.DataFrame(
        [
            {**BASE, "Still interested?": "nope"},
            {**BASE, "Interviewer": "Luis", "Interviewer Email": "luis@nw.example"},
        ]
    )
    assert read(sheet).recipients["interested"].tolist() == [False, False]


@pytest.mark.parametrize("header", ["Student preferred name", "My nickname", "Candidate goes by"])
def test_a_name_column_of_the_candidates_is_not_the_interviewers(header):
    """Before, "Student preferred name: Bobby" greeted every interviewer "Dear Bobby,"."""
    student = {"Student": "Robert Kowalski", "Student email": "rob@uni.example"}
    result = read(pd.DataFrame([{**BASE, **student, header: "Bobby"}]))
    assert result.recipients["preferred_name"].fillna("").tolist() == [""]
    assert result.rejects[["column", "code"]].to_numpy().tolist() == [[header, "unknown_column"]]
    assert "preferred name" not in result.rejects["hint"].iloc[0]  # no rename into the trap


def test_a_withdrawal_said_in_a_column_not_read_is_no_longer_interested_for_the_panel():
    """Before, "Status: no - took another offer" was a column not used, and the panel got
    eager letters."""
    sheet = pd.DataFrame(
        [
            {**BASE, "Status": "no - took another offer"},
            {**BASE, "Interviewer": "Luis", "Interviewer Email": "luis@nw.example", "Status": ""},
            {**BASE, "Company": "Bluefin", "Status": "keen"},
        ]
    )
    result = read(sheet)
    assert result.recipients["interested"].tolist() == [False, False, True]
    said = result.rejects[result.rejects["code"] == "withdrawn_in_column"]
    assert said[["row", "column", "value"]].to_numpy().tolist() == [
        [2, "Status", "no - took another offer"]
    ]


def test_an_interest_column_says_it_all_whatever_another_column_says():
    sheet = pd.DataFrame([{**BASE, "Still interested?": "yes", "Status": "withdrew from Acme"}])
    assert read(sheet).recipients["interested"].tolist() == [True]
    # a cell that tells of someone else's withdrawal is no withdrawal of the candidate's
    sheet = pd.DataFrame([{**BASE, "Comments": "the last hire pulled out after a month"}])
    assert read(sheet).recipients["interested"].tolist() == [True]


def test_no_interest_at_one_interview_holds_for_the_role_unless_another_row_says_yes():
    """Before, a 'no' at 9:00 and a blank cell at 10:00, for the same role, gave the 10:00
    interviewer an eager letter."""

    def at(hour: int, name: str, **cells: str) -> dict[str, str]:
        start = f"2026-11-24 {hour}:00"
        return {
            **BASE,
            "Start": start,
            "Interviewer": name,
            "Interviewer Email": f"{name}@nw.example",
            **cells,
        }

    sheet = pd.DataFrame(
        [
            {**BASE, "Still interested?": "not really"},
            at(12, "luis"),
            at(13, "ana", **{"Still interested?": "yes"}),
            at(14, "bo", Role="Engineer"),
            at(15, "cy", **{"Still interested?": "100%"}),
            {**at(10, "dee"), "Start": "2026-11-30 10:00"},  # another day: another loop
            at(16, "eve", **{"Still interested?": "def not"}),
        ]
    )
    result = read(sheet)
    # "def not" is a no (not "def" and so yes)
    assert result.recipients["interested"].tolist() == [False, False, True, True, True, True, False]
    assert problems(result) == [
        (3, "Still interested?", "read as no longer interested, as row 2 says for this role"),
    ]


@pytest.mark.parametrize(
    ("time", "zone", "utc"),
    [
        ("11:00 AM PT", "America/Los_Angeles", "19:00"),
        ("11:00 AM PST", "America/Los_Angeles", "19:00"),
        ("2pm ET", "America/New_York", "19:00"),
        ("2 PM EST", "America/New_York", "19:00"),
        ("1pm CT", "America/Chicago", "19:00"),
        ("12:00 MT", "America/Denver", "19:00"),
        ("14:00 CET", "Europe/Berlin", "13:00"),
        ("15:00 EET", "Europe/Athens", "13:00"),
        ("13:00 BST", "Europe/London", "13:00"),
        ("9:00 HST", "Pacific/Honolulu", "19:00"),
    ],
)
def test_a_zone_abbreviation_in_a_time_cell_sets_the_rows_zone(time, zone, utc):
    result = read(timed(time))
    assert result.rejects.empty, result.rejects
    row = result.recipients.iloc[0]
    assert row["timezone"] == zone
    assert row["interview_start"].tz_convert("UTC").strftime("%H:%M") == utc


@pytest.mark.parametrize(
    ("time", "tz", "meant"),
    [
        ("10:00 IST", "America/Chicago", "Asia/Kolkata, Europe/Dublin or Asia/Jerusalem"),
        ("9:00 CST", "Europe/London", "America/Chicago, Asia/Shanghai or America/Havana"),
    ],
)
def test_an_ambiguous_abbreviation_is_a_reject_with_a_hint(time, tz, meant):
    """The hint names the zones the abbreviation may mean (before, IST was offered
    America/Chicago)."""
    result = followup.read_interviews(timed(time), tz=tz)
    assert result.rejects["code"].tolist() == ["ambiguous_zone"]
    assert "could mean more than one time zone" in result.rejects["problem"].item()
    assert result.rejects["hint"].item() == f"write the zone's name instead, e.g. {meant}"


def test_cst_in_a_us_sheet_is_us_central():
    result = followup.read_interviews(timed("9:00 CST"), tz="America/New_York")
    assert result.recipients["timezone"].tolist() == ["America/Chicago"]


def test_dates_without_a_year_take_the_year_of_the_sheet():
    days = ["11/16/2026", "Nov 17", "Fri Nov 20", "11/18", "December 3"]
    sheet = pd.concat(
        [
            timed("10am", Date=d, **{"Interviewer Email": f"p{i}@x.example"})
            for i, d in enumerate(days)
        ]
    )
    result = read(sheet)
    assert result.rejects.empty
    days = result.recipients["interview_start"].dt.strftime("%Y-%m-%d").tolist()
    assert days == ["2026-11-16", "2026-11-17", "2026-11-20", "2026-11-18", "2026-12-03"]


def test_a_cell_of_names_beside_a_cell_of_addresses_is_zipped():
    result = one(
        Interviewer="Dana Whitfield, Luis Ortega and Zoë Müller",
        **{
            "Interviewer Email": "dana@nw.example; luis@nw.example; zoe@nw.example",
            "Talking Point": "dbt; churn; metrics",
        },
    )
    expected = pd.DataFrame(
        {
            "interviewer_name": ["Dana Whitfield", "Luis Ortega", "Zoë Müller"],
            "interviewer_email": ["dana@nw.example", "luis@nw.example", "zoe@nw.example"],
            "talking_point": ["dbt", "churn", "metrics"],
        }
    )
    pd.testing.assert_frame_equal(
        result.recipients[list(expected.columns)], expected, check_dtype=False
    )


def test_names_that_do_not_match_the_addresses_are_a_reject():
    result = one(
        Interviewer="Dana, Luis, Zoë", **{"Interviewer Email": "d@nw.example; l@nw.example"}
    )
    assert result.recipients.empty
    assert result.rejects[["code", "problem"]].to_numpy().tolist() == [
        [
            "packed_mismatch",
            "3 name(s) (Dana; Luis; Zoë) but 2 address(es) in this row; give one name per "
            "address, in the same order, split by ';'",
        ]
    ]


def test_names_split_by_slashes_match_addresses_joined_by_ampersands():
    """Before: the addresses were "not a valid email address", and the row was lost."""
    result = one(
        Interviewer="Dana Kim / Luis Ortega / Zoë Müller",
        **{"Interviewer Email": "dana@nw.example & luis@nw.example / zoe@nw.example"},
    )
    assert result.rejects.empty, result.rejects
    assert result.recipients[["interviewer_name", "interviewer_email"]].to_numpy().tolist() == [
        ["Dana Kim", "dana@nw.example"],
        ["Luis Ortega", "luis@nw.example"],
        ["Zoë Müller", "zoe@nw.example"],
    ]


def test_names_split_by_several_separators_in_one_cell_match_their_addresses():
    """Before: "3 name(s) but 5 address(es)", and the row's five interviewers were lost."""
    names = "Dr. Chidi Okonkwo & Aoife Byrne and Łukasz Zieliński; José Luis Rodríguez; Ana Ruiz"
    emails = "; ".join(f"p{i}@nw.example" for i in range(5))
    result = one(Interviewer=names, **{"Interviewer Email": emails})
    assert result.rejects.empty, result.rejects
    assert result.recipients["interviewer_name"].tolist() == [
        "Dr. Chidi Okonkwo", "Aoife Byrne", "Łukasz Zieliński", "José Luis Rodríguez", "Ana Ruiz"
    ]  # fmt: skip


def test_headers_of_several_phrases_match_by_a_part_unless_it_is_ambiguous():
    base = {k: v for k, v in BASE.items() if k != "Interviewer Email"}
    result = read(pd.DataFrame([{**base, "Email (work)": "dana@nw.example"}])).recipients
    assert result["interviewer_email"].tolist() == ["dana@nw.example"]
    result = one(
        **{
            "Questions I forgot to ask": "how is success measured",
            "Why I'm a fit": "3 yrs SQL",
            "Notes / what we talked about": "the dbt migration",
            "Recruiter phone": "555",
        }
    )
    row = result.recipients.iloc[0]
    assert (row["question"], row["fit"]) == ("how is success measured", "3 yrs SQL")
    unused = result.rejects.query("code == 'unknown_column'")
    assert unused["column"].tolist() == ["Notes / what we talked about", "Recruiter phone"]
    assert unused["problem"].tolist() == [
        "column not used: its parts could mean talking point or notes",
        "column not used",
    ]
    assert unused["hint"].iloc[0].startswith("did you mean talking point?")
    assert (unused["row"] == 1).all()
    assert (unused["severity"] == "warning").all()
    assert row["notes_what_we_talked_about"] == "the dbt migration"  # kept for a template


def test_private_notes_are_kept_and_never_reach_a_letter():
    private = "5 days in office, not for me; lowball offer"
    result = one(**{"My notes": private, "Talking Point": "the dbt migration"})
    assert result.recipients["notes"].tolist() == [private]
    for interested in ("yes", "no"):
        recipients = result.recipients.assign(interested=interested == "yes")
        drafts = followup.render_drafts(recipients, sender=SENDER, now="2026-11-24 18:00")
        assert "office" not in drafts["body"].item()
        assert "lowball" not in drafts["body"].item()


def test_a_notes_column_without_a_talking_point_gives_a_draft_and_names_the_column_to_fill():
    result = one(**{"Notes": "Talked about the dbt migration."})
    drafts = followup.render_drafts(result.recipients, sender=SENDER, now="2026-11-24 18:00")
    assert "dbt" not in drafts["body"].item()
    findings = followup.check_drafts(drafts, now="2026-11-24 18:00")
    assert findings[["rule", "code", "severity"]].to_numpy().tolist() == [
        ["R3", "no_talking_point", "warning"]
    ]
    assert findings["message"].item() == (
        "no talking point for Dana: add what you discussed with them in the Talking Point "
        "column (the Notes column stays private and is never used in a letter)"
    )


def test_a_preferred_name_column_sets_the_greeting():
    result = one(Interviewer="Nguyễn Văn Minh", **{"Goes by": "Anh Minh"})
    assert result.recipients["preferred_name"].tolist() == ["Anh Minh"]
    drafts = followup.render_drafts(result.recipients, sender=SENDER, now="2026-11-24 18:00")
    assert drafts["body"].item().split("\n")[0].endswith(" Anh Minh,")


def test_two_people_in_one_name_cell_beside_one_address_are_warned_of():
    names = ["Kari Nordmann & Ola Nordmann", "Øystein og Åsa", "Jo + Sam", "Dana and the team"]
    names += ["Mary-Kate Olsen", "Ana Gil (Ani)", "Zoë Ortega", "Santiago Ramón y Cajal"]
    names += ["Ortega, Luis", "Dana Whitfield / Recruiter", "Ana & Team"]
    sheet = pd.DataFrame(
        [{**BASE, "Interviewer": name, "Interviewer Email": f"p{i}@nw.example"}
         for i, name in enumerate(names)]
    )  # fmt: skip
    result = read(sheet)
    assert len(result.recipients) == len(names)  # each kept, with a warning
    warned = result.rejects.query("code == 'two_people_one_address'")
    assert warned["row"].tolist() == [2, 3, 4]
    assert set(warned["severity"]) == {"warning"}
    assert warned["hint"].str.split(" a row").str[0].tolist() == [
        "give Ola Nordmann",
        "give Åsa",
        "give Sam",
    ]


def test_one_address_given_for_people_of_different_names_is_warned_of():
    """A recruiter's address in the email column beside each interviewer: before, each
    letter went to the recruiter without a word."""
    names = ["Bill Lumbergh", "Milton Waddams", "Tom Becker", "Becker, Tom", "Dr. Ann Lee"]
    names += ["Ann Lee"]  # the same people written two ways are not warned of
    emails = ["nina@in.example", "Nina@in.example", "tom@bw.example", "tom@bw.example"]
    emails += ["a@x.example", "a@x.example"]
    starts = ["2026-11-24 10:00", "2026-11-24 11:00", "2026-11-24 12:00", "2026-11-25 12:00"]
    starts += ["2026-11-26 09:00", "2026-11-27 09:00"]
    sheet = pd.DataFrame(
        [{**BASE, "Start": start, "Interviewer": name, "Interviewer Email": email}
         for start, name, email in zip(starts, names, emails, strict=True)]
    )  # fmt: skip
    result = read(sheet)
    assert len(result.recipients) == 6
    assert result.rejects[["row", "code", "severity"]].to_numpy().tolist() == [
        [2, "shared_address", "warning"],
        [3, "shared_address", "warning"],
    ]


def cohort(**cells: list[str]) -> pd.DataFrame:
    n = len(next(iter(cells.values())))
    rows = {**BASE, "Interviewer": [f"I{i}" for i in range(n)]}
    return pd.DataFrame(
        rows | {"Interviewer Email": [f"i{i}@nw.example" for i in range(n)]} | cells
    )


def test_a_students_row_without_their_address_is_rejected_not_sent_from_none():
    """Before: a draft "From: Liam O'Sullivan <>" marked ready."""
    sheet = cohort(
        Student=["Amara Okonkwo", "Liam O'Sullivan"], **{"Student email": ["a@u.example", ""]}
    )
    result = read(sheet)
    assert result.recipients["candidate_email"].tolist() == ["a@u.example"]
    assert [(p[0], p[1]) for p in problems(result)] == [(3, "Student email")]
    assert set(result.rejects["code"]) == {"missing_candidate"}


def test_a_row_naming_no_student_is_rejected_or_signed_by_the_sender_never_half():
    """Before, a blank student stopped the whole run ("8 draft(s) have no sender"); with
    --sender, a row with a student's address and no name was signed with the sender's name."""
    sheet = cohort(
        Student=["Amara Okonkwo", "", ""], **{"Student email": ["a@u.example", "", "j@u.example"]}
    )
    alone = read(sheet)
    assert alone.recipients["candidate_name"].tolist() == ["Amara Okonkwo"]
    assert [(p[0], p[2]) for p in problems(alone)] == [
        (3, "no candidate on this row: no one to sign its letters"),
        (4, "the candidate's name is missing: their letters cannot be sent as theirs"),
    ]
    signed = read(sheet, sender="Dana Whitlock <careers@u.example>")
    assert signed.recipients[["candidate_name", "candidate_email"]].to_numpy().tolist() == [
        ["Amara Okonkwo", "a@u.example"],
        ["Dana Whitlock", "careers@u.example"],
    ]
    assert [p[0] for p in problems(signed)] == [4]


def test_a_name_column_alone_takes_the_senders_address_as_before():
    result = read(cohort(Candidate=["Sam Lee"]), sender="Sam Lee <sam@example.com>")
    assert result.recipients["candidate_email"].tolist() == ["sam@example.com"]
    assert problems(result) == []


@pytest.mark.parametrize("time", ["10am ET (virtual)", "10:00 (Zoom)", "10am [on-site]"])
def test_how_the_interview_was_held_beside_its_time_is_read_past(time):
    """Before: "10am ET (virtual)" was a bad date, and the row was rejected."""
    result = read(timed(time))
    assert result.rejects.empty
    utc = result.recipients["interview_start"].dt.tz_convert("UTC")
    assert utc.dt.hour.tolist() == [15 if "ET" in time else 16]  # 10:00 ET; 10:00 in Chicago


def test_rows_that_give_only_a_time_are_the_next_slots_of_the_day_above():
    """An onsite loop, the company, role and date written once: before, every row below the
    first was rejected ("missing company", "time of day without a date")."""
    first = timed("09:00").iloc[0].to_dict()
    blank = dict.fromkeys(first, "")
    slots = [
        {**blank, "Time": t, "Interviewer": n, "Interviewer Email": f"{n}@nw.example"}
        for t, n in (("09:45", "luis"), ("10:30", "ana"))
    ]
    result = read(pd.DataFrame([first, *slots]))
    assert result.rejects.empty
    recipients = result.recipients
    assert recipients["company"].tolist() == ["Northwind"] * 3
    assert recipients["interview_start"].dt.tz_convert("America/Chicago").dt.strftime(
        "%m-%d %H:%M"
    ).tolist() == ["11-24 09:00", "11-24 09:45", "11-24 10:30"]


def test_an_institution_is_the_employer_unless_a_company_column_is_there_too():
    """Before: a campus-visit sheet headed "Institution" was refused ("missing required
    columns"); a university beside "Company" is the student's own, and is not used."""
    cells = {k: v for k, v in BASE.items() if k not in ("Company", "Interviewer")}
    alone = read(pd.DataFrame([{"Institution": "UCLA", "Committee member": "Ana", **cells}]))
    assert alone.recipients["company"].tolist() == ["UCLA"]
    nurse = read(pd.DataFrame([{"Hospital": "St James's", "Committee member": "Ana", **cells}]))
    assert nurse.recipients["company"].tolist() == ["St James's"]
    ward = read(pd.DataFrame([{"Facility": "Mercy Ridge", "Interviewer": "Ana", **cells}]))
    assert ward.recipients["company"].tolist() == ["Mercy Ridge"]  # before: missing `company`
    beside = one(University="UCLA")
    assert beside.recipients["company"].tolist() == ["Northwind"]
    assert beside.rejects["code"].tolist() == ["unknown_column"]


@pytest.mark.parametrize(
    ("time", "zone", "hour"),
    [("8:30am (London)", "Europe/London", 8), ("2pm (ET)", "America/New_York", 19)],
)
def test_a_zone_in_brackets_after_the_time_is_the_interviews(time, zone, hour):
    """Before: "Tue 1 Dec, 8:30am (London)" and "2pm (ET)" were bad dates."""
    result = read(timed(time))
    assert result.rejects.empty
    assert result.recipients["timezone"].tolist() == [zone]
    assert result.recipients["interview_start"].dt.tz_convert("UTC").dt.hour.tolist() == [hour]


@pytest.mark.parametrize(("cell", "zone"), [("UK", "Europe/London"), ("Ireland", "Europe/Dublin")])
def test_a_country_of_one_zone_is_that_zone(cell, zone):
    """Before: a Time Zone of "UK" rejected the row ("unknown time zone")."""
    assert one(**{"Time Zone": cell}).recipients["timezone"].tolist() == [zone]


def test_an_unsure_interest_written_on_a_days_first_slot_holds_for_the_day():
    """Before: "hmm 6/10 after onsite" on the first slot gave that letter a measured tone
    and the later slots' letters eager ones."""
    first = timed("09:30", **{"Still interested?": "hmm 6/10 after onsite"}).iloc[0].to_dict()
    blank = dict.fromkeys(first, "")
    slots = [
        {**blank, "Time": t, "Interviewer": n, "Interviewer Email": f"{n}@nw.example", **said}
        for t, n, said in (("10:30", "raj", {}), ("11:30", "ana", {"Still interested?": "yes"}))
    ]
    result = read(pd.DataFrame([first, *slots]))
    assert result.recipients["interest_unsure"].tolist() == [True, True, False]
    assert problems(result)[1] == (
        3,
        "Still interested?",
        "read as unsure, as row 2 says for this role",
    )


@pytest.mark.parametrize(
    ("cell", "interested", "unsure"), [("talvez", True, True), ("nem pensar", False, False)]
)
def test_interest_in_portuguese_and_spanish(cell, interested, unsure):
    result = one(**{"Still interested?": cell})
    assert result.recipients[["interested", "interest_unsure"]].to_numpy().tolist() == [
        [interested, unsure]
    ]


def test_a_south_american_zone_in_the_time_cell():
    """Before: "14h00 BRT" was an unknown zone."""
    result = one(Start="2026-12-01 14h00 BRT")
    assert result.recipients["timezone"].tolist() == ["America/Sao_Paulo"]


def test_a_candidate_who_writes_i_and_my_in_the_headers_is_the_sender_not_the_reader():
    """Before: "Who I am" was read as the interviewers' names (by its word "who"), so the
    real "Interviewer(s)" column went unused, and "My email" and "Clock" were not read."""
    base = {k: v for k, v in BASE.items() if k not in ("Start", "Interviewer")}
    sheet = pd.DataFrame(
        [
            {
                "Who I am": "Inés Carvalho",
                "My email": "ines@example.com",
                **base,
                "When": "2026-11-24",
                "Clock": "10:00",
                "Interviewer(s)": "Dana Tanaka",
            }
        ]
    )
    result = read(sheet)
    assert result.rejects.empty
    row = result.recipients.iloc[0]
    assert (row["candidate_name"], row["candidate_email"]) == ("Inés Carvalho", "ines@example.com")
    assert row["interviewer_name"] == "Dana Tanaka"
    assert row["interview_start"].tz_convert("America/Chicago").strftime("%H:%M") == "10:00"


@pytest.mark.parametrize("said", ["top choice", "Top choice!", "first choice"])
def test_a_top_choice_is_a_yes(said):
    """Before: "top choice" rejected the row ("not a yes/no value"), and its panel with it."""
    result = one(**{"Still keen?": said})
    assert result.rejects.empty
    assert result.recipients["interested"].tolist() == [True]


def test_an_applicant_column_is_the_candidate():
    """Before: a sheet headed "Applicant", "Applicant Email" had no sender for any draft."""
    result = one(Applicant="Bérénice Okoro", **{"Applicant Email": "berenice@example.com"})
    row = result.recipients.iloc[0]
    assert (row["candidate_name"], row["candidate_email"]) == (
        "Bérénice Okoro",
        "berenice@example.com",
    )
