"""Numbered items of a report: "1 第一次全体会议开幕", "15.1 B3：…", each with its heading and body.

A line "N title" opens an item only when N is the number expected next (the next top-level number,
or the next sub-number "15.1", "15.2" of the current item) and the line reads as a heading (no wider
than a heading, not ending a sentence), so neither a wrapped line that happens to start with a number
nor a numbered paragraph ("2 在《业界参与行动计划》中进行调查。") can be taken for an item.

A heading may wrap. A line continues the heading when it starts with "、" or "（" (a list or the
batch's contents), when the heading so far ends with "/", or when it is short (narrower than a body
line) and does not end a sentence; the line after a batch heading holding only the batch's document
number ("70", "113(Rev.1)") is part of the heading too. ``stop`` ends the items (an annex, the next
meeting's header); ``not_heading`` names lines that never continue a heading (a table row).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from itut_kb.extract.model import Span
from itut_kb.extract.record.model import Item
from itut_kb.extract.record.part6 import paragraphs, width
from itut_kb.extract.source import Line, join_wrapped

ITEM_START = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})?)\s+(?P<title>\S.*)$")
_SENTENCE_END = re.compile(r"[。：；]$")
_HEADING_WIDTH = 60  # a body line is wider (about 90); a wrapped heading's last piece is narrower


@dataclass
class _Draft:
    number: str
    heading: list[Line]
    body: list[Line] = field(default_factory=list)
    in_heading: bool = True

    def item(self, file: str) -> Item:
        lines = self.heading + self.body
        first = ITEM_START.match(self.heading[0].text)
        assert first is not None
        title = join_wrapped([first["title"]] + [line.text for line in self.heading[1:]])
        return Item(
            self.number,
            title,
            "\n".join(paragraphs(self.body)),
            Span(file, lines[0].number, lines[-1].number),
            tuple(self.body),
        )


def expected_next(numbers: Sequence[str], first: int) -> set[str]:
    """The item numbers that may come next after ``numbers`` (the items read so far)."""
    if not numbers:
        return {str(first)}
    last = numbers[-1]
    top, _, sub = last.partition(".")
    following = {str(int(top) + 1), f"{top}.{int(sub) + 1 if sub else 1}"}
    return following


def read_items(
    file: str,
    lines: Sequence[Line],
    first: int = 1,
    stop: Callable[[str], bool] = lambda _text: False,
    not_heading: Callable[[str], bool] = lambda _text: False,
) -> tuple[list[Item], int]:
    """The items in ``lines`` from item ``first`` on, and how many lines were consumed (up to ``stop``)."""
    drafts: list[_Draft] = []
    consumed = 0
    for line in lines:
        if stop(line.text):
            break
        consumed += 1
        start = ITEM_START.match(line.text)
        if (
            start
            and _is_heading(line.text)
            and start["number"] in expected_next([d.number for d in drafts], first)
        ):
            drafts.append(_Draft(start["number"], [line]))
            continue
        if not drafts:
            continue  # text before the first item (author, title, chairs) is the caller's
        current = drafts[-1]
        if current.in_heading and not not_heading(line.text) and _continues_heading(current, line.text):
            current.heading.append(line)
        else:
            current.in_heading = False
            current.body.append(line)
    return [d.item(file) for d in drafts], consumed


def _is_heading(text: str) -> bool:
    """A heading is no wider than a heading line and does not end a sentence."""
    return width(text) <= _HEADING_WIDTH and not text.endswith("。")


def _continues_heading(draft: _Draft, text: str) -> bool:
    so_far = draft.heading[-1].text
    if text.startswith(("、", "（")) or so_far.endswith("/"):
        return True
    if re.fullmatch(r"\d{1,3}\s*(?:\(Rev\.\d\)|Rev\.\d)?", text):
        return True
    return width(text) < _HEADING_WIDTH and not _SENTENCE_END.search(text)
