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

from itut_kb.errors import InvalidParameterError, NotFoundError, UnauthorizedError
from itut_kb.living.changelog import BaseChangeLog

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
    def __init__(self, log: BaseChangeLog) -> None:
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
        self.log.add_token(name, role, _digest(token), now())
        return token

    def revoke(self, name: str) -> None:
        if not self.log.revoke_token(name, now()):
            raise NotFoundError(f"no active token named {name!r}")

    def verify(self, token: str | None) -> Agent:
        """The agent of ``token``; UnauthorizedError when it is missing, unknown or revoked."""
        if not token:
            raise UnauthorizedError("this operation needs a token: send 'Authorization: Bearer TOKEN'")
        row = self.log.token_by_digest(_digest(token))
        if row is None or not hmac.compare_digest(row["digest"], _digest(token)):
            raise UnauthorizedError("the token is not valid (unknown or revoked)")
        return Agent(row["name"], row["role"])

    def list(self) -> list[dict[str, str | None]]:
        return [
            {k: row[k] for k in ("name", "role", "created_at", "revoked_at")} for row in self.log.token_rows()
        ]
