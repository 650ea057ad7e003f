"""Constants another file of the project defines, read as text (never compiled or run), where they
are written (``text.elsewhere``):

- Java and Kotlin: ``CelonisConfig.TOKEN_URL`` where ``CelonisConfig`` is a class of the same folder
  (package) or one the file imports (``import com.acme.config.CelonisConfig;``, found from the
  source root its own ``package`` line gives); ``TOKEN_URL`` alone after ``import static
  com.acme.config.CelonisConfig.TOKEN_URL;`` (or ``.*``);
- C#: ``CelonisSettings.TokenUrl`` of a class in a file of that name in the same folder;
- Go: a constant of another file of the same package (``.go`` files of the same folder).

A file is tokenised and its constants read once per process while it is unchanged; at most
``MAX_FILES`` other files are read for one file (a Go package's first, by name, found once per run)."""
from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable

from ... import lazy_re
from ..recognition.imported import PerFolder
from ..recognition.text import Text

MAX_FILES = 16
_PACKAGE = lazy_re.compile(r"^\s*package\s+([\w.]+)", re.M)
_IMPORT = lazy_re.compile(r"^\s*import\s+(static\s+)?([\w.]+?)(\.\*)?\s*;?\s*$", re.M)


class Classes:
    """What one file reads of the constants of others."""

    def __init__(self, path: str, text: str, load: Callable[[str], dict[str, Text] | None]) -> None:
        self.path = path
        self._loaded = load  # another file's constants, by its path (read once per process)
        self.folder = posixpath.dirname(path)
        self.ext = posixpath.splitext(path)[1].lower()
        self.loaded: set[str] = set()
        self.found: dict[str, Text | None] = {}
        self.go_files: list[tuple[str, dict[str, Text] | None]] | None = None  # the package's other files' constants
        self.imports: dict[str, str] = {}  # class name -> its dotted path
        self.statics: dict[str, str] = {}  # constant name -> its class's dotted path
        self.star_statics: list[str] = []
        self.root: str | None = None
        if self.ext in (".java", ".kt", ".kts"):
            package = _PACKAGE.search(text)
            parts = package.group(1).split(".") if package else []
            folder_parts = self.folder.split("/") if self.folder else []
            if parts and folder_parts[-len(parts):] == parts:
                self.root = "/".join(folder_parts[:-len(parts)])
            for m in _IMPORT.finditer(text):
                dotted, static, star = m.group(2), bool(m.group(1)), bool(m.group(3))
                if static and star:
                    self.star_statics.append(dotted)
                elif static:
                    owner, _, name = dotted.rpartition(".")
                    self.statics[name] = owner
                elif not star:
                    self.imports[dotted.rsplit(".", 1)[-1]] = dotted

    def imported_alone(self, name: str) -> bool:
        """Whether a static import may name ``name`` alone."""
        return name in self.statics or bool(self.star_statics)

    def value(self, name: str) -> Text | None:
        """The value of ``Class.NAME`` or a bare ``NAME`` another file defines, if one does."""
        if name not in self.found:
            self.found[name] = self._value(name)
        return self.found[name]

    def _value(self, name: str) -> Text | None:
        owner, _, const = name.rpartition(".")
        if self.ext == ".go":
            return self._go(name) if not owner else None
        if not owner:
            if name in self.statics:
                return self._of_class(self.statics[name], name)
            for dotted in self.star_statics:
                found = self._of_class(dotted, name)
                if found is not None:
                    return found
            return None
        if "." in owner or not owner[:1].isupper():
            return None
        return self._of_class(self.imports.get(owner, owner), const)

    def _of_class(self, dotted: str, const: str) -> Text | None:
        cls = dotted.rsplit(".", 1)[-1]
        candidates = [posixpath.join(self.folder, cls + self.ext)]
        if "." in dotted and self.root is not None:
            candidates.insert(0, posixpath.join(self.root, *dotted.split(".")) + self.ext)
        for path in candidates:
            if path != self.path and os.path.isfile(path):
                found = self._load(path)
                return found.get(const) if found is not None else None
        return None

    def _go(self, name: str) -> Text | None:
        if self.go_files is None:
            package = _packages.get(self.folder, lambda: _go_package(self.folder, self._loaded))
            self.go_files = [(path, found) for path, found in package if path != self.path][:MAX_FILES]
        for _, found in self.go_files:
            if found is not None and name in found:
                return found[name]
        return None

    def _load(self, path: str) -> dict[str, Text] | None:
        if path not in self.loaded and len(self.loaded) >= MAX_FILES:
            return None
        self.loaded.add(path)
        return self._loaded(path)


# a Go package's files (tests aside), the first ``MAX_FILES + 1`` by name, with their constants: every
# file of the package looks names up in the same ones (but its own), asked once per folder in a run
_packages: PerFolder[list[tuple[str, dict[str, Text] | None]]] = PerFolder(1024)


def _go_package(folder: str, load: Callable[[str], dict[str, Text] | None]) -> list[tuple[str, dict[str, Text] | None]]:
    try:
        names = sorted(n for n in os.listdir(folder or ".") if n.endswith(".go") and not n.endswith("_test.go"))
    except OSError:
        return []
    return [(path, load(path)) for path in (posixpath.join(folder, n) for n in names[:MAX_FILES + 1])]
