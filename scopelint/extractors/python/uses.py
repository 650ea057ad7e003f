"""Which string literals are not URLs in use: what an ``assert`` or a comparison checks, the
arguments of ``self.assertEqual(...)``-style calls, and in a test file the values its environment
set-up assigns (``monkeypatch.setenv("CELONIS_URL", "...")``, ``os.environ["CELONIS_URL"] = "..."``).
A URL is a fact where it is used: an HTTP call, a token URL, a base URL variable or config key."""
from __future__ import annotations

import ast

from .bindings import Module
from .call_values import ENV_MAPS
from .strings import dotted


def not_used(by_type: dict[type, list[ast.AST]], mod: Module, test_file: bool) -> tuple[set[int], set[int]]:
    """``id`` of every string literal that is only compared, and of every one a test's environment set-up
    assigns (``test_file``: a test's; else none)."""
    compared: list[ast.AST] = [n.test for n in by_type.get(ast.Assert, [])]  # type: ignore[attr-defined]
    compared += by_type.get(ast.Compare, [])
    fixtures: list[ast.AST] = []
    for call in by_type.get(ast.Call, []):
        name = (dotted(call.func) or "").rsplit(".", 1)[-1]  # type: ignore[attr-defined]
        if name.lower().startswith("assert"):
            compared.append(call)
        elif test_file and name in ("setenv", "setitem"):
            fixtures.append(call)
        elif test_file and name == "dict" and call.args and dotted(call.args[0]) in ENV_MAPS | {"os.environ"}:
            fixtures.append(call)  # ``mock.patch.dict(os.environ, {...})``
    if test_file:
        for node in by_type.get(ast.Assign, []):
            if any(isinstance(t, ast.Subscript) and _environ(t.value, mod) for t in node.targets):  # type: ignore[attr-defined]
                fixtures.append(node.value)  # type: ignore[attr-defined]
    return _literals(compared), _literals(fixtures)


def _literals(roots: list[ast.AST]) -> set[int]:
    return {id(n) for root in roots for n in ast.walk(root) if isinstance(n, (ast.Constant, ast.JoinedStr))}


def _environ(node: ast.AST, mod: Module) -> bool:
    name = dotted(node) or ""
    return name in ENV_MAPS or (name.endswith("environ") and mod.imports.get(name.split(".")[0], "").startswith("os"))
