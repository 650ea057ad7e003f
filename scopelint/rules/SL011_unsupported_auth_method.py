"""Flag client authentication methods Celonis does not support.

A Celonis OAuth client authenticates with ``client_secret_basic`` (HTTP Basic, the default) or
``client_secret_post`` (id and secret as form fields); nothing else. A client's definition says so
with ``auth_method``; a token request in code through an OAuth library's setting
(``token_endpoint_auth_method="private_key_jwt"``).
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..oauth import AUTH_METHODS, DEFAULT_AUTH_METHOD
from ..project import Project

CODE = "SL011"
NAME = "unsupported-auth-method"
LEVEL = "error"
PRECISION = "very-high"
SECURITY_SEVERITY = "5.0"
CATEGORY = "authentication"
CWE = "287"
REJECTS = True
SECRET = False


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for client in project.clients:
        method = client.auth_method
        if method is not None and method.value not in AUTH_METHODS:
            yield Finding(method.loc, CODE,
                          f"auth method {method.value!r} is not supported; use one of {', '.join(AUTH_METHODS)}",
                          client=client.name, key=method.value, hint=f"use {DEFAULT_AUTH_METHOD!r}")
    for facts in project.files:
        for req in facts.token_requests:
            method = req.auth_method
            if method is not None:
                yield Finding(method.loc, CODE, f"token request authenticates with {method.value!r}, which Celonis "
                              f"does not support; use one of {', '.join(AUTH_METHODS)}",
                              key=method.value, hint=f"authenticate with {DEFAULT_AUTH_METHOD!r}")
