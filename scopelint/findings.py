"""Locations and findings: the one currency every rule, reporter and baseline shares."""
from __future__ import annotations

from dataclasses import replace

from .records import field, record

LEVELS = ("error", "warning", "note")
LEVEL_RANK = {"note": 1, "warning": 2, "error": 3}


@record(order=True)
class Location:
    """A 1-based position in a file; ``path`` is relative to the scan root, POSIX style."""

    path: str
    line: int = 1
    col: int = 1
    end_line: int | None = field(default=None, compare=False)
    end_col: int | None = field(default=None, compare=False)

    def covers(self, other: Location) -> bool:
        """Whether ``other`` lies within this span (a location without an end is a point)."""
        return other.path == self.path and (self.line, self.col) <= (other.line, other.col) \
            and (other.end_line or other.line, other.end_col or other.col) <= (self.end_line or self.line, self.end_col or self.col)


SAFETIES = ("safe", "unsafe")  # safe: access unchanged, applied by --fix; unsafe: only with --unsafe-fixes


@record
class Edit:
    """Replace the text from (line, col) to (end_line, end_col), end exclusive, with ``text``.
    ``old`` is what the region held when the file was read: an edit whose region holds anything
    else by the time it is applied is not applied."""

    loc: Location
    text: str
    old: str = ""


@record
class Fix:
    """The edits that repair one finding: one source for SARIF ``fixes`` and ``check --fix``."""

    edits: tuple[Edit, ...]
    description: str
    safety: str = "safe"

    @property
    def text(self) -> str:
        """The replacement text of a one-edit fix (the common case)."""
        return self.edits[0].text if len(self.edits) == 1 else ""


@record(order=True)
class Finding:
    """One problem. Ordered by location then code; the message is not part of equality."""

    loc: Location
    code: str
    message: str = field(compare=False)
    name: str = field(default="", compare=False)
    level: str = field(default="", compare=False)  # "": the rule's level
    client: str | None = field(default=None, compare=False)
    scope: str | None = field(default=None, compare=False)
    hint: str | None = field(default=None, compare=False)
    fix: Fix | None = field(default=None, compare=False)
    # what the fingerprint hashes besides rule, client, scope and path; never a secret value
    key: str = field(default="", compare=False)
    snippet: str = field(default="", compare=False)
    # the finding's column in ``snippet`` where a secret masked before it shortened the line (0: ``loc.col``)
    snippet_col: int = field(default=0, compare=False)
    suppressed: bool = field(default=False, compare=False)
    suppression_reason: str | None = field(default=None, compare=False)
    catalog_version: str | None = field(default=None, compare=False)

    def with_(self, **changes: object) -> Finding:
        return replace(self, **changes)

    @property
    def fingerprint(self) -> str:
        """A content key, stable when lines move: rule, client, scope, path and the normalised snippet."""
        norm = " ".join(self.snippet.split())
        parts = (self.code, self.client or "", self.scope or "", self.loc.path, self.key, norm)
        import hashlib  # imported when a finding is first fingerprinted: a clean run needs none

        # surrogatepass: a lone surrogate (a bad escape, a non-UTF-8 file name) still hashes, stably
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def to_dict(self) -> dict[str, object]:
        d: dict[str, object] = {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "message": self.message,
            "path": self.loc.path,
            "line": self.loc.line,
            "column": self.loc.col,
            "end_line": self.loc.end_line,
            "end_column": self.loc.end_col,
            "client": self.client,
            "scope": self.scope,
            "hint": self.hint,
            "fingerprint": self.fingerprint,
        }
        if self.fix is not None:
            d["fix"] = {
                "description": self.fix.description,
                "safety": self.fix.safety,
                "edits": [{"line": e.loc.line, "column": e.loc.col, "end_line": e.loc.end_line,
                           "end_column": e.loc.end_col, "replacement": e.text} for e in self.fix.edits],
            }
        if self.suppressed:
            d["suppressed"] = True
            d["suppression_reason"] = self.suppression_reason
        return d
