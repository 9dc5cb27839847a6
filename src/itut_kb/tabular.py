"""A named query's answer as a table: JSON rows, CSV, or aligned text (CLI), from one object."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from itut_kb.catalog import Catalog
from itut_kb.lookup import value
from itut_kb.namespaces import ID
from itut_kb.store import KnowledgeBase

ID_BASE = str(ID)


@dataclass(frozen=True)
class Table:
    query: str
    params: dict[str, str]
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    truncated: bool = False

    @classmethod
    def run(
        cls, catalog: Catalog, kb: KnowledgeBase, name: str, params: Mapping[str, str], max_rows: int
    ) -> Table:
        """Run the named query ``name`` with ``params`` (strings, bound as typed RDF terms)."""
        query = catalog.get(name)
        rows = catalog.run(kb, name, **params)
        bound = {p.name: params.get(p.name, p.default or "") for p in query.params}
        json_rows = [{k: value(v) for k, v in row.items()} for row in rows[:max_rows]]
        return cls(name, bound, query.columns, json_rows, len(rows) > max_rows)

    def as_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "params": self.params,
            "columns": list(self.columns),
            "count": len(self.rows),
            "truncated": self.truncated,
            "rows": self.rows,
        }

    def _cells(self, row: Mapping[str, Any]) -> list[str]:
        return [_cell(row.get(c)) for c in self.columns]

    def as_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow(self._cells(row))
        return out.getvalue()

    def as_text(self, max_width: int = 60) -> str:
        """Aligned columns for a terminal; CJK characters count two columns wide; long cells are cut."""
        cells = [[_clip(_short(c), max_width) for c in self._cells(row)] for row in self.rows]
        widths = [_width(c) for c in self.columns]
        for row in cells:
            widths = [max(w, _width(c)) for w, c in zip(widths, row, strict=True)]
        lines = [_line(list(self.columns), widths), _line(["-" * w for w in widths], widths)]
        lines += [_line(row, widths) for row in cells]
        lines.append(
            f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''}{', truncated' if self.truncated else ''})"
        )
        return "\n".join(lines)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _short(text: str) -> str:
    """An IRI of the KB as ``id:…`` with its percent-encoding undone, for reading."""
    return "id:" + unquote(text[len(ID_BASE) :]) if text.startswith(ID_BASE) else text


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        used += _width(ch)
        if used > limit - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()
