"""Values, rejects, headers and the row-accounting invariant."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import HEADER, ROW, problems, read, sheet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import followup
from followup.schema import RECIPIENT_COLUMNS, REJECT_COLUMNS


def test_recipients_table_shape_and_dtypes(write):
    result = read(write(sheet(ROW)))
    r = result.recipients
    assert list(r.columns) == list(RECIPIENT_COLUMNS)
    assert str(r["interview_start"].dtype) == "datetime64[us, America/Chicago]"
    assert r["interested"].dtype == bool
    assert r["row"].dtype == "int64"
    assert r["interview_id"].str.fullmatch(r"iv-[0-9a-f]{16}").all()
    assert r["question"].isna().all()
    assert list(result.rejects.columns) == list(REJECT_COLUMNS)


def test_headers_match_through_aliases_in_any_case_and_punctuation():
    frame = pd.DataFrame(
        {
            "ORGANIZATION": ["Northwind"],
            " job-title ": ["Analyst"],
            "Interview Date/Time": ["2026-11-24 14:30"],
            "Panelist": ["Dana"],
            "E-mail": ["dana@nw.example"],
            "TOPIC": ["dbt"],
            "Notes": ["seemed rushed"],
            "Recruiter's phone #": ["555"],
        }
    )
    result = read(frame)
    r = result.recipients
    assert r[["company", "role", "interviewer_name", "talking_point", "notes"]].iloc[
        0
    ].tolist() == ["Northwind", "Analyst", "Dana", "dbt", "seemed rushed"]
    assert r["recruiter_s_phone"].iloc[0] == "555"  # unknown columns are kept, and named
    assert problems(result) == [(1, "Recruiter's phone #", "column not used")]


@pytest.mark.parametrize(
    "header",
    [
        *("What stood out", "Key points", "Things to mention", "Common ground", "Rapport"),
        *("Talking pts", "Stuff we discussed", "Main topic"),  # before: not used, every note lost
        *("What stuck", "Key takeaways"),
    ],
)
def test_what_stood_out_and_its_kin_are_the_talking_point(header):
    frame = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"], "Start": ["2026-11-24 14:30"]}
        | {"Interviewer": ["Dana"], "Email": ["dana@nw.example"], header: ["their dbt setup"]}
    )
    result = read(frame, tz="UTC")
    assert problems(result) == []
    assert result.recipients["talking_point"].tolist() == ["their dbt setup"]


@pytest.mark.parametrize("header", ["Misc", "Misc notes", "Miscellaneous"])
def test_a_misc_column_is_private_notes(header):
    """Before: 'column not used', and the "goes by Shiv" in it was not read."""
    frame = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"], "Start": ["2026-11-24 14:30"]}
        | {"Interviewer": ["Siobhán Ní Bhriain"], "Email": ["s@nw.example"]}
        | {header: ["goes by Shiv"]}
    )
    result = read(frame, tz="UTC")
    assert problems(result) == []
    assert result.recipients["notes"].tolist() == ["goes by Shiv"]
    result = read(frame.assign(Notes="rushed"), tz="UTC")  # beside "Notes": not used
    assert result.recipients["notes"].tolist() == ["rushed"]
    assert problems(result) == [(1, header, "column not used")]


def test_a_loose_name_for_the_talking_point_gives_way_to_a_tight_one():
    """Both orders; before this, 'Main topic' beside 'Talking Point' was merely not used."""
    for pair in (("Talking Point", "Main topic"), ("Main topic", "Talking Point")):
        frame = pd.DataFrame(
            {"Company": ["N"], "Role": ["Analyst"], "Start": ["2026-11-24 14:30"]}
            | {"Interviewer": ["Dana"], "Email": ["dana@nw.example"]}
            | {h: ["the dbt setup" if h == "Talking Point" else "misc"] for h in pair}
        )
        result = read(frame, tz="UTC")
        assert result.recipients["talking_point"].tolist() == ["the dbt setup"]
        assert problems(result) == [(1, "Main topic", "column not used")]


def test_a_panel_member_or_panellist_is_the_interviewer_and_mins_the_duration():
    # A career center's headers: every row was rejected with "missing interviewer email"
    # beside a "Panel email" column, and the day and length went unused.
    frame = pd.DataFrame(
        {"Org": ["N", "N"], "Position": ["Analyst"] * 2, "Interview on": ["2026-11-24"] * 2}
        | {"Time": ["14:30"] * 2, "Mins": ["45"] * 2, "Panel member": ["Dana", "Luis"]}
        | {"Panel email": ["dana@nw.example", "luis@nw.example"], "Panellist title": ["", "VP"]}
    )
    result = read(frame, tz="UTC")
    assert problems(result) == []
    r = result.recipients
    assert r["interviewer_name"].tolist() == ["Dana", "Luis"]
    assert r["interviewer_email"].tolist() == ["dana@nw.example", "luis@nw.example"]
    assert r["interviewer_title"].fillna("").tolist() == ["", "VP"]
    assert (r["interview_end"] - r["interview_start"]).tolist() == [pd.Timedelta(minutes=45)] * 2


def test_began_and_ended_columns_are_when_the_interview_started_and_ended():
    frame = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"], "Day": ["2026-11-24"], "Began": ["14:30"]}
        | {"Ended": ["15:15"], "Interviewer": ["Dana"], "Interviewer Email": ["dana@nw.example"]}
    )
    r = read(frame, tz="UTC").recipients
    assert (r["interview_end"] - r["interview_start"]).tolist() == [pd.Timedelta(minutes=45)]


def test_from_time_and_to_time_beside_a_when_day_are_the_start_and_end():
    frame = pd.DataFrame(
        {"Firm": ["N"], "Title of role": ["Analyst"], "When": ["2026-11-24"]}
        | {"From time": ["14:30"], "To time": ["15:15"], "Interviewer": ["Dana"]}
        | {"Interviewer mail": ["dana@nw.example"]}
    )
    result = read(frame, tz="UTC")
    r = result.recipients
    assert r["interview_start"].tolist() == [pd.Timestamp("2026-11-24 14:30", tz="UTC")]
    assert (r["interview_end"] - r["interview_start"]).tolist() == [pd.Timedelta(minutes=45)]
    assert r[["role", "interviewer_email"]].iloc[0].tolist() == ["Analyst", "dana@nw.example"]
    assert problems(result) == []


def test_headers_with_words_cut_short_are_read_spelled_out():
    frame = pd.DataFrame(
        {"Company": ["N"], "Pos.": ["Analyst"], "Intvw dt": ["2026-11-24"], "Start": ["14:30"]}
        | {"Len": ["45"], "Intvwr": ["Dana"], "Their email": ["dana@nw.example"]}
        | {"What we talked abt": ["the dbt migration"], "Ques. for them": ["what's next?"]}
        | {"Cand. email": ["me@example.com"], "Lens": ["wide"]}
    )
    result = read(frame, tz="UTC")
    row = result.recipients.iloc[0]
    assert row["interview_end"] == pd.Timestamp("2026-11-24 15:15", tz="UTC")
    assert row[
        ["role", "interviewer_name", "talking_point", "question", "candidate_email"]
    ].tolist() == [
        "Analyst",
        "Dana",
        "the dbt migration",
        "what's next?",
        "me@example.com",
    ]
    assert problems(result) == [(1, "Lens", "column not used")]  # a word, not shorthand


def test_a_header_of_two_meanings_takes_the_one_a_later_column_leaves():
    frame = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"], "Start": ["2026-11-24 14:30"]}
        | {"Interviewer": ["Dana"], "Interviewer Email": ["dana@nw.example"]}
        | {"Notes from convo": ["the dbt migration"], "My private notes": ["seemed rushed"]}
    )
    result = read(frame)
    assert result.recipients[["talking_point", "notes"]].iloc[0].tolist() == [
        "the dbt migration",
        "seemed rushed",
    ]
    assert problems(result) == []


def test_possessive_and_of_headers_name_their_columns():
    frame = pd.DataFrame(
        {"Org": ["N"], "Position applied": ["Analyst"], "Date of interview": ["2026-11-24"]}
        | {"Began": ["14:30"], "Person": ["Dana"], "Person's email": ["dana@nw.example"]}
        | {"What we covered": ["the dbt migration"], "Just for me": ["seemed rushed"]}
        | {"Interviewer’s title": ["Head of Data"], "Ask next time": ["what's next?"]}
    )
    result = read(frame)
    row = result.recipients.iloc[0]
    assert row["interview_start"] == pd.Timestamp("2026-11-24 14:30", tz=row["timezone"])
    assert row[["interviewer_email", "talking_point", "notes", "interviewer_title"]].tolist() == [
        "dana@nw.example",
        "the dbt migration",
        "seemed rushed",
        "Head of Data",
    ]
    assert row["question"] == "what's next?"
    assert problems(result) == []


@pytest.mark.parametrize(
    ("role", "time", "person"),
    [
        *(("Title applied", "At", "Person"), ("Post applied for", "Time slot", "Spoke with")),
        *(("Opening", "At", "Interviewed by"), ("Job", "Slot", "Talked to")),
    ],
)
def test_more_headers_for_the_role_the_time_and_the_interviewer(role, time, person):
    """ "Slot" is the time where it holds times and no other column gives the start."""
    frame = pd.DataFrame(
        {"Employer": ["N"], role: ["Analyst"], "Interview day": ["2026-11-24"], time: ["2:30pm"]}
        | {person: ["Dana"], "E-mail": ["dana@nw.example"], "Title": ["Head of Data"]}
    )
    result = read(frame)
    assert problems(result) == []
    row = result.recipients.iloc[0]
    assert row[["role", "interviewer_title"]].tolist() == ["Analyst", "Head of Data"]
    assert row["interview_start"] == pd.Timestamp("2026-11-24 14:30", tz="America/Chicago")


@pytest.mark.parametrize("header", ["Slot", "SLOT", "Panel size", "Position in panel", "Status"])
def test_a_column_followup_does_not_read_is_reported_and_its_row_kept(header):
    """A "Slot" column is not the reader's own slot number; "panel" in a longer header
    does not make it the list of the panel beside a column of interviewers."""
    frame = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"], "Start": ["2026-11-24 14:30"], header: ["B2"]}
        | {"Interviewer": ["Dana"], "Interviewer Email": ["dana@nw.example"]}
    )
    result = read(frame)
    assert len(result.recipients) == 1
    assert problems(result) == [(1, header, "column not used")]
    assert "did you mean" not in result.rejects["hint"].item()  # "Status" is not "Starts"


def test_panel_size_beside_numbered_interviewers_is_a_column_not_used():
    frame = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"], "Start": ["2026-11-24 14:30"], "Panel size": ["2"]}
        | {"Interviewer 1 Name": ["Dana"], "Interviewer 1 Email": ["dana@nw.example"]}
        | {"Interviewer 2 Name": ["Luis"], "Interviewer 2 Email": ["luis@nw.example"]}
    )
    result = read(frame)
    assert result.recipients["interviewer_name"].tolist() == ["Dana", "Luis"]
    assert problems(result) == [(1, "Panel size", "column not used")]


@pytest.mark.parametrize(
    "interviewer", [{"Interviewer": ["Dana", "Luis"]}, {"Interviewer 1": ["Dana", "Luis"]}]
)
def test_a_panel_column_of_labels_beside_interviewer_columns_is_a_column_not_used(interviewer):
    """ "Panel: Technical round" beside a column of names and one of addresses names the
    round; before, every row was rejected for a missing interviewer address."""
    email = "Interviewer 1 Email" if "Interviewer 1" in interviewer else "Email"
    frame = pd.DataFrame(
        {"Company": ["N", "N"], "Role": ["Analyst"] * 2, "Start": ["2026-11-24 14:30"] * 2}
        | {"Panel": ["Technical round", ""]}
        | interviewer
        | {email: ["dana@nw.example", "luis@nw.example"]}
    )
    result = read(frame)
    assert result.recipients["interviewer_name"].tolist() == ["Dana", "Luis"]
    assert result.recipients["panel"].fillna("").tolist() == ["Technical round", ""]
    assert result.rejects[["row", "column", "severity"]].to_numpy().tolist() == [
        [1, "Panel", "warning"]
    ]
    assert result.rejects["problem"].item().startswith("column not used: it holds no addresses")
    packed = frame.assign(Panel=["Dana <dana@nw.example>; Luis <luis@nw.example>", ""])
    assert read(packed).layout == ("packed" if email == "Email" else "wide")  # as before


@pytest.mark.parametrize("names", ["Interviewer(s)", "Interviewers", "Panel"])
def test_a_panel_column_of_names_beside_an_email_column_is_read_as_names(names):
    frame = pd.DataFrame(
        {"Co.": ["N", "N"], "Job title": ["Analyst", "Analyst"], "Date": ["11/20/2026"] * 2}
        | {"Time": ["noon", "12 noon ET"], names: ["Dana Whitfield", "Luis Ortega"]}
        | {"Email": ["dana@nw.example", "luis@nw.example"]}
    )
    result = read(frame)
    assert problems(result) == []
    assert result.recipients["interviewer_name"].tolist() == ["Dana Whitfield", "Luis Ortega"]
    assert result.recipients["company"].tolist() == ["N", "N"]
    assert result.recipients["interview_start"].dt.hour.tolist() == [18, 17]  # UTC: CST, ET


@pytest.mark.parametrize(("start", "end"), [("From", "Until"), ("from", "Finish")])
def test_from_beside_an_end_column_is_the_start_not_the_senders_address(start, end):
    frame = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"], "Date": ["2026-11-24"]}
        | {start: ["09:00"], end: ["10:30"], "Interviewer": ["Dana"]}
        | {"Interviewer Email": ["d@nw.example"]}
    )
    result = read(frame)
    assert problems(result) == []
    zone = "America/Chicago"
    assert result.recipients["interview_start"].item() == pd.Timestamp("2026-11-24 09:00", tz=zone)
    assert result.recipients["interview_end"].item() == pd.Timestamp("2026-11-24 10:30", tz=zone)
    sender = frame.drop(columns=[start, end]).assign(From="me@uni.example", Start="09:00")
    assert read(sender).recipients["candidate_email"].item() == "me@uni.example"


def test_a_ditto_note_is_the_panels_note_above_it_with_a_warning():
    frame = pd.DataFrame(
        {"Company": ["N", "N", "N", "M"], "Role": ["Analyst"] * 4}
        | {"Start": ["2026-11-24 14:30"] * 3 + ["2026-11-25 09:00"]}
        | {"Interviewer": ["Dana", "Luis", "Zoë", "Kim"]}
        | {"Interviewer Email": ["d@nw.example", "l@nw.example", "z@nw.example", "k@m.example"]}
        | {"Talking Point": ["the dbt migration", "ditto", "Same as above.", "ditto"]}
        | {"Question": ["", '"', "", ""]}
    )
    result = read(frame)
    assert result.recipients["talking_point"].tolist() == [
        "the dbt migration",
        "the dbt migration",
        "the dbt migration",
        "ditto",  # another interview's note is not above it: the letter says it has none
    ]
    assert result.recipients["question"].isna().tolist() == [True, False, True, True]
    assert result.recipients["question"].iloc[1] == '"'  # nothing above it to stand for
    warned = result.rejects[result.rejects["code"] == "ditto_note"]
    assert warned[["row", "value"]].to_numpy().tolist() == [[3, "ditto"], [4, "Same as above."]]
    assert warned["problem"].str.contains("'the dbt migration'").all()


def test_a_q_for_them_column_is_the_question():
    frame = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"], "Start": ["2026-11-24 14:30"]}
        | {"Interviewer": ["Dana"], "Interviewer Email": ["dana@nw.example"]}
        | {"Q for them": ["how is success measured"]}
    )
    assert read(frame).recipients["question"].tolist() == ["how is success measured"]


def test_an_org_column_is_the_company():
    frame = pd.DataFrame(
        {"Org": ["Northwind"], "Role": ["Analyst"], "Start": ["2026-11-24 14:30"]}
        | {"Interviewer": ["Dana"], "Interviewer Email": ["dana@nw.example"]}
    )
    assert read(frame).recipients["company"].tolist() == ["Northwind"]


def test_a_position_applied_column_is_the_role_and_convo_notes_the_talking_point():
    frame = pd.DataFrame(
        {"Company": ["N"], "Position applied": ["Analyst"], "Start": ["2026-11-24 14:30"]}
        | {"Interviewer": ["Dana"], "Interviewer Email": ["dana@nw.example"]}
        | {"Convo notes": ["the dbt rollout"], "Notes": ["seemed rushed"]}
    )
    r = read(frame).recipients
    assert r[["role", "talking_point", "notes"]].iloc[0].tolist() == [
        "Analyst",
        "the dbt rollout",
        "seemed rushed",
    ]


def test_an_interview_day_column_is_the_date_of_a_time_column():
    frame = pd.DataFrame(
        {"Company": ["N"], "Role": ["A"], "Interview Day": ["2026-11-24"], "Time": ["2:30 PM"]}
        | {"Interviewer": ["Dana"], "Interviewer Email": ["dana@nw.example"], "TZ": ["UTC"]}
    )
    start = read(frame).recipients["interview_start"]
    assert start.tolist() == [pd.Timestamp("2026-11-24 14:30", tz="UTC")]


def test_missing_columns_lists_what_was_found_and_the_closest_match(write):
    # no address in it, so "Interviewr Email" is not taken for the addresses by what it holds
    text = "Compny,Role,Start,Interviewer,Interviewr Email\nN,A,2026-11-24 10:00,D,\n"
    path = write(text, "mine.csv")
    with pytest.raises(followup.ColumnsError) as info:
        read(path)
    message = str(info.value)
    assert message.startswith(f"{path} is missing required columns")
    assert "is missing required columns: `company`" in message
    assert "`interviewer_email`" in message
    assert "Found: 'Compny', 'Role', 'Start', 'Interviewer', 'Interviewr Email'." in message
    assert "Did you mean 'Compny' for `company`, 'Interviewr Email' for `interviewer_email`?" in (
        message
    )


def test_two_columns_meaning_the_same_thing():
    frame = pd.DataFrame({"Company": ["N"], "Employer": ["M"]})
    with pytest.raises(
        followup.ColumnsError, match="columns 'Company' and 'Employer' both mean `company`"
    ):
        read(frame)


def test_missing_values_and_malformed_emails_reject_only_their_row(write):
    text = sheet(
        ROW,
        ROW.replace("Northwind", ""),
        ROW.replace("Data Analyst", ""),
        ROW.replace("dana@nw.example", "dana at nw"),
        ROW.replace("dana@nw.example", ""),
        ROW.replace("Dana Whitfield", ""),
        ROW.replace("dana@nw.example", "Dana <dana@nw.example>"),
        ROW.replace("dana@", "ok@"),
    )
    result = read(write(text))
    assert result.recipients["row"].tolist() == [2, 9]
    assert problems(result) == [
        (3, "Company", "missing company"),
        (4, "Role", "missing role"),
        (5, "Interviewer Email", "not a valid email address"),
        (6, "Interviewer Email", "missing interviewer email"),
        (7, "Interviewer", "missing interviewer name"),
        (8, "Interviewer Email", "not a valid email address"),
    ]
    assert result.rejects["value"].tolist()[2] == "dana at nw"
    assert result.rejects["hint"].str.len().gt(10).all()


def test_header_injection_is_rejected_in_header_fields_only(write):
    bad_name = '"Dana\r\nBcc: everyone@evil.example"'
    text = sheet(
        ROW.replace("Dana Whitfield", bad_name),
        ROW.replace("dbt", '"line one\nline two"').replace("dana@", "ok@"),
        ROW.replace("Data Analyst", '"Analyst\nX-Evil: 1"').replace("dana@", "r@"),
    )
    result = read(write(text))
    assert result.recipients["row"].tolist() == [3]
    assert result.recipients["talking_point"].iloc[0] == "line one\nline two"
    assert problems(result) == [
        (
            2,
            "Interviewer",
            "line break or control character in a field that goes into a mail header",
        ),
        (4, "Role", "line break or control character in a field that goes into a mail header"),
    ]
    assert result.rejects["value"].iloc[0] == "Dana\\r\\nBcc: everyone@evil.example"


def test_control_characters_in_names_are_rejected_and_tabs_become_spaces(write):
    text = sheet(
        ROW.replace("Dana Whitfield", "Dana\tWhitfield"),
        ROW.replace("Dana Whitfield", "Luis\x07Ortega").replace("dana@", "luis@"),
    )
    result = read(write(text))
    assert result.recipients["interviewer_name"].tolist() == ["Dana Whitfield"]
    assert problems(result) == [
        (
            3,
            "Interviewer",
            "line break or control character in a field that goes into a mail header",
        )
    ]


def test_overlong_cell_is_rejected_and_shown_shortened(write):
    text = sheet(ROW.replace("dbt", "x" * 10_001), ROW.replace("dana@", "ok@"))
    result = read(write(text))
    assert result.recipients["row"].tolist() == [3]
    assert problems(result) == [(2, "Talking Point", "cell is longer than 10,000 characters")]
    assert result.rejects["value"].iloc[0].endswith("… (over 10,000 characters)")


def test_interested_values(write):
    header = HEADER + ",Interested?"
    values = ["yes", "No", "TRUE", "0", "y", "", "soon"]
    rows = [ROW.replace("dana@", f"p{i}@") + f",{v}" for i, v in enumerate(values)]
    result = read(write(sheet(*rows, header=header)))
    assert result.recipients["interested"].tolist() == [True, False, True, False, True, True]
    assert problems(result) == [(8, "Interested?", "not a yes/no value")]


def test_same_interviewer_twice_is_merged_with_a_warning(write):
    text = sheet(
        ROW,
        ROW.replace("dbt", "the churn model").replace("Dana Whitfield", "Dana W."),
        ROW.replace("dana@", "luis@"),
    )
    result = read(write(text))
    r = result.recipients
    assert r["interviewer_email"].tolist() == ["dana@nw.example", "luis@nw.example"]
    assert r["talking_point"].tolist() == ["dbt; the churn model", "dbt"]
    assert problems(result) == [
        (3, "Interviewer Email", "same interviewer twice in one interview (merged into row 2)")
    ]
    assert result.rejects["severity"].tolist() == ["warning"]
    assert (result.rows_accepted, result.rows_rejected) == (3, 0)


def test_email_case_does_not_make_a_different_interviewer(write):
    text = sheet(ROW, ROW.replace("dana@nw.example", "Dana@NW.example"))
    assert len(read(write(text)).recipients) == 1


def test_sender_fills_candidate_columns():
    frame = pd.DataFrame(
        {
            "Company": ["N", "N"],
            "Role": ["A", "A"],
            "Start": ["2026-11-24 10:00"] * 2,
            "Interviewer": ["D", "E"],
            "Interviewer Email": ["d@x.example", "e@x.example"],
            "Candidate": ["", "Sam Lee"],
            "Candidate Email": ["", "sam@x.example"],
        }
    )
    r = read(frame, sender="Ana Díaz <ana@example.com>").recipients
    assert r["candidate_name"].tolist() == ["Ana Díaz", "Sam Lee"]
    assert r["candidate_email"].tolist() == ["ana@example.com", "sam@x.example"]
    assert r["interview_id"].nunique() == 2  # different candidates, different interviews
    with pytest.raises(followup.FollowupError, match="not of the form 'Your Name <you@"):
        read(frame, sender="ana@example.com")


def test_given_interview_id_is_kept_and_derived_ids_are_stable(write):
    header = HEADER + ",Interview ID"
    text = sheet(ROW + ",NW-1", ROW.replace("dana@", "luis@") + ",", header=header)
    first = read(write(text)).recipients["interview_id"].tolist()
    second = read(write(text)).recipients["interview_id"].tolist()
    assert first[0] == "NW-1"
    assert first == second
    assert first[1].startswith("iv-")


def test_summary_counts(write):
    text = sheet(ROW, "", ROW.replace("Northwind", ""))
    result = read(write(text, "mine.csv"))
    summary = result.summary()
    assert "mine.csv: 2 rows (long layout)" in summary
    assert "rejected rows: 1 (1 error)" in summary
    assert "blank rows:    1 (skipped)" in summary
    assert "time zone:     America/Chicago" in summary
    recipients, rejects = result
    assert len(recipients) == 1
    assert len(rejects) == 1


# --- invariants -------------------------------------------------------------------------------

cell_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
SHEET_COLUMNS = ["Company", "Role", "Start", "Interviewer", "Interviewer Email", "Interested"]
row_strategy = st.fixed_dictionaries(
    {
        "Company": st.one_of(st.just("Northwind"), st.just(""), cell_text),
        "Role": st.one_of(st.just("Analyst"), st.just(""), cell_text),
        "Start": st.one_of(
            st.sampled_from(
                [
                    "2026-11-24 10:00",
                    "11/24/2026 2:30 PM",
                    "",
                    "2026-02-30 10:00",
                    "46350.5",
                    "3:00 PM",
                ]
            ),
            cell_text,
        ),
        "Interviewer": st.one_of(st.sampled_from(["Dana", "Luis", "Zoë", ""]), cell_text),
        "Interviewer Email": st.one_of(
            st.sampled_from(["dana@nw.example", "luis@nw.example", "bad@", ""]), cell_text
        ),
        "Interested": st.sampled_from(["", "yes", "no", "maybe"]),
    }
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row_strategy, max_size=25))
def test_every_nonblank_row_is_accepted_or_rejected_and_input_is_untouched(rows):
    frame = pd.DataFrame(rows, columns=SHEET_COLUMNS, dtype="str")
    before = frame.copy(deep=True)
    result = read(frame)
    pd.testing.assert_frame_equal(frame, before)

    filled = frame.apply(lambda c: c.str.strip()).ne("").any(axis=1)
    nonblank = int(filled.sum())
    assert result.rows_read == nonblank
    assert result.rows_read == result.rows_accepted + result.rows_rejected
    assert result.rows_blank == len(frame) - nonblank

    accepted = set(result.recipients["row"])
    errors = set(result.rejects.loc[result.rejects["severity"] == "error", "row"])
    merged = set(result.rejects.loc[result.rejects["code"] == "repeated_interviewer", "row"])
    all_rows = {i + 2 for i in frame.index[filled]}
    assert accepted | errors | merged == all_rows  # nothing disappears silently
    assert len(accepted | merged) == result.rows_accepted
    assert result.recipients["interview_start"].notna().all()
    assert (result.recipients["interview_end"] > result.recipients["interview_start"]).all()


def test_notebook_display_shows_summary_and_escaped_problems(write):
    result = read(write(sheet(ROW, ROW.replace("dana@nw.example", "<b>x</b>"))))
    page = result._repr_html_()
    assert page.startswith("<pre>")
    assert "rejected rows: 1" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page
    assert "<b>x</b>" not in page
    assert "No problems found." in read(write(sheet(ROW)))._repr_html_()


def test_an_unused_header_is_offered_a_column_only_when_it_is_a_near_spelling():
    frame = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"], "Start": ["2026-11-24 14:30"]}
        | {"Interviewer": ["Dana"], "Email": ["dana@nw.example"], "Mist": ["x"], "Tpoic": ["y"]}
    )
    hints = read(frame, tz="UTC").rejects.set_index("column")["hint"]
    assert not hints["Mist"].startswith("did you mean")  # not "Mins"
    assert hints["Tpoic"].startswith("did you mean talking point?")


@pytest.mark.parametrize(
    "header", ["Follow-up", "Questions they asked", "Questions I asked", "Connection"]
)
def test_columns_about_something_else_are_not_the_question_or_the_talking_point(header):
    """Before, "Follow-up: sent" put "more about sent" in a letter, the questions they asked
    were asked back and "Connection: LinkedIn" became the talking point."""
    frame = pd.DataFrame(
        {"Company": ["N", "N"], "Role": ["Analyst"] * 2, "Date": ["2026-11-24", "2026-11-25"]}
        | {"Time": ["10am", "2pm"], "Interviewer": ["Dana", "Dana"]}
        | {"Email": ["dana@nw.example"] * 2, header: ["Technical", "sent"]}
    )
    result = read(frame)
    assert result.recipients[["question", "talking_point"]].isna().all(axis=None)
    assert result.recipients["interview_id"].nunique() == 2
    assert problems(result) == [(1, header, "column not used")]


def test_from_and_to_are_the_times_or_a_mail_merges_addresses_by_what_they_hold():
    """Before, "From"/"To" time columns beside "Email" stopped the sheet: "columns 'To' and
    'Email' both mean interviewer_email"."""
    frame = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"], "Date": ["2026-11-24"], "From": ["10:00"]}
        | {"To": ["11:15"], "Interviewer": ["Dana"], "Email": ["dana@nw.example"]}
    )
    r = read(frame).recipients
    zone = "America/Chicago"
    assert r["interview_start"].item() == pd.Timestamp("2026-11-24 10:00", tz=zone)
    assert r["interview_end"].item() == pd.Timestamp("2026-11-24 11:15", tz=zone)
    merge = frame.drop(columns="Email").assign(
        From="me@uni.example", To="dana@nw.example", Start="2026-11-24 10:00"
    )
    r = read(merge.drop(columns="Date")).recipients
    assert r[["candidate_email", "interviewer_email"]].to_numpy().tolist() == [
        ["me@uni.example", "dana@nw.example"]
    ]


def test_a_hiring_manager_column_names_the_interviewer_where_no_other_does():
    """Before, "Hiring mgr" and "Hiring mgr email" left the sheet without interviewers."""
    frame = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"], "Start": ["2026-11-24 14:30"]}
        | {"Hiring mgr": ["Dana"], "Hiring mgr email": ["dana@nw.example"]}
        | {"Recruiter": ["Jo"], "Recruiter email": ["jo@nw.example"]}
    )
    result = read(frame)
    assert result.recipients[["interviewer_name", "interviewer_email"]].to_numpy().tolist() == [
        ["Dana", "dana@nw.example"]
    ]
    beside = frame.assign(Interviewer="Luis", Email="luis@nw.example")
    assert read(beside).recipients["interviewer_name"].tolist() == ["Luis"]  # the manager not


@pytest.mark.parametrize("order", [["Day", "Date"], ["Date", "Day"]])
def test_a_day_column_beside_a_date_column_is_the_weekday_not_a_second_date(order):
    """Before: "columns 'Date' and 'Day' both mean interview_date"."""
    cells = {"Day": ["Tuesday"], "Date": ["11/24/2026"]}
    frame = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"]}
        | {column: cells[column] for column in order}
        | {"Time": ["2pm"], "Interviewer": ["Dana"], "Email": ["dana@nw.example"]}
    )
    result = read(frame)
    zone = "America/Chicago"
    assert result.recipients["interview_start"].item() == pd.Timestamp("2026-11-24 14:00", tz=zone)
    assert problems(result) == [(1, "Day", "column not used")]


@pytest.mark.parametrize(
    "header", ["Contact", "Contact info", "Address", "Reach at", "Interviewer contact", "Details"]
)
def test_a_column_of_addresses_is_the_interviewers_where_no_header_names_them(header):
    """Before, "Contact" was the main-contact flag and the sheet stopped for want of an
    email column. One in five may be mistyped."""
    frame = pd.DataFrame(
        {"Company": ["N"] * 6, "Role": ["Analyst"] * 6, "Start": ["2026-11-24 14:30"] * 6}
        | {"Interviewer": ["Dana", "Luis", "Ann", "Bo", "Cy", "Eve"]}
        | {
            header: [
                "dana@nw.example",
                "Luis <luis@nw.example>",
                "",
                "bo@nw",
                "cy@nw.example",
                "e@nw.example",
            ]
        }
    )
    result = read(frame)
    recipients = result.recipients
    assert recipients["interviewer_email"].tolist() == [
        "dana@nw.example",
        "cy@nw.example",
        "e@nw.example",
    ]
    # a display name, an empty cell, a mistyped address: rejected as in an "Email" column
    assert [(p[0], p[1]) for p in problems(result)] == [(3, header), (4, header), (5, header)]


def test_a_contact_flag_stays_a_flag_and_a_recruiters_addresses_are_not_the_interviewers():
    flag = pd.DataFrame(
        {"Company": ["N"], "Role": ["Analyst"], "Start": ["2026-11-24 14:30"], "Contact": ["yes"]}
        | {"Interviewer": ["Dana"], "Email": ["dana@nw.example"]}
    )
    assert read(flag).recipients["contact"].tolist() == ["yes"]
    recruiter = flag.drop(columns=["Contact", "Email"]).assign(
        **{"Recruiter email": ["rae@agency.example"]}
    )
    with pytest.raises(followup.ColumnsError) as info:
        read(recruiter)
    message = str(info.value)
    assert "missing required columns: `interviewer_email`" in message
    assert "'Recruiter email' holds addresses: if they are the interviewers', rename it" in message
    assert "Did you mean 'Interviewer'" not in message  # it is the name column already


def test_headers_as_people_write_them_for_the_role_the_interviewer_and_interest():
    """Before, "Gig" and "Spoke w/" stopped the sheet, and "Into it?" was a column not used,
    so a "no" in it got an eager letter."""
    frame = pd.DataFrame(
        {"Org": ["N"], "Gig": ["Analyst"], "Start": ["2026-11-24 14:30"], "Spoke w/": ["Dana"]}
        | {"Email": ["dana@nw.example"], "Into it?": ["no longer interested"]}
    )
    result = read(frame)
    assert problems(result) == []
    row = result.recipients.iloc[0]
    assert (row["role"], row["interviewer_name"], row["interested"]) == ("Analyst", "Dana", False)
