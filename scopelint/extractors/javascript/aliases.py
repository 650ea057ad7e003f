"""Path aliases of a TypeScript or JavaScript project, read from its ``tsconfig.json`` (or
``jsconfig.json``) as the compiler reads them: ``import { TOKEN_URL } from "@/config"`` names
``src/config.ts`` when ``compilerOptions.paths`` maps ``"@/*"`` to ``["./src/*"]``, and a bare
``"config/celonis"`` names ``src/config/celonis.ts`` when ``baseUrl`` is ``src`` and that file is
there.

The config is the nearest one above the importing file; its ``extends`` (relative paths) give what
it does not set; with no ``paths`` of its own, those of the configs it ``references`` count (Vite
keeps them in ``tsconfig.app.json``). Of the patterns a specifier matches, the exact one wins, then
the longest prefix; targets stand relative to ``baseUrl``, else to the config that sets ``paths``.
Nothing is guessed: an alias no config defines names no file, and a bundler's own aliases
(``vite.config``, webpack) are not read."""
from __future__ import annotations

import posixpath

from ...records import record
from ..recognition.imported import Parsed, PerFolder
from .lexer import tokenize
from .literals import Arr, Obj, Value

CONFIG_NAMES = ("tsconfig.json", "jsconfig.json")
MAX_UP = 8  # folders above the importing file searched for its config
MAX_EXTENDS = 4  # configs followed through ``extends`` and ``references``
MAX_PATTERNS = 200


@record
class Aliases:
    """What one config (with those it extends) says about where imports are found."""

    base: str | None  # baseUrl, as a path like the importing file's
    patterns: tuple[tuple[str, tuple[str, ...]], ...]  # (pattern, its targets as paths), most specific first


def targets(importer: str, spec: str) -> list[str]:
    """The paths (with or without an extension, as written in the config) a non-relative
    specifier names from ``importer``, in the order the compiler tries them."""
    aliases = _nearest(posixpath.dirname(importer))
    if aliases is None:
        return []
    for pattern, paths in aliases.patterns:
        star = pattern.find("*")
        if star < 0:
            if spec == pattern:
                return list(paths)
            continue
        prefix, suffix = pattern[:star], pattern[star + 1:]
        if len(spec) >= len(prefix) + len(suffix) and spec.startswith(prefix) and spec.endswith(suffix):
            middle = spec[len(prefix):len(spec) - len(suffix)]
            return [p.replace("*", middle, 1) for p in paths]
    if aliases.base is not None:
        return [posixpath.normpath(posixpath.join(aliases.base, spec))]
    return []


_nearest_in: PerFolder[Aliases | None] = PerFolder(4096)


def _nearest(folder: str) -> Aliases | None:
    """The aliases of the config nearest above ``folder`` (found once per folder)."""
    return _nearest_in.get(folder, lambda: _search(folder))


def _search(folder: str) -> Aliases | None:
    found: Aliases | None = None
    here = folder
    for _ in range(MAX_UP):
        config = next((c for c in (posixpath.join(here, n) for n in CONFIG_NAMES) if _load(c) is not None), None)
        if config is not None:
            found = _aliases(config)
            break
        if here in ("", ".", "/") or here.endswith(".."):
            break
        here = posixpath.dirname(here)
    return found


def _aliases(config: str) -> Aliases | None:
    """The aliases ``config`` defines, with what it extends and, lacking paths, what it references."""
    base, paths, paths_dir = _options(config, MAX_EXTENDS)
    if paths is None:
        for ref in _references(config):
            _, paths, paths_dir = _options(ref, MAX_EXTENDS)
            if paths is not None:
                break
    if base is None and paths is None:
        return None
    root = base if base is not None else paths_dir
    patterns: list[tuple[str, tuple[str, ...]]] = []
    if paths is not None and root is not None:
        for key, entry in list(paths.entries.items())[:MAX_PATTERNS]:
            targets = entry.value.items if isinstance(entry.value, Arr) else []
            written = tuple(posixpath.normpath(posixpath.join(root, t.value)) for t in targets
                            if _text(t) and t.value.count("*") <= 1)
            if written and key.count("*") <= 1:
                patterns.append((key, written))
    # an exact pattern before any with a wildcard, then the longest prefix first
    patterns.sort(key=lambda p: ("*" in p[0], -p[0].find("*") if "*" in p[0] else 0))
    return Aliases(base, tuple(patterns))


def _options(config: str, hops: int) -> tuple[str | None, Obj | None, str | None]:
    """``baseUrl`` (as a path), ``paths`` and the folder of the config that set ``paths``, given by
    ``config`` or, where it is silent, by what it extends."""
    data = _load(config)
    if data is None:
        return None, None, None
    folder = posixpath.dirname(config)
    options = data.get("compilerOptions")
    base_url = options.get("baseUrl") if isinstance(options, Obj) else None
    base = posixpath.normpath(posixpath.join(folder, base_url.value)) if _text(base_url) else None
    paths = options.get("paths") if isinstance(options, Obj) else None
    paths_dir = folder if isinstance(paths, Obj) else None
    if not isinstance(paths, Obj):
        paths = None
    if (base is None or paths is None) and hops > 0:
        for parent in _extended(data, folder):
            p_base, p_paths, p_dir = _options(parent, hops - 1)
            base = base if base is not None else p_base
            if paths is None:
                paths, paths_dir = p_paths, p_dir
    return base, paths, paths_dir


def _extended(data: Obj, folder: str) -> list[str]:
    """The configs ``extends`` names by a relative path (a package's shared config is not read)."""
    value = data.get("extends")
    items = value.items if isinstance(value, Arr) else [value]
    out = []
    for item in items[:MAX_EXTENDS]:
        if _text(item) and item.value.startswith(("./", "../")):
            path = posixpath.normpath(posixpath.join(folder, item.value))
            out.append(path if path.endswith(".json") else path + ".json")
    return list(reversed(out))  # the last of several wins


def _references(config: str) -> list[str]:
    data = _load(config)
    value = data.get("references") if data is not None else None
    out = []
    for item in (value.items if isinstance(value, Arr) else [])[:MAX_EXTENDS]:
        path = item.get("path") if isinstance(item, Obj) else None
        if _text(path):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(config), path.value))
            out.append(target if target.endswith(".json") else posixpath.join(target, "tsconfig.json"))
    return out


def _text(value: Value) -> bool:
    from ..recognition.text import Text

    return isinstance(value, Text) and value.literal_only and bool(value.value)


def _parse(path: str, text: str) -> Obj | None:
    """A config file's object: JSON with comments and trailing commas, which the lexer reads as a
    JavaScript object literal."""
    from .evaluate import Evaluator

    toks, _ = tokenize(text)
    value, _ = Evaluator(toks, text).expr(0) if toks else (None, 0)
    return value if isinstance(value, Obj) else None


# a config at a path, parsed once per process while it is unchanged; None when absent or unreadable
_load = Parsed(_parse, 16).load
