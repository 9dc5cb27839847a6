"""Fixtures of the living-KB tests: a fresh store directory per test over the real KB, with a token of each role.

The baseline store, the shapes and the query catalogs are read once per session and shared (they are
never written to: a state is a copy); each test gets its own change log.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from itut_kb.config import Settings
from itut_kb.errors import ChangeRejectedError
from itut_kb.living.changelog import ChangeLog, ChangeRecord
from itut_kb.living.gate import Gate
from itut_kb.living.states import History
from itut_kb.living.tokens import Agent
from itut_kb.services import Services
from itut_kb.submissions import InputFormat
from itut_kb.validation_report import ValidationReport

ROOT = Path(__file__).resolve().parents[2]
AUTHORITY = {"body": "SG17", "document": "SG17-R12", "date": "2025-09-05"}


@pytest.fixture(scope="session")
def template() -> Services:
    """Read-only services over the real KB, warmed once: baseline, shapes, catalogs, the gate's queries."""
    services = Services(Settings(root=ROOT))
    _ = services.history.baseline, services.schema.kb_shapes, services.catalog, services.rules_catalog
    services.schema.warm()
    return services


@dataclass
class Living:
    services: Services
    editor: Agent
    admin: Agent
    other_editor: Agent

    @property
    def log(self) -> ChangeLog:
        return self.services.require_log()

    def submit(
        self, doc: dict[str, Any], agent: Agent | None = None, if_match: int | None = None
    ) -> ChangeRecord:
        body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        return self.services.gate.submit(body, InputFormat.JSON, agent or self.editor, if_match)

    def rejected(self, doc: dict[str, Any], agent: Agent | None = None) -> ValidationReport:
        """The report of a change the gate must refuse; the log must not have moved."""
        head = self.log.head()
        with pytest.raises(ChangeRejectedError) as caught:
            self.submit(doc, agent)
        assert self.log.head() == head
        report = caught.value.report
        assert isinstance(report, ValidationReport)
        assert not report.conforms
        return report


def change(kind: str, data: dict[str, Any], effective: str = "2025-09-05", **extra: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "effective": effective,
        "authority": extra.pop("authority", AUTHORITY),
        "data": data,
        **extra,
    }


def messages(report: ValidationReport) -> list[str]:
    return [f.message_en for f in report.findings if f.severity == "Violation"]


@pytest.fixture
def living(template: Services, tmp_path: Path) -> Iterator[Living]:
    settings = Settings(root=ROOT, store_dir=tmp_path / "store")
    services = Services(settings)
    for name in ("catalog", "examples", "rules_catalog", "schema"):
        services.__dict__[name] = getattr(template, name)
    base = template.history
    services.__dict__["history"] = History(base.baseline, services.change_log, base.rules, cache_size=4)
    gate = Gate(services, services.require_log())
    shared = template.__dict__.setdefault("_gate_parts", {})
    for name in ("effects", "kinds", "shapes", "post_checks"):
        if name not in shared:
            shared[name] = getattr(Gate(template, ChangeLog(tmp_path / "warm")), name)
        gate.__dict__[name] = shared[name]
    services.__dict__["gate"] = gate
    tokens = services.tokens
    agents = [
        tokens.verify(tokens.create(n, r))
        for n, r in (("alice", "editor"), ("root", "admin"), ("bob", "editor"))
    ]
    yield Living(services, *agents)
    services.require_log().close()
