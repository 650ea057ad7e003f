"""Python source, read with ``ast`` (never imported or run): token requests, PyCelonis calls,
Celonis API paths, scope variables, TLS switched off, hard-coded secrets and key-based auth."""
from __future__ import annotations

import ast
from dataclasses import replace

from ... import lazy_re
from ...catalog import Catalog
from ...findings import Location
from ...model import LITERAL, VARIABLE, ApiCall, FileFacts, Problem
from ..recognition.source import Source, is_test_path
from ..recognition.celonis import asks_scopes, celonis_code, concerns_celonis, is_celonis_url, other_host
from ..recognition.names import says_celonis
from ..recognition.secrets import foreign, without_foreign
from ..recognition.emit import generic_route, url_facts
from ..recognition.scopes import query_scopes
from ..recognition.urls import UNRESOLVED
from .pycelonis import env_assignment, env_read, get_celonis, key_type_settings, oauth2, scope_var
from .context import Context
from .strings import DictVal
from .call_values import env_call
from .http_calls import api_call, api_path, client_tls, http_call, is_celonis_target, session_tls, tls, wrapper_body
from .positions import UNNAMED, Positions, is_docstring, split_lines
from .requote import requoted
from .typeparams import untyped
from .bindings import Module, build
from .sdk import run as sdk_run
from .secrets import Secrets, comments, key_header
from .token_request import foreign_scopes, form_secrets, token_request
from .uses import not_used
from .libraries import library_call
from .settings import settings_class, settings_dicts

def preload() -> None:
    """The PyCelonis map and the OAuth library map, read from their data files."""
    from ..recognition.libraries import libraries
    from .sdk_map import sdk_map

    sdk_map()
    libraries("python")


def extract(src: Source, facts: FileFacts) -> None:
    ctx = analyze(src.text, src.path, facts, src.catalog)
    if ctx is not None and not facts.token_requests and "celonis" in src.text.lower():  # what ``unread_token_request`` looks at
        # the signs of a token request that was read, to another provider's URL, are that request's
        src.signs = "" if ctx.elsewhere_requests else _without_exported(src.text, ctx.mod)


def analyze(text: str, path: str, facts: FileFacts, catalog: Catalog, what: str = "not valid Python",
            notebook: bool = False) -> Context | None:
    """Add the facts of one Python text; what its reading found, or ``None`` (and a note) when it does not parse."""
    tree = parse(text, path, facts, what, notebook)
    if tree is None:
        return None
    try:
        ctx = Context(build(tree), Positions(path, split_lines(text)), facts, catalog)
        _facts(ctx, text)
    except RecursionError:
        facts.problems.append(Problem(Location(path, 1, 1), "Python nested too deeply to read", kind="skipped"))
        return None
    return ctx


def _without_exported(text: str, mod: Module) -> str:
    """Where signs of a token request no reader could read count (``Source.signs``): the text with
    the lines of each module or class-body assignment whose names the module reads only in other
    such assignments blanked (line numbers kept). A ``TOKEN_URL = "..."`` (or ``TOKEN_URL =
    CELONIS_TOKEN_URL``) that other modules import is read where they use it."""
    bodies = [mod.tree.body] + [c.body for c in mod.tree.body if isinstance(c, ast.ClassDef)]
    defined: dict[int, list[str]] = {}  # an assignment statement -> the names it binds
    where: dict[int, ast.stmt] = {}
    for stmt in (s for body in bodies for s in body):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        value = getattr(stmt, "value", None)
        calls = [n for n in ast.walk(value) if isinstance(n, ast.Call)] if value is not None else []
        # a value, not a use: a call other than an environment look-up does something with what it is given
        if names and len(names) == len(targets) and all(env_call(c, mod) for c in calls):
            defined[id(stmt)], where[id(stmt)] = names, stmt
    reads: dict[str, set[int | None]] = {}  # name -> the assignments it is read in (None: anywhere else)
    for body in bodies:
        for stmt in body:
            home = id(stmt) if id(stmt) in defined else None
            for n in ast.walk(stmt):
                name = n.id if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Store) else \
                    n.attr if isinstance(n, ast.Attribute) else None
                if name is not None:
                    reads.setdefault(name, set()).add(home)
    # an assignment read only by blanked ones is one too (``TOKEN_URL = CELONIS_TOKEN_URL``): each is asked again
    # only when one that reads it is blanked (a chain of 8,000 such was read over once for each link)
    defines: dict[str, list[int]] = {}
    for key, names in defined.items():
        for n in names:
            defines.setdefault(n, []).append(key)
    read_in: dict[int, set[int]] = {}  # an assignment -> the assignments whose names it reads
    for n, homes in reads.items():
        for home in homes:
            if home is not None and n in defines:
                read_in.setdefault(home, set()).update(defines[n])
    blanked: set[int] = set()
    pending = list(reversed(defined))
    while pending:
        key = pending.pop()
        if key not in blanked and all(r == key or r in blanked for n in defined[key] for r in reads.get(n, ())):
            blanked.add(key)
            pending.extend(read_in.get(key, ()))
    lines = text.split("\n")
    for key in blanked:
        stmt = where[key]
        for n in range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1):
            lines[n - 1] = ""
    return "\n".join(lines)


MAX_UNREAD_LINES = 10  # lines left out of a module that does not parse whole, before it is not read at all


def _older(text: str) -> str | None:
    """``text`` in the syntax of the Python before 3.12, every line and column kept: 3.12's
    ``f"{env["URL"]}"`` read as ``f"{env['URL']}"``, ``def get[T](...)`` as ``def get   (...)``; None when
    neither is there."""
    requoted_text = requoted(text)
    plain = untyped(requoted_text or text)
    return plain or requoted_text


# braces on one line past which it is generated, not written: CPython's parser takes time that grows
# with their square on an f-string's fields (160,000 on one line: 20 s), past any file timeout, as
# it runs without returning to Python
MAX_FIELDS = 10_000


def _without_crowded_lines(text: str, path: str, facts: FileFacts) -> str:
    """``text`` with each line holding over ``MAX_FIELDS`` braces read as ``pass`` (a block's header as
    ``if 1:``), padded to its length (positions hold), and a note that says so."""
    lines = text.split("\n")
    crowded = [n for n, line in enumerate(lines) if line.count("{") > MAX_FIELDS]
    if not crowded:
        return text
    for n in crowded:  # a statement of its own, or a block's header, still one: the lines around it parse as before
        indent = len(lines[n]) - len(lines[n].lstrip())
        stand_in = "if 1:" if lines[n].rstrip().endswith(":") else "pass"
        lines[n] = (lines[n][:indent] + stand_in).ljust(len(lines[n]))
    which = f"line {crowded[0] + 1}" + (f" and {len(crowded) - 1} other line(s)" if len(crowded) > 1 else "")
    facts.problems.append(Problem(Location(path, crowded[0] + 1, 1), f"{which} with over {MAX_FIELDS:,} braces "
                                  "(generated code) not read; the rest of the file was", kind="skipped"))
    return "\n".join(lines)


def parse(text: str, path: str, facts: FileFacts, what: str = "not valid Python",
          notebook: bool = False, recover: bool = True) -> ast.Module | None:
    """The module, or ``None`` and a note; notebooks may ``await`` at the top level, as IPython allows.

    A string nested in an f-string's field in the f-string's own quotes (3.12's ``f"{row["id"]}"``) is
    read with the other quotes (``requote``), and 3.12's type parameters (``class C[T]:``, ``type X = ...``)
    without them (``typeparams``). A module with a few lines this interpreter still cannot
    parse (other syntax of a newer Python, a stray Python 2 ``print "x"``) is read without them: each such statement
    is read as ``pass``, every other line keeps its place, and a note names the first line left out.
    Past ``MAX_UNREAD_LINES`` such lines, or without ``recover`` (a notebook cell: one that does not
    parse is left out whole, with its note), it is not read at all."""
    if text.count("{") > MAX_FIELDS:
        text = _without_crowded_lines(text, path, facts)
    try:
        return _compiled(text, notebook)
    except SyntaxError as exc:
        error, fixed = exc, _older(text)
        if fixed is not None:
            try:
                return _compiled(fixed, notebook)
            except SyntaxError as again:  # something else too: the lines of that are left out of the requoted text
                text, error = fixed, again
            except (ValueError, RecursionError, MemoryError):
                pass
        line, col = error.lineno or 1, error.offset or 1
        message = f"{what} (line {line}): {error.msg}"
        tree, unread = _without_unparsed(text, notebook, error) if recover else (None, [])
        if tree is None and recover and text.startswith(_DATABRICKS_SOURCE):
            tree, unread = _by_commands(text)
        if tree is not None:
            facts.problems.append(Problem(Location(path, line, max(col, 1)),
                                          f"{message}; line {line}{more_lines(unread)} not read, the rest of the file was",
                                          kind="skipped"))
            return tree
        if tree is None and recover and "too many nested" in str(error.msg):
            tree, unread = _by_statements(text, notebook)
            if tree is not None:
                facts.problems.append(Problem(Location(path, unread[0], 1), f"{message}; the statement at line "
                                              f"{unread[0]} not read, the rest of the file was", kind="skipped"))
                return tree
    except (ValueError, RecursionError, MemoryError) as exc:
        line, col = 1, 1
        message = f"{what}: {'nested too deeply' if not isinstance(exc, ValueError) else exc}"
        tree, unread = _by_statements(text, notebook) if recover and not isinstance(exc, ValueError) else (None, [])
        if tree is not None:
            facts.problems.append(Problem(Location(path, unread[0], 1), f"{what} (line {unread[0]}): nested too deeply "
                                          f"to build; the statement at line {unread[0]}{more_lines(unread)} not read, the rest "
                                          "of the file was", kind="skipped"))
            return tree
    facts.problems.append(Problem(Location(path, line, max(col, 1)), message, kind="skipped"))
    return None


def more_lines(unread: list[int]) -> str:
    """What a note adds after the first line left out: `` and 2 more``, or nothing."""
    return f" and {len(unread) - 1} more" if len(unread) > 1 else ""


# a top-level statement's first word that goes on the statement before it
_CLAUSES = frozenset({"else", "elif", "except", "finally"})


def _by_statements(text: str, notebook: bool) -> tuple[ast.Module | None, list[int]]:
    """The module read a top-level statement at a time, where it cannot be read whole for one this
    interpreter cannot build (a 3,000-term expression or ``elif`` chain runs its parser out of stack,
    brackets nested past its limit over many lines): each statement that does not compile on its own
    is read as ``pass``, its other lines kept blank. The module, and the first line of each left out;
    ``None`` when none or every one is left out, or the file cannot be split."""
    import io
    import tokenize

    lines = text.split("\n")
    starts: list[int] = []
    level, fresh, decorated = 0, True, False
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.INDENT:
                level += 1
            elif tok.type == tokenize.DEDENT:
                level -= 1
            elif tok.type in (tokenize.NEWLINE, tokenize.NL, tokenize.COMMENT, tokenize.ENDMARKER):
                fresh = fresh or tok.type == tokenize.NEWLINE
            elif fresh:
                if level == 0 and not decorated and not (tok.type == tokenize.NAME and tok.string in _CLAUSES):
                    starts.append(tok.start[0])
                decorated, fresh = tok.string == "@" and level == 0, False
    except (tokenize.TokenError, SyntaxError, RecursionError, MemoryError):
        return None, []
    bounds = starts + [len(lines) + 1]
    kept, left_out = list(lines), []
    # runs of statements are read together, and a run that does not compile is halved until the statements
    # that do not are found: a few such among 500,000 lines cost a few readings of the file, not one each
    runs = [(0, len(starts))]
    while runs:
        lo, hi = runs.pop()
        try:
            _compiled("\n".join(lines[bounds[lo] - 1:bounds[hi] - 1]), notebook)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            if hi - lo > 1:
                mid = (lo + hi) // 2
                runs += [(mid, hi), (lo, mid)]
                continue
            first, after = bounds[lo], bounds[hi]
            kept[first - 1:after - 1] = ["pass"] + [""] * (after - 1 - first)
            left_out.append(first)
    if not left_out or len(left_out) == len(starts):
        return None, left_out
    try:
        return _compiled("\n".join(kept), notebook), left_out
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None, []


# a notebook Databricks exports as source: its commands, each a cell of its own, between these lines
_DATABRICKS_SOURCE = "# Databricks notebook source"
_COMMAND = "# COMMAND ----------"


def _by_commands(text: str) -> tuple[ast.Module | None, list[int]]:
    """A Databricks source export read as its notebook runs, a command at a time: each command that does not
    parse on its own (a placeholder to fill in, a pasted log) left out whole, its lines kept blank. The
    module, and the first line of each command left out."""
    lines = text.split("\n")
    bounds = [k for k, line in enumerate(lines) if line.strip() == _COMMAND] + [len(lines)]
    kept, left_out, first = list(lines), [], 0
    for bound in bounds:
        try:
            _compiled("\n".join(lines[first:bound]), False)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            kept[first:bound] = [""] * (bound - first)
            left_out.append(first + 1)
        first = bound + 1
    try:
        return _compiled("\n".join(kept), False), left_out
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None, left_out


def _compiled(text: str, notebook: bool) -> ast.Module:
    """``text`` parsed, under a name that is no file's: on a syntax error CPython reads the file named to
    show its line (the whole file again for each statement that fails, or a notebook's JSON)."""
    if notebook:
        flags = ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
        return compile(text, UNNAMED, "exec", flags, dont_inherit=True)  # type: ignore[no-any-return]
    return ast.parse(text, filename=UNNAMED)


_BLOCK_END = lazy_re.compile(r""":\s*(#[^'"]*)?$""")  # a line that opens a block (``else:``, ``if x <> y:  # py2``)


_EXCEPT = lazy_re.compile(r"\s*except\b")
_STAND_INS = frozenset({"pass", "if True:", "except Exception:", "except Exception: pass"})  # what unread lines are read as


def readable_lines(text: str) -> tuple[list[str], list[int], str] | None:
    """A notebook cell's lines with those of each syntax error read as ``pass`` (``_without_unparsed``),
    the lines left out and why; ``None`` when the cell parses, or does not even so."""
    try:
        _compiled(text, True)
        return None
    except SyntaxError as exc:
        found = _without_unparsed(text, True, exc, kept := [])
        return (kept, found[1], str(exc.msg)) if found[0] is not None and found[1] else None
    except (ValueError, RecursionError, MemoryError):
        return None


def _without_unparsed(text: str, notebook: bool, exc: SyntaxError,
                      kept: list[str] | None = None) -> tuple[ast.Module | None, list[int]]:
    """The module with the lines of each syntax error read as ``pass`` (at their indentation, so the
    blocks around them stay as they were), and those lines; ``None`` when that does not make it parse.
    ``kept``: filled with the lines as read. A bracket never closed is its line's alone first (a call missing
    its ``)``), and only then runs to the end (a file cut off inside it)."""
    found = _stand_ins(text, notebook, exc, kept, False)
    if found[0] is None and "never closed" in str(exc.msg):
        found = _stand_ins(text, notebook, exc, kept, True)
    return found


def _stand_ins(text: str, notebook: bool, exc: SyntaxError, kept: list[str] | None,
               to_end: bool) -> tuple[ast.Module | None, list[int]]:
    if isinstance(exc, IndentationError):
        return None, []
    lines = text.split("\n")
    unread: list[int] = []
    excepts: dict[int, str] = {}  # lines read as an ``except`` clause, by what they were before
    for _ in range(MAX_UNREAD_LINES):
        first, last = exc.lineno or 0, max(exc.end_lineno or 0, exc.lineno or 0)
        if to_end and "never closed" in str(exc.msg):  # a file cut off in a bracket: its statement runs to the end
            last = len(lines)
        if first in excepts and first == last:  # no ``try`` before it after all: read as other lines are
            line = excepts.pop(first)
            lines[first - 1] = line[:len(line) - len(line.lstrip())] + ("if True:" if _BLOCK_END.search(line) else "pass")
        else:
            if not 0 < first <= len(lines) or any(first <= n <= last for n in unread) \
                    or len(unread) + last - first >= MAX_UNREAD_LINES:
                return None, []
            last = min(last, len(lines))
            opens = _BLOCK_END.search(lines[last - 1]) is not None  # ``if x <> y:``: its block stays a block
            # an ``except`` clause stays one (3.14's ``except A, B:``, Python 2's ``except E, e: pass``), or
            # its ``try`` would have none
            clause = _EXCEPT.match(lines[first - 1]) is not None
            if clause:
                excepts[first] = lines[first - 1]
            stand_in = ("except Exception:" if opens else "except Exception: pass") if clause else "if True:" if opens else "pass"
            for n in range(first, last + 1):
                line = lines[n - 1]
                lines[n - 1] = line[:len(line) - len(line.lstrip())] + stand_in if n == first else ""
                unread.append(n)
        if not any(line.strip() and line.strip() not in _STAND_INS and not line.lstrip().startswith("#") for line in lines):
            return None, []  # nothing left to read: the file does not parse, as the note says
        try:
            tree = _compiled("\n".join(lines), notebook)
            if kept is not None:
                kept[:] = lines
            return tree, unread
        except SyntaxError as again:
            exc = again
        except (ValueError, RecursionError, MemoryError):
            return None, []
    return None, []


def _facts(ctx: Context, text: str) -> None:
    by_type: dict[type, list[ast.AST]] = {}
    for node in ctx.mod.nodes:
        by_type.setdefault(type(node), []).append(node)
    calls: list[ast.Call] = by_type.get(ast.Call, [])  # type: ignore[assignment]
    for call in calls:
        _call(call, ctx)
    for node in by_type.get(ast.Subscript, []):
        env_read(node, ctx)  # type: ignore[arg-type]
    for node in by_type.get(ast.Assign, []):
        env_assignment(node, ctx)  # type: ignore[arg-type]
        session_tls(node, ctx)  # type: ignore[arg-type]
    for node in by_type.get(ast.ClassDef, []):
        settings_class(node, ctx)  # type: ignore[arg-type]
    settings_dicts(by_type.get(ast.Dict, []) + calls, by_type.get(ast.Assign, []), ctx)  # type: ignore[operator]
    sdk_run(ctx, calls)
    key_type_settings(ctx)
    test_file = is_test_path(ctx.path)
    # a test's expected values (``assert got == Provider(client_secret="...")``) are compared, not written to be used
    compared, fixtures = not_used(by_type, ctx.mod, test_file)
    secrets = Secrets(ctx, compared if test_file else set())
    for kind in Secrets.KINDS:
        for node in by_type.get(kind, []):
            secrets.node(node)
    secrets.drop_fixtures()
    unused = compared | fixtures
    for node in by_type.get(ast.Constant, []) + by_type.get(ast.JoinedStr, []):
        if _standalone(node, ctx):
            _literal(node, ctx, id(node) in unused)  # type: ignore[arg-type]
    if ctx.foreign_scopes:  # a scope variable sent to another provider's host is that provider's
        ctx.facts.scope_vars = [s for s in ctx.facts.scope_vars
                                if not (s.refs and all(any(span.covers(ref.loc) for span in ctx.foreign_scopes)
                                                       for ref in s.refs))]
    _unproven(ctx, by_type)
    before = len(ctx.facts.secrets)
    comments(ctx, text)
    prose = {id(s) for s in ctx.facts.secrets[before:]}  # a token in a comment is an example's, as in other code
    # a secret whose name names another service (``OPENAI_API_KEY``) is not Celonis's business unless
    # the module talks to Celonis; a token in a test is a fixture whoever it is for
    named = [s for s in ctx.facts.secrets if s.loc in ctx.secret_at]
    if any(foreign(s, id(s) in prose) for s in named):
        ctx.facts.secrets = without_foreign(ctx.facts.secrets, named, prose, celonis=_celonis_module(ctx, by_type))


def _unproven(ctx: Context, by_type: dict[type, list[ast.AST]]) -> None:
    """Facts that are Celonis's only where the module talks to Celonis, judged without them (they are
    not the evidence): scopes under a name any OAuth code uses (``os.environ.get("OAUTH_SCOPES",
    "openid profile")`` next to a Hugging Face login) unless Celonis's by themselves
    (``integration.data-pools``), and static-key headers neither sent to Celonis nor named for it
    (``"Bearer " + os.environ["LANGWATCH_API_KEY"]`` for a telemetry exporter), calls to paths other
    services have too on a base not known to be Celonis's (``f"{DASHBOARD_URL}/api/widgets/{id}"``,
    ``emit.generic_route``), and token requests to
    no host written out for catalog scopes another provider could name too (``audit.log:read``)."""
    scopes = {id(s) for s in ctx.generic_scopes if not concerns_celonis(False, [ref.name for ref in s.refs], ctx.catalog)}
    keys = {id(h) for h in ctx.unproven}
    requests = {id(r) for r in ctx.unproven_requests}
    calls = {id(c) for c in ctx.unproven_calls}
    if not (scopes or keys or requests or calls):
        return
    f = ctx.facts
    all_scopes, all_headers, all_requests, all_calls = f.scope_vars, f.auth_headers, f.token_requests, f.api_calls
    f.scope_vars = [s for s in all_scopes if id(s) not in scopes]
    f.auth_headers = [h for h in all_headers if id(h) not in keys]
    f.token_requests = [r for r in all_requests if id(r) not in requests]
    f.api_calls = [c for c in all_calls if id(c) not in calls]
    if _celonis_module(ctx, by_type):
        f.scope_vars, f.auth_headers, f.token_requests, f.api_calls = all_scopes, all_headers, all_requests, all_calls


def _celonis_module(ctx: Context, by_type: dict[type, list[ast.AST]]) -> bool:
    """Whether the module talks to Celonis: a Celonis fact was found in it, or Celonis is in the names
    and strings it is written in (``import pycelonis``, ``CELONIS_URL``, a Celonis host; see
    ``celonis_code``) or the settings it reads (``os.environ["TEAM_URL"]``), not in its comments."""
    f = ctx.facts
    if f.token_requests or f.auth_headers or f.clients or f.scope_vars or f.unresolved_calls \
            or any(not generic_route(c.path) for c in f.api_calls):  # /api/team: other services' paths too
        return True
    if any(says_celonis(name) for name in ctx.env_read):  # a setting named for Celonis: ``os.environ["TEAM_URL"]``
        return True
    names = [getattr(node, field) or "" for kind, field in _NAMED for node in by_type.get(kind, [])]
    strings = [n.value for n in by_type.get(ast.Constant, []) if isinstance(n.value, str) and len(n.value) <= 2_000]
    return celonis_code(names, strings)


# where a module's names are: variables, attributes, imports, definitions, keyword arguments
_NAMED = ((ast.Name, "id"), (ast.Attribute, "attr"), (ast.alias, "name"), (ast.ImportFrom, "module"),
          (ast.FunctionDef, "name"), (ast.AsyncFunctionDef, "name"), (ast.ClassDef, "name"), (ast.keyword, "arg"),
          (ast.arg, "arg"))


def _call(call: ast.Call, ctx: Context) -> None:
    if oauth2(call, ctx) or get_celonis(call, ctx) or library_call(call, ctx):
        return
    scope_var(call, ctx)
    http = http_call(call, ctx)
    if http is None:
        client_tls(call, ctx)
        return
    if http.own:  # a call of the module's wrapper that keeps its keywords sends none of them
        form_secrets(http, ctx)
        if http.url is not None and other_host(http.url.text):
            foreign_scopes(http, ctx)
    authorization = (_authorization(call, ctx) if http.own else None) \
        or (_authorization(http.through, ctx) if http.through is not None else None)
    if wrapper_body(call, ctx):  # the library call of the module's wrapper: read at each of its calls (``_wrapped``)
        celonis = is_celonis_target(http, ctx)
    else:
        celonis = token_request(http, ctx) if http.own else None
        if celonis is None:
            api_call(http, ctx, key_header(authorization, ctx) if authorization is not None else None)
            celonis = is_celonis_target(http, ctx)
    ctx.celonis_calls = ctx.celonis_calls or celonis
    if authorization is not None and (celonis or http.url is not None and other_host(http.url.text)):
        # where the value goes: sent only to another host (``requests.post("https://slack.com/api/...",
        # headers={"Authorization": f"Bearer {key}"})``) it is that host's authentication, not Celonis's;
        # one dict of headers sent to both is Celonis's all the same
        (ctx.sent_to_celonis if celonis else ctx.elsewhere).add(id(authorization))
    if http.own:
        tls(call, ctx, celonis)
    if http.through is not None and celonis:  # the module's wrapper: what its library call sends, this call sends
        tls(http.through, ctx, True)
    if celonis and isinstance(call.func, ast.Attribute):
        key = ctx.receiver_key(call.func.value)
        if key is not None:
            ctx.celonis_receivers.add(key)


def _authorization(call: ast.Call, ctx: Context) -> ast.expr | None:
    """The ``Authorization`` value in the ``headers=`` a call sends, as far as it can be read."""
    headers = next((kw.value for kw in call.keywords if kw.arg == "headers"), None)
    found = ctx.value(headers) if headers is not None else None
    if isinstance(found, DictVal):
        return found.get("Authorization") or found.get("authorization")
    return None


def _standalone(node: ast.AST, ctx: Context) -> bool:
    """A string literal of its own: not a piece of an f-string, not a docstring."""
    if isinstance(node, ast.Constant) and not isinstance(node.value, str):
        return False
    parent = ctx.mod.parent(node)
    return not isinstance(parent, (ast.JoinedStr, ast.FormattedValue)) and not is_docstring(node, parent)


def _literal(node: ast.Constant | ast.JoinedStr, ctx: Context, compared: bool) -> None:
    """A literal of its own: an API path, or a Celonis URL and its query secrets unless only compared."""
    val = ctx.text(node)
    if val is None or "/" not in val.text:
        return
    loc, exact = ctx.where(val, node)
    if is_celonis_url(val.text) and not compared:
        secrets, insecure = url_facts(val.text, loc)
        placed = None if exact or not secrets else ctx.in_pieces(val, lambda at: url_facts(val.text, at)[0])
        ctx.facts.secrets.extend(placed if placed is not None else (s if exact else replace(s, loc=loc) for s in secrets))
        # ``f"{BASE}/oauth2/token"``: its ``http://`` is written, and reported, where BASE is
        scheme_elsewhere = isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.FormattedValue)
        ctx.facts.insecure.extend(i for i in insecure if not (scheme_elsewhere and i.kind == "http-url"))
    if id(node) in ctx.consumed:
        return
    if exact and not compared and asks_scopes(val.text) and not UNRESOLVED.search(val.text):
        scopes = query_scopes(val.text, loc, VARIABLE)  # a login link: the scopes a Celonis client asks for
        if scopes is not None and scopes.refs:
            ctx.facts.scope_vars.append(scopes)
    path = api_path(val, ctx)
    if path is not None:
        ctx.facts.api_calls.append(ApiCall(None, path, loc, via="http", evidence=LITERAL))
