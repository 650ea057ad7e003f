"""scopelint: a static scope and permission linter for Celonis Platform OAuth clients."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["Finding", "Location", "lint", "__version__"]


def __getattr__(name: str) -> object:
    """The API names, imported on first use: ``scopelint --version`` or a check of one file does
    not pay for the linter's imports before it needs them."""
    if name == "lint":
        from .linter import lint as value
    elif name in ("Finding", "Location"):
        from . import findings

        value = getattr(findings, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
