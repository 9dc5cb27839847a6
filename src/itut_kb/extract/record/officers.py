"""The chairs and vice-chairs of the Assembly, its committees and working groups, as the reports name them.

A person is printed "Faysal Bayouli先生（阿拉伯国家联盟（LAS），突尼斯）" (Committee 2: organization,
then Member State) or "Tania Villa Trápala女士（墨西哥，美洲国家电信委员会）" (Committee 4: Member State,
then organization). Which part is the organization is known from the regional organizations' names
(:data:`ORGANIZATIONS`, curated); the other is the Member State, as printed.

Where the reports name them:

- the Assembly's chair: "全体会议主席：Ritu Ranjan Mittar先生（印度）" (first plenary);
- Committee 2: "在主席X（…）的主持和副主席Y（…）、Z（…）的辅佐下";
- Committee 4 and its working groups: "由X（…）担任主席，委员会副主席Y（…）、…和Z（…）提供支持",
  "X（…）担任4A工作组主席，并得到4A工作组副主席Y（…）和Z（…）的支持";
- Committees 2 and 5, by the fourth plenary: "第5委员会主席Sophia Nahoza女士（坦桑尼亚）";
- Committee 3 and its working group 3B, in Committee 3's report: "感谢主席Miyaji先生为第3委员会…",
  "WG3B工作组主席Taddei先生";
- Committee 5's French vice-chair, added by the second plenary ("增加第5委员会缺失的法文副主席"),
  whose name the record does not print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from itut_kb.extract.model import Span
from itut_kb.extract.record.model import Officer

_PERSON = r"(?P<name>[^（）、，：]+?(?:先生|女士))（(?P<info>(?:[^（）]|（[A-Z]+）)+)）"
_PERSONS = re.compile(r"(?:^|、|和)" + _PERSON)
_COM2 = re.compile(r"在主席" + _PERSON + r"的主持和副主席(?P<vices>.+?)的辅佐下")
_COM4 = re.compile(r"由" + _PERSON + r"担任主席，委员会副主席(?P<vices>.+?)提供支持")
_WORKING_GROUP = re.compile(
    r"(?:其中|，)" + _PERSON + r"担任(?P<wg>\d[A-Z])工作组主席，并得到(?P=wg)工作组副主席(?P<vices>.+?)的支持"
)
_NAMED_CHAIR = re.compile(
    r"第(?P<c>\d)委员会主席(?P<name>[A-Z][^（）、，]*?(?:先生|女士))（(?P<info>[^（）]+)）"
)
_COM3_CHAIR = re.compile(r"感谢主席(?P<name>[A-Z][A-Za-z]*(?:先生|女士))为第3委员会")
_WG_CHAIR = re.compile(r"WG(?P<wg>\d[A-Z])工作组主席(?P<name>[A-Z][A-Za-z]*(?:先生|女士))")
_ASSEMBLY_CHAIR = re.compile(r"^(?P<name>.+?(?:先生|女士))（(?P<info>[^（）]+)）$")


@dataclass(frozen=True)
class Organization:
    abbr: str
    name_zh: str
    label_en: str
    why: str


def load_organizations(path: Path) -> list[Organization]:
    """data/curated/regional_organizations.tsv: abbreviation, Chinese name, English name, why."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    return [Organization(*row[:4]) for row in rows[1:] if row and not row[0].startswith("#")]


class OfficerReader:
    """Reads persons with the regional organizations' names in hand."""

    def __init__(self, organizations: Sequence[Organization]) -> None:
        self.by_name = {o.name_zh: o.abbr for o in organizations}
        self.abbrs = {o.abbr for o in organizations}

    def split(self, info: str) -> tuple[str | None, str | None]:
        """(member state, organization) of "阿拉伯国家联盟（LAS），突尼斯" or "墨西哥，美洲国家电信委员会"."""
        state = organization = None
        for part in (p.strip() for p in info.split("，")):
            abbr = re.search(r"（([A-Z]+)）", part)
            if abbr and abbr.group(1) in self.abbrs:
                organization = abbr.group(1)
            elif part in self.by_name:
                organization = self.by_name[part]
            else:
                state = part
        return state, organization

    def committee_officers(self, body: str, text: str, span: Span) -> list[Officer]:
        """Chair and vice-chairs of Committee 2 (``body`` "COM2") or 4, and of Committee 4's groups."""
        out: list[Officer] = []
        for pattern in (_COM2, _COM4):
            match = pattern.search(text)
            if match:
                out += self._team(body, match, span)
        for match in _WORKING_GROUP.finditer(text):
            out += self._team(match["wg"], match, span)
        return out

    def _team(self, body: str, match: re.Match[str], span: Span) -> list[Officer]:
        state, org = self.split(match["info"])
        team = [Officer(body, "chair", 1, match["name"].removeprefix("其中"), state, org, span)]
        for ordinal, vice in enumerate(_PERSONS.finditer(match["vices"]), start=1):
            state, org = self.split(vice["info"])
            team.append(Officer(body, "vice-chair", ordinal, vice["name"].strip(), state, org, span))
        return team

    def named_chairs(self, text: str, span: Span) -> list[Officer]:
        """ "第5委员会主席Sophia Nahoza女士（坦桑尼亚）" in the fourth plenary's report."""
        out = []
        for match in _NAMED_CHAIR.finditer(text):
            state, org = self.split(match["info"])
            out.append(Officer(f"COM{match['c']}", "chair", 1, match["name"], state, org, span))
        return out

    def assembly_chair(self, printed: str, span: Span) -> Officer:
        match = _ASSEMBLY_CHAIR.match(printed)
        if match is None:
            return Officer("WTSA-24", "chair", 1, printed, None, None, span)
        state, org = self.split(match["info"])
        return Officer("WTSA-24", "chair", 1, match["name"], state, org, span)


def committee3_officers(text: str, span: Span) -> list[Officer]:
    """Committee 3's chair and the chair of its working group 3B, named only in passing."""
    out = []
    chair = _COM3_CHAIR.search(text)
    if chair:
        out.append(Officer("COM3", "chair", 1, chair["name"], None, None, span))
    for match in _WG_CHAIR.finditer(text):
        if not any(o.body == match["wg"] for o in out):
            out.append(Officer(match["wg"], "chair", 1, match["name"], None, None, span))
    return out


def merge(officers: Iterable[Officer]) -> list[Officer]:
    """One officer per post (body, role, ordinal): the first reading, completed by later ones."""
    found: dict[tuple[str, str, int], Officer] = {}
    for officer in officers:
        key = (officer.body, officer.role, officer.ordinal)
        known = found.get(key)
        if known is None:
            found[key] = officer
        elif known.member_state_zh is None and officer.member_state_zh:
            found[key] = Officer(
                known.body,
                known.role,
                known.ordinal,
                known.name_zh,
                officer.member_state_zh,
                known.organization or officer.organization,
                known.span,
                known.role_zh,
            )
    return list(found.values())
