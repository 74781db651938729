"""Ids never change: the sample sheet's ids are pinned, and each follows its documented key."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
from conftest import SENDER, read

import followup
from followup._ids import utc_texts

#: The draft ids of data/interviews.csv. They are Message-IDs and ledger keys: if this test
#: fails, already-delivered drafts would be sent again. Change the id rule only with a
#: migration for existing ledgers.
SAMPLE_DRAFT_IDS = {
    "dana.whitfield@northwind.example": "d-e681c5a3c009640c",
    "luis.ortega@northwind.example": "d-fc61c3bc9ceaaf78",
    "zoe.mueller@northwind.example": "d-f509454344aa0418",
    "priya.raman@bluefin.example": "d-cde7e30d75edae6c",
    "jose.alvarez@bluefin.example": "d-9be426aa3e8ac074",
    "siobhan@harborpine.example": "d-8e6ab7bd43b05f54",
    "marcus.bell@harborpine.example": "d-a71d460395ef7684",
    "hannah.lee@quillstone.example": "d-c7ca281e70a2f885",
    "lan.nguyen@tidewater.example": "d-1b6da3d9fb87f752",
    "tom.becker@tidewater.example": "d-a25c272d826c3c5d",
    "aisha.khan@tidewater.example": "d-47f91067e9e9802e",
    "lukasz.kowalski@lumen.example": "d-266425c0e0ff51e9",
    "grace.chen@lumen.example": "d-0af9a9112cf4d0fb",
    "ayse.yilmaz@cobalt.example": "d-ac2d615673ec1f95",
    "kwame.mensah@fernwood.example": "d-50c07f9ebd1c055a",
    "emily.park@fernwood.example": "d-5f916035d68c0016",
    "rachel.stein@atlasfreight.example": "d-4a99d32703154e24",
    "oliver.grant@meridian.example": "d-47ac20da53a1a135",
    "sofia.reyes@meridian.example": "d-125cb44023355ce9",
    "ingrid.solberg@saltmarsh.example": "d-135e34ca32a2c963",
    "ben.okafor@saltmarsh.example": "d-9c977a53e4d825f8",
    "mei.tanaka@orchidlabs.example": "d-3ddd0e9ede5cfc7d",
}


def blake2b(key: str) -> str:
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def test_the_sample_sheets_draft_ids_never_change():
    drafts = followup.render_drafts(read("data/interviews.csv").recipients, sender=SENDER)
    assert dict(zip(drafts["interviewer_email"], drafts["draft_id"], strict=True)) == (
        SAMPLE_DRAFT_IDS
    )


def test_ids_follow_their_documented_keys():
    frame = pd.DataFrame(
        {
            "Candidate": ["  Avery   QUINN "],
            "Candidate Email": ["Avery@Example.com"],
            "Company": ["North  Wind"],
            "Role": ["Analyst"],
            "Start": ["2026-11-24 14:30"],
            "Interviewer": ["Dana Whitfield"],
            "Interviewer Email": ["Dana@NW.example"],
        }
    )
    recipients = read(frame).recipients
    interview = "iv-" + blake2b("avery@example.com|avery quinn|north wind|2026-11-24T20:30:00Z")
    assert recipients["interview_id"].tolist() == [interview]
    drafts = followup.render_drafts(recipients)
    assert drafts["draft_id"].tolist() == ["d-" + blake2b(f"{interview}|dana@nw.example")]


def test_a_sheets_own_interview_id_is_kept_and_keys_the_draft_id():
    frame = pd.DataFrame(
        {
            "Interview ID": ["  NW-7 "],
            "Company": ["Northwind"],
            "Role": ["Analyst"],
            "Start": ["2026-11-24 14:30"],
            "Interviewer": ["Dana Whitfield"],
            "Interviewer Email": ["dana@nw.example"],
        }
    )
    recipients = read(frame).recipients
    assert recipients["interview_id"].tolist() == ["NW-7"]
    drafts = followup.render_drafts(recipients, sender=SENDER)
    assert drafts["draft_id"].tolist() == ["d-" + blake2b("NW-7|dana@nw.example")]


def test_ids_do_not_depend_on_row_order_or_on_spelling_of_case_and_spaces():
    sample = read("data/interviews.csv").recipients
    shuffled = read(
        pd.read_csv("data/interviews.csv", dtype=str, keep_default_na=False)
        .sample(frac=1, random_state=7)
        .assign(Company=lambda f: f["Company"].str.upper() + "  ")
    ).recipients
    before = dict(zip(sample["interviewer_email"], sample["interview_id"], strict=True))
    after = dict(zip(shuffled["interviewer_email"], shuffled["interview_id"], strict=True))
    assert before == after


def test_start_times_in_the_key_are_what_strftime_writes():
    rng = np.random.default_rng(11)
    nanoseconds = rng.integers(-3 * 10**18, 9 * 10**18, 3_000)  # 1874 to 2255, any fraction
    starts = pd.Series(pd.to_datetime(nanoseconds, utc=True)).dt.tz_convert("Asia/Kolkata")
    starts[rng.random(len(starts)) < 0.1] = pd.NaT
    expected = [
        "" if pd.isna(s) else s.tz_convert("UTC").strftime("%Y-%m-%dT%H:%M:%SZ") for s in starts
    ]
    assert utc_texts(starts).tolist() == expected
    assert utc_texts(starts.dt.as_unit("s")).tolist() == expected
