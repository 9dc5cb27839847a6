"""The WTSA-24 actions ("WTSA-24行动"): a numbered table after the abrogated Resolutions.

The table runs from the title "WTSA-24行动" to the title of the A-series Recommendations
("ITU-T A系列建议书：国际电联电信标准化部门工作的组织")::

    WTSA-24行动 / 编号 / 行动                      <- caption and column header, repeated at page breaks
    3 WTSA-24请电信标准化局（TSB）主任：            <- action number and lead sentence
    1) 在业界参与行动计划中提出一项行动，以促进…      <- sub-item, may wrap
    准化进程的参与。

An action's text keeps its paragraphs, one per line ("\\n"-joined): the lead sentence, then
each sub-item "1) …" as printed; wrapped lines of a paragraph are joined with
:func:`join_wrapped`. Action 6 has two lead sentences ("WTSA-24请TSB主任：" and, after its
sub-item, "WTSA-24请TSAG："): a line opening with "WTSA-24" after a sub-item starts a new
lead paragraph.

A line "N …" opens an action only when N is the next number expected, so a wrapped line that
happens to start with a number cannot be taken for an action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from itut_kb.extract.model import Action, Span
from itut_kb.extract.source import Line, Source, join_wrapped

_SECTION_TITLE = re.compile(r"^WTSA-24行动$")
_SECTION_END = re.compile(r"^ITU-T A系列建议书：国际电联电信标准化部门工作的组织")
_HEADER_CELLS = frozenset({"WTSA-24行动", "编号", "行动"})
_ACTION_START = re.compile(r"^(?P<number>\d{1,2})\s+(?P<text>\S.*)$")
_SUB_ITEM = re.compile(r"^\d+\)\s*\S")
_LEAD_SENTENCE = re.compile(r"^WTSA-24")


@dataclass
class _Paragraph:
    """The wrapped lines of one lead sentence or sub-item."""

    is_sub_item: bool
    parts: list[str]


@dataclass
class _Draft:
    """An action being read: its number, its lines and its paragraphs."""

    number: int
    lines: list[Line]
    paragraphs: list[_Paragraph] = field(default_factory=list)

    def to_action(self, file: str) -> Action:
        text = "\n".join(join_wrapped(p.parts) for p in self.paragraphs)
        return Action(self.number, text, Span(file, self.lines[0].number, self.lines[-1].number))


def parse_actions(src: Source) -> list[Action]:
    """The numbered WTSA-24 actions, in order (1, 2, …), sub-items kept in their text."""
    drafts: list[_Draft] = []
    for line in src.lines(*section_range(src)):
        if line.text in _HEADER_CELLS:
            continue
        start = _ACTION_START.match(line.text)
        if start is not None and int(start["number"]) == len(drafts) + 1:
            drafts.append(_Draft(len(drafts) + 1, [line], [_Paragraph(False, [start["text"]])]))
        elif drafts:
            drafts[-1].lines.append(line)
            _add_line(drafts[-1], line.text)
        else:
            raise ValueError(f"{src.name}:{line.number}: text before action 1: {line.text!r}")
    return [draft.to_action(src.name) for draft in drafts]


def section_range(src: Source) -> tuple[int, int]:
    """First and last line number of the actions table."""
    title = src.require(_SECTION_TITLE, "the title 'WTSA-24行动'")
    end = src.require(_SECTION_END, "the A-series title after the actions", title.number + 1)
    return title.number, end.number - 1


def _add_line(draft: _Draft, text: str) -> None:
    """Start a new paragraph (sub-item, second lead sentence) or continue the current one."""
    current = draft.paragraphs[-1]
    if _SUB_ITEM.match(text):
        draft.paragraphs.append(_Paragraph(True, [text]))
    elif _LEAD_SENTENCE.match(text) and current.is_sub_item:
        draft.paragraphs.append(_Paragraph(False, [text]))
    else:
        current.parts.append(text)
