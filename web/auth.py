"""API tokens: created by the CLI, stored hashed in a JSON file, checked on every protected call."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROLES = ("reader", "editor", "admin")
PREFIX = "ppsm"
# scrypt parameters: the secret is random, so these guard a leaked file, not weak passwords.
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}


class TokenError(ValueError):
    """A token command got a bad role or an unknown token."""


@dataclass(frozen=True)
class TokenRecord:
    """One stored token: never the secret itself, only its salted scrypt hash."""

    id: str
    name: str
    role: str
    salt: str
    hash: str
    created: str
    expires: str | None = None  # ISO time; None: until revoked

    def public(self) -> dict[str, str | None]:
        """What `token list` shows: everything but the salt and hash."""
        return {"id": self.id, "name": self.name, "role": self.role, "created": self.created,
                "expires": self.expires}

    def expired(self, now: datetime | None = None) -> bool:
        """Whether the token's expiry time has passed."""
        if self.expires is None:
            return False
        return (now or datetime.now(UTC)) >= datetime.fromisoformat(self.expires)


def default_tokens_file() -> Path:
    """The tokens file when PPSMATCH_TOKENS_FILE is unset: in the Flask instance folder."""
    from flask import Flask

    return Path(Flask("web.app").instance_path) / "tokens.json"


def role_allows(role: str, needed: str) -> bool:
    """Whether a token of `role` may do what needs `needed` (admin > editor > reader)."""
    return ROLES.index(role) >= ROLES.index(needed)


def _digest(secret: str, salt: bytes) -> str:
    return hashlib.scrypt(secret.encode(), salt=salt, **SCRYPT).hex()


class TokenFile:
    """The token registry in one JSON file; re-read whenever the file changes on disk."""

    def __init__(self, path: str | Path):
        """Remember the path; nothing is read until needed."""
        self.path = Path(path)
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._records: dict[str, TokenRecord] = {}
        # Verified tokens by their fast fingerprint, so scrypt runs once per token per process.
        self._verified: dict[str, TokenRecord] = {}

    def create(self, name: str, role: str,
               valid_for: timedelta | None = None) -> tuple[TokenRecord, str]:
        """Store a new token; return its record and the token text (shown only this once).

        With `valid_for` the token expires that long after now.
        """
        if role not in ROLES:
            raise TokenError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
        if not name.strip():
            raise TokenError("a token needs a name")
        token_id = secrets.token_hex(4)
        secret = secrets.token_urlsafe(32)
        salt = secrets.token_bytes(16)
        now = datetime.now(UTC)
        expires = (now + valid_for).isoformat(timespec="seconds") if valid_for else None
        record = TokenRecord(token_id, name.strip(), role, salt.hex(), _digest(secret, salt),
                             now.isoformat(timespec="seconds"), expires)
        with self._lock:
            records = dict(self._read())
            records[token_id] = record
            self._write(records)
        return record, f"{PREFIX}_{token_id}_{secret}"

    def list(self) -> tuple[TokenRecord, ...]:
        """All stored tokens, oldest first."""
        with self._lock:
            return tuple(sorted(self._read().values(), key=lambda r: (r.created, r.id)))

    def revoke(self, id_or_name: str) -> TokenRecord:
        """Delete the token with that id (or that unique name); TokenError when none matches."""
        with self._lock:
            records = dict(self._read())
            found = [r for r in records.values() if id_or_name in (r.id, r.name)]
            if len(found) != 1:
                problem = "no token" if not found else "more than one token"
                raise TokenError(f"{problem} with id or name {id_or_name!r}")
            del records[found[0].id]
            self._write(records)
        return found[0]

    def verify(self, token: str) -> TokenRecord | None:
        """The record of a valid token, or None (unknown, wrong secret, revoked or expired)."""
        parts = token.split("_", 2)
        if len(parts) != 3 or parts[0] != PREFIX:
            return None
        fingerprint = hashlib.sha256(token.encode()).hexdigest()
        with self._lock:
            record = self._read().get(parts[1])
            if record is None:
                return None
            if self._verified.get(fingerprint) == record:
                return None if record.expired() else record
        if not hmac.compare_digest(_digest(parts[2], bytes.fromhex(record.salt)), record.hash):
            return None
        if record.expired():
            return None
        with self._lock:
            self._verified[fingerprint] = record
        return record

    def _read(self) -> dict[str, TokenRecord]:
        """The records, re-read only when the file's size or mtime changed."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            self._stamp, self._records, self._verified = None, {}, {}
            return self._records
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp != self._stamp:
            data = json.loads(self.path.read_text(encoding="utf-8") or "{}")
            self._records = {r["id"]: TokenRecord(**r) for r in data.get("tokens", [])}
            self._stamp, self._verified = stamp, {}
        return self._records

    def _write(self, records: dict[str, TokenRecord]) -> None:
        """Replace the file atomically, readable by its owner only."""
        body = json.dumps({"tokens": [asdict(r) for r in records.values()]}, indent=2)
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tokens-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(body)
                handle.flush()
                os.fsync(handle.fileno())  # on disk before it replaces the old file
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except OSError as exc:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
            raise TokenError(f"cannot write {self.path}: {exc.strerror or exc}; "
                             "the tokens file is unchanged") from exc
        self._read()
