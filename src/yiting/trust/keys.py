"""The community's Ed25519 signing key: made at first use in the data directory, readable by
its owner only, never published. Its fingerprint (SHA-256 of the public key) is the
community's identity on every page and notice.

`cryptography` is imported here, when a key is needed, never on the console's start path.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from yiting.errors import YitingError
from yiting.trust.checkpoint import assemble, fingerprint

KEY_FILE = "signing-key.pem"
KEY_MODE = 0o600


@dataclass(frozen=True)
class SigningKey:
    private: object  # Ed25519PrivateKey
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def sign(self, text: str) -> str:
        """The signed note of a checkpoint body."""
        return assemble(text, self.public_key, self.private.sign(text.encode("utf-8")))  # type: ignore[attr-defined]


def key_path() -> Path:
    from yiting.locations import data_dir

    return data_dir() / KEY_FILE


def key_file_digest(path: Path | None = None) -> str:
    """A digest of the key file as it is (empty when there is none): tells that the key was
    replaced without loading it."""
    import hashlib

    try:
        return hashlib.sha256((path or key_path()).read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


def _from_private(private: object) -> SigningKey:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)  # type: ignore[attr-defined]
    return SigningKey(private, raw)


def _load_pem(data: bytes, passphrase: bytes | None) -> SigningKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        private = load_pem_private_key(data, password=passphrase)
    except TypeError as exc:  # a passphrase given for a plain key, or none for an encrypted one
        raise YitingError("key.need_passphrase" if passphrase is None else "key.bad_passphrase") from exc
    except ValueError as exc:
        raise YitingError("key.bad_passphrase" if passphrase else "key.not_a_key") from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise YitingError("key.not_a_key")
    return _from_private(private)


def write_private(path: Path, data: bytes) -> None:
    """Write a key file only its owner can read, without ever having it readable by others."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".tmp-key-{os.urandom(6).hex()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, KEY_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, KEY_MODE)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _plain_pem(key: SigningKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    return key.private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())  # type: ignore[attr-defined]


def existing_key(path: Path | None = None) -> SigningKey | None:
    path = path or key_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise YitingError("key.unreadable", path=str(path), detail=exc.strerror or str(exc)) from exc
    try:
        return _load_pem(data, None)
    except YitingError as exc:
        raise YitingError("key.damaged", path=str(path)) from exc


def community_key(path: Path | None = None) -> SigningKey:
    """The community's key, made now if there is none yet."""
    path = path or key_path()
    key = existing_key(path)
    if key is not None:
        return key
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = _from_private(Ed25519PrivateKey.generate())
    try:
        write_private(path, _plain_pem(key))
    except OSError as exc:
        raise YitingError("key.unwritable", path=str(path), detail=exc.strerror or str(exc)) from exc
    return key


def export_key(passphrase: str, path: Path | None = None) -> bytes:
    """The key as a passphrase-protected PEM (PKCS#8, the best encryption `cryptography` has)."""
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, Encoding, PrivateFormat

    if len(passphrase) < 8:
        raise YitingError("key.short_passphrase")
    key = existing_key(path)
    if key is None:
        raise YitingError("key.none", path=str(path or key_path()))
    return key.private.private_bytes(  # type: ignore[attr-defined]
        Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(passphrase.encode("utf-8")))


def import_key(data: bytes, passphrase: str, path: Path | None = None, *, replace: bool = False) -> SigningKey:
    """Install an exported key. A different key already in place is kept aside (renamed with the
    time), and only with `replace`."""
    path = path or key_path()
    key = _load_pem(data, passphrase.encode("utf-8") if passphrase else None)
    current = existing_key(path) if path.exists() else None
    if current is not None and current.fingerprint == key.fingerprint:
        return key
    if path.exists():
        if not replace:
            raise YitingError("key.exists", fingerprint=current.fingerprint[:16] if current else "?")
        path.rename(path.with_name(f"{path.name}.replaced-{datetime.now().strftime('%Y%m%d-%H%M%S')}"))
    write_private(path, _plain_pem(key))
    return key
