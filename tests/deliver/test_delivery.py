"""Delivery against real servers on loopback: aiosmtpd for SMTP, Dovecot for IMAP."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime
from pathlib import Path

import pandas as pd
import pytest
from mailservers import Dovecot, SmtpServer

import followup
from followup.deliver import (
    LEDGER_NAME,
    DeliveryReport,
    Dropped,
    ImapUploader,
    Ledger,
    SmtpSender,
    deliver,
    exclusive,
    for_sending,
    parse_host,
    parse_rate,
    read_outbox,
    tls_context,
)
from followup.errors import DeliveryError, FollowupError, OptionError

NOW = "2026-11-24 18:00"


@pytest.fixture
def drafts_dir(tmp_path: Path, sample_drafts: pd.DataFrame) -> Path:
    """The bundled sample's 22 drafts as .eml files, as `followup draft` writes them."""
    folder = tmp_path / "drafts"
    followup.write_drafts(sample_drafts, folder, now=NOW)
    return folder


def ledger_of(folder: Path) -> Ledger:
    return Ledger(folder / LEDGER_NAME)


def send(folder: Path, server: SmtpServer, **options: object) -> DeliveryReport:
    options.setdefault("backoff", 0.01)
    with ledger_of(folder) as ledger:
        return deliver(read_outbox(folder), SmtpSender(server.server()), ledger, **options)


def as_sent(raw: bytes, received: bytes) -> bytes:
    """The draft file as it should arrive: CRLF, no X-Unsent, and the Date it was sent with."""
    date = re.search(rb"^Date: [^\r\n]*", received, re.M)
    assert date is not None
    lines = [line for line in raw.split(b"\n") if line != b"X-Unsent: 1"]
    lines = [date[0] if line.startswith(b"Date: ") else line for line in lines]
    return b"\r\n".join(lines)


# --- reading drafts back -----------------------------------------------------------------


def test_outbox_reads_eml_folder_and_mbox_alike(tmp_path, drafts_dir, sample_drafts):
    followup.write_drafts(sample_drafts, tmp_path / "box" / "drafts.mbox", format="mbox", now=NOW)
    from_eml, from_mbox = read_outbox(drafts_dir), read_outbox(tmp_path / "box")
    assert [d.source for d in from_eml] == sorted(p.name for p in drafts_dir.glob("*.eml"))
    assert from_mbox[0].source == "drafts.mbox#1"
    assert {d.message_id for d in from_eml} == {d.message_id for d in from_mbox}
    assert len(from_eml) == len(sample_drafts) == 22
    assert not any(d.problem for d in from_eml + from_mbox)
    assert {d.subject for d in from_eml} == set(sample_drafts["subject"])  # unfolded, decoded
    first = from_eml[0]
    assert first.sender == "avery@example.com"
    assert first.recipient in set(sample_drafts["interviewer_email"])


def test_outbox_flags_drafts_it_cannot_deliver(drafts_dir):
    good = sorted(drafts_dir.glob("*.eml"))
    text = good[0].read_text()
    (drafts_dir / "z1-two.eml").write_text(
        text.replace("\nTo: ", "\nTo: extra@x.example, ", 1).replace(
            "Message-ID: <", "Message-ID: <2"
        )
    )
    (drafts_dir / "z2-cc.eml").write_text(
        text.replace("\nTo: ", "\nCc: boss@x.example\nTo: ", 1).replace("ID: <", "ID: <3")
    )
    (drafts_dir / "z3-noid.eml").write_text(re.sub(r"Message-ID: .*\n", "", text))
    (drafts_dir / "z4-repeat.eml").write_text(text)
    (drafts_dir / "z5-junk.eml").write_bytes(b"\x00\x01 not a message at all")
    problems = {d.source: d.problem for d in read_outbox(drafts_dir) if d.problem}
    assert set(problems) == {
        "z1-two.eml",
        "z2-cc.eml",
        "z3-noid.eml",
        "z4-repeat.eml",
        "z5-junk.eml",
    }
    assert "goes to 2 recipients" in problems["z1-two.eml"]
    assert "R2" in problems["z2-cc.eml"]
    assert "no valid Message-ID" in problems["z3-noid.eml"]
    assert good[0].name in problems["z4-repeat.eml"]


def test_outbox_without_drafts_is_a_clear_error(tmp_path):
    with pytest.raises(FollowupError, match=r"holds no \.eml drafts"):
        read_outbox(tmp_path)
    with pytest.raises(FollowupError, match="does not exist"):
        read_outbox(tmp_path / "missing.mbox")


def test_for_sending_keeps_everything_but_date_and_the_draft_marker(drafts_dir):
    raw = sorted(drafts_dir.glob("*.eml"))[0].read_bytes()
    sent = for_sending(raw, date="Fri, 27 Nov 2026 09:00:00 -0600")
    assert b"\n" not in sent.replace(b"\r\n", b"")
    before = message_from_bytes(raw, policy=policy.default)
    after = message_from_bytes(sent, policy=policy.default)
    assert after["X-Unsent"] is None
    assert before["X-Unsent"] == "1"
    assert after["Date"] == "Fri, 27 Nov 2026 09:00:00 -0600"
    for name in ("From", "To", "Subject", "Message-ID"):
        assert after[name] == before[name]
    assert after.get_content().replace("\r\n", "\n") == before.get_content()


def test_rate_and_host_parsing():
    assert parse_rate("20/min") == 3.0
    assert parse_rate("3600/hour") == 1.0
    assert parse_host("mail.example", protocol="imap", security="ssl") == ("mail.example", 993)
    with pytest.raises(OptionError, match="rate 'fast'") as raised:
        parse_rate("fast")
    assert raised.value.options == ("rate",)
    with pytest.raises(OptionError, match="not a server"):
        parse_host("a b:1", protocol="smtp", security="ssl")


# --- the ledger ----------------------------------------------------------------------------


def test_ledger_keeps_every_attempt_and_reports_the_latest(tmp_path):
    with Ledger(tmp_path / LEDGER_NAME) as ledger:
        first = ledger.begin("send", "smtp", "<a@x>", server="h:1", draft="a.eml", recipient="b@y")
        ledger.finish(first, "failed", "451 try later")
        second = ledger.begin("send", "smtp", "<a@x>", server="h:1", draft="a.eml", recipient="b@y")
        ledger.begin("send", "smtp", "<c@x>", server="h:1", draft="c.eml", recipient="d@y")
    with Ledger(tmp_path / LEDGER_NAME) as ledger:  # what was written survives reopening
        latest = ledger.latest("send", "smtp")
        table = ledger.table()
    assert latest["<a@x>"].id == second
    assert latest["<a@x>"].result is None
    assert table.set_index("message_id")["attempts"].to_dict() == {"<a@x>": 2, "<c@x>": 1}
    assert set(table["result"]) == {"in flight"}


def test_ledger_refuses_a_file_that_is_not_one(tmp_path):
    (tmp_path / LEDGER_NAME).write_text("not a database\n" * 100)
    with pytest.raises(DeliveryError, match="the delivery ledger is damaged"):
        Ledger(tmp_path / LEDGER_NAME)


def test_one_run_at_a_time(tmp_path):
    with (
        exclusive(tmp_path / LEDGER_NAME),
        pytest.raises(DeliveryError, match="another followup"),
        exclusive(tmp_path / LEDGER_NAME),
    ):
        pass


# --- SMTP ----------------------------------------------------------------------------------


def test_send_delivers_each_draft_once_byte_for_byte(drafts_dir, smtp):
    report = send(drafts_dir, smtp)
    assert report.counts["delivered"] == 22
    assert report.ok
    assert smtp.inbox.connections == 1  # one reused connection, not one per message
    files = {d.message_id: d for d in read_outbox(drafts_dir)}
    assert len(smtp.inbox.messages) == 22
    for received in smtp.inbox.messages:
        message = message_from_bytes(received.data, policy=policy.default)
        draft = files.pop(message["Message-ID"])
        assert received.data == as_sent(draft.raw, received.data)
        assert received.mail_from == draft.sender == message["From"].addresses[0].addr_spec
        assert received.rcpt_tos == [draft.recipient] == [message["To"].addresses[0].addr_spec]
        sent_at = parsedate_to_datetime(message["Date"])
        assert abs((pd.Timestamp.now(tz="UTC") - pd.Timestamp(sent_at)).total_seconds()) < 60
    assert not files

    again = send(drafts_dir, smtp)
    assert again.counts["already delivered"] == 22
    assert again.counts["delivered"] == 0
    assert len(smtp.inbox.messages) == 22


def test_a_refused_recipient_is_recorded_and_the_batch_goes_on(drafts_dir, smtp):
    bad = read_outbox(drafts_dir)[3]
    smtp.inbox.refuse.add(bad.recipient)
    report = send(drafts_dir, smtp)
    failed = report.outcomes[report.outcomes["outcome"] == "failed"]
    assert failed["draft"].tolist() == [bad.source]
    assert failed["detail"].iloc[0] == "550 5.1.1 no such mailbox here"
    assert report.counts["delivered"] == 21
    assert not report.ok
    assert f"failed: {bad.source} to {bad.recipient}: 550" in report.summary()

    smtp.inbox.refuse.clear()  # fixed at the server: the rerun sends only that one
    again = send(drafts_dir, smtp)
    assert again.counts == {**again.counts, "delivered": 1, "already delivered": 21}
    assert smtp.inbox.count(bad.message_id) == 1
    assert len(smtp.inbox.messages) == 22
    with ledger_of(drafts_dir) as ledger:
        assert ledger.table().set_index("draft").loc[bad.source, "attempts"] == 2


def test_a_dropped_connection_is_reopened_and_nothing_is_lost(drafts_dir, smtp):
    smtp.inbox.drop_at_rcpt.update({3, 10})
    report = send(drafts_dir, smtp)
    assert report.counts["delivered"] == 22
    assert report.ok
    assert smtp.inbox.connections == 3
    assert sorted(smtp.inbox.count(d.message_id) for d in read_outbox(drafts_dir)) == [1] * 22


def test_bad_drafts_fail_alone(drafts_dir, smtp):
    text = sorted(drafts_dir.glob("*.eml"))[0].read_text()
    (drafts_dir / "zz-two.eml").write_text(
        text.replace("\nTo: ", "\nTo: extra@x.example, ", 1).replace("ID: <", "ID: <2")
    )
    (drafts_dir / "zz-junk.eml").write_bytes(b"garbage")
    report = send(drafts_dir, smtp)
    assert report.counts["delivered"] == 22
    assert report.counts["failed"] == 2
    assert len(smtp.inbox.messages) == 22


def test_dry_run_connects_to_nothing(drafts_dir, smtp):
    report = send(drafts_dir, smtp, dry_run=True, limit=5)
    assert report.counts["would send"] == 5
    assert report.counts["not attempted"] == 17
    assert smtp.inbox.connections == 0
    with ledger_of(drafts_dir) as ledger:
        assert ledger.table().empty


def test_limit_then_rerun_sends_the_rest(drafts_dir, smtp):
    first = send(drafts_dir, smtp, limit=5)
    assert first.counts["delivered"] == 5
    assert first.ok  # stopping at the limit is not a failure
    assert "  not attempted: 17 draft(s): the limit of 5 reached; run again" in first.summary()
    rest = send(drafts_dir, smtp)
    assert rest.counts["delivered"] == 17
    assert rest.counts["already delivered"] == 5
    assert len(smtp.inbox.messages) == 22


def test_rate_limit_spaces_messages(drafts_dir, smtp):
    import time

    start = time.monotonic()
    send(drafts_dir, smtp, limit=4, interval=0.2)
    assert time.monotonic() - start >= 0.6  # three gaps between four messages


def test_an_interrupted_send_is_uncertain_until_the_user_asks(drafts_dir, smtp):
    drafts = read_outbox(drafts_dir)
    with ledger_of(drafts_dir) as ledger:  # what a run killed mid-send leaves behind
        ledger.begin("send", "smtp", drafts[0].message_id, server="x", draft="", recipient="")
    report = send(drafts_dir, smtp)
    assert report.counts["uncertain"] == 1
    assert report.counts["delivered"] == 21
    assert smtp.inbox.count(drafts[0].message_id) == 0
    assert not report.ok
    assert "resend_uncertain=True" in report.summary()
    assert "with --resend-uncertain." in report.summary(resend="--resend-uncertain")
    assert send(drafts_dir, smtp).counts["uncertain"] == 1  # still not sent on its own

    resent = send(drafts_dir, smtp, resend_uncertain=True)
    assert resent.counts["delivered"] == 1
    assert resent.ok
    assert smtp.inbox.count(drafts[0].message_id) == 1


def test_implicit_tls(drafts_dir, smtps):
    with ledger_of(drafts_dir) as ledger:
        sender = SmtpSender(smtps.server(security="ssl"))
        report = deliver(read_outbox(drafts_dir), sender, ledger, limit=2)
    assert report.counts["delivered"] == 2
    assert len(smtps.inbox.messages) == 2


def test_connection_problems_are_one_clear_error(drafts_dir, smtp):
    drafts = read_outbox(drafts_dir)
    cases = {
        "refused the login for 'avery'": smtp.server(password="wrong"),
        "certificate cannot be verified": smtp.server(tls=tls_context()),
        "cannot reach SMTP server 127.0.0.1:1": smtp.server(port=1),
    }
    for message, server in cases.items():
        with pytest.raises(DeliveryError, match=re.escape(message)):
            deliver(drafts, SmtpSender(server), None)
    assert smtp.inbox.messages == []
    unverified = smtp.server(tls=tls_context(verify=False))
    assert deliver(drafts, SmtpSender(unverified), None, limit=1).counts["delivered"] == 1


# --- IMAP ----------------------------------------------------------------------------------


def upload(folder: Path, server, *, name: str | None = None, **options: object):
    options.setdefault("backoff", 0.01)
    with ledger_of(folder) as ledger:
        return deliver(read_outbox(folder), ImapUploader(server, name), ledger, **options)


def message_ids(messages: list[tuple[bytes, bytes]]) -> list[str]:
    return sorted(
        str(message_from_bytes(m, policy=policy.default)["Message-ID"]) for _, m in messages
    )


def test_upload_places_each_draft_once_flagged_as_draft(drafts_dir, dovecot: Dovecot):
    server = dovecot.server()
    report = upload(drafts_dir, server)
    assert report.counts["delivered"] == 22
    assert report.ok
    assert report.target.endswith("/Drafts")  # the folder the server marks \Drafts
    stored = dovecot.folder(server)
    files = {d.message_id: d.raw for d in read_outbox(drafts_dir)}
    assert message_ids(stored) == sorted(files)
    for flags, data in stored:
        assert b"\\Draft" in flags
        message_id = str(message_from_bytes(data, policy=policy.default)["Message-ID"])
        assert data == files[message_id].replace(b"\n", b"\r\n")

    again = upload(drafts_dir, server)
    assert again.counts["already delivered"] == 22
    assert len(dovecot.folder(server)) == 22


def test_upload_resolves_an_interrupted_run_by_looking_in_the_folder(drafts_dir, dovecot):
    server = dovecot.server()
    drafts = read_outbox(drafts_dir)
    uploader = ImapUploader(server)
    uploader.connect()
    uploader.deliver(drafts[0])  # reached the folder, but the run died before recording it
    uploader.close()
    with ledger_of(drafts_dir) as ledger:
        for draft in drafts[:2]:  # attempts begun, never finished
            ledger.begin(
                "upload", uploader.target, draft.message_id, server="", draft="", recipient=""
            )
    report = upload(drafts_dir, server)
    assert report.counts["already delivered"] == 1
    assert report.counts["delivered"] == 21
    assert message_ids(dovecot.folder(server)) == sorted(d.message_id for d in drafts)


def test_upload_never_duplicates_even_without_the_ledger(drafts_dir, dovecot):
    server = dovecot.server()
    upload(drafts_dir, server, limit=7)
    (drafts_dir / LEDGER_NAME).unlink()
    report = upload(drafts_dir, server)
    assert report.counts["already delivered"] == 7
    assert report.counts["delivered"] == 15
    assert len(dovecot.folder(server)) == 22


def test_upload_with_starttls_to_a_named_folder(drafts_dir, dovecot):
    server = dovecot.server(port=dovecot.port, security="starttls")
    report = upload(drafts_dir, server, name="Sent", limit=3)
    assert report.counts["delivered"] == 3
    assert report.target.endswith("/Sent")
    assert len(dovecot.folder(server, "Sent")) == 3


def test_upload_problems_are_one_clear_error(drafts_dir, dovecot):
    cases = {
        "has no folder 'Brouillons'; it has: Drafts, INBOX, Sent": (dovecot.server(), "Brouillons"),
        "check the password": (dovecot.server(password="wrong"), None),
        "certificate cannot be verified": (dovecot.server(tls=tls_context()), None),
        "TLS failed": (dovecot.server(port=dovecot.port), None),  # TLS spoken to STARTTLS port
        "cannot reach IMAP server 127.0.0.1:1": (dovecot.server(port=1), None),
    }
    for message, (server, name) in cases.items():
        with pytest.raises(DeliveryError, match=re.escape(message)):
            upload(drafts_dir, server, name=name)


class FlakyUploader(ImapUploader):
    """A real uploader whose connection breaks at chosen drafts: before the append reaches
    the server (``cut_before``) or after it did, with the answer lost (``cut_after``)."""

    def __init__(self, server, *, cut_before=(), cut_after=()):
        super().__init__(server)
        self.cut_before, self.cut_after, self.calls = set(cut_before), set(cut_after), 0

    def deliver(self, draft):
        self.calls += 1
        if self.calls in self.cut_before:
            self._client.shutdown()
        reply = super().deliver(draft)
        if self.calls in self.cut_after:
            self._client.shutdown()
            raise Dropped("socket closed before the answer was read", maybe_delivered=True)
        return reply


def test_upload_recovers_from_drops_before_and_after_the_server_stored_a_draft(drafts_dir, dovecot):
    server = dovecot.server()
    uploader = FlakyUploader(server, cut_before={4}, cut_after={9})
    with ledger_of(drafts_dir) as ledger:
        report = deliver(read_outbox(drafts_dir), uploader, ledger, backoff=0.01)
        attempts = ledger.table().set_index("draft")["attempts"]
    assert report.counts["delivered"] == 22
    assert report.ok
    drafts = read_outbox(drafts_dir)
    assert message_ids(dovecot.folder(server)) == sorted(d.message_id for d in drafts)
    assert attempts[drafts[3].source] == 2  # cut before the append: appended again
    # call 9 is the 8th draft (call 5 was the 4th draft's second append)
    assert attempts[drafts[7].source] == 1  # stored, then found in the folder: not again
    detail = report.outcomes.set_index("draft").loc[drafts[7].source, "detail"]
    assert detail == "found in the folder after a drop"


class SlowToReconnect(SmtpSender):
    """A real sender whose chosen connection attempts fail, as a server that is briefly away."""

    def __init__(self, server, *, failing):
        super().__init__(server)
        self.failing, self.calls = set(failing), 0

    def connect(self):
        self.calls += 1
        if self.calls in self.failing:
            raise DeliveryError("cannot reach SMTP server: Connection refused")
        super().connect()


def test_reconnect_keeps_trying_with_backoff_then_goes_on(drafts_dir, smtp):
    smtp.inbox.drop_at_rcpt.add(3)
    sender = SlowToReconnect(smtp.server(), failing={2, 3})  # the first two retries fail
    with ledger_of(drafts_dir) as ledger:
        report = deliver(read_outbox(drafts_dir), sender, ledger, backoff=0.01)
    assert report.counts["delivered"] == 22
    assert report.ok
    assert sender.calls == 4


def test_when_reconnecting_fails_the_rest_wait_for_the_next_run(drafts_dir, smtp):
    smtp.inbox.drop_at_rcpt.add(3)
    sender = SlowToReconnect(smtp.server(), failing={2, 3, 4})
    with ledger_of(drafts_dir) as ledger:
        report = deliver(read_outbox(drafts_dir), sender, ledger, retries=3, backoff=0.01)
    assert report.counts["delivered"] == 2
    assert report.counts["failed"] == 1  # dropped at RCPT: certainly not sent, retried next run
    assert report.counts["not attempted"] == 19
    assert not report.ok
    assert "not attempted: 19 draft(s): connection lost: cannot reach SMTP" in report.summary()
    assert send(drafts_dir, smtp).counts["delivered"] == 20
    assert len(smtp.inbox.messages) == 22
