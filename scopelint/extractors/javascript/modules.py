"""Modules of the project a JavaScript or TypeScript file imports values from, read as text (never
imported or run): ``import { TOKEN_URL } from "./config"``, ``import * as cfg from "../config"``,
``const { SCOPES } = require("./settings")`` or ``const cfg = require("./config")`` then
``cfg.TOKEN_URL`` follow the name to the file the path names, so a value defined there is known
where it is used, at the place it is written (``text.elsewhere``).

Relative paths are followed, and the path aliases of the project's ``tsconfig.json`` (``@/config``,
``aliases``); a package's code, which neither names, is not the project's. In the module, a name is
what ``module.exports = {...}`` or ``exports.NAME = ...`` gives it, else its ``const`` declaration
(``export const NAME = ...``); ``export default {...}`` is the default import. Each module is
tokenised once per process; its values are read afresh for each importing file."""
from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable

from ... import lazy_re
from ...records import field, record
from ..recognition.imported import Parsed, PerFolder
from ..recognition.text import LineIndex, Text, elsewhere, moved
from . import aliases
from .lexer import _STRING, _WS, _WS_CHARS, Tok, tokenize
from ..recognition.source import without_long_lines
from .literals import Arr, Entry, Obj, Value

EXTENSIONS = (".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", ".jsx")
MAX_LOADED = 256  # tokenised modules kept per process: a monorepo's shared modules, imported again and again
MAX_MODULES = 16  # other modules one file's reading may load
MAX_NAMES = 200
MAX_IMPORTED = 2_000_000  # characters of other modules one file's reading may read (see ``Imports._reader``)
MAX_DEPTH = 4  # barrels and modules importing modules, followed this far  # names of a module read for ``import * as cfg``
MAX_REACH = 500  # modules looked through for a word (``Imports.mention``): past this many, it may be there (a one-file
# run of a monorepo component reached 752 through its barrels, 0.2 s)
NAMESPACE = ""  # what an import binds to the whole module (``import * as cfg``, ``cfg = require(...)``)
DEFAULT = "default"


@record(frozen=False, eq=False)
class Loaded:
    """Another module of the project, tokenised: its tokens, text and where its offsets stand."""

    path: str
    text: str
    toks: list[Tok]
    base: int  # added to its source offsets (``text.elsewhere``)




def bindings(toks: list[Tok]) -> dict[str, tuple[str, str]]:
    """The names a file binds to values of other modules: local name -> (path as written, name
    there; ``NAMESPACE`` for the module itself, ``DEFAULT`` for its default export)."""
    out: dict[str, tuple[str, str]] = {}
    n = len(toks)
    for i, tok in enumerate(toks):
        if tok.kind != "id":
            continue
        if tok.text == "import" and i + 1 < n and not _is(toks, i - 1, "."):
            _import(toks, i + 1, out)
        elif tok.text == "require" and _is(toks, i + 1, "(") and i + 3 < n and toks[i + 2].kind == "str" \
                and _is(toks, i + 3, ")") and _followed(toks[i + 2].text):
            _required(toks, i, toks[i + 2].text, out)
    return out


def _is(toks: list[Tok], i: int, *texts: str) -> bool:
    return 0 <= i < len(toks) and toks[i].kind == "punct" and toks[i].text in texts


def _relative(spec: str) -> bool:
    return spec.startswith(("./", "../"))


def _followed(spec: str) -> bool:
    """Whether ``spec`` may name a module of the project: a relative path, or one a path alias may
    map (``locate`` tells; a package's code, which no alias names, is not the project's)."""
    return bool(spec) and not spec.startswith(("node:", "http:", "https:", "data:"))


def _import(toks: list[Tok], i: int, out: dict[str, tuple[str, str]]) -> None:
    """``import X, { A, B as C } from "spec"``, ``import * as X from "spec"`` (not ``import type``)."""
    if toks[i].kind == "id" and toks[i].text == "type":
        return
    found: list[tuple[str, str]] = []
    j, n = i, min(len(toks), i + 400)
    while j < n:
        tok = toks[j]
        if tok.kind == "id" and tok.text == "from":
            if j + 1 < n and toks[j + 1].kind == "str" and _followed(toks[j + 1].text):
                out.update((local, (toks[j + 1].text, name)) for local, name in found)
            return
        if _is(toks, j, "*") and j + 2 < n and toks[j + 1].text == "as" and toks[j + 2].kind == "id":
            found.append((toks[j + 2].text, NAMESPACE))
            j += 3
        elif _is(toks, j, "{"):
            j = _names(toks, j + 1, "as", found)
        elif tok.kind == "id" and tok.text != "type":
            found.append((tok.text, DEFAULT))
            j += 1
        elif _is(toks, j, ","):
            j += 1
        else:
            return


def _names(toks: list[Tok], j: int, renames: str, found: list[tuple[str, str]]) -> int:
    """``A, B as C }`` (``renames`` is ``as``) or ``A, B: C }`` (``:``): each (local, exported) name."""
    n = len(toks)
    while j < n and not _is(toks, j, "}"):
        if toks[j].kind == "id" and toks[j].text == "type" and j + 1 < n and toks[j + 1].kind == "id":
            j += 1  # import { type A }
        if toks[j].kind != "id":
            j += 1
            continue
        name = toks[j].text
        if j + 2 < n and (toks[j + 1].text == renames) and toks[j + 2].kind == "id":
            found.append((toks[j + 2].text, name))
            j += 3
        else:
            found.append((name, name))
            j += 1
        if _is(toks, j, "="):  # a default in a destructuring: what is imported is not known
            found.pop()
            return n
        if _is(toks, j, ","):
            j += 1
    return j + 1


def _required(toks: list[Tok], i: int, spec: str, out: dict[str, tuple[str, str]]) -> None:
    """``const X = require("spec")``, ``const { A, B: C } = require("spec")``, ``const X = require("spec").A``."""
    if not _is(toks, i - 1, "="):
        return
    member = toks[i + 5].text if _is(toks, i + 4, ".") and i + 5 < len(toks) and toks[i + 5].kind == "id" else None
    if _is(toks, i - 2, "}"):
        k = i - 2
        while k > 0 and not _is(toks, k, "{"):
            k -= 1
        if k < 1 or not (toks[k - 1].kind == "id" and toks[k - 1].text in ("const", "let", "var")) or member:
            return
        found: list[tuple[str, str]] = []
        _names(toks, k + 1, ":", found)
        out.update((local, (spec, name)) for local, name in found)
    elif i >= 3 and toks[i - 2].kind == "id" and toks[i - 3].kind == "id" and toks[i - 3].text in ("const", "let", "var"):
        out[toks[i - 2].text] = (spec, member or NAMESPACE)


_located: PerFolder[str | None] = PerFolder(4096)


def locate(importer: str, spec: str) -> str | None:
    """The file an import names from ``importer``: a relative path, or a path alias of the
    project's config (``aliases``). Found once per folder and path as written."""
    return _located.get(posixpath.dirname(importer), lambda: _locate(importer, spec), spec)


def _locate(importer: str, spec: str) -> str | None:
    if _relative(spec):
        return _file(posixpath.normpath(posixpath.join(posixpath.dirname(importer), spec)))
    return next((f for f in map(_file, aliases.targets(importer, spec)) if f is not None), None)


def _file(base: str) -> str | None:
    """The module at ``base``: as written, with an extension, or its folder's ``index``; a ``.js``
    that TypeScript compiles from a ``.ts`` is the ``.ts``."""
    stem, ext = posixpath.splitext(base)
    candidates = [base] if ext in EXTENSIONS else []
    if ext in (".js", ".mjs", ".cjs", ".jsx"):
        candidates += [stem + e for e in (".ts", ".mts", ".cts", ".tsx")]
    candidates += [base + e for e in EXTENSIONS] + [posixpath.join(base, "index" + e) for e in EXTENSIONS]
    return next((c for c in candidates if os.path.isfile(c)), None)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _tokenised(path: str, text: str) -> Loaded:
    """A module's tokens; its minified lines are not read, as in a file linted (``code``)."""
    toks, _ = tokenize(without_long_lines(text))
    return Loaded(path, text, toks, elsewhere(LineIndex(path, text)))


# the module at a path, tokenised once per process while it is unchanged; None when it cannot be read
load = Parsed(_tokenised, MAX_LOADED).load


@record(frozen=False)
class Imports:
    """What one file imports, read as it is needed: an evaluator of each module it loads, its own."""

    path: str
    bound: dict[str, tuple[str, str]]
    depth: int = 0  # modules read for a value of a module read for a value ...: at most MAX_DEPTH
    readers: dict[str, object | None] = field(default_factory=dict)  # by module path: its evaluator

    def value(self, local: str) -> Value:
        spec, name = self.bound[local]
        return self._from(self.path, spec, name, 0)

    def _from(self, importer: str, spec: str, name: str, hops: int) -> Value:
        """``name`` of the module ``spec`` names from ``importer``, through the re-exports of a barrel
        (``export { A } from "./a"``, ``export * from "./b"`` in an ``index.ts``)."""
        module = locate(importer, spec)
        reader = self._reader(module) if module is not None and module != self.path else None
        if reader is None:
            return None
        if name not in (NAMESPACE, DEFAULT) and hops < MAX_DEPTH and not _defines(reader, name):
            if name in reader.reexports:
                there, original = reader.reexports[name]
                return self._from(module, there, original, hops + 1)  # type: ignore[arg-type]
            for there in reader.stars:
                found = self._from(module, there, name, hops + 1)  # type: ignore[arg-type]
                if found is not None:
                    return found
            return None
        return _read(reader, name)

    def mention(self, words: tuple[str, ...]) -> bool:
        """Whether a module this file may read values from holds one of ``words`` (as written): a
        module its imports name, or one such a module imports or re-exports from, and so on. Every
        module so reached is looked through, not just those a reading would load, so False means no
        value read from another module holds one; past ``MAX_REACH`` modules, the answer is True."""
        return _mention(self.path, {spec for spec, _ in self.bound.values()}, words)

    def _reader(self, module: str):  # type: ignore[no-untyped-def]
        if module not in self.readers:
            # what one file's reading may take in from others: past it, a module's values are not known (a small
            # file importing from eight generated modules of 2 MB each spent its whole budget reading them)
            held = sum(len(r.loaded.text) for r in self.readers.values() if r is not None)
            loaded = load(module) if len(self.readers) < MAX_MODULES and held + _size(module) <= MAX_IMPORTED else None
            self.readers[module] = _Reader(loaded, self.depth, self.readers) if loaded is not None else None
        return self.readers[module]


class _Reader:
    """The values a module gives its names, as ``Evaluator`` reads them there."""

    def __init__(self, loaded: Loaded, depth: int = 0, readers: dict[str, object | None] | None = None) -> None:
        from .evaluate import Evaluator

        self.loaded = loaded
        self.depth = depth
        self.ev = Evaluator(loaded.toks, loaded.text)
        shape = _swept(self.ev, loaded)
        bound = shape.bound if depth < MAX_DEPTH else {}
        if bound:  # what it imports from other modules in turn, read once for the file being read whoever imports it
            self.ev.imports = Imports(loaded.path, bound, depth + 1, readers if readers is not None else {})
        self.reexports, self.stars, self.exports, self.whole = shape.reexports, shape.stars, shape.exports, shape.whole


# the words asked of modules, and the paths each module names after ``from`` or ``require``, read from
# its text once per process while it is unchanged (no tokens: it holds every path its imports and
# re-exports name, and maybe more); and, per working folder and words, the modules known to reach one
_scans: dict[tuple[str, ...], Parsed[tuple[bool, tuple[str, ...]]]] = {}
_reached: PerFolder[dict[str, bool]] = PerFolder(64)
_SPEC_WORD = lazy_re.compile(r"\b(?:from|require)\b")
MAX_GAP = 1_000  # characters of a comment between ``from`` and its path looked through


def _mention(importer: str, specs: Iterable[str], words: tuple[str, ...]) -> bool:
    """``Imports.mention`` for a file at ``importer`` whose imports name ``specs``: a depth-first walk
    of the modules they reach, and those the file's text names (its re-exports: a module that imports
    it back reaches them). A walk that ends without finding a word clears every module it went
    through, the file too; one that finds it, or gives up, marks the modules on the way there as
    reaching one, so each is looked through once in a run."""
    scans = _scans.get(words)
    if scans is None:
        scans = _scans[words] = Parsed(lambda path, text: (any(w in text for w in words), _specs(text)), 4096)
    known = _reached.get("", dict, words)
    if importer in known:
        return known[importer]
    own = scans.load(importer)
    seen = {importer}
    frames = [(importer, iter(dict.fromkeys([*specs, *(own[1] if own is not None else ())])))]
    while frames:
        module, todo = frames[-1]
        spec = next(todo, None)
        if spec is None:
            frames.pop()
            continue
        found = locate(module, spec) if _followed(spec) else None
        if found is None or found in seen:
            continue
        hit = known.get(found)
        if hit is False:
            continue
        scanned = None if hit else scans.load(found)
        if hit or scanned is not None and scanned[0] or len(seen) >= MAX_REACH:
            known.update(dict.fromkeys([m for m, _ in frames[1:]], True))  # the way there reaches it, or may
            known[found] = True
            return True
        seen.add(found)
        if scanned is not None:
            frames.append((found, iter(scanned[1])))
    if own is not None and not own[0]:  # the file's own text as its importers read it: no word there either
        known.update(dict.fromkeys(seen, False))
    else:
        known.update(dict.fromkeys(seen - {importer}, False))
    return False


def _specs(text: str) -> tuple[str, ...]:
    """The quoted paths after each ``from`` and ``require(`` of ``text`` (and any comments between)."""
    found: list[str] = []
    for m in _SPEC_WORD.finditer(text):
        i = _past_gaps(text, m.end())
        if text.startswith("(", i):
            i = _past_gaps(text, i + 1)
        quoted = _STRING[text[i]].match(text, i) if i < len(text) and text[i] in _STRING else None
        if quoted is not None and quoted.group(2):
            found.append(quoted.group(1))
    return tuple(dict.fromkeys(found))


def _past_gaps(text: str, i: int) -> int:
    """Past the white space and comments from ``i`` (a comment of over ``MAX_GAP`` characters ends the gap)."""
    n = len(text)
    while i < n:
        if text[i] in _WS_CHARS:
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2, i + MAX_GAP)
            if end < 0:
                return n
            i = end + 2
        else:
            break
    return i


@record(frozen=False)
class _Shape:
    """What a module's text says of what it imports and exports (read, never changed, by each reader of it)."""

    bound: dict[str, tuple[str, str]]  # what it imports
    reexports: dict[str, tuple[str, str]] = field(default_factory=dict)  # export { A as B } from "./a": B -> ("./a", "A")
    stars: list[str] = field(default_factory=list)  # export * from "./b"
    exports: dict[str, int] = field(default_factory=dict)  # exports.NAME = / module.exports.NAME = : where the value starts
    whole: int | None = None  # module.exports = / export default : where the value starts


def _shape(toks: list[Tok]) -> _Shape:
    shape = _Shape(bindings(toks))
    for i, tok in enumerate(toks):
        if tok.kind != "id":
            continue
        if tok.text == "exports" and _is(toks, i + 1, "=") and not _is(toks, i + 2, "=") and _is(toks, i - 1, ".") \
                and i >= 2 and toks[i - 2].text == "module":
            shape.whole = i + 2
        elif tok.text == "exports" and _is(toks, i + 1, ".") and i + 3 < len(toks) and toks[i + 2].kind == "id" \
                and _is(toks, i + 3, "=") and not _is(toks, i + 4, "="):
            shape.exports.setdefault(toks[i + 2].text, i + 4)
        elif tok.text == "export" and i + 1 < len(toks) and toks[i + 1].text == "default" and shape.whole is None:
            shape.whole = i + 2
        elif tok.text == "export" and _is(toks, i + 1, "*") and i + 3 < len(toks) and toks[i + 2].text == "from" \
                and toks[i + 3].kind == "str" and _followed(toks[i + 3].text):
            shape.stars.append(toks[i + 3].text)
        elif tok.text == "export" and _is(toks, i + 1, "{"):
            found: list[tuple[str, str]] = []
            j = _names(toks, i + 2, "as", found)
            if j + 1 < len(toks) and toks[j].text == "from" and toks[j + 1].kind == "str" and _followed(toks[j + 1].text):
                shape.reexports.update((exported, (toks[j + 1].text, original)) for exported, original in found)
    return shape


# what the sweeps find in a module (its declarations, helpers, parameters, the budget they used) and its
# shape, by its path, while the module is unchanged: a module many files import is swept once per
# process, and each file's reading of it starts from the same state, so no file's reading changes
# another's. What only the sweeps write is shared; what reading fills in as it goes (a class's fields,
# found when one is first read) is copied.
_SWEPT: dict[str, tuple[Loaded, dict[str, object], _Shape]] = {}
_SWEPT_SHARED = ("consts", "ambiguous", "declared", "helpers", "classes", "_class_starts", "_class_parents", "params",
                 "_partners", "budget")
_SWEPT_COPIED = ("fields",)


def _swept(ev, loaded: Loaded) -> _Shape:  # type: ignore[no-untyped-def]
    """``ev`` (a new evaluator of ``loaded``) as the sweeps leave it; the module's shape."""
    from .sweeps import declarations, helpers, parameters

    cached = _SWEPT.get(loaded.path)
    if cached is None or cached[0] is not loaded:
        declarations(ev)
        helpers(ev)
        parameters(ev)
        if len(_SWEPT) >= MAX_LOADED:
            del _SWEPT[next(iter(_SWEPT))]  # the one used least recently (each use moves a module to the end)
        state = {k: getattr(ev, k) for k in _SWEPT_SHARED}
        state.update((k, {c: dict(v) for c, v in getattr(ev, k).items()}) for k in _SWEPT_COPIED)
        cached = _SWEPT[loaded.path] = (loaded, state, _shape(loaded.toks))
        return cached[2]
    _SWEPT[loaded.path] = _SWEPT.pop(loaded.path)
    for k, v in cached[1].items():
        setattr(ev, k, {c: dict(f) for c, f in v.items()} if k in _SWEPT_COPIED else v)  # type: ignore[attr-defined]
    return cached[2]


def _defines(reader: _Reader, name: str) -> bool:
    """Whether the module gives ``name`` a value of its own (not one it re-exports)."""
    return name in reader.exports or name in reader.ev.consts or reader.whole is not None


def _read(reader: _Reader, name: str) -> Value:
    ev = reader.ev
    if name == NAMESPACE:
        whole = _whole(reader)
        if isinstance(whole, Obj):
            return whole
        names = list(dict.fromkeys([*reader.exports, *ev.consts]))[:MAX_NAMES]
        return Obj(-1, {n: Entry(n, -1, _read(reader, n), -1, -1) for n in names})
    return _placed(_raw(reader, name), reader.loaded.base)


# the values modules give their names, as their own readers read them (offsets of the module's own), kept
# for a run: every file that imports one (an app's ``env.server.ts`` of a thousand settings) reads it once.
# Each file is handed its own copy (``_placed``), so what a file's reading does to one stays its own.
_values: PerFolder[dict[tuple[str, str, int], tuple[Loaded, Value]]] = PerFolder(64)
MAX_VALUES = 4096


def _raw(reader: _Reader, name: str) -> Value:
    kept = _values.get("", dict)
    key = (reader.loaded.path, name, reader.depth)
    found = kept.get(key)
    if found is not None and found[0] is reader.loaded:
        return found[1]
    ev = reader.ev
    whole = ev.expr(reader.whole)[0] if reader.whole is not None else None
    if name == DEFAULT:
        value = whole
    elif isinstance(whole, Obj) and name in whole.entries:
        value = whole.get(name)
    elif name in reader.exports:
        value = ev.expr(reader.exports[name])[0]
    else:
        value = ev.const(name)
    if len(kept) >= MAX_VALUES:
        kept.clear()
    kept[key] = (reader.loaded, value)
    return value


def _whole(reader: _Reader) -> Value:
    return _placed(_raw(reader, DEFAULT), reader.loaded.base) if reader.whole is not None else None


def _placed(value: Value, base: int) -> Value:
    """A value of another module with its source offsets where that module's stand (``base``), made of
    at most ``MAX_PLACED`` values: past that, what it holds is not known. A module's namespace in a large
    Node back end (``const user = require('../user')``, hundreds of functions each holding others) was
    copied whole for every file that reads one of its names: seconds and gigabytes for a 30-line file."""
    return _copy(value, base, 0, [MAX_PLACED])


MAX_PLACED = 2_000


def _copy(value: Value, base: int, depth: int, left: list[int]) -> Value:
    if left[0] <= 0:
        return None
    left[0] -= 1
    if isinstance(value, Text):
        return value.shifted(base)
    if depth > 8:
        return None
    if isinstance(value, Obj):
        return Obj(moved(value.start, base), {k: Entry(e.key, moved(e.key_start, base), _copy(e.value, base, depth + 1, left), -1, -1)
                                        for k, e in value.entries.items() if left[0] > 0}, value.open or left[0] <= 0)
    if isinstance(value, Arr):
        items = [_copy(v, base, depth + 1, left) for v in value.items if left[0] > 0]
        return Arr(items) if left[0] > 0 else None  # a list cut short is no list known (scopes left out)
    return None
