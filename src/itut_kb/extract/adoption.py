"""A Resolution's status at WTSA-24, read from its heading and checked against its revision history.

The heading of a Resolution prints the assembly that last adopted its text:

=====================================  ===========  ======================================================
heading                                status       revision history
=====================================  ===========  ======================================================
第2号决议（2024年，新德里，修订版）        revised      earlier assemblies, ending with 2024, New Delhi
第101号决议（2024年，新德里）              new          2024, New Delhi, alone
第1号决议（2022年，日内瓦，修订版）         unchanged    ending before 2024 (in force, last revised earlier)
第83号决议（2016年，哈马马特）              unchanged    ending before 2024 (in force, adopted earlier)
=====================================  ===========  ======================================================

Only Resolutions in force have a status; the abrogated one has none. A heading that disagrees with its
history (a "new" Resolution with an earlier history, a "revised" one without) stops the build.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from itut_kb.extract.model import RevisionEvent

NEW, REVISED, UNCHANGED = "new", "revised", "unchanged"
STATUSES = (NEW, REVISED, UNCHANGED)
WTSA24 = (2024, "新德里")
_HEADING = re.compile(r"^第\d+号决议（(?P<year>\d{4})年，(?P<city>[^，）]+)(?P<revised>，修订版)?）$")


class AdoptionError(ValueError):
    """A heading that does not read as "第N号决议（YYYY年，city[，修订版]）" or disagrees with its history."""


def wtsa24_status(heading_zh: str, history: Sequence[RevisionEvent]) -> str:
    """``new``, ``revised`` or ``unchanged``: what WTSA-24 did to the Resolution ``heading_zh`` heads."""
    match = _HEADING.match(heading_zh)
    if match is None:
        raise AdoptionError(f"{heading_zh!r} does not name the assembly that adopted the Resolution")
    if (int(match["year"]), match["city"]) != WTSA24:
        status = UNCHANGED
    else:
        status = REVISED if match["revised"] else NEW
    dated = [(e.year, e.city_zh) for e in history if e.city_zh]
    agrees = {
        NEW: dated == [WTSA24],
        REVISED: len(dated) > 1 and dated[-1] == WTSA24,
        UNCHANGED: bool(dated) and dated[-1][0] < WTSA24[0],
    }[status]
    if not agrees:
        raise AdoptionError(f"{heading_zh!r} says {status}, its history says {dated}")
    return status
