"""Flag scopes that the catalog does not know, as strongly as the evidence allows.

A typo such as ``integration.datapools`` is accepted when the client definition is written
and fails later, when a token is requested with ``invalid_scope``. The policy:

- a near miss of a catalog name (a did-you-mean exists) is an error that names the closest
  known scope;
- a name in a namespace the catalog knows (``integration.data-pools:write``) with a suffix it
  does not know is an error: Celonis names its scopes in that namespace, and this is not one;
- a name in a namespace the catalog does not know at all, with no near miss, is a warning: it
  may be a scope Celonis added after the catalog's date. The message gives the catalog's version
  and date and says how to extend it (``--catalog``, config key ``catalog``).

OpenID Connect's own scopes (``openid``, ``profile``, ``email``, ``offline_access`` ...), which a
client signing users in through Celonis asks for beside catalog scopes, are the protocol's: never
unknown.

A ``rules.SL001.level`` in the configuration sets the level of every SL001 finding.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..catalog import OIDC_SCOPES
from ..findings import Finding
from ..project import Project
from ._fixes import fix as make_fix
from ._fixes import replace

CODE = "SL001"
NAME = "unknown-scope"
LEVEL = "error"
PRECISION = "very-high"
SECURITY_SEVERITY = "4.0"
CATEGORY = "correctness"
CWE = ""
REJECTS = True
SECRET = False

EXTEND = "if Celonis added it since, extend the catalog with --catalog FILE or the config key 'catalog'"


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    cat = project.catalog
    for ref, client in project.scope_refs():
        name = ref.name
        if name in cat.scopes or name in cat.retired or name.lower() in cat.scopes or name.lower() in cat.retired:
            continue  # known, retired (SL003) or only mis-cased (SL002)
        if name.lower() in OIDC_SCOPES:
            continue  # OpenID Connect's own (``openid profile`` of a sign-in): the protocol's, not the catalog's
        hint = cat.closest(name)
        level = ""  # the rule's level: error
        fix = None
        if hint:
            message = f"unknown scope {name!r} (catalog {cat.label}); did you mean {hint!r}?"
            fix = make_fix(replace(project, ref.loc, name, hint), f"replace {name!r} with {hint!r}", "unsafe")
            advice = f"use {hint!r}"
        elif cat.in_known_namespace(name):
            namespace = cat.namespace_of(name)
            message = (f"unknown scope {name!r} (catalog {cat.label}): Celonis uses the namespace "
                       f"{namespace!r}, but has no scope spelled like this")
            advice = f"pick a scope of the {namespace!r} namespace from 'scopelint catalog'"
        else:
            level = "warning"
            message = (f"scope {name!r} is not in the catalog {cat.label} ({cat.date}), and Celonis is not "
                       f"known to use the namespace {cat.namespace_of(name)!r}; {EXTEND}")
            advice = "confirm the scope with Celonis, then add it to a catalog extension"
        yield Finding(ref.loc, CODE, message, level=level, client=client, scope=name, hint=advice, fix=fix)
