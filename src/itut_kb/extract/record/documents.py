"""References to the Assembly's documents in running text, as :class:`DocRef`.

Forms read (all printed in Part VI):

- temporary and administrative documents: "TD-5", "TD-48R1", "TD-5 (Rev.1)", "TD-1Rev.6", "TD/126",
  "TD94", "TD-GEN-02" (the ITU's full name of TD-2), "DT/16(Rev.1)" (the French "DT" for TD), "ADM-3",
  "ADM38 (Rev.1)", "ADM/6-R1", "ADM-39 Rev.2";
- contributions and plenary documents: "Doc/62", and numbers before "号文件" (or "号报告"), alone or
  in a list: "24、25、26、27号文件", "61号和63号文件", "1、3、5、7-R1、9、11-R1号文件", "57和TD-15号文件",
  "73Rev.1号文件", "37A2号文件" (Document 37, Addendum 2);
- proposals of regional groups, which live in addenda: "ATU/35A1/1", "APT 37A40" (Document 35,
  Addendum 1; Document 37, Addendum 40).

Working documents of committees ("WD8r1") and the URLs of the ITU's document store are not documents
of the Assembly and are left out.
"""

from __future__ import annotations

import re

from itut_kb.extract.record.model import DocRef

_REV = r"(?:\s?\(?(?:Rev\.|-?R)\s?(?P<rev>\d)\)?)?"
_NAMED = re.compile(
    r"(?<![A-Za-z])(?P<series>TD|ADM|DT|Doc)(?:-GEN)?\s?[-/]?\s?(?P<n>\d{1,3})(?![\d.])" + _REV
)
_TOKEN = r"(?:(?:TD|ADM|DT)[-/]?)?\d{1,3}(?:A\d{1,2})?(?:\s?\(?(?:Rev\.|-?R)\s?\d\)?)?"
_BEFORE_DOCUMENT = re.compile(rf"(?P<chunk>(?:{_TOKEN}\s?(?:号和|和|、)\s?)*{_TOKEN})\s?号(?:文件|报告)")
_NUMBER = re.compile(r"(?<![A-Za-z0-9/\-.])(?P<n>\d{1,3})(?:A(?P<add>\d{1,2}))?(?![\d.])" + _REV)
_REGIONAL = re.compile(r"(?<![A-Za-z])(?:ATU|APT|RCC|ARB|CEPT|CITEL)[/ ](?P<n>\d{1,3})A(?P<add>\d{1,2})")
_SERIES = {"TD": "TD", "DT": "TD", "ADM": "ADM", "Doc": "C"}


def doc_refs(text: str) -> list[DocRef]:
    """Every document ``text`` refers to, in order of first mention, each once."""
    found: list[tuple[int, DocRef]] = []
    named_spans: list[tuple[int, int]] = []
    for match in _NAMED.finditer(text):
        found.append((match.start(), _ref(_SERIES[match["series"]], match["n"], match["rev"])))
        named_spans.append(match.span())
    for chunk in _BEFORE_DOCUMENT.finditer(text):
        for match in _NUMBER.finditer(chunk["chunk"]):
            at = chunk.start("chunk") + match.start()
            if any(start <= at < end for start, end in named_spans):
                continue
            found.append((at, _ref("C", match["n"], match["rev"], match["add"])))
    for match in _REGIONAL.finditer(text):
        found.append((match.start(), DocRef("C", int(match["n"]), addendum=int(match["add"]))))
    out: list[DocRef] = []
    for _at, ref in sorted(found, key=lambda pair: pair[0]):
        if ref not in out:
            out.append(ref)
    return out


def doc_number(text: str) -> DocRef | None:
    """A document number standing alone in a table cell or heading: "70", "113(Rev.1)", "119Rev.1"."""
    match = re.fullmatch(r"(?P<n>\d{1,3})\s?(?:\(Rev\.(?P<rev>\d)\)|Rev\.(?P<rev2>\d))?", text.strip())
    if not match:
        return None
    return _ref("C", match["n"], match["rev"] or match["rev2"])


def _ref(series: str, number: str, rev: str | None, add: str | None = None) -> DocRef:
    return DocRef(
        series,
        int(number),
        revision=int(rev) if rev else None,
        addendum=int(add) if add else None,
    )
