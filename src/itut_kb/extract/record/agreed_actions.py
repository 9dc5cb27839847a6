"""The WTSA-24 actions as the committees agreed them (annex 6 of the second and third plenaries' report),
and which action of the proceedings each one is.

Annex 6 "经第3委员会和第4委员会达成一致的WTSA-24行动" lists the fifteen actions under the committees'
numbers, printed "第3/1委员会" for COM3/1 and "第4/10委员会" for COM4/10, with the former name of the
action in brackets ("（原WTSA-24行动SGs 1）"), then the text. The proceedings number the same actions 1
to 15 in another order; ``data/curated/agreed_actions.tsv`` says which is which, and
:func:`check_mapping` confirms each row: the action it names is the action of Part I whose text
shares the most character pairs with the annex's text.

Source anomaly: annex 6 prints "第4/11委员会（原W T S A - 2 4 NGSO行动1）" where Committee 4's report
says "原WTSA-24 NGSO行动2"; the label is kept as printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from itut_kb.extract.model import Action, Span
from itut_kb.extract.record.model import Annex
from itut_kb.extract.record.part6 import paragraphs
from itut_kb.extract.source import SourceStructureError

TITLE = "经第3委员会和第4委员会达成一致的WTSA-24行动"
_LABEL = re.compile(r"^第(?P<c>\d)/(?P<n>\d+)委员会(?:\s+(?P<rest>\S.*))?$")
_HEADER = "编号 行动"


@dataclass(frozen=True)
class AgreedAction:
    label: str  # "COM3/1"
    printed: str  # "第3/1委员会"
    text_zh: str
    span: Span


@dataclass(frozen=True)
class ActionLink:
    label: str
    action: int
    why: str


def parse_agreed_actions(annex: Annex, file: str) -> list[AgreedAction]:
    if annex.title_zh != TITLE:
        raise SourceStructureError(f"{file}:{annex.span.start}: annex {annex.label} is not {TITLE!r}")
    starts = [i for i, line in enumerate(annex.lines) if _LABEL.match(line.text)]
    out = []
    for start, end in zip(starts, [*starts[1:], len(annex.lines)], strict=False):
        label = _LABEL.match(annex.lines[start].text)
        assert label is not None
        body = [line for line in annex.lines[start + 1 : end] if line.text != _HEADER]
        if body and body[0].text.startswith("（"):  # the former name, "（原WTSA-24行" / "动SGs 1）"
            close = next(i for i, line in enumerate(body) if line.text.endswith("）"))
            body = body[close + 1 :]
        out.append(
            AgreedAction(
                f"COM{label['c']}/{label['n']}",
                f"第{label['c']}/{label['n']}委员会",
                "\n".join(paragraphs(body)),
                Span(file, annex.lines[start].number, annex.lines[end - 1].number),
            )
        )
    return out


def load_links(path: Path) -> list[ActionLink]:
    """data/curated/agreed_actions.tsv: label, action number, why."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    return [ActionLink(r[0], int(r[1]), r[2]) for r in rows[1:] if r and not r[0].startswith("#")]


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' sets of character pairs (white space and punctuation out)."""
    pa, pb = _pairs(a), _pairs(b)
    return len(pa & pb) / len(pa | pb) if pa | pb else 0.0


def check_mapping(
    agreed: Sequence[AgreedAction], links: Sequence[ActionLink], actions: Sequence[Action]
) -> None:
    """Every agreed action is linked once, to the action of Part I most like it; else an error."""
    by_label = {link.label: link for link in links}
    missing = [a.label for a in agreed if a.label not in by_label]
    if missing or len(links) != len(agreed):
        raise SourceStructureError(f"agreed_actions.tsv does not link exactly the agreed actions: {missing}")
    for entry in agreed:
        best = max(actions, key=lambda action: similarity(entry.text_zh, action.text_zh))
        if best.number != by_label[entry.label].action:
            raise SourceStructureError(
                f"agreed_actions.tsv links {entry.label} to action {by_label[entry.label].action}, "
                f"but its text is most like action {best.number}"
            )


def _pairs(text: str) -> set[str]:
    letters = re.sub(r"[\s\W_]+", "", text)
    return {letters[i : i + 2] for i in range(len(letters) - 1)}
