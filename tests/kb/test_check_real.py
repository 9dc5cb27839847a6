"""`itut-kb check` on the committed KB: SHACL and every *-violation query report zero violations."""

from __future__ import annotations

import pytest

from itut_kb.checks import Report

pytestmark = [pytest.mark.kb, pytest.mark.slow]


def test_committed_kb_has_zero_violations(check_report: Report) -> None:
    report = check_report  # run once for the session (tests/conftest.py)
    assert report.violations == [], report.as_text()
    assert "shacl" in report.checks_run
    assert len(report.checks_run) > 5
