"""Bearer tokens of the people who write to the KB: created, checked and revoked; stored hashed.

A token is 32 random bytes (``secrets``), shown once at creation; the store keeps only its SHA-256, which
is enough for a secret of that entropy (there is nothing to brute-force, unlike a password). A token has a
unique name, kept for ever (a revoked name is not given again: changes are attributed to it), and a role:

- ``editor``: may apply the domain changes (Questions, posts, Recommendations, Annex C) and revert their own;
- ``admin``: may also apply raw RDF changes (``kb-change``) and revert anyone's.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from itut_kb.errors import ConflictError, InvalidParameterError, NotFoundError, UnauthorizedError
from itut_kb.living.changelog import ChangeLog

ROLES = ("editor", "admin")
PREFIX = "itkb_"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


@dataclass(frozen=True)
class Agent:
    """Who a valid token belongs to."""

    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Tokens:
    def __init__(self, log: ChangeLog) -> None:
        self.log = log

    def create(self, name: str, role: str) -> str:
        """A new token for ``name``; ConflictError if the name was ever used."""
        if not _NAME.match(name):
            raise InvalidParameterError(
                f"a token name is 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or "
                f"digit; got {name!r}"
            )
        if role not in ROLES:
            raise InvalidParameterError(f"a role is one of {', '.join(ROLES)}; got {role!r}")
        token = PREFIX + secrets.token_urlsafe(32)
        with self.log.transaction() as db:
            if db.execute("SELECT 1 FROM tokens WHERE name = ?", (name,)).fetchone():
                raise ConflictError(f"the token name {name!r} is taken (names are never reused)")
            db.execute(
                "INSERT INTO tokens (name, role, digest, created_at) VALUES (?, ?, ?, ?)",
                (name, role, _digest(token), now()),
            )
        return token

    def revoke(self, name: str) -> None:
        with self.log.transaction() as db:
            cursor = db.execute(
                "UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", (now(), name)
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"no active token named {name!r}")

    def verify(self, token: str | None) -> Agent:
        """The agent of ``token``; UnauthorizedError when it is missing, unknown or revoked."""
        if not token:
            raise UnauthorizedError("this operation needs a token: send 'Authorization: Bearer TOKEN'")
        rows = self.log.read(
            "SELECT name, role, digest FROM tokens WHERE digest = ? AND revoked_at IS NULL", (_digest(token),)
        )
        if not rows or not hmac.compare_digest(rows[0][2], _digest(token)):
            raise UnauthorizedError("the token is not valid (unknown or revoked)")
        return Agent(rows[0][0], rows[0][1])

    def list(self) -> list[dict[str, str | None]]:
        rows = self.log.read("SELECT name, role, created_at, revoked_at FROM tokens ORDER BY name")
        return [{"name": n, "role": r, "created_at": c, "revoked_at": v} for n, r, c, v in rows]
