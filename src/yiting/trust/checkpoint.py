"""The signed checkpoint: what a publish vouches for, after Certificate Transparency's signed
tree heads and the C2SP checkpoint (a signed note), kept as small as yiting needs.

    yiting-checkpoint/1 ab12cd34ef567890          <- format and the signer's short fingerprint
    412                                          <- events in the log (its size)
    9f2c…(64 hex)                                 <- the hash of event 412: the log's head
    prev 51e0…(64 hex, or 64 zeros for the first)  <- SHA-256 of the previous checkpoint's note
    time 2026-12-07T14:02:11+08:00
    key MCowBQYDK2VwAyEA…                         <- the Ed25519 public key (32 bytes, base64)
    minutes 3 2 7c4d…(64 hex)                     <- meeting 3, version 2: SHA-256 of its minutes.json
    file index.html 0a1b…(64 hex)                 <- the version's other files (v2/…), and
    file latest.html 77e0…(64 hex)                   the meeting's page as published with it (m/3/index.html)
    (empty line)
    — ab12cd34ef567890 3q2+7w…(base64 of the 64-byte Ed25519 signature of the lines above)

The signature covers the body: every line above the empty one, each ending in "\\n". A
checkpoint's own hash (what the next one names as `prev`) is the SHA-256 of the whole note.
The fingerprint is the SHA-256 of the raw 32-byte public key, in hex; its first 16 digits are
its short form, printed on every page and notice. docs/record-format.md has the rules.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass, field

FORMAT = "yiting-checkpoint/1"
ZERO = "0" * 64
SHORT = 16  # hex digits of a fingerprint or head in their short form
_HEX64 = re.compile(r"[0-9a-f]{64}")
_NAME = re.compile(r"[a-z][a-z0-9.-]{0,40}")
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")


class CheckpointError(ValueError):
    """A note that is not a valid checkpoint; `reason` is a message key (trust.bad_*)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Checkpoint:
    size: int
    head: str
    prev: str
    time: str
    meeting: int
    version: int
    minutes: str  # SHA-256 of the version's minutes.json
    public_key: bytes
    note: str  # the whole signed note, as published
    files: dict[str, str] = field(default_factory=dict)  # file name: SHA-256

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    @property
    def hash(self) -> str:
        return note_hash(self.note)


def fingerprint(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()


def short(hex_text: str) -> str:
    """The short form of a fingerprint or head: its first 16 hex digits in groups of four."""
    head = hex_text[:SHORT]
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


def note_hash(note: str) -> str:
    return hashlib.sha256(note.encode("utf-8")).hexdigest()


def body(*, size: int, head: str, prev: str, time: str, meeting: int, version: int, minutes: str,
         public_key: bytes, files: dict[str, str] | None = None) -> str:
    """The signed part of a checkpoint; `files` maps a file name to its SHA-256."""
    lines = [f"{FORMAT} {fingerprint(public_key)[:SHORT]}", str(size), head, f"prev {prev}", f"time {time}",
             f"key {base64.b64encode(public_key).decode()}", f"minutes {meeting} {version} {minutes}"]
    lines += [f"file {name} {digest}" for name, digest in sorted((files or {}).items())]
    return "".join(line + "\n" for line in lines)


def assemble(text: str, public_key: bytes, signature: bytes) -> str:
    """A body and its signature as one note."""
    return f"{text}\n\u2014 {fingerprint(public_key)[:SHORT]} {base64.b64encode(signature).decode()}\n"


def parse(note: str) -> tuple[Checkpoint, bytes, str]:
    """The checkpoint, its signature and its signed body; raises CheckpointError when the note
    is not laid out as FORMAT says (it does not check the signature: `verify` does)."""
    if not isinstance(note, str) or "\n\n" not in note:
        raise CheckpointError("trust.bad_layout")
    text, _, signature_part = note.partition("\n\n")
    text += "\n"
    lines = text.split("\n")[:-1]
    if len(lines) < 7 or not signature_part.endswith("\n") or signature_part.count("\n") != 1:
        raise CheckpointError("trust.bad_layout")
    origin, size, head, prev, time, key, minutes, *file_lines = lines
    try:
        public_key = base64.b64decode(key.removeprefix("key "), validate=True)
        sig_fields = signature_part[:-1].split(" ")
        signature = base64.b64decode(sig_fields[2], validate=True) if len(sig_fields) == 3 else b""
        meeting, version, digest = minutes.removeprefix("minutes ").split(" ")
        files = {}
        for line in file_lines:
            word, name, file_digest = line.split(" ")
            if word != "file" or not _NAME.fullmatch(name) or not _HEX64.fullmatch(file_digest) or name in files:
                raise CheckpointError("trust.bad_layout")
            files[name] = file_digest
        checkpoint = Checkpoint(int(size), head, prev.removeprefix("prev "), time.removeprefix("time "),
                                int(meeting), int(version), digest, public_key, note, files)
    except (ValueError, binascii.Error) as exc:
        raise CheckpointError("trust.bad_layout") from exc
    short_fp = fingerprint(public_key)[:SHORT]
    well_formed = (
        origin == f"{FORMAT} {short_fp}" and key.startswith("key ") and len(public_key) == 32
        and size == str(checkpoint.size) and checkpoint.size >= 0
        and all(_HEX64.fullmatch(h) for h in (checkpoint.head, checkpoint.prev, checkpoint.minutes))
        and prev.startswith("prev ") and minutes.startswith("minutes ") and time.startswith("time ")
        and _TIME.fullmatch(checkpoint.time) is not None
        and sig_fields[:2] == ["\u2014", short_fp] and len(signature) == 64
        and checkpoint.meeting > 0 and checkpoint.version > 0
        and minutes == f"minutes {checkpoint.meeting} {checkpoint.version} {digest}"
    )
    if not well_formed:
        raise CheckpointError("trust.bad_layout")
    return checkpoint, signature, text


def verify(note: str) -> Checkpoint:
    """The checkpoint a note holds, once its signature is checked against the key it names;
    raises CheckpointError (trust.bad_layout, trust.bad_signature). Whether that key is the
    community's is the caller's question: compare `fingerprint` with the one you hold."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    checkpoint, signature, text = parse(note)
    try:
        Ed25519PublicKey.from_public_bytes(checkpoint.public_key).verify(signature, text.encode("utf-8"))
    except (InvalidSignature, ValueError) as exc:
        raise CheckpointError("trust.bad_signature") from exc
    return checkpoint
