"""Sentences of an item's body, each with the source lines it was read from."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from itut_kb.extract.model import Span
from itut_kb.extract.source import Line

_SENTENCE = re.compile(r"[^。]+(?:。|$)")


@dataclass(frozen=True)
class Sentence:
    text: str
    span: Span
    paragraph: int  # 0-based paragraph of the item
    ends_list: bool  # the sentence ends with "：" and the list after it belongs to it


def sentences(file: str, text: str, lines: Sequence[Line], fallback: Span) -> list[Sentence]:
    """The sentences of ``text`` (paragraphs "\\n"-joined), each located in ``lines``."""
    joined = "".join(_squeeze(line.text) for line in lines)
    owners: list[int] = []
    for line in lines:
        owners += [line.number] * len(_squeeze(line.text))
    out = []
    cursor = 0
    for index, paragraph in enumerate(text.split("\n")):
        for match in _SENTENCE.finditer(paragraph):
            sentence = match.group(0).strip()
            if not sentence:
                continue
            key = _squeeze(sentence)
            at = joined.find(key, cursor)
            if at < 0 or not key:
                span = fallback
            else:
                span = Span(file, owners[at], owners[at + len(key) - 1])
                cursor = at + len(key)
            out.append(Sentence(sentence, span, index, sentence.endswith("：")))
    return out


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)
