"""The rules, in SARIF ``ruleIndex`` order. Each module: ``CODE``, ``NAME``, ``LEVEL``, optional
``OPTIONS`` (defaults of its settings), ``check(project, options)``, and a docstring whose first
line is the short description."""
from __future__ import annotations

from . import (
    SL000_invalid_input,
    SL001_unknown_scope,
    SL002_malformed_scope_list,
    SL003_deprecated_scope,
    SL004_overbroad_scope,
    SL005_missing_scope,
    SL006_unused_scope,
    SL007_unregistered_scope,
    SL008_missing_scim_permission,
    SL009_scope_without_permission,
    SL010_unsupported_grant_type,
    SL011_unsupported_auth_method,
    SL012_hardcoded_secret,
    SL013_secret_in_url,
    SL014_insecure_endpoint,
    SL015_empty_scopes,
    SL016_duplicate_scope,
    SL017_unjustified_sensitive_scope,
    SL018_api_key_auth,
)

# every imported rule module, in code order (the SARIF ruleIndex order)
RULES = tuple(module for name, module in sorted(globals().items()) if name[:2] == "SL" and name[2:5].isdigit())
BY_CODE = {rule.CODE: rule for rule in RULES}
BY_NAME = {rule.NAME: rule for rule in RULES}


def summary(rule) -> str:
    return (rule.__doc__ or "").strip().splitlines()[0]


def description(rule) -> str:
    doc = (rule.__doc__ or "").strip()
    parts = doc.split("\n\n", 1)
    return " ".join(parts[1].split()) if len(parts) > 1 else parts[0]
