"""Values of calls that build strings: environment look-ups, ``urljoin``, ``dict(...)``,
``str.format``, ``str.join`` and stripping (a part of the evaluator in ``py_values``)."""
from __future__ import annotations

import ast

from ..recognition.celonis import is_celonis_url, other_host

from ..recognition.names import CELONIS_VAR
from .bindings import Module, Scope
from .strings import DictVal, ListVal, Text, Value, dotted, label, str_format, unknown, urljoin

ENV_FUNCS = {"os.getenv", "getenv", "os.environ.get", "environ.get", "os.environ.setdefault", "environ.setdefault"}
ENV_MAPS = {"os.environ", "environ"}
# settings readers called with the variable's name, which they read from the environment or a ``.env`` file
ENV_READERS = frozenset({"decouple.config"})
# objects that do so when called or through a typed method: ``env = Env()``, then ``env("X")``, ``env.str("X")``
ENV_OBJECTS = frozenset({"decouple.AutoConfig", "decouple.Config", "environs.Env", "environ.Env"})
# form fields a person fills in, by the module they come from: what is typed in, or the value written for
# it (Streamlit's ``st.text_input("Celonis URL", value="https://...")``)
FORM_FIELDS = frozenset({"streamlit.text_input", "streamlit.sidebar.text_input"})
_TYPED_READS = frozenset({"str", "int", "bool", "float", "decimal", "url", "list", "tuple", "dict", "json", "path"})


def env_lookup(name: str, setdefault: bool = False) -> bool:
    """Whether a call's dotted name reads an environment variable (``os.getenv``, ``environ.get``,
    with ``setdefault`` also ``os.environ.setdefault``), whatever module it is reached through."""
    return name.endswith(("getenv", "environ.get", "environ.setdefault") if setdefault else ("getenv", "environ.get"))


def env_call(call: ast.Call, mod: Module, setdefault: bool = False) -> bool:
    """Whether a call reads an environment variable named by its first argument: an ``env_lookup``,
    written so or imported under another name (``from os import getenv as env``), python-decouple's
    ``config("X")``, or a settings object of python-decouple, environs or django-environ
    (``env = environ.Env()``; ``env("X")``, ``env.str("X", default=...)``)."""
    name = dotted(call.func) or ""
    origin = mod.origin(name)
    if env_lookup(name, setdefault) or (origin is not None and (env_lookup(origin, setdefault) or origin in ENV_READERS)):
        return True
    head, _, method = name.partition(".")
    if not head or (method and method not in _TYPED_READS):
        return False
    found = mod.scope(call).find(head)
    values = found[0].assigns[head] if found is not None and found[1] == "assign" else []
    return len(values) == 1 and isinstance(values[0], ast.Call) \
        and mod.origin(dotted(values[0].func) or "") in ENV_OBJECTS


# string methods whose result is known from their receiver's text and constant arguments
_STR_METHODS = frozenset({"format", "join", "strip", "rstrip", "lstrip", "replace", "removesuffix", "removeprefix",
                          "lower", "casefold"})


class CallValues:
    """Needs ``mod``, ``value`` and ``text`` from the evaluator it is mixed into."""

    def _call(self, node: ast.Call, scope: Scope, depth: int) -> Value:
        name = dotted(node.func) or ""
        if env_call(node, self.mod, setdefault=True):
            return self._env(node, scope, depth)
        if self.mod.origin(name) in FORM_FIELDS:
            return self._typed_in(node, scope, depth)
        if name.endswith("urljoin") and len(node.args) == 2:
            a, b = (self.text(arg, scope, depth) for arg in node.args)
            return urljoin(a or unknown(label(node.args[0])), b or unknown(label(node.args[1])))
        if name.endswith("urlencode") and len(node.args) == 1:  # urllib.parse.urlencode({...}): the form it encodes
            found = self.value(node.args[0], scope, depth)
            return found if isinstance(found, DictVal) else None
        if isinstance(node.func, ast.Attribute) and node.func.attr == "encode" and not node.args:
            return self.value(node.func.value, scope, depth)  # "...".encode(): the same text, as bytes
        if name == "dict" and not node.args:
            return DictVal(tuple((kw.arg, kw.value, None) for kw in node.keywords if kw.arg),
                           complete=all(kw.arg for kw in node.keywords), node=node)
        if isinstance(node.func, ast.Attribute) and node.func.attr in _STR_METHODS:
            return self._str_method(node, scope, depth)
        return self._helper_value(node, depth)  # type: ignore[attr-defined]

    def _typed_in(self, node: ast.Call, scope: Scope, depth: int) -> Text:
        """A form field's value: what a person types in, a Celonis URL where the value written for it is one."""
        default = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "value"), None)
        dtext = self.text(default, scope, depth) if default is not None else None
        return unknown(label(node.args[0]) if node.args else "input", bool(dtext and is_celonis_url(dtext.text)))

    def _env(self, node: ast.Call, scope: Scope, depth: int) -> Text:
        first = node.args[0] if node.args else None
        var = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
        default = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg in ("default", "value")), None)
        dtext = self.text(default, scope, depth) if default is not None else None
        # named for Celonis (``CELONIS_URL``, PyCelonis's ``TEAM_URL``), unless its default is another host's;
        # or a Celonis URL by default
        celonis = bool(var and CELONIS_VAR.search(var)) and not another_hosts(dtext) \
            or bool(dtext and is_celonis_url(dtext.text))
        return unknown(var or "env", celonis, env=var, default=default)

    def _str_method(self, node: ast.Call, scope: Scope, depth: int) -> Value:
        func = node.func
        assert isinstance(func, ast.Attribute)
        base = self.text(func.value, scope, depth)
        if base is None:
            return None
        if func.attr == "join" and len(node.args) == 1:
            seq = self.value(node.args[0], scope, depth)
            if not isinstance(seq, ListVal):
                return unknown("joined")
            items = tuple(self.text(e, scope, depth) or unknown(label(e)) for e in seq.elts)
            return Text(base.text.join(i.text for i in items), all(i.resolved for i in items),
                        any(i.celonis for i in items), nodes=tuple(n for i in items for n in i.nodes), items=items)
        if func.attr == "format":
            return str_format(base, node, lambda e: self.text(e, scope, depth) or unknown(label(e)))
        chars = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        if len(chars) != len(node.args) or node.keywords or len(chars) > (2 if func.attr == "replace" else 1):
            return None
        if not base.resolved:  # ``os.getenv("CELONIS_TOKEN_URL").replace("/oauth2/token", "")``: still unknown,
            # and still Celonis's if it was; trimmed of white space, still the variable it is read from
            return Text(base.text, False, base.celonis, nodes=base.nodes,
                        env=base.env if func.attr in ("strip", "lstrip", "rstrip") and not chars else None)
        changed = getattr(base.text, func.attr)(*chars)
        return Text(changed, base.resolved, base.celonis, nodes=base.nodes)


def another_hosts(default: Text | None) -> bool:
    """Whether a setting's default is a URL of a host not Celonis's (``os.getenv("TEAM_URL",
    "https://acme.atlassian.net")``): the setting is that host's, whatever it is called."""
    return default is not None and default.resolved and other_host(default.text)
