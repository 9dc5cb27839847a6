"""Revision histories as printed under a title: "（1993年，赫尔辛基；…；2009年1；2024年，新德里4）".

One event per year ("1972年、1976年和1980年，日内瓦" gives three); an entry without a city (a change agreed
between assemblies, or the bare years of an A-series history) has city None; a footnote marker glued to an
entry ("2009年1") takes the footnote's text as the event's note. "2022，日内瓦" (Res. 60) lacks 年: accepted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from itut_kb.extract.model import RevisionEvent

_ENTRY = re.compile(r"^(\d{4}年?(?:[、和]\d{4}年?)*)(?:，(\D+?))?(\d{1,2})?$")


def parse_history(text: str, footnotes: Mapping[int, str] | None = None) -> tuple[RevisionEvent, ...]:
    """ "（1993年，赫尔辛基；…；2009年1；…）": one event per year; a footnote marker gives a note."""
    events: list[RevisionEvent] = []
    for entry in re.sub(r"^（|）\d*。?$", "", text).split("；"):
        m = _ENTRY.match(entry.strip())
        if not m:
            raise ValueError(f"unexpected history entry {entry!r} in {text!r}")
        years, city, marker = m.groups()
        note = (footnotes or {}).get(int(marker)) if marker else None
        events += [RevisionEvent(int(year), city, note) for year in re.findall(r"\d{4}", years)]
    return tuple(events)
