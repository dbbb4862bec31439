"""The raw table both readers produce: rows of cells, each cell a list of paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

Cell = list[str]

_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Collapse white space (including no-break spaces) the way a reader sees it."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


@dataclass(slots=True)
class RawRow:
    place: str  # "line" (of the extracted text) or "table row" (of the DOCX's table)
    number: int
    cells: list[Cell]

    @property
    def where(self) -> str:
        """How an error names this row: "line 17", "table row 5"."""
        return f"{self.place} {self.number}"

    def text(self, index: int) -> str:
        if index >= len(self.cells):
            return ""
        return clean(" ".join(self.cells[index]))

    def is_empty(self) -> bool:
        return not any(self.text(i) for i in range(len(self.cells)))


@dataclass(slots=True)
class RawTable:
    title: str
    rows: list[RawRow]
