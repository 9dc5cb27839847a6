"""The texts a list names, with their marks: "第COM4/1(ADD)、第91(MOD)号决议", "A.25(MOD)建议书",
"Res.20 (MOD)", and the unmarked lists of the committees: "第60、100号决议", "第COM4/DPI、COM4/MV号新决议",
"关于VC的新决议", "ITU-T A.25建议书".

A designation is a Resolution's number ("91"), an A-series Recommendation's number ("A.25") or a new
Resolution's provisional name ("COM4/1", "NG", "COM3/APT-NG", "VC"). The mark, where printed, is ADD
(new), MOD (modified), SUP (suppressed) or NOC (no change).

Source anomaly: "第COM4/CLI-CL)(ADD)" (B9) has a stray ")"; the designation is read as "COM4/CLI-CL" and
the reference keeps the printed form.
"""

from __future__ import annotations

import re

from itut_kb.extract.model import Span
from itut_kb.extract.record.model import TextRef

_MARKED = re.compile(
    r"(?:第|Res\.)?\s?(?P<d>A\.\d+|\d+|[A-Z][A-Za-z0-9/\-)]*?)\s?\((?P<mark>ADD|MOD|SUP|NOC)\)"
)
_RECOMMENDATION = re.compile(r"(?:ITU-T\s?)?(?P<d>A\.\d+)(?:\([A-Z]{3}\))?建议书")
_NUMBERED = re.compile(r"第(?P<list>\d+(?:、第?\d+)*)号决议")
_NEW_NAMED = re.compile(r"第(?P<list>[A-Z][A-Za-z0-9/\-]*(?:、[A-Z][A-Za-z0-9/\-]*)*)号新决议")
_NEW_ABOUT = re.compile(r"关于(?P<list>[A-Z][A-Za-z\-]*(?:、[A-Z][A-Za-z\-]*)*)的新决议")


def marked_texts(text: str, span: Span) -> list[TextRef]:
    """Every "designation(MARK)" of ``text``, in order."""
    out = []
    for match in _MARKED.finditer(text):
        designation = match["d"].rstrip(")")
        kind = "recommendation" if re.fullmatch(r"A\.\d+", designation) else "resolution"
        out.append(TextRef(kind, designation, match["mark"], match.group(0).strip(), span))
    return out


def listed_texts(text: str, span: Span) -> list[TextRef]:
    """The texts of an unmarked list, in order: numbered Resolutions, new ones, A-series Recommendations."""
    found: list[tuple[int, TextRef]] = []
    for match in _NUMBERED.finditer(text):
        for number in re.finditer(r"\d+", match["list"]):
            found.append((match.start() + number.start(), _ref("resolution", number.group(0), match, span)))
    for pattern in (_NEW_NAMED, _NEW_ABOUT):
        for match in pattern.finditer(text):
            for name in re.finditer(r"[^、]+", match["list"]):
                found.append((match.start() + name.start(), _ref("resolution", name.group(0), match, span)))
    for match in _RECOMMENDATION.finditer(text):
        found.append((match.start(), _ref("recommendation", match["d"], match, span)))
    return [ref for _at, ref in sorted(found, key=lambda pair: pair[0])]


def _ref(kind: str, designation: str, match: re.Match[str], span: Span) -> TextRef:
    return TextRef(kind, designation, None, match.group(0), span)
