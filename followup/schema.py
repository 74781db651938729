"""The recipients schema: canonical columns and the header aliases that name them.

This module is the one source of truth for column names. Readers,
validators, the CLI and the docs all read :data:`COLUMNS`.

A sheet's headers are matched to canonical names after normalising case,
spaces and punctuation away, so "Interviewer E-mail", "interviewer_email"
and "INTERVIEWER EMAIL" are the same header:

>>> normalize_header("Interviewer E-mail")
'intervieweremail'
>>> canonical_name("Organization")
'company'
>>> canonical_name("Job title")
'role'
>>> BY_CODE["dst_gap"].meaning
'a local time skipped when clocks spring forward'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One canonical column.

    ``header`` marks text that ends up in a mail header (To, From,
    Subject): it must not contain CR or LF.
    """

    name: str
    aliases: tuple[str, ...] = ()
    header: bool = False
    doc: str = ""


#: Loose names for the talking point: beside a tighter one ("Talking point"), not used.
LOOSE_TALKING_POINTS = (
    "talking pts", "talking pt", "topics discussed", "things we discussed", "stuff we discussed",
    "things we talked about", "stuff we talked about", "points discussed", "main topic",
    "main topics", "key topics", "what stuck", "stuck with me", "takeaway", "takeaways",
    "key takeaways", "memorable", "what i remember",
)  # fmt: skip
#: Headers that mean the private notes unless a tighter one ("Notes") does.
LOOSE_NOTES = ("misc", "misc notes", "miscellaneous", "other notes")
#: Headers that mean the employer unless a tighter one ("Company") does: a student's own.
LOOSE_COMPANIES = ("institution", "university", "hospital", "school", "facility", "clinic")

COLUMNS: tuple[Column, ...] = (
    Column("interview_id", ("interview id", "id", "interview"), doc="stable interview id"),
    Column(
        "candidate_name",
        (
            "candidate",
            "candidate name",
            "student",
            "student name",
            "applicant",
            "applicant name",
            "your name",
            "my name",
            "me",
            "myself",
            "who i am",
            "sender",
            "sender name",
            "from name",
        ),
        header=True,
        doc="the sender",
    ),
    Column(
        "candidate_email",
        (
            "candidate email",
            "student email",
            "applicant email",
            "your email",
            "my email",
            "my email address",
            "my address",
            "sender email",
            "from",
            "from email",
        ),
        header=True,
        doc="the sender's address",
    ),
    Column(
        "company",
        (
            "company",
            "employer",
            "organization",
            "organisation",
            "org",
            "firm",
            "co",
            "company name",
            "employer name",
            *LOOSE_COMPANIES,
        ),
        header=True,
        doc="the employer",
    ),
    Column(
        "role",
        (
            "role",
            "position",
            "job title",
            "job",
            "title",
            "position title",
            "role title",
            "job role",
            "position applied for",
            "applied for",
            "role applied for",
            "job applied for",
            "position applied",
            "role applied",
            "job applied",
            "title of role",
            "title of the role",
            "applied position",
            "applied role",
            "title applied",
            "title applied for",
            "job title applied for",
            "post applied for",
            "vacancy",
            "opening",
            "job opening",
            "gig",
        ),
        header=True,
        doc="the position",
    ),
    Column(
        "interview_start",
        (
            "interview start",
            "start",
            "start time",
            "starts",
            "interview date time",
            "interview datetime",
            "date time",
            "datetime",
            "when",
            "interview time",
            "start date time",
            "scheduled",
            "time",
            "start at",
            "started",
            "started at",
            "began",
            "began at",
            "from time",
            "time from",
            "starting at",
            "clock",
            "kicked off",
            "kick off",
            "at",
            "interview at",
            "time slot",
        ),
        doc="when the interview began (or its time of day, with a date column)",
    ),
    Column(
        "interview_date",
        (
            "interview date",
            "interview day",
            "date",
            "day",
            "interview on",
            "interviewed on",
            "date of interview",
        ),
        doc="the day, when the time of day is a separate column",
    ),
    Column(
        "interview_end",
        (
            "interview end",
            "end",
            "end time",
            "ends",
            "end at",
            "ended",
            "ended at",
            "finish",
            "finish time",
            "finished",
            "finished at",
            "until",
            "to time",
            "time to",
            "ending at",
        ),
        doc="when the interview ended",
    ),
    Column(
        "duration",
        (
            "duration",
            "length",
            "duration minutes",
            "minutes",
            "duration min",
            "length minutes",
            "duration mins",
            "mins",
            "length mins",
            "how long",
            "call length",
        ),
        doc="minutes, used when there is no end column",
    ),
    Column("timezone", ("timezone", "time zone", "tz", "zone"), doc="IANA zone name"),
    Column(
        "interested",
        (
            "interested",
            "still interested",
            "interest",
            "want the job",
            "want it",
            "still want it",
            "student interest",
            "candidate interest",
            "interest level",
            "still keen",
            "keen",
            "still want the job",
            "want the role",
            "still want the role",
            "into it",
            "still into it",
            "want this",
            "still want this",
            "excited",
            "still excited",
            "vibe",
            "vibes",
            "gut feel",
            "gut feeling",
            "gut check",
            "enthusiasm",
            "excitement",
            "how keen",
            "keenness",
        ),
        doc="does the candidate still want the job",
    ),
    Column(
        "fit",
        (
            "fit",
            "why me",
            "why i fit",
            "why im a fit",
            "qualifications",
            "strengths",
            "my strengths",
            "my fit",
            "why qualified",
            "selling points",
            "relevant experience",
        ),
        doc="why the candidate fits",
    ),
    Column(
        "interviewer_name",
        (
            "interviewer",
            "interviewer name",
            "name",
            "panelist",
            "panelist name",
            "panellist",
            "panellist name",
            "panel member",
            "panel member name",
            "committee member",
            "faculty member",
            "recipient",
            "recipient name",
            "contact name",
            "who i met",
            "who i met with",
            "met with",
            "interviewed with",
            "interviewed by",
            "spoke with",
            "spoke w",
            "spoke to",
            "talked with",
            "talked w",
            "talked to",
            "met w",
            "person",
            "person i met",
            "who",
            "people i met",
            "people",
            "ppl",
            "who i spoke to",
            "who i talked to",
        ),
        header=True,
        doc="the recipient",
    ),
    Column(
        "interviewer_email",
        (
            "interviewer email",
            "panelist email",
            "panellist email",
            "panel member email",
            "panel email",
            "panel emails",
            "interviewer emails",
            "emails",
            "email addresses",
            "their emails",
            "recipient email",
            "contact email",
            "to",
            "email",
            "email address",
            "e mail",
            "their email",
            "their email address",
            "interviewer mail",
            "mail",
            "their mail",
            "person email",
        ),
        header=True,
        doc="the recipient's address",
    ),
    Column(
        "interviewer_title",
        (
            "interviewer title",
            "panelist title",
            "panellist title",
            "panel member title",
            "interviewer role",
            "contact title",
            "interviewer position",
            "their title",
            "their position",
            "their job",
            "their job title",
            "their role",
            "person title",
        ),
        doc="the recipient's title",
    ),
    Column(
        "talking_point",
        (
            "talking point",
            "talking points",
            "topic",
            "topics",
            "what we discussed",
            "discussed",
            "what we talked about",
            "talked about",
            "highlight",
            "highlights",
            "mention",
            "to mention",
            "conversation",
            "conversation notes",
            "convo",
            "convo notes",
            "chat notes",
            "discussion notes",
            "standout",
            "shared interest",
            "personal touch",
            "chatted about",
            "we chatted about",
            "we talked about",
            "what we chatted about",
            "discussion",
            "covered",
            "what we covered",
            "went over",
            "what we went over",
            "talked through",
            "what we talked through",
            "stood out",
            "what stood out",
            "standouts",
            "key point",
            "key points",
            "what to mention",
            "things to mention",
            "points to mention",
            "common ground",
            "rapport",
            *LOOSE_TALKING_POINTS,
        ),
        doc="what to mention to this interviewer",
    ),
    Column(
        "notes",
        (
            "notes",
            "note",
            "my notes",
            "private notes",
            "private note",
            "comments",
            "comment",
            "remarks",
            "internal notes",
            "notes to self",
            "personal notes",
            "thoughts",
            "impressions",
            "private",
            "private comments",
            "just for me",
            "only for me",
            "for me only",
            "for my eyes only",
            *LOOSE_NOTES,
        ),
        doc="your private notes: kept in the tables, never in a letter",
    ),
    Column(
        "preferred_name",
        (
            "preferred name",
            "goes by",
            "nickname",
            "greeting name",
            "greet as",
            "address as",
            "call them",
            "salutation name",
        ),
        doc="how to greet the interviewer, when not by the first name",
    ),
    Column(
        "question",
        (
            "question",
            "questions",
            "follow up question",
            "followup question",
            "open question",
            "ask",
            "questions to ask",
            "question to ask",
            "follow up questions",
            "stuff to ask",
            "things to ask",
            "what to ask",
            "to ask",
            "ask them",
            "ask about",
            "ask next time",
            "to ask next time",
            "question for them",
            "questions for them",
            "q for them",
            "qs for them",
            "q to ask",
            "qs to ask",
            "q",
            "qs",
        ),
        doc="a follow-up question for this interviewer",
    ),
    Column(
        "program",
        ("program", "programme", "major", "department"),
        doc="career-center program",
    ),
    Column(
        "cohort",
        ("cohort", "term", "class", "semester", "year group"),
        doc="career-center cohort",
    ),
    Column(
        "student_id",
        ("student id", "student number", "candidate id"),
        doc="career-center student id",
    ),
    Column(
        "sent_at",
        ("sent at", "sent", "follow up sent", "followup sent", "thank you sent", "note sent"),
        doc="when the follow-up was sent (tracking)",
    ),
    Column(
        "replied_at",
        (
            "replied at",
            "replied",
            "reply",
            "first reply",
            "employer reply",
            "response",
            "heard back",
            "response date",
        ),
        doc="the employer's first reply after the interview (tracking)",
    ),
    Column(
        "outcome",
        ("outcome", "result", "decision", "status of application", "application status"),
        doc="offer, next_round, rejected or withdrew; empty while pending (tracking)",
    ),
    Column(
        "decided_at",
        ("decided at", "decided", "decision date", "outcome date", "decided on"),
        doc="when the outcome was known (tracking)",
    ),
    Column(
        "decision_by",
        (
            "decision by",
            "they said we'd hear by",
            "they said well hear by",
            "hear by",
            "hear back by",
            "expected decision",
            "expected decision date",
            "decision expected",
            "decision expected by",
            "decision deadline",
        ),
        doc="when the employer said they would decide (for the one check-in)",
    ),
    Column(
        "contact",
        (
            "main contact",
            "primary contact",
            "point of contact",
            "is contact",
            "contact person",
            "check in with",
        ),
        doc="yes on the row of the interview's main contact (for the one check-in)",
    ),
    Column(
        "interviewers",
        ("interviewers", "panel", "panelists", "interview panel", "recipients"),
        header=True,
        doc="packed layout: several 'Name <email>' in one cell",
    ),
)

BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}

#: Fields of one interviewer. In the wide layout they come numbered
#: ("Interviewer 2 Email"); the suffix after the number is matched here.
INTERVIEWER_FIELDS: dict[str, str] = {
    "": "interviewer_address",
    "name": "interviewer_name",
    "email": "interviewer_email",
    "emailaddress": "interviewer_email",
    "mail": "interviewer_email",
    "title": "interviewer_title",
    "role": "interviewer_title",
    "position": "interviewer_title",
    "talkingpoint": "talking_point",
    "talkingpoints": "talking_point",
    "notes": "notes",
    "note": "notes",
    "topic": "talking_point",
    "whatwediscussed": "talking_point",
    "preferredname": "preferred_name",
    "goesby": "preferred_name",
    "nickname": "preferred_name",
    "question": "question",
    "questions": "question",
}

#: Columns that describe one interviewer; everything else describes the interview.
PER_INTERVIEWER: tuple[str, ...] = (
    "interviewer_name",
    "interviewer_email",
    "interviewer_title",
    "preferred_name",
    "talking_point",
    "question",
    "notes",
)

#: The recipients table, in order. ``row`` is the sheet row the recipient came from.
RECIPIENT_COLUMNS: tuple[str, ...] = (
    "interview_id",
    "row",
    "candidate_name",
    "candidate_email",
    "company",
    "role",
    "interview_start",
    "interview_end",
    "timezone",
    "interested",
    "interest_unsure",
    "fit",
    "interviewer_name",
    "interviewer_email",
    "interviewer_title",
    "preferred_name",
    "talking_point",
    "question",
    "notes",
    "program",
    "cohort",
    "student_id",
    "sent_at",
    "replied_at",
    "outcome",
    "decided_at",
    "decision_by",
    "contact",
)

#: Tracking columns for the analyses, and the outcome labels (with the words that mean them).
TRACKING = ("sent_at", "replied_at", "outcome", "decided_at")
OUTCOMES: dict[str, str] = {
    "offer": "offer",
    "offered": "offer",
    "hired": "offer",
    "accepted": "offer",
    "nextround": "next_round",
    "secondround": "next_round",
    "advanced": "next_round",
    "moveforward": "next_round",
    "movedforward": "next_round",
    "rejected": "rejected",
    "reject": "rejected",
    "rejection": "rejected",
    "declined": "rejected",
    "notselected": "rejected",
    "withdrew": "withdrew",
    "withdrawn": "withdrew",
    "withdraw": "withdrew",
    "finalround": "next_round",
    "thirdround": "next_round",
    "2ndround": "next_round",
    "3rdround": "next_round",
    "onsite": "next_round",
    "nextsteps": "next_round",
    "notmovingforward": "rejected",
    "unsuccessful": "rejected",
    "nooffer": "rejected",
    "pending": "",
    "waiting": "",
    "inprogress": "",
    "onhold": "",
    "ghosted": "",
    "noresponse": "",
    "noreply": "",
    "tbd": "",
    "": "",
}

#: The rejects table, in order.
REJECT_COLUMNS: tuple[str, ...] = (
    "row",
    "column",
    "value",
    "code",
    "problem",
    "hint",
    "severity",
)
#: The findings table, in order.
FINDING_COLUMNS: tuple[str, ...] = ("draft_id", "rule", "code", "severity", "message")


@dataclass(frozen=True)
class Code:
    """A stable code for one kind of problem: a reject (a sheet cell) or a finding (a draft).

    Codes never change once published, so tests and users can filter on them;
    the messages beside them may improve.
    """

    code: str
    kind: str  # "reject" or "finding"
    rule: str  # R1-R8 for a finding; "" for a reject
    meaning: str


CODES: tuple[Code, ...] = (
    # Rejects: problems in the sheet, one row per problem.
    Code("extra_cells", "reject", "", "a row has more filled cells than the header has names"),
    Code("cell_too_long", "reject", "", "a cell is longer than the limit"),
    Code("header_injection", "reject", "", "a line break or control character in a header field"),
    Code("no_interviewer", "reject", "", "a row names no interviewer at all"),
    Code("missing_company", "reject", "", "no employer"),
    Code("missing_role", "reject", "", "no position"),
    Code("missing_name", "reject", "", "an interviewer's email without a name"),
    Code("missing_email", "reject", "", "an interviewer's name without an email"),
    Code("missing_candidate", "reject", "", "a row with no one, or half a candidate, to sign it"),
    Code("two_people_one_address", "reject", "", "two people's names beside one address"),
    Code("shared_address", "reject", "", "one address given for people of different names"),
    Code("tracking_without_date", "reject", "", "a yes in a sent or reply column, not a date"),
    Code("bad_email", "reject", "", "an address that is not name@domain"),
    Code("bad_yes_no", "reject", "", "a yes/no cell that reads as neither"),
    Code("unknown_zone", "reject", "", "a time zone cell that names no zone"),
    Code("missing_start", "reject", "", "no interview date and time"),
    Code("bad_date", "reject", "", "a date or time followup cannot read"),
    Code("impossible_date", "reject", "", "a date that does not exist (31 November)"),
    Code("impossible_time", "reject", "", "a time of day that does not exist (25:00)"),
    Code("time_without_date", "reject", "", "a time of day with no date"),
    Code("date_without_time", "reject", "", "a date with no time of day"),
    Code("dst_gap", "reject", "", "a local time skipped when clocks spring forward"),
    Code("dst_overlap", "reject", "", "a local time that happens twice when clocks fall back"),
    Code("end_without_time", "reject", "", "an end date with no time of day"),
    Code("ends_before_start", "reject", "", "an interview that ends before it starts"),
    Code("night_start", "reject", "", "a start before 7 am written without am or pm (1:30)"),
    Code("wrong_weekday", "reject", "", "a weekday the date is not (Wed 11/24/2026, a Tuesday)"),
    Code("date_read_other_way", "reject", "", "a dotted date read the way that fits its column"),
    Code("bad_duration", "reject", "", "a duration followup cannot read"),
    Code("duration_out_of_range", "reject", "", "a duration under a minute or over a day"),
    Code("duration_in_hours", "reject", "", "a number under 9 read as hours (1.5 = 90 minutes)"),
    Code("sent_before_end", "reject", "", "a follow-up sent before the interview ended"),
    Code("reply_before_interview", "reject", "", "a first reply before the interview"),
    Code("decision_before_interview", "reject", "", "a decision before the interview"),
    Code("unknown_outcome", "reject", "", "an outcome that is not offer, next round, ..."),
    Code("outcome_without_date", "reject", "", "an outcome with no date: pending in the analyses"),
    Code("repeated_interviewer", "reject", "", "the same interviewer twice in one interview"),
    Code("unknown_column", "reject", "", "a column followup does not use (a template may)"),
    Code("maybe_interested", "reject", "", "an interest cell read as yes with doubt (maybe)"),
    Code("not_interested_elsewhere", "reject", "", "a blank interest cell read as another's no"),
    Code("withdrawn_in_column", "reject", "", "a withdrawal said in a column not read as interest"),
    Code("ditto_note", "reject", "", "a note of 'ditto' read as the panel's note above it"),
    Code("ambiguous_zone", "reject", "", "a zone abbreviation that names more than one zone"),
    Code("zones_disagree", "reject", "", "a time in two zones that differ (10am PT / 2pm ET)"),
    Code("packed_mismatch", "reject", "", "a cell of names and a cell of addresses that differ"),
    Code("date_out_of_range", "reject", "", "a date before 1900 or after 2199"),
    Code("unread_interviewer_column", "reject", "", "a numbered interviewer column not understood"),
    # Findings: rules a draft breaks, one row per rule.
    Code("overdue", "finding", "R1", "past the 24-hour deadline (still worth sending)"),
    Code("not_yet_held", "finding", "R1", "the interview is still ahead; send the letter after it"),
    Code("not_one_recipient", "finding", "R2", "the To field holds no address or several"),
    Code("second_draft", "finding", "R2", "a second draft to the same person for one interview"),
    Code("no_talking_point", "finding", "R3", "nothing specific to this interviewer"),
    Code("note_is_question", "finding", "R3", "a talking point that is a question to ask"),
    Code("talking_point_missing", "finding", "R3", "the talking point is not in the body"),
    Code("shared_wording", "finding", "R3", "a sentence shared with another draft to the panel"),
    Code("no_thanks", "finding", "R4", "no gratitude"),
    Code("no_interest", "finding", "R5", "no restated interest in the role and company"),
    Code("feigned_enthusiasm", "finding", "R5", "eager words although no longer interested"),
    Code("too_many_paragraphs", "finding", "R6", "more than three paragraphs"),
    Code("too_long", "finding", "R6", "more than about 150 words"),
    Code("question_not_asked", "finding", "R7", "the follow-up question is not in the body"),
    Code("placeholder", "finding", "R8", "a leftover placeholder ({{ }}, [Name], TODO)"),
    Code("repeated_word", "finding", "R8", "the same word twice in a row"),
    Code("unknown_word", "finding", "R8", "a word the dictionary does not know"),
    Code("pasted_sentence", "finding", "R8", "a sentence pasted after a preposition"),
    Code("doubled_punctuation", "finding", "R8", "doubled end punctuation (!. ?. ..)"),
    Code("lowercase_start", "finding", "R8", "a sentence that starts in lower case"),
    Code("he_or_she", "finding", "R8", "the reader called he or she"),
    Code("note_left_in", "finding", "R8", "a note to self left in the letter"),
    Code("shorthand", "finding", "R8", "shorthand (yrs, w/, mgmt) left in the letter"),
    Code("private_words", "finding", "R8", "words that sound private, or money figures"),
    Code("style", "finding", "R8", "a style slip proselint finds (cliché, jargon, ...)"),
    Code("greeting_name", "finding", "R8", "the greeting uses a name from a guessed order"),
    Code("private_note", "finding", "R8", "a note that sounds private; it is left out"),
    # The one check-in's own rules (drafts whose template is checkin).
    Code(
        "checkin_interest", "finding", "check-in", "interest not restated in exactly one sentence"
    ),
    Code("checkin_no_timeline", "finding", "check-in", "no polite question about the timeline"),
    Code("checkin_pressure", "finding", "check-in", "words of guilt or pressure"),
    Code("checkin_too_long", "finding", "check-in", "more than two short paragraphs"),
    # Notes that cannot be adapted: R3 for a talking point, R7 a question, R5 a fit.
    Code("note_first_person", "finding", "", "a note written as a sentence about yourself"),
    Code("note_he_she", "finding", "", "a note that calls the interviewer he or she"),
    Code("note_they", "finding", "", "a note that calls the interviewer's side 'they'"),
    Code("note_sentences", "finding", "", "a note of several sentences"),
    Code("note_two_parts", "finding", "", "two thoughts joined by a comma or dash"),
    Code("note_shortened", "finding", "", "a note of several parts; the letter carries one"),
    Code("note_too_long", "finding", "", "a note too long to fit a sentence"),
    Code("note_to_self", "finding", "", "a to-do for yourself, not for the letter"),
    Code("note_impression", "finding", "", "your impression of the interview, not a topic"),
    Code("note_unclear", "finding", "", "a note too clipped to adapt safely"),
    Code("note_shorthand", "finding", "", "shorthand that could mean more than one thing"),
    Code("note_stock_phrase", "finding", "", "a cliché or catchphrase in place of the topic"),
)

BY_CODE: dict[str, Code] = {c.code: c for c in CODES}

MAX_CELL_CHARS = 10_000

#: How people write yes and no, by the words they start with; "maybe" reads as yes, with a
#: warning. Punctuation and case do not matter: "Yes!!", "nope.", "Not really".
YES_WORDS = ("yes", "y", "yeah", "yep", "yup", "sure", "definitely", "absolutely", "very",
             "true", "high", "medium", "strong", "hell yes", "ok", "okay", "want",
             "really want", "rly want", "would love", "love", "dream job", "keen", "very keen",
             "super keen", "excited", "v keen", "v interested", "v much", "t", "1", "x", "ja",
             "oui", "si", "sí", "interested", "still interested", "of course", "totally",
             "for sure", "top choice", "first choice", "1st choice", "top pick", "✓", "✔", "👍",
             "🔥", "❤", "😍", "🤩", "💯", "🙌", "✅")  # fmt: skip
NO_WORDS = ("no", "n", "nope", "nah", "false", "f", "0", "nein", "non", "not really", "not",
            "no thanks", "no longer", "withdrew", "withdrawn", "withdrawing", "declined",
            "pass", "passed", "not interested", "nie", "nej", "não", "nee", "👎", "❌", "🙅",
            "prob not", "probably not", "def not", "definitely not", "absolutely not",
            "really not", "rly not", "no way", "hard pass", "not anymore", "not for me",
            "nem pensar", "nunca", "para nada")  # fmt: skip
#: Yes only as the whole cell: "def not" and "100% no" are no yes.
YES_ALONE = ("100", "def", "defo", "super", "tak", "sim")
MAYBE_WORDS = ("maybe", "unsure", "not sure", "undecided", "perhaps", "possibly", "somewhat",
               "low", "idk", "kind of", "kinda", "sort of", "tbd", "meh", "so so",
               "on the fence", "lukewarm", "50 50", "bof", "ok i guess", "okay i guess",
               "i guess", "ok ish", "okay ish", "probably", "prob", "not sure yet", "eh", "hmm",
               "talvez", "tal vez", "quizás", "quizas", "🤷", "🤔", "😐")  # fmt: skip
#: The signs a yes/no cell may be written in, kept when its punctuation is dropped.
YES_NO_SIGNS = "✓✔👍👎🔥❤😍🤩💯🙌✅❌🙅🤷🤔😐"

#: A note that points at the one above it: read as the panel's note above, where there is
#: one; else no note at all.
DITTOS = ("ditto", "same", "same as above", "as above", "see above", '"', "〃", "''")

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


def normalize_header(header: object) -> str:
    """Lower-case a header and drop everything but letters and digits, and the "'s" of
    a possessive.

    >>> normalize_header("  Interviewer(s) "), normalize_header("Interviewer's e-mail")
    ('interviewers', 'intervieweremail')
    """
    text = _POSSESSIVE.sub("", str(header))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub("", text.lower())


def _build_alias_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for column in COLUMNS:
        for alias in (column.name, *column.aliases):
            key = normalize_header(alias)
            if key in table and table[key] != column.name:
                raise AssertionError(f"alias {alias!r} names two columns")  # pragma: no cover
            table[key] = column.name
    return table


ALIASES: dict[str, str] = _build_alias_table()


def canonical_name(header: object) -> str | None:
    """Return the canonical column a header means, or None if unknown."""
    return ALIASES.get(normalize_header(header))


def describe_columns() -> str:
    """One line per column followup reads, with the headers it accepts.

    >>> describe_columns().splitlines()[3]
    'company: the employer (Company, Employer, Organization, ...)'
    """
    lines = []
    for column in COLUMNS:
        shown = ", ".join(a.title() for a in column.aliases[:3])
        more = ", ..." if len(column.aliases) > 3 else ""
        lines.append(f"{column.name}: {column.doc} ({shown}{more})")
    return "\n".join(lines)


def snake_case(header: object) -> str:
    """A safe snake_case name for a header followup does not know.

    >>> snake_case("Recruiter's phone #")
    'recruiter_s_phone'
    """
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_") or "column"
