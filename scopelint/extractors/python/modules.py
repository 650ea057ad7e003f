"""Modules of the project a module imports values from, read as text (never imported or run):
``from .config import TOKEN_URL`` or ``import settings`` then ``settings.SCOPES`` follow the name to
the module written beside the importing one, so a value defined there is known where it is used.

A module is found the way Python would find it when the project runs from its own folders: a
relative import from the importing file's package, an absolute one from the importing file's folder
or one of the few above it (never above the working directory for a relative path), or their
``src``, ``plugins`` or ``include`` folder. Standard
library modules are never looked for. Each module found is parsed once per process; what its
names stand for is read afresh by each importing file, so no file's result depends on another's."""
from __future__ import annotations

import ast
import os
import posixpath
import sys

from ...records import record
from ..recognition.imported import Parsed, PerFolder
from .bindings import Module, build
from .positions import TAG, UNNAMED, Positions, split_lines

MAX_LEVELS_UP = 4  # folders above the importing file's own where an absolute import is looked for
# where a project keeps the modules it imports by absolute name, in each of those folders: the folder
# itself, a ``src`` layout, and the folders Airflow puts on the path beside ``dags``
ROOTS = ("", "src", "plugins", "include")
MAX_LOADED = 32  # parsed modules kept per process
MAX_MODULES = 16  # other modules one file's reading may load, however they import each other

_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {"os", "sys", "json", "typing"}


@record(frozen=False, eq=False)
class Loaded:
    """Another module of the project, parsed: its scopes and the positions of its nodes."""

    mod: Module
    pos: Positions


_OWN = (ast.expr, ast.stmt, ast.keyword, ast.arg, ast.comprehension)


def owner(node: ast.AST) -> Loaded | None:
    """The loaded module a node belongs to; None for a node of the file being read."""
    return getattr(node, TAG, None)


_located: PerFolder[str | None] = PerFolder(4096)


def locate(importer: str, level: int, module: str) -> str | None:
    """The path of the module file ``module`` names, imported at ``level`` from ``importer``."""
    return _located.get(posixpath.dirname(importer), lambda: _locate(importer, level, module), level, module)


def _locate(importer: str, level: int, module: str) -> str | None:
    parts = [p for p in module.split(".") if p] if module else []
    if level == 0 and (not parts or parts[0] in _STDLIB):
        return None
    here = posixpath.dirname(importer)
    if level:
        for _ in range(level - 1):
            if here in ("", ".") or here.endswith(".."):
                return None
            here = posixpath.dirname(here)
        return _module_file(here, parts)
    for _ in range(MAX_LEVELS_UP + 1):
        for root in ROOTS:
            found = _module_file(posixpath.join(here, root) if root else here, parts)
            if found is not None:
                return found
        if here in ("", ".", "/") or here.endswith(".."):
            return None
        here = posixpath.dirname(here)
    return None


def _module_file(folder: str, parts: list[str]) -> str | None:
    if not parts:
        candidates = [posixpath.join(folder, "__init__.py")]
    else:
        base = posixpath.join(folder, *parts)
        candidates = [base + ".py", posixpath.join(base, "__init__.py")]
    for path in candidates:
        if os.path.isfile(path):
            return posixpath.normpath(path)
    return None


def _parse(path: str, text: str) -> Loaded:
    tree = ast.parse(text, filename=UNNAMED)
    mod = build(tree)
    loaded = Loaded(mod, Positions(path, split_lines(text)))
    setattr(tree, TAG, loaded)
    for node in mod.nodes:
        if isinstance(node, _OWN):  # not the shared ``Load()`` and operator singletons
            setattr(node, TAG, loaded)
    return loaded


# the module at a path, parsed once per process while it is unchanged; None when it cannot be read or parsed
load = Parsed(_parse, MAX_LOADED).load
