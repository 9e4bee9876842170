"""Records by id for the components, with the message an editor gets for an unknown id."""

from __future__ import annotations

from typing import Any

from ..model import CREATE, Curriculum, collection_file
from ..problems import DataError
from ..validate import unknown_id_fix


def find(cur: Curriculum, field: str, ident: str, noun: str) -> Any:
    """The record with this id, or a Norwegian error naming the closest id."""
    records = cur.by_id(field)
    if ident not in records:
        where = f"curriculum/{collection_file(field)}"
        raise DataError(
            f"ukjent {noun} «{ident}»", unknown_id_fix(ident, set(records), where, CREATE.get(field, ""))
        )
    return records[ident]
