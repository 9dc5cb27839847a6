"""Addressees of a Resolution's block heading: "责成第13、17和20研究组" -> three study groups.

The names after the heading's verb, split at "、"/"和"/"以及" where every piece ends with a known head noun;
qualifiers dropped; those named in a collaboration ("与…协作") are collaborators, not addressees. Names
that follow "特别是"/"尤其是" take the role of the list they single out: addressees after an addressee
("请成员国，尤其是非洲区域成员国": both addressed, the second :func:`in_particular`), collaborators inside
a collaboration ("与相关研究组（尤其是…第11和第17研究组）协作").
"""

from __future__ import annotations

import re

_HEADS = (
    "成员国",
    "成员",
    "研究组",
    "主任",
    "顾问组",
    "秘书长",
    "学术界",
    "理事会",
    "利益攸关方",
    "代表处",
    "区域组",
    "委员会",
    "部门",
    "组织",
    "工作组",
)
_QUALIFIERS = re.compile(
    r"在其各自职权范围内|在其职权范围内并?|根据各自的职权|各自在其职权内|在部门职权内|"
    r"根据世界电信标准化全会.*|（包括中小企业）"
)
_COLLAB = re.compile(r"^(.*?)(?:与|协同)(.+?)(?:密切|紧密)?(?:开展协作|协同工作|协作|合作)?$")
_TYPOS = {"部门成员部门准成员": "部门成员、部门准成员"}  # Res 50, line 5762: a "、" is missing


def addressees(rest: str) -> tuple[str, ...]:
    """The addressees named after a heading's verb: "第13、17和20研究组" -> three study groups.

    Qualifiers ("在其职权范围内", "，酌情" …) are dropped; groups named with "尤其是" are addressees
    too, except inside a collaboration, whose partners are :func:`collaborators`, not addressees.
    """
    return _read_addressees(rest)[0]


def in_particular(rest: str) -> tuple[str, ...]:
    """The addressees singled out with "特别是"/"尤其是": "相关研究组，尤其是…第13研究组" -> SG13."""
    return _read_addressees(rest)[2]


def collaborators(rest: str) -> tuple[str, ...]:
    """Those the addressees are to work with: "电信标准化局主任与电信发展局主任协作" -> the BDT Director."""
    return _read_addressees(rest)[1]


def _read_addressees(rest: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(addressees, collaborators, addressees named in particular)."""
    for wrong, right in _TYPOS.items():
        rest = rest.replace(wrong, right)
    names: list[str] = []
    partners: list[str] = []
    particular: list[str] = []
    for raw in rest.split("，"):
        part = _QUALIFIERS.sub("", raw)
        singled_out = part.startswith(_SINGLING_OUT)
        part = part.removeprefix("尤其是").removeprefix("特别是")
        if not part or part.startswith(("各自", "酌情", "在可用")):
            continue
        bare = re.sub(r"（.*?）", "", part)
        m = _COLLAB.match(bare) if re.search("与|协同", bare) else None
        if m:
            names += _split_names(m.group(1))
            partners += _split_names(m.group(2)) + _in_particular(part[re.search("与|协同", part).start() :])  # type: ignore[union-attr]
        else:
            named = _split_names(bare)
            names += named + _in_particular(part)
            particular += (named if singled_out else []) + _in_particular(part)
    names = list(dict.fromkeys(names))
    partners = [n for n in dict.fromkeys(partners) if n not in names]
    return tuple(names), tuple(partners), tuple(dict.fromkeys(particular))


_SINGLING_OUT = ("尤其是", "特别是")


def _in_particular(text: str) -> list[str]:
    """The names in "（尤其是…）" / "（特别是…）" parentheses."""
    return [name for found in re.findall(r"（(?:尤其是|特别是)(.+?)）", text) for name in _split_names(found)]


def _split_names(text: str) -> list[str]:
    """Split "A、B和C" into names sharing a head ("第13、17和20研究组", "电信发展局和无线电通信局主任").

    A split stands only if every piece ends with a known head noun; else only "、" is tried, and
    then the text is kept whole ("国际电联理事会财务和人力资源工作组").
    """
    text = re.sub(r"^(ITU-T|国际电联电信标准化部门)(?=第\d)", "", text.strip())
    for separators in (r"、|以及|和|及(?=其它)", "、"):
        pieces = [p for p in re.split(separators, text) if p]
        out = []
        for piece in pieces:
            group = re.fullmatch(r"第?(\d+)(研究组)?", piece)
            if group and pieces[-1].endswith("研究组"):
                out.append(f"第{group.group(1)}研究组")  # "第13、17和20研究组"
            elif piece.endswith("局") and pieces[-1].endswith("局主任"):
                out.append(piece + "主任")  # "电信发展局和无线电通信局主任"
            else:
                out.append(_normalise(piece))
        if all(p.endswith(_HEADS) for p in out):
            return out
    return [_normalise(text)] if text else []


def _normalise(name: str) -> str:
    """ "各成员国"/"所有成员国"/"国际电联成员国" -> "成员国"; "ITU-T第2研究组" -> "第2研究组"."""
    name = re.sub(r"^(各|所有)(?=成员|利益攸关方)", "", name)
    name = re.sub(r"^国际电联(?=成员国$)", "", name)
    return re.sub(r"^(ITU-T|国际电联电信标准化部门)(?=第\d+研究组$)", "", name)
