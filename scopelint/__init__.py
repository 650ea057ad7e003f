"""scopelint: a static scope and permission linter for Celonis Platform OAuth clients."""
from __future__ import annotations

__version__ = "0.1.0"

from .findings import Finding, Location  # noqa: E402
from .linter import lint  # noqa: E402

__all__ = ["Finding", "Location", "lint", "__version__"]
