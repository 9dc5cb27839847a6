"""How commands print: readable text by default, ``--format table|json|csv`` like `itut-kb query`.

``show`` prints one record as indented text (``--format json`` the JSON the API answers); ``list`` prints a
table (CSV with ``--format csv``). Nothing heavy is imported here: `itut-kb --help` stays fast.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from typing import Any

FORMATS = ("text", "table", "json", "csv")
INDENT = "  "


def add_format_option(command: argparse.ArgumentParser, default: str) -> None:
    """``--format`` (and ``--json``, short for ``--format json``)."""
    command.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default=default,
        help=f"how to print the answer (default {default})",
    )
    command.add_argument("--json", dest="format", action="store_const", const="json", help="--format json")


def emit(data: Any, as_json: bool) -> None:
    """JSON, or readable text."""
    print(json.dumps(data, ensure_ascii=False, indent=2) if as_json else as_text(data))


def show(data: Any, fmt: str) -> None:
    """One record: text (indented), json, table (property and value) or csv (the same two columns)."""
    if fmt == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt in {"table", "csv"} and isinstance(data, Mapping):
        rows = [{"property": k, "value": v} for k, v in data.items()]
        print(_table(rows, ("property", "value"), fmt), end="" if fmt == "csv" else "\n")
    else:
        print(as_text(data))


def show_list(items: Sequence[Mapping[str, Any]], fmt: str) -> None:
    """A list: table (the default), csv, json, or text (one indented record after another)."""
    if fmt == "json":
        print(json.dumps(list(items), ensure_ascii=False, indent=2))
    elif fmt == "text":
        print("\n\n".join(as_text(item) for item in items))
    else:
        columns = tuple(dict.fromkeys(k for item in items for k in item))
        print(_table(list(items), columns, fmt), end="" if fmt == "csv" else "\n")


def _table(rows: Sequence[Mapping[str, Any]], columns: tuple[str, ...], fmt: str) -> str:
    from itut_kb.tabular import Table

    table = Table("", {}, columns, [{k: _summary(v) for k, v in r.items()} for r in rows])
    return table.as_csv() if fmt == "csv" else table.as_text()


def _summary(value: Any) -> Any:
    """A cell of a table: plain values as they are, lists of them joined, records by name, lists counted."""
    if isinstance(value, Mapping):
        return next((value[k] for k in ("name", "id", "label", "number") if value.get(k)), "")
    if isinstance(value, list):
        if all(_plain(v) for v in value):
            return ", ".join(_scalar(v) for v in value)
        return f"({len(value)})"
    return value


def as_text(data: Any, depth: int = 0) -> str:
    """Nested data as indented ``key: value`` lines: lists of plain values on one line, records below."""
    pad = INDENT * depth
    if isinstance(data, Mapping):
        lines = []
        for key, val in data.items():
            if _plain(val):
                lines.append(f"{pad}{key}: {_scalar(val)}")
            elif isinstance(val, list) and all(_plain(v) for v in val):
                lines.append(f"{pad}{key}: {', '.join(_scalar(v) for v in val) or '-'}")
            else:
                lines.append(f"{pad}{key}:")
                lines.append(as_text(val, depth + 1))
        return "\n".join(lines)
    if isinstance(data, list):
        if all(_plain(v) for v in data):
            return "\n".join(f"{pad}{_scalar(v)}" for v in data)
        blocks = []
        for item in data:
            text = as_text(item, depth + 1)
            blocks.append(f"{pad}- {text.lstrip()}")
        return "\n".join(blocks)
    return f"{pad}{_scalar(data)}"


def _plain(value: Any) -> bool:
    return not isinstance(value, (Mapping, list))


def _scalar(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
