"""Hypothesis strategies for the input kinds scopelint reads: structurally valid documents whose
keys and values come from the words extractors look for (so deep code paths run), mixed with
arbitrary text, quotes, escapes and control characters (so nothing is assumed about values)."""
from __future__ import annotations

import json
import re
import shlex
import string
from dataclasses import fields, is_dataclass

import yaml
from hypothesis import strategies as st

from scopelint.findings import Location

SCOPES = ("studio", "integration.data-pools", "integration.data-pools:data_push", "intelligence.knowledge-models:read",
          "user-provisioning.scim", "action-engine.skills:execute", "tasks:read", "studio.spaces", "Studio",
          "integration.datapools", "a,b", "'studio'", "[studio]", "")
URLS = ("https://acme.eu-1.celonis.cloud/oauth2/token", "http://acme.eu-1.celonis.cloud/oauth2/token",
        "https://acme.eu-1.celonis.cloud/integration/api/pools", "https://{{team}}.celonis.cloud/oauth2/token",
        "https://$TEAM.celonis.cloud/oauth2/token?client_secret=Zk3mQ9vX2bR7tY5wP1nL8hJ4",
        "https://acme.eu-1.celonis.cloud/intelligence/api/knowledge-models?access_token=abc",
        "/integration/api/pools/{id}/data-push-jobs", "/intelligence/api/knowledge-models/x/records",
        "https://login.example.com/oauth2/token", "https://acme.celonis.cloud/package-manager/api/spaces", "")
NAMES = ("oauth_clients", "name", "scopes", "scope", "grant_type", "auth_method", "redirect_uris", "permissions",
         "service", "template", "scim", "justification", "code", "client_secret", "clientSecret", "apiToken",
         "access_token", "CELONIS_SCOPE", "OAUTH_SCOPES", "CELONIS_CLIENT_SECRET", "CELONIS_API_TOKEN", "team",
         "type", "url", "env", "data", "value", "key", "auth", "oauth2", "accessTokenUrl", "headers")
CHARS = string.ascii_letters + string.digits + " _-.:/?&=%$#{}[]()<>'\"\\|,;*!@^`~+\t\n\r\x00\x0b\u2028\u00e9\U0001f600"

secrets = st.text(alphabet=string.ascii_letters + string.digits, min_size=16, max_size=40)
junk = st.text(alphabet=CHARS, max_size=40)
words = st.one_of(st.sampled_from(SCOPES), st.sampled_from(URLS), st.sampled_from(NAMES), secrets, junk,
                  st.text(max_size=20))
scope_values = st.one_of(st.sampled_from(SCOPES), st.lists(st.sampled_from(SCOPES), max_size=4).map(" ".join), junk)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40), st.floats(allow_nan=False, allow_infinity=False), words)
keys = st.one_of(st.sampled_from(NAMES), junk)
trees = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(keys, inner, max_size=5)), max_leaves=24)


def _client() -> st.SearchStrategy[dict]:
    value = {"name": words, "scopes": st.one_of(scope_values, st.lists(scope_values, max_size=4), trees),
             "grant_type": st.one_of(st.sampled_from(("client_credentials", "authorization_code", "password")), trees),
             "auth_method": st.one_of(st.sampled_from(("client_secret_basic", "client_secret_post", "x")), trees),
             "redirect_uris": st.one_of(st.lists(st.sampled_from(URLS), max_size=2), trees),
             "permissions": st.one_of(st.lists(st.fixed_dictionaries(
                 {"service": words, "template": words, "scim": st.one_of(st.booleans(), trees)}), max_size=2), trees),
             "justification": st.one_of(st.dictionaries(st.sampled_from(SCOPES), words, max_size=2), trees),
             "code": st.one_of(st.lists(st.sampled_from(("etl/**", "**/*.py", "[", "")), max_size=2), trees)}
    return st.fixed_dictionaries({}, optional=value)


definitions_data = st.one_of(st.fixed_dictionaries({"oauth_clients": st.one_of(st.lists(_client(), max_size=3), trees)}),
                             trees)


def to_yaml(data: object, flow: bool) -> str:
    return yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False)


def to_toml(data: object) -> str:
    """A minimal TOML writer: the top-level table, ``[[oauth_clients]]`` arrays of tables, inline values."""
    if not isinstance(data, dict):
        return f"value = {_toml_value(data)}\n"
    lines, tables = [], []
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            tables.append((key, value))
        else:
            lines.append(f"{json.dumps(str(key))} = {_toml_value(value)}")
    for key, items in tables:
        for item in items:
            lines.append(f"[[{json.dumps(str(key))}]]")
            lines.extend(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in item.items())
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, int) or value == value else "nan"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value))


@st.composite
def definition_documents(draw) -> tuple[str, str]:
    """``(suffix, text)`` of a client definition file in one of its three formats."""
    data = draw(definitions_data)
    kind = draw(st.sampled_from(("yaml", "flow-yaml", "json", "toml")))
    if kind == "json":
        return "json", json.dumps(data, indent=draw(st.sampled_from((None, 2))), ensure_ascii=draw(st.booleans()))
    if kind == "toml":
        return "toml", to_toml(data)
    return "yaml", to_yaml(data, kind == "flow-yaml")


# --- code -------------------------------------------------------------------------------------

PY_TEMPLATES = (
    "requests.post({url}, data={{'grant_type': {word}, 'scope': {scope}, 'client_secret': {secret}}}, verify={bool})",
    "httpx.get({url}, headers={{'Authorization': 'AppKey ' + {word}}})",
    "{name} = os.environ.get({var}, {scope})",
    "{name} = {word}",
    "celonis = get_celonis(base_url={url}, api_token={secret}, key_type='APP_KEY')",
    "c = pycelonis.oauth2({word}, {secret}, {scope})",
    "requests.get(f'{{base}}/integration/api/pools/{{pid}}/data-models', auth=({word}, {secret}))",
    "def f({name}={word}):\n    return requests.post({url}, json={{'scope': {name}}})",
    "CLIENT_SECRET = {secret}",
    "x = {word} + {word} % ({word},)",
    "async def g():\n    async with aiohttp.ClientSession() as s:\n        await s.post({url}, data={{'scope': {scope}}})",
    "pool = celonis.data_integration.get_data_pool({word}).create_data_model({word})",
    "session.headers.update({{'Authorization': f'Bearer {{{name}}}'}})",
    "urllib3.PoolManager(cert_reqs='CERT_NONE').request('POST', {url}, fields={{'scope': {scope}}})",
    "# scopelint: ignore[SL001] {name}",
)
NAMES_PY = ("token", "scope", "url", "base", "pid", "CELONIS_SCOPE", "secret", "x")
VARS = ("CELONIS_SCOPE", "OAUTH_SCOPES", "CELONIS_OAUTH_SCOPE", "HOME", "CELONIS_CLIENT_SECRET")


@st.composite
def _filled(draw, templates: tuple[str, ...], quote) -> str:
    template = draw(st.sampled_from(templates))
    return template.format(url=quote(draw(st.sampled_from(URLS) | words)), word=quote(draw(words)),
                           scope=quote(draw(scope_values)), secret=quote(draw(secrets)),
                           bool=draw(st.sampled_from(("True", "False", "0", "path"))),
                           name=draw(st.sampled_from(NAMES_PY)), var=quote(draw(st.sampled_from(VARS))),
                           q=quote(draw(words)))


python_code = st.lists(_filled(PY_TEMPLATES, repr), min_size=1, max_size=8).map(
    lambda stmts: "import os, requests, httpx, pycelonis\n" + "\n".join(stmts) + "\n")

SH_TEMPLATES = (
    "curl -X POST {url} -d {q} -d client_secret={secret} -d scope={scope}",
    "curl --request POST --url {url} --form grant_type=client_credentials --form scope={scope}",
    "curl -H {q} -H 'Authorization: AppKey '{secret} {url}",
    "export CELONIS_SCOPE={scope}",
    "TOKEN=$(curl -s {url} | jq -r .access_token)",
    "curl -k --data-urlencode scope={scope} {url}",
    "cat <<EOF\n{word}\nEOF",
    "if [ -n \"$X\" ]; then curl {url}; fi",
    "curl {url}?access_token={secret} \\\n  -d {q}",
    "# scopelint: ignore[SL014] {name}",
)
PS_TEMPLATES = (
    "Invoke-RestMethod -Uri {url} -Method Post -Body @{{scope={scope}; client_secret={secret}}}",
    "$headers = @{{ Authorization = \"AppKey \" + {secret} }}",
    "$env:CELONIS_SCOPE = {scope}",
    "Invoke-WebRequest {url} -SkipCertificateCheck -Headers $headers",
    "$body = @{{ grant_type = 'client_credentials'; scope = {word} }}",
)
shell_code = st.lists(_filled(SH_TEMPLATES, shlex.quote), min_size=1, max_size=8).map("\n".join)
powershell_code = st.lists(_filled(PS_TEMPLATES, lambda s: "'" + s.replace("'", "''") + "'"), min_size=1, max_size=6).map("\n".join)
shell_junk = st.text(alphabet=CHARS + "$(){}`'\"\\<<-EOF|&;curl -d scope=", max_size=300)

JS_TEMPLATES = (
    "const r = await fetch({url}, {{method: 'POST', body: new URLSearchParams({{grant_type: 'client_credentials', scope: {scope}}})}});",
    "axios.post(`${{base}}/oauth2/token`, `scope=${{{name}}}&client_secret=` + {secret});",
    "const CLIENT_SECRET = {secret};",
    "const url = `https://${{team}}.celonis.cloud/integration/api/pools/${{id}}`;",
    "headers: {{ Authorization: 'AppKey ' + {word} }},",
    "process.env.NODE_TLS_REJECT_UNAUTHORIZED = {word};",
    "// scopelint: ignore[SL012] {name}",
    "const re = /[/]\\/{name}/g; const s = {word};",
)
js_code = st.lists(_filled(JS_TEMPLATES, json.dumps), min_size=1, max_size=8).map("\n".join)


@st.composite
def notebooks(draw) -> str:
    cell = st.fixed_dictionaries({"cell_type": st.sampled_from(("code", "markdown", "raw")),
                                  "source": st.one_of(python_code.map(lambda t: t.splitlines(True)), python_code,
                                                      st.sampled_from(("%pip install pycelonis", "!curl x")), trees),
                                  "metadata": st.just({}), "outputs": st.just([])})
    doc = draw(st.one_of(st.fixed_dictionaries({"cells": st.one_of(st.lists(cell, max_size=4), trees),
                                                "metadata": st.just({}), "nbformat": st.just(4)}), trees))
    return json.dumps(doc, indent=draw(st.sampled_from((None, 1))), ensure_ascii=draw(st.booleans()))


ENV_TEMPLATES = ("{name}={q}", "export {name}={q}", "# {word}", "{name}: {q}", "CELONIS_SCOPE={scope}",
                 "CELONIS_CLIENT_SECRET={secret}", "API_URL={url}", "{name} = \"{word}\"")
DOCKER_TEMPLATES = ("FROM python:3.12", "ENV CELONIS_SCOPE={scope}", "ENV {name} {q}", "ARG CELONIS_API_TOKEN={secret}",
                    "RUN curl -d scope={scope} {url}", "ENV A=1 \\\n    B={q}")
env_text = st.lists(_filled(ENV_TEMPLATES, lambda s: s), max_size=8).map("\n".join)
BRU_TEMPLATES = ("post {{", "get {{", "}}", "auth {{", "auth:oauth2 {{", "body:form-urlencoded {{", "vars {{",
                 "body:json {{", "vars:secret [", "]", "  url: {url}", "  access_token_url: {url}", "  scope: {scope}",
                 "  client_secret: {secret}", "  ~scope: {scope}", "  auth: oauth2", "  mode: oauth2",
                 "  grant_type: client_credentials", "  credentials_placement: body", "  {word}: {q}", "  }}",
                 "script:pre-request {{", "  await axios.post({url}, {{ scope: {q} }});", "tests {{")
bru_text = st.lists(_filled(BRU_TEMPLATES, lambda s: s), max_size=16).map("\n".join)
dockerfile_text = st.lists(_filled(DOCKER_TEMPLATES, shlex.quote), max_size=8).map("\n".join)


@st.composite
def ci_documents(draw) -> str:
    env = st.dictionaries(st.sampled_from(VARS + NAMES), st.one_of(scope_values, secrets, words, trees), max_size=4)
    workflow = st.fixed_dictionaries({"on": st.just("push"), "env": env, "jobs": st.dictionaries(
        st.sampled_from(("build", "deploy")), st.fixed_dictionaries(
            {"runs-on": st.just("ubuntu-latest"), "env": env,
             "steps": st.lists(st.fixed_dictionaries({}, optional={"run": shell_code, "env": env, "with": env}),
                               max_size=3)}), max_size=2)})
    secret_doc = st.fixed_dictionaries({"apiVersion": st.just("v1"), "kind": st.sampled_from(("Secret", "ConfigMap")),
                                        "metadata": st.just({"name": "celonis-oauth"}), "stringData": env, "data": env})
    cfn = st.fixed_dictionaries({"AWSTemplateFormatVersion": st.just("2010-09-09"), "Resources": st.dictionaries(
        st.sampled_from(("Client", "Fn")), st.fixed_dictionaries({"Type": words, "Properties": st.fixed_dictionaries(
            {"TokenUrl": st.sampled_from(URLS), "Scopes": st.lists(scope_values, max_size=3)})}), max_size=2)})
    docs = draw(st.lists(st.one_of(workflow, secret_doc, cfn, trees), min_size=1, max_size=2))
    if draw(st.booleans()):
        return json.dumps(docs[0])
    return yaml.safe_dump_all(docs, allow_unicode=True, sort_keys=False)


@st.composite
def content_cli_profiles(draw) -> str:
    profile = draw(st.fixed_dictionaries({"team": st.sampled_from(URLS) | words,
                                          "type": st.sampled_from(("Client Credentials", "Device Code", "Key", "x")),
                                          "scopes": st.one_of(st.lists(scope_values, max_size=3), scope_values, trees)},
                                         optional={"name": words, "clientId": words, "clientSecret": secrets,
                                                   "apiToken": secrets, "authenticationType": words}))
    return json.dumps(draw(st.one_of(st.just(profile), trees)))


def _kv(key: str, value) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries({"key": st.just(key), "value": value, "type": st.just("string")})


@st.composite
def postman_collections(draw) -> str:
    oauth2 = st.lists(st.one_of(_kv("accessTokenUrl", st.sampled_from(URLS)), _kv("scope", scope_values),
                                _kv("clientSecret", secrets), _kv("grant_type", words), _kv("client_authentication", words),
                                _kv("tokenName", words)), max_size=6)
    auth = st.one_of(st.fixed_dictionaries({"type": st.just("oauth2"), "oauth2": oauth2}),
                     st.fixed_dictionaries({"type": st.just("apikey"), "apikey": st.lists(
                         st.one_of(_kv("key", words), _kv("value", secrets)), max_size=2)}), trees)
    url = st.one_of(st.sampled_from(URLS), st.fixed_dictionaries(
        {"raw": st.sampled_from(URLS), "host": st.lists(words, max_size=3), "path": st.lists(words, max_size=3),
         "query": st.lists(_kv("access_token", secrets), max_size=1)}), trees)
    request = st.fixed_dictionaries({"method": st.sampled_from(("GET", "POST", "x")), "url": url},
                                    optional={"auth": auth, "header": st.lists(_kv("Authorization", words), max_size=2)})
    items = st.recursive(st.fixed_dictionaries({"name": words, "request": request}),
                         lambda inner: st.fixed_dictionaries({"name": words, "item": st.lists(inner, max_size=3)}),
                         max_leaves=5)
    doc = draw(st.one_of(st.fixed_dictionaries({"info": st.just({"name": "celonis"}), "item": st.lists(items, max_size=3)},
                                               optional={"auth": auth, "variable": st.lists(_kv("team", words), max_size=2)}),
                         trees))
    return json.dumps(doc)


@st.composite
def postman_environments(draw) -> str:
    values = st.lists(st.fixed_dictionaries({"key": st.sampled_from(VARS + NAMES) | words,
                                             "value": st.one_of(secrets, scope_values, st.sampled_from(URLS), trees),
                                             "enabled": st.booleans()}), max_size=5)
    return json.dumps(draw(st.one_of(st.fixed_dictionaries({"name": words, "values": values}), trees)))


# --- checks -----------------------------------------------------------------------------------


def locations(obj: object):
    """Every ``Location`` inside a fact (dataclasses, lists, tuples and dicts walked)."""
    if isinstance(obj, Location):
        yield obj
    elif is_dataclass(obj):
        for f in fields(obj):
            yield from locations(getattr(obj, f.name))
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from locations(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from locations(item)


def outside(loc: Location, text: str) -> str | None:
    """Why ``loc`` does not lie inside ``text`` (line <= lines + 1, col <= line length + 1), or None.

    Parsers disagree on what ends a line (JSON: ``\\n`` only; YAML and Python: also ``\\r``;
    ``str.splitlines``: also form feeds and U+2028): the position must fit one of these readings."""
    readings = [text.splitlines()] + [re.split(ends, text) for ends in (r"\r\n|\r|\n", r"\r?\n")]
    reasons = [_outside(loc, lines[:-1] if lines[-1:] == [""] else lines) for lines in readings]
    return None if None in reasons else reasons[0]


def _outside(loc: Location, lines: list[str]) -> str | None:
    for line, col in ((loc.line, loc.col), (loc.end_line, loc.end_col)):
        if line is None:
            continue
        if not 1 <= line <= len(lines) + 1:
            return f"line {line} of {len(lines)}"
        width = len(lines[line - 1]) if line <= len(lines) else 0
        if col is not None and not 1 <= col <= width + 1:
            return f"column {col} on line {line} of width {width}"
    if loc.end_line is not None and loc.end_col is not None and (loc.end_line, loc.end_col) < (loc.line, loc.col):
        return f"ends at {loc.end_line}:{loc.end_col}, before it starts at {loc.line}:{loc.col}"
    return None
