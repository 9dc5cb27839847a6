"""Printing results: JSON (``--json``) or a plain text rendering."""

from __future__ import annotations

import json
from typing import Any


def emit(data: Any, as_json: bool) -> None:
    if as_json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif isinstance(data, dict):
        for key, val in data.items():
            print(f"{key}: {json.dumps(val, ensure_ascii=False) if isinstance(val, (list, dict)) else val}")
    else:
        for item in data:
            print(json.dumps(item, ensure_ascii=False))
