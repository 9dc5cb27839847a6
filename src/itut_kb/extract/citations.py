"""Cross-references found in running text: WTSA Resolutions and ITU-T Recommendation numbers.

Recommendations: a number "<letter>.<digits>[.<digits>…]" counts as an ITU-T Recommendation when
"ITU-T" (or the PDF's broken "ITU T") stands right before it, when "建议书" follows it, or when it
continues a dual number ("G.820/I.351/Y.1501"). "之二" after a number is the printed form of "bis".
A number followed by a letter or digit ("Q.10xx") is a pattern, not a Recommendation.

Resolutions: "第N号决议" (or a list, "第44和48号决议", "第1、2号决议") counts as a WTSA Resolution when N is a WTSA Resolution of the proceedings
and the reference is not another body's: a date "（YYYY年，city…）" right after it must be one of the
assemblies of Resolution 2's own history (WTSA 1993 … 2024), and without a date no other body
(Plenipotentiary, Council, WTDC, Radiocommunication Assembly, UN General Assembly) may be named just
before it in the same phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_REC = re.compile(
    r"(?P<prefix>ITU[- ]T\s?|/)?(?<![A-Za-z0-9.])(?P<letter>[A-Z])\.(?P<digits>\d+(?:\.\d+)*)"
    r"(?P<bis>之二|bis)?(?![A-Za-z0-9])(?P<suffix>建议书)?"
)
_RES = re.compile(
    r"第\s?(?P<ns>\d+(?:\s?[、和及]\s?第?\s?\d+)*)\s?号决议(?:（(?P<year>\d{4})年，(?P<city>[^，）]+))?"
)
_OTHER_BODY = re.compile(
    r"(全权代表大会|理事会|电信发展大会|WTDC|无线电通信全会|联大|联合国大会|PP-\d+)[^；。，]{0,40}$"
)


def recommendation_numbers(text: str) -> list[str]:
    """ITU-T Recommendation numbers cited in ``text``, in order, each once ("Q.933bis" for "Q.933之二")."""
    found: list[str] = []
    chained = False
    last_end = -1
    for match in _REC.finditer(text):
        prefix = match.group("prefix") or ""
        continues = prefix == "/" and chained and match.start() == last_end
        if prefix.startswith("ITU") or match.group("suffix") or continues:
            number = f"{match.group('letter')}.{match.group('digits')}"
            if match.group("bis"):
                number += "bis"
            if number not in found:
                found.append(number)
            chained = True
        else:
            chained = False
        last_end = match.end() - len(match.group("suffix") or "")
    return found


def resolution_numbers(
    text: str, wtsa_numbers: Iterable[int], assemblies: Iterable[tuple[int, str]]
) -> list[int]:
    """WTSA Resolution numbers cited in ``text``, in order, each once."""
    known = set(wtsa_numbers)
    dates = set(assemblies)
    found: list[int] = []
    for match in _RES.finditer(text):
        if match.group("year"):
            if (int(match.group("year")), match.group("city").strip()) not in dates:
                continue
        elif _OTHER_BODY.search(text[: match.start()]):
            continue
        for number in (int(n) for n in re.findall(r"\d+", match.group("ns"))):
            if number in known and number not in found:
                found.append(number)
    return found
