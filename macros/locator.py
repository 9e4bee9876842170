"""Where a value came from: the file and line of a curriculum field's value, for messages."""

from __future__ import annotations

from dataclasses import dataclass

from .load import Loaded, Path_
from .problems import Problem


@dataclass
class Locator:
    """Finds the file and line of a value, by curriculum field and path."""

    files: dict[str, Loaded]

    def problem(self, field: str, path: Path_, message: str, fix: str = "", *, key: bool = False) -> Problem:
        loaded = self.files[field]
        return Problem(loaded.file, loaded.line_of(path, key=key), message, fix)
