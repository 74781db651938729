"""Uploading drafts over IMAP into a mailbox folder, flagged ``\\Draft``."""

from __future__ import annotations

import imaplib
import re
import unicodedata
from collections.abc import Sequence
from contextlib import suppress
from email.parser import BytesHeaderParser
from email.utils import getaddresses

from imapclient import imap_utf7

from followup.deliver._auth import imap_login
from followup.deliver._outbox import Draft
from followup.deliver._transport import Dropped, Refused, Server, connecting
from followup.errors import DeliveryError


def open_imap(server: Server) -> imaplib.IMAP4:
    """An IMAP connection to ``server`` over TLS, logged in with its user and its
    credential (a password in any script, or an OAuth2 token).

    Raises
    ------
    DeliveryError
        The server cannot be reached, or refuses TLS or the login.
    """
    client: imaplib.IMAP4 | None = None

    def close() -> None:
        if client is not None:
            with suppress(imaplib.IMAP4.error, OSError):
                client.shutdown()

    with connecting("IMAP", server, on_error=close):
        if server.security == "ssl":
            client = imaplib.IMAP4_SSL(
                server.host, server.port, ssl_context=server.tls, timeout=server.timeout
            )
        else:
            client = imaplib.IMAP4(server.host, server.port, timeout=server.timeout)
            client.starttls(ssl_context=server.tls)
        credential = server.credential
        if credential is None:
            raise DeliveryError(
                f"IMAP server {server.address}: no password or token to log in with.",
                options=("password",),
            )
        imap_login(client, server.host, server.user or "", credential)
    assert client is not None
    return client


def mailbox_name(folder: str) -> str:
    """A folder's name as IMAP commands write it: modified UTF-7 (RFC 3501), quoted.

    >>> mailbox_name("Entwürfe"), mailbox_name("R&D")
    ('"Entw&APw-rfe"', '"R&-D"')
    """
    encoded = bytes(imap_utf7.encode(unicodedata.normalize("NFC", folder))).decode("ascii")
    return '"' + encoded.replace("\\", "\\\\").replace('"', '\\"') + '"'


def folder_name(raw: str) -> str:
    """A folder's name as a LIST response gives it (modified UTF-7), for people.

    >>> folder_name("Entw&APw-rfe")
    'Entwürfe'
    """
    return unicodedata.normalize("NFC", str(imap_utf7.decode(raw.encode("ascii", "replace"))))


_LIST_LINE = re.compile(r'\((?P<flags>[^)]*)\) (?:"(?:[^"\\]|\\.)*"|NIL) (?P<name>.+)')
_MESSAGE_IDS = re.compile(rb"<[^<>\s]+>")
_HEADERS = BytesHeaderParser()


class ImapUploader:
    """Appends drafts to a mailbox folder with the ``\\Draft`` flag, to review and send
    from any mail client. Without a folder name, the one the server marks ``\\Drafts``."""

    action = "upload"
    can_look_up = True

    def __init__(self, server: Server, folder: str | None = None) -> None:
        self.server, self.folder = server, folder
        self._client: imaplib.IMAP4 | None = None
        #: The To address of each draft found in the folder by :meth:`present`.
        self.found_to: dict[str, str] = {}

    @property
    def target(self) -> str:
        return f"imap://{self.server.user}@{self.server.address}/{self.folder or 'Drafts'}"

    @property
    def _mailbox(self) -> str:
        """The folder as IMAP commands name it: modified UTF-7, quoted."""
        return mailbox_name(self.folder or "Drafts")

    def connect(self) -> None:
        self.close()
        self._client = open_imap(self.server)
        with connecting("IMAP", self.server, on_error=self.close):
            self.folder = self._choose_folder(self._client)

    def _choose_folder(self, client: imaplib.IMAP4) -> str:
        _, lines = client.list()
        folders: dict[str, str] = {}
        for line in lines:
            match = (
                _LIST_LINE.fullmatch(line.decode("utf-8", "replace"))
                if isinstance(line, bytes)
                else None
            )
            if match:
                name = match["name"]
                if name.startswith('"'):
                    name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
                folders[folder_name(name)] = match["flags"]
        if self.folder is None:
            marked = [name for name, flags in folders.items() if "\\drafts" in flags.lower()]
            return marked[0] if marked else "Drafts"
        self.folder = unicodedata.normalize("NFC", self.folder)
        if self.folder not in folders:
            raise DeliveryError(
                f"IMAP server {self.server.address} has no folder {self.folder!r}; "
                f"it has: {', '.join(sorted(folders)) or 'none'}. Choose one of them.",
                options=("folder",),
            )
        return self.folder

    def present(self, message_ids: Sequence[str]) -> set[str]:
        """Which of these Message-IDs are in the folder already (one round trip). The
        ``To`` of each copy found is kept in :attr:`found_to`."""
        client = self._client
        assert client is not None, "connect() first"
        wanted = set(message_ids)
        if not wanted:
            return set()
        try:
            status, data = client.select(self._mailbox, readonly=True)
            if status != "OK" or data[0] in (b"0", None):
                return set()
            _, fetched = client.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID TO)])")
        except (imaplib.IMAP4.abort, OSError) as exc:
            raise Dropped(str(exc), maybe_delivered=False) from None
        found: set[str] = set()
        for item in fetched:
            if isinstance(item, tuple):
                headers = _HEADERS.parsebytes(item[1])
                to = [a.lower() for _, a in getaddresses(headers.get_all("To", [])) if a]
                for match in _MESSAGE_IDS.findall(str(headers.get("Message-ID", "")).encode()):
                    message_id = match.decode("ascii", "replace")
                    found.add(message_id)
                    if message_id in wanted and len(to) == 1:
                        self.found_to[message_id] = to[0]
        return found & wanted

    def deliver(self, draft: Draft) -> str:
        client = self._client
        assert client is not None, "connect() first"
        try:
            status, data = client.append(self._mailbox, r"(\Draft)", None, draft.raw)
        except imaplib.IMAP4.abort as exc:
            raise Dropped(str(exc), maybe_delivered=True) from None
        except imaplib.IMAP4.error as exc:
            raise Refused(str(exc)) from None
        except OSError as exc:
            raise Dropped(str(exc) or type(exc).__name__, maybe_delivered=True) from None
        reply = " ".join(d.decode("utf-8", "replace") for d in data if isinstance(d, bytes))
        if status != "OK":
            raise Refused(f"{status} {reply}")
        return f"{status} {reply}"

    def close(self) -> None:
        if self._client is not None:
            with suppress(imaplib.IMAP4.error, OSError):
                self._client.logout()
            self._client = None
