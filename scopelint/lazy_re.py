"""Regular expressions compiled on first use.

scopelint's modules hold about two hundred patterns, each for one file kind or one shape of code. A
check of one Python file uses a quarter of them, and compiling the rest when the modules are imported
cost about 10 ms of a 100 ms pre-commit run. ``compile`` takes the arguments of ``re.compile`` and
returns an object that compiles the pattern the first time one of its attributes is asked for; from
then on its methods are the compiled pattern's own, read from the object as fast as from a pattern.

It stands in for a pattern wherever one is used through its attributes (``P.search(text)``,
``P.pattern``). ``re.sub(P, ...)`` and the other module-level functions need a real pattern:
``P.sub(...)`` is the same call."""
from __future__ import annotations

import re
from typing import cast

__all__ = ["compile"]

# what a pattern is asked for: copied onto the stand-in when it compiles, so later calls skip __getattr__
_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
               "pattern", "flags", "groups", "groupindex", "scanner")


class _Deferred:
    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> object:
        source = self.__dict__.get("_source")
        if source is None:  # not made by __init__ (a copy being built): nothing to compile
            raise AttributeError(name)
        compiled = re.compile(*source)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_re.compile({self._source[0]!r}, {self._source[1]!r})"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's name, as the callers read it
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[str]", _Deferred(pattern, flags))
