"""Roadmap importer: reads the signed document (extracted text or DOCX) into roadmap data."""

from bot.importer.build import (
    ImportFormatError,
    ImportOptions,
    ImportProblem,
    UnknownTimezone,
    import_roadmap,
)

__all__ = [
    "ImportFormatError",
    "ImportOptions",
    "ImportProblem",
    "UnknownTimezone",
    "import_roadmap",
]
