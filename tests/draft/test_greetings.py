"""Greetings: the preferred name, a title, nicknames, suffixes, particles, name order; and the
day of the interview as the letter tells it."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SENDER, read

from followup.draft import check_drafts, greeting, greetings, interview_when, render_drafts


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dana Whitfield", "Dana"),
        ("Ortega, Luis", "Luis"),
        ("dana whitfield", "Dana"),
        ("DANA WHITFIELD", "Dana"),
        ("ALİ KAYA", "Ali"),  # before: "Ali̇", a dot above the i
        ("İLKER DEMİR", "İlker"),
        ("mary-kate olsen", "Mary-Kate"),
        ("Dr. Ben Okafor", "Dr. Okafor"),
        ("Dr Ben Okafor", "Dr. Okafor"),
        ("Prof. Ada Lovelace", "Professor Lovelace"),
        ("Prof. Dr. Hans-Jürgen Weiß", "Professor Weiß"),
        ("Dr. Dr. Karl Müller", "Dr. Müller"),
        ("Ms. Grace Chen", "Ms. Chen"),
        ("Mr Tom Becker", "Mr. Becker"),
        ("Dr. Ludwig van Beethoven", "Dr. van Beethoven"),
        ("Sir Tim Berners-Lee", "Sir Tim"),
        ("Fr. Tomás Ó Briain", "Father Ó Briain"),
        ("Walter Lindqvist, Prof. Emeritus", "Professor Lindqvist"),  # not "Professor Walter"
        ("Emeritus Prof. Walter Lindqvist", "Professor Lindqvist"),
        ("Ana Ruiz, Dr.", "Dr. Ruiz"),
        ("Father Brown", "Father Brown"),
        ("Rabbi Sarah Cohen", "Rabbi Cohen"),
        ("Sister Mary Catherine", "Sister Mary"),
        ("José Álvarez Jr.", "José"),
        ("Martin Luther King, Jr.", "Martin"),
        ('Robert "Bob" Smith', "Bob"),
        ("Emily (Em) Park", "Em"),
        ("J. Robert Oppenheimer", "Robert"),
        ("J. Smith", "J. Smith"),
        ("Siobhán O'Connor", "Siobhán"),
        ("Cher", "Cher"),
        # given name first, although the family name is one written first elsewhere
        ("Lan Nguyen", "Lan"),
        ("Grace Chen", "Grace"),
        ("Lee Jackson", "Lee"),
        ("Simon Park", "Simon"),
        ("Wei Zhang", "Wei"),
        ("Péter Nagy", "Péter"),
        ("Assoc. Prof. Ng Wei Ling", "Professor Ng"),  # before, "Professor Ling"
        ("Dean Martin", "Dean"),  # an office only where the title says so
        ("Lord Ashcombe", "Lord Ashcombe"),  # before, "Hi Lord Ashcombe," (and "Dear Rupert")
        ("The Hon. Rupert Fairfax", "Rupert Fairfax"),
        # two family names after a title: before, "Professor Sáenz"
        ("Prof. Javier Ibáñez Sáenz", "Professor Ibáñez Sáenz"),
        ("Dr. José Luis Fernández García", "Dr. Fernández García"),
        ("Dr. Maria Beatriz Costa", "Dr. Costa"),  # Beatriz is her given name
        ("Prof. John Michael Smith", "Professor Smith"),
        # before: "Hi Mary," and "Dear Sister Mary," to a nun
        ("Sr. Mary Frances Doyle", "Sister Mary Frances"),
        ("Sister Mary Frances Doyle", "Sister Mary Frances"),
        ("Sr. Engineer Paul Roy", "Paul"),  # a job before the name, not Sister Paul
        ("Senior Recruiter Jane Doe", "Jane"),  # before, "Recruiter"
    ],
)
def test_greeting_names(name, expected):
    assert greeting(name) == (expected, "")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Nguyễn Văn Minh", "Minh"),
        ("Nguyễn Thị Lan", "Lan"),
        ("Trần Minh Quân", "Quân"),
        ("Zhang Wei", "Wei"),
        ("Wang Fang", "Fang"),
        ("Kim Min-jun", "Min-jun"),
        ("Lee Min-ho", "Min-ho"),
        ("Park Ji-hoon", "Ji-hoon"),
        ("Nagy Péter", "Péter"),
        ("Kovács Anna", "Anna"),
        ("Li Wei", "Wei"),  # both are family names: the more common one comes first
    ],
)
def test_a_name_written_family_name_first_is_greeted_by_the_given_name_and_says_so(name, expected):
    assert greeting(name) == (expected, f"greeted as {expected}: {name!r} reads family name first")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("MÜLLER Stefan", "Stefan"),
        ("DUPONT Jean-Pierre", "Jean-Pierre"),
        ("O'BRIEN Siobhán", "Siobhán"),
        ("NGUYEN Van Minh", "Minh"),
    ],
)
def test_a_family_name_in_capitals_before_the_given_name_is_not_greeted(name, expected):
    """Before: "Hello Müller,"."""
    said = f"greeted as {expected}: {name!r} writes the family name first"
    assert greeting(name) == (expected, said)


def greeted(people: dict[str, str], **columns: object) -> tuple[list[str], pd.DataFrame]:
    """The name each letter to a panel (name: address) greets, and the drafts' findings."""
    sheet = pd.DataFrame(
        {
            "Company": "Northwind",
            "Role": "Data Engineer",
            "Start": "2026-11-24 14:30",
            "Interviewer": list(people),
            "Interviewer Email": list(people.values()),
            "Talking Point": "the Kafka rollout",
            **columns,
        }
    )
    drafts = render_drafts(read(sheet).recipients, sender=SENDER, now="2026-11-24 20:00")
    names = drafts["body"].str.split(",").str[0].str.split().str[-1].tolist()
    return names, check_drafts(drafts, now="2026-11-24 20:00")


def test_an_address_that_opens_with_the_word_in_capitals_makes_it_the_given_name():
    """Before: "Hello Wróbel," to ŁUKASZ Wróbel <lukasz.wrobel@...>, marked ready."""
    people = {
        "ŁUKASZ Wróbel": "lukasz.wrobel@nw.example",
        "MÜLLER Stefan": "stefan.mueller@nw.example",
        "SØREN Kjær": "Soren_K@nw.example",
        "NGUYEN Van Minh": "nguyen.minh@nw.example",
    }
    names, findings = greeted(people)
    assert names == ["Łukasz", "Stefan", "Søren", "Minh"]
    said = findings[findings["code"] == "greeting_name"]["message"].str.split(":").str[0]
    assert said.tolist() == ["greeted as Stefan", "greeted as Minh"]


@pytest.mark.parametrize("name", ["Stefan MÜLLER", "DR Ana Ruiz", "ANA RUIZ", "Ana Ruiz PHD"])
def test_capitals_elsewhere_in_a_name_greet_as_before(name):
    assert greeting(name)[0] in ("Stefan", "Dr. Ruiz", "Ana")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("María José Fernández Ruiz", "María José"),
        ("José Ángel Ortega-Reyes", "José Ángel"),
        ("juan carlos pérez", "Juan Carlos"),
        ("Jean Paul Martin", "Jean Paul"),
        ("Mary Beth Jones", "Mary Beth"),
    ],
)
def test_a_two_word_given_name_is_greeted_whole_and_says_so(name, expected):
    assert greeting(name) == (
        expected,
        f"greeted as {expected}: {name!r} reads as a two-word given name",
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Juan Carlos", "Juan"), ("Ana García López", "Ana"), ("Dr. María José Ruiz", "Dr. Ruiz")],
)
def test_a_pair_without_a_family_name_after_it_or_a_title_greets_as_usual(name, expected):
    assert greeting(name) == (expected, "")


def test_a_title_keeps_the_family_name_even_when_it_comes_first():
    assert greeting("Dr. Nguyễn Văn Minh") == ("Dr. Nguyễn", "")


def test_the_preferred_name_always_wins():
    names = pd.Series(["Nguyễn Văn Minh", "José Álvarez", "Dr. Ben Okafor", "Dana"])
    preferred = pd.Series(["Minh", "Pepe", "", None])
    table = greetings(names, preferred)
    assert table["greeting_name"].tolist() == ["Minh", "Pepe", "Dr. Okafor", "Dana"]
    assert table["greeting_note"].tolist() == ["", "", "", ""]


def test_a_name_the_notes_say_they_go_by_is_greeted_and_said():
    people = {
        "Bartłomiej Kowalczyk": "p0@nw.example",
        "Chukwuemeka Eze": "p1@nw.example",
        "Dana Whitfield": "p2@nw.example",
        "Ana Ruiz": "p3@nw.example",
    }
    names, findings = greeted(
        people,
        Notes=["goes by Bartek", "nice. go by 'Emeka'", "goes by the book", "goes by Ana"],
        **{"Preferred Name": ["", "", "", "Anita"]},
    )
    assert names == ["Bartek", "Emeka", "Dana", "Anita"]  # a preferred name still wins
    said = findings[findings["code"] == "greeting_name"]["message"].tolist()
    assert said == [
        "greeted as Bartek, the name your notes say they go by; set preferred_name (goes by) "
        "if that is wrong",
        "greeted as Emeka, the name your notes say they go by; set preferred_name (goes by) "
        "if that is wrong",
    ]
    assert "unknown_word" not in set(findings["code"])  # a name they go by is no misspelling


def when(*starts: str, now: str, zone: str = "America/Chicago") -> list[str]:
    stamps = pd.Series(pd.to_datetime(list(starts)).tz_localize(zone).tz_convert("UTC"))
    zones = pd.Series([zone] * len(starts))
    return interview_when(stamps, zones, now=pd.Timestamp(now, tz=zone)).tolist()


def test_the_day_is_counted_in_the_interviews_zone_at_the_days_edges():
    # Wednesday 25 November 2026, a minute after midnight in Chicago
    assert when("2026-11-24 23:59", "2026-11-25 00:00", now="2026-11-25 00:01") == [
        "yesterday",
        "today",
    ]
    assert when("2026-11-25 09:00", now="2026-11-25 23:59") == ["today"]  # never "on Wednesday"
    assert when("2026-11-23 23:59", now="2026-11-25 00:01") == ["on Monday"]
    assert when("2026-11-18 12:00", now="2026-11-25 12:00") == ["on November 18"]
    assert when("2026-11-19 12:00", now="2026-11-25 12:00") == ["last Thursday"]
    assert when("2025-12-30 12:00", now="2026-01-12 12:00") == ["on December 30, 2025"]


def test_a_day_of_the_week_before_is_last_that_day():
    """Before: on Monday 7 December, "Thank you for meeting with me on Tuesday" of 1
    December read as tomorrow."""
    monday = "2026-12-07 12:00"
    assert when("2026-12-01 09:00", "2026-12-05 09:00", now=monday) == [
        "last Tuesday",
        "last Saturday",
    ]
    assert when("2026-12-07 08:00", "2026-12-09 09:00", now="2026-12-10 12:00") == [
        "on Monday",
        "yesterday",
    ]


def test_a_letter_drafted_before_the_interview_says_today():
    assert when("2026-11-27 10:00", now="2026-11-25 12:00") == ["today"]


def test_the_zone_of_the_interview_not_of_the_clock_decides():
    # 23:30 on the 24th in Chicago is 05:30 on the 25th in UTC
    starts = pd.Series(pd.to_datetime(["2026-11-25 05:30"], utc=True))
    now = pd.Timestamp("2026-11-25 12:00", tz="UTC")
    assert interview_when(starts, pd.Series(["America/Chicago"]), now=now).tolist() == ["yesterday"]
    assert interview_when(starts, pd.Series(["UTC"]), now=now).tolist() == ["today"]


@pytest.mark.parametrize(
    "name",
    [
        "Dana Whitfield",
        "Luis Ortega",
        "Zoë Müller",
        "Siobhán O'Connor",
        "Mary-Kate Olsen",
        "Dean Jones",
        "Will Major",
        "Earl Grey",
        "Van Nguyen",
        "Bishop Smith",
        "King Lee",
        "Anna Maria Rossi",
        "José Álvarez Jr",
        "Ludwig van Beethoven",
        "Juan y Pérez",
        "Grace Chen",
        "Ayşe Yılmaz",
        "Łukasz Kowalski",
        "D Whitfield",
        "Jo Ann Smith",
    ],
)
def test_a_name_is_greeted_by_the_given_name_nameparser_finds(name):
    """Names simple enough to skip nameparser are greeted as nameparser would greet them."""
    from nameparser import HumanName

    parsed = HumanName(name)
    shown, note = greeting(name)
    if note == "" and not parsed.title and not parsed.suffix:
        assert shown == parsed.first or shown == " ".join(
            p for p in (parsed.first, parsed.middle, parsed.last) if p
        )


@pytest.mark.parametrize(
    ("written", "name", "title", "greeted"),
    [
        ("Priya Raghunathan (Hiring Mgr)", "Priya Raghunathan", "Hiring Mgr", "Priya"),
        ("Sam Lee (he/him)", "Sam Lee", "", "Sam"),
        ("Dana Whitfield [recruiter, she/her]", "Dana Whitfield", "recruiter", "Dana"),
        ("Jo Park - VP Eng", "Jo Park", "VP Eng", "Jo"),
        ("Dr. Ben Okafor (Head of Data)", "Dr. Ben Okafor", "Head of Data", "Dr. Okafor"),
        ("Olúwaseun Adeyemi (Seun)", "Olúwaseun Adeyemi (Seun)", "", "Seun"),
        ("Mary-Kate Olsen", "Mary-Kate Olsen", "", "Mary-Kate"),
        ("Dana Whitfield, Hiring Manager", "Dana Whitfield", "Hiring Manager", "Dana"),
        ("HM: Dana Whitfield", "Dana Whitfield", "HM", "Dana"),
        ("Recruiter - Tom Reyes", "Tom Reyes", "Recruiter", "Tom"),
        ("Ortega, Luis", "Ortega, Luis", "", "Luis"),
        ("Luis Ortega, Jr.", "Luis Ortega, Jr.", "", "Luis"),
        ("Whitfield, Dana, Hiring Manager", "Whitfield, Dana", "Hiring Manager", "Dana"),
    ],
)
def test_a_role_or_pronouns_after_a_name_are_not_greeted(written, name, title, greeted):
    """Before, "Dana Whitfield, Hiring Manager" was greeted "Dear Hiring", "HM: Dana
    Whitfield" "Hello Hm:" and "Recruiter - Tom Reyes" "Dear Recruiter"."""
    sheet = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"], "Start": ["2026-11-24 14:30"]}
        | {"Interviewer": [written], "Interviewer Email": ["p@nw.example"]}
    )
    recipients = read(sheet).recipients
    assert recipients["interviewer_name"].tolist() == [name]
    assert recipients["interviewer_title"].fillna("").tolist() == [title]
    drafts = render_drafts(recipients, sender=SENDER, now="2026-11-24 18:00")
    assert drafts["body"].str.split(",").str[0].str.split(n=1).str[1].tolist() == [greeted]
    assert "(" not in drafts["subject"].iloc[0]


def test_a_role_after_a_name_leaves_a_title_cell_as_written():
    sheet = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"], "Start": ["2026-11-24 14:30"]}
        | {"Interviewer": ["Priya Rao (Hiring Mgr)"], "Interviewer Email": ["p@nw.example"]}
        | {"Interviewer Title": ["Director of Analytics"]}
    )
    recipients = read(sheet).recipients
    assert recipients[["interviewer_name", "interviewer_title"]].to_numpy().tolist() == [
        ["Priya Rao", "Director of Analytics"]
    ]


def test_a_religious_title_is_greeted_with_dear():
    """Before, "Fr. Tomás Ó Briain" was greeted "Hello Tomás," and "Sister Mary Catherine"
    "Hi Mary,"."""
    names = ["Fr. Tomás Ó Briain", "Sister Mary Catherine", "Rabbi Sarah Cohen"]
    sheet = pd.DataFrame(
        {"Company": ["N"] * 3, "Role": ["Analyst"] * 3, "Start": ["2026-11-24 14:30"] * 3}
        | {
            "Interviewer": names,
            "Interviewer Email": ["a@nw.example", "b@nw.example", "c@x.example"],
        }
    )
    drafts = render_drafts(read(sheet).recipients, sender=SENDER, now="2026-11-24 18:00")
    assert drafts["body"].str.split(",").str[0].tolist() == [
        "Dear Father Ó Briain",
        "Dear Sister Mary",
        "Dear Rabbi Cohen",
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Mª José Cabrera", "María José"),
        ("M.ª Carmen López", "María Carmen"),
        ("Dr. Mª José Cabrera", "Dr. Cabrera"),
        ("Mario Rossi", "Mario"),
    ],
)
def test_the_short_form_of_maria_is_maria(name, expected):
    """Before: "Hello José Cabrera," (Mª read as a family name written first)."""
    assert greeting(name)[0] == expected


def test_a_name_the_greeting_spells_out_is_no_misspelling():
    """Before, the letter to "Mª José Cabrera" got an unknown-word warning for 'maría'."""
    sheet = pd.DataFrame(
        {
            "Company": "Aurora Grid",
            "Role": "Data Analyst",
            "Start": "2026-11-24 14:30",
            "Interviewer": ["Mª José Cabrera"],
            "Interviewer Email": ["mj@ag.example"],
            "Talking Point": "the load forecasting revamp",
        }
    )
    drafts = render_drafts(read(sheet).recipients, sender=SENDER, now="2026-11-24 18:00")
    assert drafts["body"].str.contains("María José,").all()
    findings = check_drafts(drafts, now="2026-11-24 18:00")
    assert "unknown_word" not in set(findings["code"])


def test_a_name_that_opens_with_the_office_its_title_holds_is_greeted_with_it():
    """Before: "Hi Dean," to Dean Okafor, Dean of the College of Arts & Sciences."""
    names, _ = greeted(
        {"Dean Okafor": "c.okafor@ms.example", "Dean Martin": "dean@ms.example"},
        **{"Their Role": ["Dean, College of Arts & Sciences", "Data Engineer"]},
    )
    assert names == ["Okafor", "Dean"]
    drafts = render_drafts(
        read(
            pd.DataFrame(
                {
                    "Company": ["Midwestern State"],
                    "Role": ["Assistant Professor"],
                    "Start": ["2026-11-24 14:30"],
                    "Interviewer": ["Dean Okafor"],
                    "Interviewer Email": ["c.okafor@ms.example"],
                    "Their Role": ["Dean, College of Arts & Sciences"],
                }
            )
        ).recipients,
        sender=SENDER,
        now="2026-11-24 20:00",
    )
    assert drafts["body"].str.startswith("Dear Dean Okafor,").tolist() == [True]


def test_a_peer_and_an_honourable_are_greeted_dear():
    """Before: "Hi Lord Ashcombe," and "Hi Rupert,"."""
    drafts = render_drafts(
        read(
            pd.DataFrame(
                {
                    "Company": "Veridian",
                    "Role": "Chief Operating Officer",
                    "Start": "2026-11-24 14:30",
                    "Interviewer": ["Lord Ashcombe", "The Hon. Rupert Fairfax"],
                    "Interviewer Email": ["chair@veridian.example", "rf@veridian.example"],
                }
            )
        ).recipients,
        sender=SENDER,
        now="2026-11-24 20:00",
    )
    assert drafts["body"].str.split(",").str[0].tolist() == [
        "Dear Lord Ashcombe",
        "Dear Rupert Fairfax",
    ]


def test_an_office_before_a_whole_name_is_greeted_with_it_where_no_title_says_otherwise():
    """Before: "Hi Dean," to Dean Priya Raman in a sheet without a title column."""
    alone, _ = greeted({"Dean Priya Raman": "praman@ms.example", "Dean Martin": "dm@ms.example"})
    assert alone == ["Raman", "Dean"]  # "Dear Dean Raman,", "Hi Dean,"
    titled, _ = greeted({"Dean Priya Raman": "praman@ms.example"}, Title=["Data Engineer"])
    assert titled == ["Dean"]
    principal, _ = greeted({"Principal Angela Ruiz": "aruiz@ms.example"})  # before, "Hello Angela"
    assert principal == ["Ruiz"]
    engineer, _ = greeted({"Principal Engineer Jane Doe": "jdoe@ms.example"})
    assert engineer == ["Jane"]  # a job, not an office


def test_a_title_column_that_says_professor_or_doctor_makes_the_greeting_formal():
    """Before: "Hi Maria-José," and "Dear Wei," to professors whose Title column said so."""
    people = {"Maria-José García": "mjg@ed.example", "Wei Zhang": "wz@ed.example",
              "Dana Whitfield": "dw@ed.example"}  # fmt: skip
    names, _ = greeted(people, Title=["Prof.", "Associate Professor of Chemistry", "Engineer"])
    assert names == ["García", "Zhang", "Dana"]  # Dear Professor García, Dear Professor Zhang
