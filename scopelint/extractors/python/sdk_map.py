"""The PyCelonis call map (``data/pycelonis.yaml``): which HTTP requests each SDK call sends."""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from ...records import record


@record
class Method:
    """The endpoints one SDK method calls, and what it returns."""

    calls: tuple[tuple[str, str], ...]
    returns: str | None = None
    when: str | None = None  # a keyword that must be given for the calls to happen


@record
class SdkMap:
    """The PyCelonis SDK map: classes, attributes, functions and receivers."""

    classes: Mapping[str, Mapping[str, Method]]  # inherited methods included
    attributes: Mapping[str, Mapping[str, str]]
    functions: Mapping[str, Method]
    receivers: tuple[tuple[re.Pattern[str], str], ...]

    def method(self, cls: str, name: str) -> Method | None:
        return self.classes.get(cls, {}).get(name)

    def owners(self, name: str) -> list[str]:
        """The classes that have a method ``name``."""
        return sorted(cls for cls, methods in self.classes.items() if name in methods)

    def by_name(self, variable: str) -> str | None:
        for pattern, cls in self.receivers:
            if pattern.search(variable):
                return cls
        return None


def _method(data: Mapping[str, object]) -> Method:
    calls = tuple((str(m).upper(), str(p)) for m, p in data.get("calls") or ())  # type: ignore[union-attr]
    returns = data.get("returns")
    when = data.get("when")
    return Method(calls, str(returns) if returns else None, str(when) if when else None)


def _flatten(classes: Mapping[str, Mapping[str, object]]) -> dict[str, dict[str, Method]]:
    own = {name: {m: _method(d) for m, d in (body.get("methods") or {}).items()}  # type: ignore[union-attr]
           for name, body in classes.items()}
    out: dict[str, dict[str, Method]] = {}
    for name, body in classes.items():
        methods: dict[str, Method] = {}
        for base in body.get("bases") or ():  # type: ignore[union-attr]
            methods.update(own.get(str(base), {}))
        methods.update(own[name])
        out[name] = methods
    return out


@functools.cache
def sdk_map() -> SdkMap:
    from ... import packaged

    data = packaged.load("pycelonis")
    classes = data["classes"]
    return SdkMap(
        classes=_flatten(classes),
        attributes={name: dict(body.get("attributes") or {}) for name, body in classes.items()},
        functions={name: _method(body) for name, body in data["functions"].items()},
        receivers=tuple((re.compile(pattern, re.I), cls) for pattern, cls in data["receivers"]),
    )
