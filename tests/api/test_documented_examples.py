"""Every documented example is run (issue 14): each ``$ command`` of README.md and docs/*.md, in a shell, in
the order of its document, against a live server and the real KB; what the document shows must be there.

- ``itut-kb …`` runs the command line; ``curl …`` runs curl against a live server (the documented
  ``127.0.0.1:8000`` / ``:8765`` / ``localhost:8000`` become its address). The server keeps a store
  directory, so that the README's session of changes (a token, a change, a revert) runs as written: the
  token the session creates is ``$TOKEN``, ``.kb-store`` is the test's store directory.
- ``$ cat FILE`` of a file the repository does not have writes the documented content there (the example's
  input), and so does a fenced block whose info string names a file (```` ```sparql owner-values.rq ````);
  ``$ echo $?`` checks the exit status of the previous command.
- The exit status: ``(exit N)`` or ``# exit N`` as documented, else 0; for curl, a documented HTTP status
  (``# 400, text/plain``), else 2xx.
- The output: every piece of the documented output between ``…`` (whitespace ignored, so pretty and compact
  JSON compare alike; times and generated ids ignored) must be in what the command printed: each member of
  a line of JSON, each cell of a line of a table (cells are two spaces or more apart). Indented ``# …``
  lines after a command continue its comment.

An example that cannot run as written is listed in SKIPPED with the reason; anything else that fails to run
or to match fails the test of its document.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from itut_kb.config import Settings
from liveserver import ROOT, Live, start_server

# README last: its session of changes moves the shared server past version 0, which docs/api.md shows
DOCUMENTS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
HOST = re.compile(r"(?:https?://)?(?:127\.0\.0\.1|localhost):(?:8000|8765)")
ANNOTATION = re.compile(r"\s{3,}\((?:exit \d|the .*|.*see below.*)\)\s*$")
EXIT = re.compile(r"\(exit (\d)\)|#\s*exit (\d)\b|, exit (\d)\b")
HTTP_STATUS = re.compile(r"#\s*(\d{3})\b")
JSON_MEMBER = re.compile(r',(?=")|[{}\[\]]')
TABLE_CELLS = re.compile(r"\s{2,}")
VOLATILE = [
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z"), "<time>"),  # recorded_at
    (re.compile(r"\bc-[0-9a-f]{12}\b"), "<change-id>"),  # ids the server gives reverts
    (re.compile(r"itkb_[A-Za-z0-9_-]+"), "itkb_"),  # tokens
    (re.compile(r"_:[0-9A-Za-z]+"), "_:b"),  # blank nodes of the service description
    (re.compile(r"\[\d{3,7}\]"), "[pid]"),  # process ids in logs
]
# Examples that cannot run as written, by document and the start of the command, with the reason.
SKIPPED = {
    ("api.md", "itut-kb serve"): "starts a server in the foreground (tests/api/test_serve.py starts it)",
    ("api.md", "time curl"): "waits for the 10 s timeout (tests/api/test_sparql_timeout.py runs it at 1.5 s)",
    ("README.md", "curl -s … --data-binary"): "elided in the text (tests/api/test_changes_api.py sends it)",
    ("README.md", "curl -s … (the same"): "elided in the text (tests/api/test_changes_api.py sends it)",
    ("api.md", "curl -si http://127.0.0.1:8000/api/recommendations/E.164/owner | grep"): (
        "the ETag names the baseline's digest and the state, which move with every build and change "
        "(tests/api/test_response_cache.py checks the headers and the 304)"
    ),
    (
        "api.md",
        "curl -si -H 'If-None-Match",
    ): "the ETag of the example before (test_response_cache.py sends it)",
}


@dataclass
class Example:
    document: str
    line: int
    command: str
    output: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.document}:{self.line}"


def examples(path: Path) -> Iterator[Example]:
    """The ``$ `` commands of the fenced blocks of ``path``, with the lines they document as output."""
    lines = path.read_text(encoding="utf-8").splitlines()
    in_block, current = False, None
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            if in_block and current is not None:
                yield current
                current = None
            info = line[3:].split()
            if not in_block and len(info) == 2:  # ```sparql owner-values.rq: the block is that file
                current = Example(path.name, i + 1, f"@file {info[1]}")
                in_block = True
                i += 1
                while not lines[i].startswith("```"):
                    current.output.append(lines[i])
                    i += 1
                yield current
                current = None
                i += 1
                continue
            in_block = not in_block
        elif in_block and line.startswith("$ "):
            if current is not None:
                yield current
            command, i = _command(lines, i)
            current = Example(path.name, i + 1, command)
        elif in_block and current is not None:
            current.output.append(line)
        i += 1


def _command(lines: list[str], start: int) -> tuple[str, int]:
    """A command and its continuation lines (an open quote, a trailing backslash); the index of its last line."""
    text, i = lines[start][2:], start
    while i + 1 < len(lines) and (text.rstrip().endswith("\\") or not _balanced(text)):
        i += 1
        if text.rstrip().endswith("\\"):
            text = text.rstrip().removesuffix("\\") + " " + lines[i].strip()
        else:
            text += "\n" + lines[i]
    return text, i


def _balanced(text: str) -> bool:
    try:
        shlex.split(text, comments=True)
    except ValueError:
        return False
    return True


def _squash(text: str) -> str:
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return "".join(text.split())


def missing_pieces(documented: list[str], printed: str) -> list[str]:
    """The pieces of the documented output the command did not print. A line of JSON is cut into its members
    (``"key": value``), which may come in another order or with others between them."""
    actual = _squash(printed)
    out = []
    for documented_line in documented:
        if documented_line.lstrip().startswith("# "):
            continue  # a comment continuing the command's, not output
        for piece in ANNOTATION.sub("", documented_line).split("…"):
            squashed = _squash(piece)
            if '":' in squashed:
                parts = JSON_MEMBER.split(squashed)
            else:  # table cells (two spaces or more apart) may be cut or left out: each must be printed
                parts = [_squash(cell) for cell in TABLE_CELLS.split(piece.strip())]
            parts = [part.strip(",") for part in parts]
            out += [part for part in parts if re.search(r"\w", part) and part not in actual]
    return out


@pytest.fixture(scope="module")
def docs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Live, Path]]:
    store = tmp_path_factory.mktemp("store")
    settings = Settings(root=ROOT, store_dir=store, sparql_workers=2, query_timeout_s=10.0)
    with start_server(settings) as live:
        yield live, store


class Runner:
    """Runs the examples of one document in order, in ``workdir``, collecting failures."""

    def __init__(self, live: Live, store: Path, workdir: Path) -> None:
        self.live, self.store, self.workdir = live, store, workdir
        self.env = {
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "ITUT_KB_ROOT": str(ROOT),
        }
        self.failures: list[str] = []
        self.ran = 0
        self.last_code = 0

    def run(self, ex: Example, checked_by_echo: bool) -> None:
        if ex.command.startswith("@file "):
            self._write(ex.command.removeprefix("@file "), ex.output)
            return
        command = HOST.sub(self.live.url, ex.command).replace(".kb-store", str(self.store))
        comment = _comment(command)
        command = command[: len(command) - len(comment)].rstrip()
        words = shlex.split(command)
        if words[:1] == ["cat"] and not (self.workdir / words[1]).exists():
            self._write(words[1], ex.output)
        elif command == "echo $?":
            if [o.strip() for o in ex.output if o.strip()] != [str(self.last_code)]:
                self.failures.append(
                    f"{ex.where}: the previous command exited {self.last_code}, not {ex.output}"
                )
        else:
            self._execute(ex, command, comment, words, checked_by_echo)

    def _write(self, name: str, lines: list[str]) -> None:
        (self.workdir / name).write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _execute(
        self, ex: Example, command: str, comment: str, words: list[str], checked_by_echo: bool
    ) -> None:
        is_curl = (
            words[0] == "curl" and "-w" not in words
        )  # a curl that shows its status itself is read as is
        if is_curl:
            command += " --write-out '\\n@@status %{http_code}'"
        done = subprocess.run(
            ["bash", "-c", command],
            check=False,
            capture_output=True,
            text=True,
            cwd=self.workdir,
            env=self.env,
            timeout=300,
        )
        self.ran += 1
        self.last_code = done.returncode
        printed = done.stdout + done.stderr
        if words[:3] == ["itut-kb", "token", "create"]:
            self.env["TOKEN"] = done.stdout.strip()
        if is_curl:
            printed = self._check_status(ex, printed, comment, "-i" in words)
        elif done.returncode != _expected_exit(comment, ex.output) and not checked_by_echo:
            self.failures.append(f"{ex.where}: exit {done.returncode}, not as documented: {printed[-300:]}")
        missing = missing_pieces([HOST.sub(self.live.url, o) for o in ex.output], printed)
        if missing:
            self.failures.append(f"{ex.where}: {ex.command.splitlines()[0]!r} did not print {missing[:3]}")

    def _check_status(self, ex: Example, printed: str, comment: str, headers_shown: bool) -> str:
        """The HTTP status against the documented one (a comment, or the output); the output without it."""
        found = re.search(r"@@status (\d{3})", printed)
        status = found.group(1) if found else None
        documented = HTTP_STATUS.search(comment)
        if status and documented and status != documented.group(1):
            self.failures.append(f"{ex.where}: HTTP {status}, documented {documented.group(1)}")
        if status is None:
            self.failures.append(f"{ex.where}: curl printed no HTTP status")
            return printed
        undocumented = not documented and not headers_shown and not any(status in o for o in ex.output)
        if not status.startswith("2") and undocumented:
            self.failures.append(f"{ex.where}: HTTP {status}, not documented")
        return re.sub(r"\n?@@status \d{3}", "", printed)


@pytest.mark.slow
@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_documented_examples(document: Path, docs_server: tuple[Live, Path], tmp_path: Path) -> None:
    live, store = docs_server
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    runner = Runner(live, store, tmp_path)
    found = list(examples(document))
    for index, ex in enumerate(found):
        if any(ex.document == doc and ex.command.startswith(start) for doc, start in SKIPPED):
            continue
        following = found[index + 1].command.strip() if index + 1 < len(found) else ""
        runner.run(ex, checked_by_echo=following == "echo $?")
    # changes.md shows synopses; remote.md's examples need a SPARQL server of one's own (tests/remote runs them)
    assert runner.ran or document.name in {"changes.md", "remote.md"}, f"{document.name}: no example ran"
    assert not runner.failures, "\n".join(runner.failures)


def _comment(command: str) -> str:
    """The comment after a command (``# 400, text/plain``): from a ``#`` outside quotes after a space."""
    quote = None
    for i, ch in enumerate(command):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or command[i - 1].isspace()):
            return command[i:]
    return ""


def _expected_exit(comment: str, output: list[str]) -> int:
    for text in [comment, *output]:
        match = EXIT.search(text or "")
        if match:
            return int(next(g for g in match.groups() if g))
    return 0


def test_the_matching_catches_drift() -> None:
    assert missing_pieces(
        ['{"triples": 56973, "questions": 122}'], '{\n  "questions": 122,\n  "triples": 1\n}'
    ) == ['"triples":56973']
    assert (
        missing_pieces(['{"id": "1/17", …, "title_zh": "安全"}'], '{"title_zh":"安全","x":1,"id":"1/17"}')
        == []
    )
    assert missing_pieces(
        ["15 checks, 0 violations     (the Y.1501 conflict)"], "14 checks, 0 violations"
    ) == ["15checks,0violations"]


def test_every_document_has_examples_and_every_skip_is_current() -> None:
    found = {p.name: list(examples(p)) for p in DOCUMENTS}
    assert sum(len(v) for v in found.values()) >= 80
    for name in ("README.md", "api.md", "ownership.md", "validation.md"):
        assert found[name], name
    for document, start in SKIPPED:
        assert any(ex.command.startswith(start) for ex in found[document]), (document, start)
