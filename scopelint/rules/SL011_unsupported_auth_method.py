"""Flag client authentication methods Celonis does not support.

A Celonis OAuth client authenticates with ``client_secret_basic`` (HTTP Basic, the default) or
``client_secret_post`` (id and secret as form fields); nothing else.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..project import Project

CODE = "SL011"
NAME = "unsupported-auth-method"
LEVEL = "error"
SUPPORTED = ("client_secret_basic", "client_secret_post")


def check(project: Project, options: Mapping[str, object]) -> Iterator[Finding]:
    for client in project.clients:
        method = client.auth_method
        if method is not None and method.value not in SUPPORTED:
            yield Finding(method.loc, CODE,
                          f"auth method {method.value!r} is not supported; use one of {', '.join(SUPPORTED)}",
                          client=client.name, key=method.value, hint="use 'client_secret_basic'")
