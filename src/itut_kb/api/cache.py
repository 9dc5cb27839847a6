"""The response cache: reads answered once per state of the KB, with ``ETag``, ``If-None-Match`` and
``Cache-Control``.

A state of the KB never changes (a change makes a new state), so an answer is a function of the state it
read, the scheme and host it was asked on (the service description names its own URL), the route, its
parameters, ``Accept`` and, for a SPARQL query sent by POST, the body. This pure ASGI
middleware sits in front of the app: it names the state a request reads (``as_of``, ``version``: the same
:meth:`History.key` the routes use, which re-reads the head of the change log, so a change recorded by any
process is seen at the next request), and answers a hit, or a 304 to a matching ``If-None-Match``, on the
event loop with no routing, no thread and no worker process. On a miss it hands the state's key to the
route (``request.state.kb_key``, read by the view dependency and by /sparql), so that the answer is
computed on exactly the state it is stored under, and keeps the answer when it is a 200 of bounded size.

Writes (``POST /api/changes``), the change log and health are never cached. The ETag is weak: the digest of
the baseline (the KB files, the queries, the package version), the state and the request's key; the
Cache-Control says ``no-cache`` (keep, but revalidate: a change may come at any time) unless both
``version`` and ``as_of`` pin the state, which then never changes.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from itut_kb.errors import ItutKbError

if TYPE_CHECKING:
    from itut_kb.living.states import StateKey
    from itut_kb.services import Services

# Reads that depend on nothing but the state of the KB (prefixes of the path, GET; /sparql also by POST).
CACHED_PATHS = ("/api/", "/id/", "/sparql")
NEVER_CACHED = ("/api/changes", "/api/health")
STATE_PARAMETERS = (b"as_of", b"version")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_VERSION = re.compile(r"^\d{1,9}$")
PINNED = b"public, max-age=86400"
REVALIDATE = b"public, no-cache"


@dataclass(frozen=True)
class Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + 200


class Answers:
    """The kept answers by (state, request key), least recently used out first, within ``max_bytes``."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max(max_bytes, 0)
        self.max_entry = self.max_bytes // 16
        self.entries: OrderedDict[tuple[str, bytes], Entry] = OrderedDict()
        self.size = 0
        self.hits = self.misses = self.not_modified = 0

    def get(self, slot: tuple[str, bytes]) -> Entry | None:
        entry = self.entries.get(slot)
        if entry is not None:
            self.hits += 1
            self.entries.move_to_end(slot)
        return entry

    def keep(self, slot: tuple[str, bytes], entry: Entry) -> None:
        old = self.entries.pop(slot, None)
        if old is not None:
            self.size -= old.size
        self.entries[slot] = entry
        self.size += entry.size
        while self.size > self.max_bytes and self.entries:
            _slot, evicted = self.entries.popitem(last=False)
            self.size -= evicted.size

    def status(self) -> dict[str, int]:
        return {
            "entries": len(self.entries),
            "bytes": self.size,
            "max_bytes": self.max_bytes,
            "hits": self.hits,
            "misses": self.misses,
            "not_modified": self.not_modified,
        }


class ResponseCache:
    """The middleware: answers a kept answer, or a 304, before the app; keeps the app's 200s."""

    def __init__(self, app: ASGIApp, services: Services, answers: Answers, max_body_bytes: int) -> None:
        self.app = app
        self.services = services
        self.answers = answers
        self.max_body = max_body_bytes

    # ---------------------------------------------------------------- ASGI
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        answers = self.answers
        if scope["type"] != "http" or not answers.max_bytes or not _cacheable(scope):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        pinned_params = _state_parameters(scope.get("query_string", b""))
        if pinned_params is None:  # malformed or repeated: the route answers (and says why)
            await self.app(scope, receive, send)
            return
        version, as_of = pinned_params
        try:
            key = self.services.history.key(version, as_of)
        except ItutKbError:
            await self.app(scope, receive, send)
            return
        body = b""
        if scope["method"] == "POST":
            read = await _read_body(receive, headers, self.max_body)
            if read is None:
                await self.app(scope, receive, send)
                return
            body, receive = read
        scope.setdefault("state", {})["kb_key"] = key
        request_key = b"\0".join(
            (
                scope["method"].encode("ascii"),
                scope.get("scheme", "http").encode("ascii"),
                headers.get(b"host", b""),  # answers may name the service's own URL (/sparql's description)
                scope.get("raw_path") or scope["path"].encode("utf-8"),
                scope.get("query_string", b""),
                headers.get(b"accept", b""),
                headers.get(b"content-type", b"") if body else b"",
                body,
            )
        )
        digest = hashlib.blake2b(request_key, digest_size=8).hexdigest()
        etag = f'W/"{self.services.baseline_digest}-{key.etag}-{digest}"'.encode("ascii")
        control = PINNED if version is not None and as_of is not None else REVALIDATE
        if _matches(headers.get(b"if-none-match"), etag):
            answers.not_modified += 1
            await _send_not_modified(send, etag, control, key)
            return
        slot = (key.etag, request_key)
        entry = answers.get(slot)
        if entry is not None:
            await _send_entry(send, entry)
            return
        answers.misses += 1
        await self._answer_and_keep(scope, receive, send, slot, etag, control)

    async def _answer_and_keep(
        self, scope: Scope, receive: Receive, send: Send, slot: tuple[str, bytes], etag: bytes, control: bytes
    ) -> None:
        status = 0
        kept_headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal keep, size, status, kept_headers
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                keep = status == 200 and not any(
                    k.lower() == b"cache-control" and b"no-store" in v.lower() for k, v in headers
                )
                if status == 200:
                    headers = [h for h in headers if h[0].lower() not in {b"etag", b"cache-control"}]
                    headers += [(b"etag", etag), (b"cache-control", control)]
                    message["headers"] = headers
                kept_headers = list(headers)  # as sent here: outer middleware (CORS) may add to the message
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if size > self.answers.max_entry:
                    keep = False
                    chunks.clear()
                elif not message.get("more_body", False):
                    self.answers.keep(slot, Entry(status, kept_headers, b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)


# ---------------------------------------------------------------------------------------- helpers
def _cacheable(scope: Scope) -> bool:
    path: str = scope["path"]
    method: str = scope["method"]
    if not path.startswith(CACHED_PATHS) or path.startswith(NEVER_CACHED):
        return False
    return method == "GET" or (method == "POST" and path == "/sparql")


def _headers(scope: Scope) -> dict[bytes, bytes]:
    out: dict[bytes, bytes] = {}
    for name, value in scope["headers"]:
        out[name] = value if name not in out else out[name] + b"," + value
    return out


def _state_parameters(query_string: bytes) -> tuple[int | None, date | None] | None:
    """(version, as_of) of the URL; None when either is repeated or malformed."""
    if b"as_of" not in query_string and b"version" not in query_string:
        return None, None
    version: int | None = None
    as_of: date | None = None
    seen: set[str] = set()
    for name, val in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        if name not in {"as_of", "version"}:
            continue
        if name in seen:
            return None
        seen.add(name)
        if name == "version":
            if not _VERSION.match(val):
                return None
            version = int(val)
        else:
            if not _DAY.match(val):
                return None
            try:
                as_of = date.fromisoformat(val)
            except ValueError:
                return None
    return version, as_of


async def _read_body(
    receive: Receive, headers: dict[bytes, bytes], limit: int
) -> tuple[bytes, Receive] | None:
    """The whole body of a request that declares a length within ``limit``, and a ``receive`` that replays
    it; None (nothing read) otherwise."""
    length = headers.get(b"content-length", b"")
    if not length.isdigit() or int(length) > limit or b"transfer-encoding" in headers:
        return None
    parts: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        parts.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = b"".join(parts)
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return body, replay


def _matches(if_none_match: bytes | None, etag: bytes) -> bool:
    if not if_none_match:
        return False
    weak = etag.removeprefix(b"W/")
    return any(tag.strip().removeprefix(b"W/") == weak for tag in if_none_match.split(b","))


async def _send_not_modified(send: Send, etag: bytes, control: bytes, key: StateKey) -> None:
    headers = [
        (b"etag", etag),
        (b"cache-control", control),
        (b"vary", b"Accept"),
        (b"x-kb-version", str(key.version).encode("ascii")),
        (b"x-kb-state", key.etag.encode("ascii")),
    ]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


async def _send_entry(send: Send, entry: Entry) -> None:
    await send({"type": "http.response.start", "status": entry.status, "headers": list(entry.headers)})
    await send({"type": "http.response.body", "body": entry.body})
