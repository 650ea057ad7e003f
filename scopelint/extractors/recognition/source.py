"""What an extractor is given: one file's text, its path, and the catalog in force."""
from __future__ import annotations

from dataclasses import dataclass, field

from ...catalog import Catalog, shipped


@dataclass
class Source:
    path: str  # relative to the scan root, POSIX separators
    text: str
    explicit: bool = False  # named on the command line, not found by walking
    catalog: Catalog = field(default_factory=shipped)  # the catalog in force: shipped plus --catalog extensions
    _lines: list[str] | None = field(default=None, repr=False)

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines


def suffix(path: str) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    return name.rsplit(".", 1)[-1] if "." in name else ""
