"""The rules, in SARIF ``ruleIndex`` order. A rule is one module ``SLnnn_its_name.py`` that carries
everything known about it; SARIF descriptors, the review verdict, config validation and secret
masking derive from these values, and ``tests/test_meta.py`` checks the README and rule pages
against them, so nothing about a rule is listed anywhere else.

Each module defines:

- ``CODE`` (``SLnnn``), ``NAME`` (kebab-case), ``LEVEL`` (``error`` | ``warning`` | ``note``);
- ``PRECISION``: how far a finding rests on heuristics (``very-high`` | ``high`` | ``medium`` | ``low``);
- ``SECURITY_SEVERITY``: a numeric string on GitHub's scale (9.0+ critical, 7.0+ high, 4.0+ medium,
  below low), after what a finding exposes: a leaked credential is worse than cleartext transport,
  which is worse than a weak grant, which is worse than excess privilege, which is worse than a
  definition that simply fails;
- ``CATEGORY`` (one of ``CATEGORIES``) and ``CWE`` (the CWE number as a string, or ``""``);
- ``REJECTS``: an error-level finding makes ``review`` reject the client (the request is unusable or
  unsafe as written);
- ``SECRET``: its findings point at a secret value, whose length the text output must not reveal;
- optional ``OPTIONS`` (defaults of its settings) and ``OPTION_CHOICES``;
- ``check(project, options)``, and a docstring whose first line is the short description.
"""
from __future__ import annotations

import importlib
import pkgutil
import re

# every module SLnnn_name.py of this package, in code order (the SARIF ruleIndex order): adding a
# rule is adding its module, nothing is listed here
RULES = tuple(importlib.import_module(f"{__name__}.{info.name}")
              for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name)
              if re.fullmatch(r"SL\d{3}_\w+", info.name))
BY_CODE = {rule.CODE: rule for rule in RULES}
BY_NAME = {rule.NAME: rule for rule in RULES}


def summary(rule) -> str:
    return (rule.__doc__ or "").strip().splitlines()[0]


def description(rule) -> str:
    doc = (rule.__doc__ or "").strip()
    parts = doc.split("\n\n", 1)
    return " ".join(parts[1].split()) if len(parts) > 1 else parts[0]


PRECISIONS = ("very-high", "high", "medium", "low")
CATEGORIES = ("correctness", "least-privilege", "permissions", "authentication", "credentials", "transport")
# the metadata every rule module must define, with the type of its value
FIELDS = {"CODE": str, "NAME": str, "LEVEL": str, "PRECISION": str, "SECURITY_SEVERITY": str,
          "CATEGORY": str, "CWE": str, "REJECTS": bool, "SECRET": bool}

REJECT_CODES = frozenset(rule.CODE for rule in RULES if rule.REJECTS)  # review rejects on their errors
SECRET_CODES = frozenset(rule.CODE for rule in RULES if rule.SECRET)  # findings about a secret value


def tags(rule) -> list[str]:
    """The SARIF/GitHub tags of a rule: its category and CWE."""
    return ["security", "oauth", rule.CATEGORY] + ([f"external/cwe/cwe-{rule.CWE}"] if rule.CWE else [])


def code_range() -> str:
    """``SL000-SL018``: the known codes, for messages."""
    return f"{RULES[0].CODE}-{RULES[-1].CODE}"
