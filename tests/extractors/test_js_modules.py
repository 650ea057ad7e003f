"""Values a JavaScript or TypeScript file imports from another module of the project
(``javascript.modules``): read in that module's text, where they are written, never run."""
from __future__ import annotations

import os

import pytest
from hypothesis import given, strategies as st

from scopelint.extractors.javascript import modules
from scopelint.extractors.javascript.literals import Entry, Obj
from scopelint.extractors.recognition.text import Text

from conftest import read_facts, the_request, write_tree
from scopelint import catalog

TOKEN = "https://acme.eu-1.celonis.cloud/oauth2/token"

CONFIG_TS = """
export const CELONIS_BASE = 'https://acme.eu-1.celonis.cloud';
export const TOKEN_URL = `${CELONIS_BASE}/oauth2/token`;
export const CELONIS_SCOPES = ['studio', 'integration.data-pools'];
"""

CONFIG_CJS = """
const TOKEN_URL = 'https://acme.eu-1.celonis.cloud/oauth2/token';
module.exports = {
  TOKEN_URL,
  CELONIS_SCOPE: 'studio integration.data-pools',
};
"""

FETCH = """
{imports}

export async function token(id, secret) {{
  const res = await fetch({url}, {{
    method: 'POST',
    body: new URLSearchParams({{ grant_type: 'client_credentials', client_id: id, client_secret: secret, scope: {scope} }}),
  }});
  return (await res.json()).access_token;
}}
"""


def test_es_module_imports_read_the_values_where_they_are_written(tmp_path, monkeypatch):
    shapes = {
        "import { TOKEN_URL, CELONIS_SCOPES } from './config';": ("TOKEN_URL", "CELONIS_SCOPES.join(' ')"),
        "import { TOKEN_URL as URL, CELONIS_SCOPES as S } from './config.js';": ("URL", "S.join(' ')"),
        "import * as cfg from './config';": ("cfg.TOKEN_URL", "cfg.CELONIS_SCOPES.join(' ')"),
    }
    for imports, (url, scope) in shapes.items():
        f = read_facts(tmp_path, monkeypatch, {"src/config.ts": CONFIG_TS,
                                          "src/token.ts": FETCH.format(imports=imports, url=url, scope=scope)}, "src/token.ts")
        # each scope at its own columns in the module that writes it
        assert the_request(f) == (TOKEN, [("studio", "src/config.ts", 3, 33),
                                      ("integration.data-pools", "src/config.ts", 3, 43)]), imports


def test_commonjs_requires_and_module_exports(tmp_path, monkeypatch):
    shapes = {
        "const { TOKEN_URL, CELONIS_SCOPE } = require('../config/celonis');": ("TOKEN_URL", "CELONIS_SCOPE"),
        "const { TOKEN_URL: URL, CELONIS_SCOPE: S } = require('../config/celonis.js');": ("URL", "S"),
        "const cfg = require('../config/celonis');": ("cfg.TOKEN_URL", "cfg.CELONIS_SCOPE"),
    }
    for imports, (url, scope) in shapes.items():
        f = read_facts(tmp_path, monkeypatch, {"config/celonis.js": CONFIG_CJS,
                                          "lib/token.js": FETCH.format(imports=imports, url=url, scope=scope)}, "lib/token.js")
        assert the_request(f) == (TOKEN, [("studio", "config/celonis.js", 4, 19),
                                      ("integration.data-pools", "config/celonis.js", 4, 26)]), imports


def test_packages_other_providers_and_missing_modules(tmp_path, monkeypatch):
    okta = CONFIG_TS.replace("https://acme.eu-1.celonis.cloud", "https://dev-1.okta.com/oauth2/default/v1").replace(
        "/oauth2/token", "/token").replace("'studio', 'integration.data-pools'", "'okta.users.read', 'studio'")
    cases = [
        ({"src/config.ts": okta}, "import { TOKEN_URL, CELONIS_SCOPES } from './config';", []),  # another provider's
        ({}, "import { TOKEN_URL, CELONIS_SCOPES } from './missing';", [(None, None)]),  # not there: unknown
        # a package is not the project's code
        ({"node_modules/config/index.js": CONFIG_TS}, "import { TOKEN_URL, CELONIS_SCOPES } from 'config';", [(None, None)]),
    ]
    for extra, imports, expected in cases:
        f = read_facts(tmp_path, monkeypatch, {**extra, "src/token.ts": FETCH.format(
            imports=imports, url="TOKEN_URL", scope="CELONIS_SCOPES.join(' ')").replace("CELONIS_", "OKTA_" if extra == {"src/config.ts": okta} else "CELONIS_")},
            "src/token.ts")
        assert [(r.url, r.scopes) for r in f.token_requests] == expected and f.scope_vars == [], imports
        for stale in extra:
            os.remove(stale)


def test_an_import_cycle_ends(tmp_path, monkeypatch):
    files = {"src/a.ts": "export { TOKEN_URL } from './b';\nimport { TOKEN_URL } from './b';\nexport const X = TOKEN_URL;\n",
             "src/b.ts": "import { X } from './a';\nexport const TOKEN_URL = X;\n",
             "src/token.ts": FETCH.format(imports="import { TOKEN_URL } from './b';", url="TOKEN_URL", scope="'studio'")}
    f = read_facts(tmp_path, monkeypatch, files, "src/token.ts")
    assert f.token_requests == []  # the URL is not known: no request to anybody


def test_bindings_of_a_file():
    from scopelint.extractors.javascript.lexer import tokenize

    toks, _ = tokenize("""
        import def, { A, B as C, type T } from './x';
        import * as ns from "../y";
        import type { U } from './types';
        import React from 'react';
        const { D, E: F } = require('./z');
        const whole = require('./w');
        const G = require('./v').G;
        const lib = require('lodash');
        import fs from 'node:fs';
    """)
    # a package's name is bound too: only a path alias of the project's config makes it a file (``locate``)
    assert modules.bindings(toks) == {
        "def": ("./x", "default"), "A": ("./x", "A"), "C": ("./x", "B"), "T": ("./x", "T"), "ns": ("../y", ""),
        "React": ("react", "default"), "D": ("./z", "D"), "F": ("./z", "E"), "whole": ("./w", ""), "G": ("./v", "G"),
        "lib": ("lodash", "")}


def test_a_config_module_is_no_unread_token_request(lint_tree):
    client = FETCH.format(imports="import { TOKEN_URL, CELONIS_SCOPES, CELONIS_BASE } from './config';", url="TOKEN_URL",
                          scope="CELONIS_SCOPES.join(' ')") + """
export const push = (tok, pool) => fetch(`${CELONIS_BASE}/integration/api/v1/data-push/${pool}/jobs/`,
  { method: 'POST', headers: { Authorization: `Bearer ${tok}` } });
"""
    result = lint_tree({"src/config.ts": CONFIG_TS, "src/token.ts": client})
    rows = sorted((f.code, f.loc.path, f.loc.line, f.loc.col) for f in result.findings)
    assert rows == [("SL004", "src/config.ts", 3, 43), ("SL006", "src/config.ts", 3, 33)]


def test_an_imported_secret_is_reported_where_each_url_puts_it(lint_tree):
    env = "const CELONIS_URL = 'https://acme.eu-1.celonis.cloud';\n" \
          "const CELONIS_CLIENT_SECRET = process.env.CELONIS_CLIENT_SECRET;\n" \
          "module.exports = { CELONIS_URL, CELONIS_CLIENT_SECRET };\n"
    token = "const { CELONIS_URL, CELONIS_CLIENT_SECRET } = require('./env');\n" \
            "export const token = () => fetch(`${CELONIS_URL}/oauth2/token?grant_type=client_credentials" \
            "&client_secret=${CELONIS_CLIENT_SECRET}&scope=studio`, { method: 'POST' });\n"
    result = lint_tree({"lib/env.js": env, "lib/token.js": token, "lib/token2.js": token})
    col = token.split("\n")[1].index("client_secret=") + 1
    assert sorted((f.code, f.loc.path, f.loc.line, f.loc.col) for f in result.findings if f.code == "SL013") == [
        ("SL013", "lib/token.js", 2, col), ("SL013", "lib/token2.js", 2, col)]


def test_barrels_and_modules_that_import_in_turn(tmp_path, monkeypatch):
    files = {
        "src/config/base.ts": "export const CELONIS_BASE = 'https://acme.eu-1.celonis.cloud';\n",
        # a module that builds its value from another module's
        "src/config/celonis.ts": "import { CELONIS_BASE } from './base';\n"
                                 "export const TOKEN_URL = `${CELONIS_BASE}/oauth2/token`;\n"
                                 "export const SCOPES = 'studio integration.data-pools';\n",
        # the barrel: one name re-exported under another, the rest with export *
        "src/config/index.ts": "export { TOKEN_URL as CELONIS_TOKEN_URL } from './celonis';\nexport * from './celonis';\n",
        "src/token.ts": FETCH.format(imports="import { CELONIS_TOKEN_URL, SCOPES } from './config';",
                                     url="CELONIS_TOKEN_URL", scope="SCOPES"),
    }
    f = read_facts(tmp_path, monkeypatch, files, "src/token.ts")
    assert the_request(f) == (TOKEN, [("studio", "src/config/celonis.ts", 3, 24),
                                  ("integration.data-pools", "src/config/celonis.ts", 3, 31)])


TSCONFIG = """{
  // the compiler's options: JSON with comments and trailing commas
  "compilerOptions": {
    "baseUrl": ".",
    "paths": {
      "@/*": ["./src/*"],
      "@celonis/*": ["./src/integrations/celonis/*", "./src/shared/*"], /* tried in order */
      "@config": ["src/config/index.ts"],
    },
  },
}
"""


def test_path_aliases_of_the_projects_tsconfig(tmp_path, monkeypatch):
    celonis = "export const TOKEN_URL = 'https://acme.eu-1.celonis.cloud/oauth2/token';\n" \
              "export const SCOPES = 'studio integration.data-pools';\n"
    shapes = {
        "import { TOKEN_URL, SCOPES } from '@/config/celonis';": "src/config/celonis.ts",
        "import { TOKEN_URL, SCOPES } from '@config';": "src/config/celonis.ts",  # an exact alias, then a barrel
        # the longest matching prefix wins; of its targets, the first that holds the file
        "import { TOKEN_URL, SCOPES } from '@celonis/settings';": "src/shared/settings.ts",
    }
    for k, (imports, where) in enumerate(shapes.items()):
        files = {"tsconfig.json": TSCONFIG, where: celonis, "src/config/index.ts": "export * from './celonis';\n",
                 "src/app/token.ts": FETCH.format(imports=imports, url="TOKEN_URL", scope="SCOPES")}
        if where != "src/config/celonis.ts":
            files["src/config/celonis.ts"] = celonis.replace("studio", "other.scope")
        f = read_facts(tmp_path / str(k), monkeypatch, files, "src/app/token.ts")
        assert the_request(f) == (TOKEN, [("studio", where, 2, 24), ("integration.data-pools", where, 2, 31)]), imports


def test_a_bare_import_under_base_url_and_configs_extended_or_referenced(tmp_path, monkeypatch):
    celonis = "export const TOKEN_URL = 'https://acme.eu-1.celonis.cloud/oauth2/token';\nexport const SCOPES = 'studio';\n"
    cases = [
        # baseUrl alone: a bare path is looked up under it
        ({"tsconfig.json": '{"compilerOptions": {"baseUrl": "src"}}', "src/config/celonis.ts": celonis},
         "config/celonis", "src/config/celonis.ts"),
        # a package of a monorepo extends the root's config: its paths stand relative to the root's baseUrl
        ({"tsconfig.base.json": '{"compilerOptions": {"baseUrl": ".", "paths": {"@acme/config": ["libs/config/src/index.ts"]}}}',
          "apps/api/tsconfig.json": '{"extends": "../../tsconfig.base.json", "compilerOptions": {"outDir": "dist"}}',
          "libs/config/src/index.ts": celonis}, "@acme/config", "libs/config/src/index.ts"),
        # Vite's layout: the paths are in the config the top one references
        ({"apps/api/tsconfig.json": '{"files": [], "references": [{"path": "./tsconfig.app.json"}]}',
          "apps/api/tsconfig.app.json": '{"compilerOptions": {"paths": {"~/*": ["./src/*"]}}}',
          "apps/api/src/celonis.ts": celonis}, "~/celonis", "apps/api/src/celonis.ts"),
    ]
    for k, (files, spec, where) in enumerate(cases):
        folder = "apps/api/src" if where.startswith(("libs", "apps")) else "src"
        token = f"{folder}/token.ts"
        f = read_facts(tmp_path / str(k), monkeypatch, {**files, token: FETCH.format(
            imports=f"import {{ TOKEN_URL, SCOPES }} from '{spec}';", url="TOKEN_URL", scope="SCOPES")}, token)
        assert the_request(f) == (TOKEN, [("studio", where, 2, 24)]), spec


def test_an_alias_no_config_defines_names_no_file(tmp_path, monkeypatch):
    celonis = "export const TOKEN_URL = 'https://acme.eu-1.celonis.cloud/oauth2/token';\nexport const CELONIS_SCOPES = 'studio';\n"
    okta = "export const TOKEN_URL = 'https://dev-1.okta.com/oauth2/default/v1/token';\nexport const OKTA_SCOPES = 'okta.users.read';\n"
    cases = [
        ({"src/config.ts": celonis}, "@/config", [(None, None)]),  # no config: '@/' is not guessed to be src/
        ({"tsconfig.json": TSCONFIG}, "@/missing", [(None, None)]),  # the alias matches, no file is there
        ({"tsconfig.json": TSCONFIG, "src/config.ts": celonis}, "@other/config", [(None, None)]),  # no pattern matches
        ({"tsconfig.json": TSCONFIG, "src/config.ts": okta}, "@/config", []),  # another provider's URL
        # a package's shared config is not read
        ({"tsconfig.json": '{"extends": "@tsconfig/node20/tsconfig.json"}', "src/config.ts": celonis}, "@/config", [(None, None)]),
    ]
    for k, (extra, spec, expected) in enumerate(cases):
        scopes = "OKTA_SCOPES" if "okta" in extra.get("src/config.ts", "") else "CELONIS_SCOPES"
        f = read_facts(tmp_path / str(k), monkeypatch, {**extra, "src/app/token.ts": FETCH.format(
            imports=f"import {{ TOKEN_URL, {scopes} }} from '{spec}';", url="TOKEN_URL", scope=scopes)}, "src/app/token.ts")
        assert [(r.url, r.scopes) for r in f.token_requests] == expected, (extra.keys(), spec)


def test_a_value_a_module_takes_from_another_stands_where_it_is_written(tmp_path, monkeypatch):
    """``export const CELONIS_SCOPE = DEFAULT_SCOPE`` with ``DEFAULT_SCOPE`` imported from a third module:
    the scope stands in that module, at its columns (its offsets were not moved twice)."""
    files = {
        "src/config/defaults.ts": "export const DEFAULT_SCOPE = 'studio.spaces';\n",
        "src/config/celonis.ts": "import { DEFAULT_SCOPE } from './defaults';\n"
                                 "export const TOKEN_URL = 'https://acme.eu-1.celonis.cloud/oauth2/token';\n"
                                 "export const CELONIS_SCOPE = DEFAULT_SCOPE;\n",
        "src/api/token.ts": FETCH.format(imports="import { TOKEN_URL, CELONIS_SCOPE } from '../config/celonis';",
                                         url="TOKEN_URL", scope="CELONIS_SCOPE"),
    }
    f = read_facts(tmp_path, monkeypatch, files, "src/api/token.ts")
    assert the_request(f) == (TOKEN, [("studio.spaces", "src/config/defaults.ts", 1, 31)])


def test_a_module_many_files_import_is_swept_once_and_read_alike_by_each(tmp_path, monkeypatch):
    """Each file's reading of an imported module starts from the same swept state: every file that
    imports it finds what the first found, and the module's declarations are not swept again."""
    from scopelint.discovery import Entry
    from scopelint.extractors.javascript import sweeps
    from scopelint.reading import read

    swept: list[int] = []
    original = sweeps.declarations
    monkeypatch.setattr(sweeps, "declarations", lambda ev: (swept.append(len(ev.toks)), original(ev))[1])
    modules._SWEPT.clear()
    imports = "import { TOKEN_URL, CELONIS_SCOPES } from './config';"
    files = {"src/config.ts": CONFIG_TS,
             **{f"src/token{i}.ts": FETCH.format(imports=imports, url="TOKEN_URL", scope="CELONIS_SCOPES.join(' ')")
                for i in range(3)}}
    first = the_request(read_facts(tmp_path, monkeypatch, files, "src/token0.ts"))
    others = [the_request(read(Entry(p, p, False, os.path.getsize(p)), catalog.shipped()))
              for p in ("src/token1.ts", "src/token2.ts")]
    assert [first, *others] == [(TOKEN, [("studio", "src/config.ts", 3, 33),
                                         ("integration.data-pools", "src/config.ts", 3, 43)])] * 3
    module, importer = sorted(set(swept))  # the module's tokens are fewer than an importing file's
    assert (swept.count(module), swept.count(importer)) == (1, 3)


def test_a_constant_used_only_in_templates_is_no_export_and_its_token_signs_count(lint_tree):
    """``TOKEN_URL`` used only in `` `${TOKEN_URL}` `` is the file's own: a token request it makes in a shape
    not read holds back the judging of the file's calls against the scopes other code asks for."""
    token = ('const BASE = "https://acme.eu-1.celonis.cloud";\nconst TOKEN_URL = `${BASE}/oauth2/token`;\n'
             'const auth = new Authenticator({ endpoint: `${TOKEN_URL}`, grant: "client_credentials" });\n'
             'export const pools = async () => fetch(`${BASE}/integration/api/pools`, '
             '{ headers: { Authorization: `Bearer ${await auth.token()}` } });\n')
    other = ('export const report = () => fetch("https://acme.eu-1.celonis.cloud/oauth2/token", { method: "POST",\n'
             '  body: new URLSearchParams({ grant_type: "client_credentials", scope: "audit.log:read" }) });\n')
    result = lint_tree({"src/pools.js": token, "src/report.js": other})
    assert [f for f in result.findings if f.loc.path == "src/pools.js"] == []


def test_a_modules_minified_lines_are_not_read_for_the_values_it_gives(tmp_path, monkeypatch):
    # a bundle's one long line is not read in the file itself: nor is it for a file that imports from it
    minified = ("export const TOKEN_URL='https://acme.eu-1.celonis.cloud/oauth2/token';export const CELONIS_SCOPES="
                "['studio','integration.data-pools'];" + "var a=1;" * 800 + "\n")
    files = {"src/config.js": minified,
             "src/token.ts": FETCH.format(imports="import { TOKEN_URL, CELONIS_SCOPES } from './config';",
                                          url="TOKEN_URL", scope="CELONIS_SCOPES.join(' ')")}
    f = read_facts(tmp_path, monkeypatch, files, "src/token.ts")
    assert [(r.url, r.scopes) for r in f.token_requests] == [(None, None)]  # a request to a URL not known
    # the same module written out is read
    f = read_facts(tmp_path, monkeypatch, {**files, "src/config.js": minified.replace(";var a=1;" + "var a=1;" * 799, ";\n")},
                   "src/token.ts")
    assert the_request(f)[0] == TOKEN


SETTINGS_TS = """export const TOKEN_URL = "https://acme.eu-1.celonis.cloud/oauth2/token";
export const BODY = { grant_type: "client_credentials", scope: "studio integration.data-pools" };
"""
# a call named as no request (not fetch, axios or a verb) is one for a token URL; the file names
# neither the URL nor the grant: both are two modules away, through a barrel
EXCHANGE_TS = 'import { TOKEN_URL, BODY } from "./auth";\nexport const token = () => tokens.exchange(TOKEN_URL, BODY);\n'


@pytest.mark.parametrize("barrel", [
    'export * from "./settings";\n',
    "export * from /* the shared settings */ './settings';\n",
    "export {\n  TOKEN_URL,\n  BODY,\n} from // one place for both\n  './settings';\n",
])
def test_a_token_url_two_modules_away_makes_a_call_named_as_no_request_one(tmp_path, monkeypatch, barrel):
    f = read_facts(tmp_path, monkeypatch, {"src/auth/index.ts": barrel, "src/auth/settings.ts": SETTINGS_TS,
                                           "src/token.ts": EXCHANGE_TS}, "src/token.ts")
    assert the_request(f) == (TOKEN, [("studio", "src/auth/settings.ts", 2, 65),
                                      ("integration.data-pools", "src/auth/settings.ts", 2, 72)])


VIEW_TS = 'import { LABEL } from "./format";\nexport const view = (count) => render(LABEL, { token: count });\n'


def test_calls_named_as_no_request_read_no_module_when_none_reached_holds_a_token_url(tmp_path, monkeypatch):
    """Reading every call's arguments, each importing file loading the modules they name, was most
    of the time a large TypeScript project took (a token count is no token URL)."""
    loaded: list[str] = []
    original = modules.load
    monkeypatch.setattr(modules, "load", lambda path: (loaded.append(path), original(path))[1])
    quiet = {"src/format.ts": 'export * from "./words";\n', "src/words.ts": 'export const LABEL = "tokens used";\n',
             "src/view.ts": VIEW_TS}
    f = read_facts(tmp_path / "quiet", monkeypatch, quiet, "src/view.ts")
    assert (f.token_requests, loaded) == ([], [])
    # the same call where a module the words module imports in turn holds a token URL: it may be one, and is read
    reaching = {**quiet, "src/words.ts": 'import { U } from "./oauth";\nexport const LABEL = "tokens used";\n',
                "src/oauth.ts": 'export const U = "https://login.example.com/oauth2/token";\n'}
    f = read_facts(tmp_path / "reaching", monkeypatch, reaching, "src/view.ts")
    assert f.token_requests == [] and loaded == ["src/format.ts", "src/words.ts"]


def test_what_modules_reach_is_looked_through_once_and_forgotten_when_a_run_starts(tmp_path, monkeypatch):
    from scopelint.extractors import forget

    write_tree(tmp_path, {
        "src/a.ts": 'import { b } from "./b";\nexport const a = require( "./c" );\n',
        "src/b.ts": "export const b = 1; // grant types: see ./c\n",
        "src/c.js": "const d = require(/* the deep one */ './d');\nmodule.exports = d;\n",
        "src/d.js": "module.exports = { x: 1 };\n",
        "src/e.ts": 'export * from "./a";\nexport * from "./missing";\nexport * from "react";\n',
    })
    monkeypatch.chdir(tmp_path)
    forget()
    words = ("oauth2", "grant_type")
    assert modules._mention("src/main.ts", {"./e"}, words) is False
    known = modules._reached.get("", dict, words)
    assert known == dict.fromkeys(["src/e.ts", "src/a.ts", "src/b.ts", "src/c.js", "src/d.js"], False)
    (tmp_path / "src/d.js").write_text("module.exports = { grant_type: 'client_credentials' };\n")
    assert modules._mention("src/main.ts", {"./e"}, words) is False  # what the run found stands for the run
    forget()
    assert modules._mention("src/main.ts", {"./e"}, words) is True
    # the modules on the way there are known to reach it; c.js is reached through a comment and ``require(``
    assert modules._reached.get("", dict, words) == dict.fromkeys(["src/e.ts", "src/a.ts", "src/c.js", "src/d.js"], True)
    assert modules._mention("src/other.ts", {"./b"}, words) is False  # "grant types" is not the key
    monkeypatch.setattr(modules, "MAX_REACH", 1)
    forget()
    assert modules._mention("src/main.ts", {"./b", "./e"}, ("nowhere",)) is True  # too many to look through: maybe


def test_an_import_path_after_many_unclosed_comments_is_looked_for_in_linear_time(tmp_path, monkeypatch):
    """Each ``from /*`` is followed at most ``MAX_GAP`` characters: to the end of the text, 100,000 of
    them took minutes."""
    import time

    write_tree(tmp_path, {"src/m.ts": "from /*" * 100_000})
    monkeypatch.chdir(tmp_path)
    start = time.process_time()
    assert modules._mention("src/main.ts", {"./m"}, ("oauth2",)) is False
    assert time.process_time() - start < 2.0


@given(st.lists(st.sampled_from(["fetch", "axios", "api", "client", "tokens", "pm", "got", "render", "t", "request",
                                 "post", "get", "exchange", "sendRequest", "httpRequest", "ky", "z", "object"]),
                min_size=1, max_size=3),
       st.lists(st.one_of(
           st.none(),
           st.sampled_from(["https://acme.eu-1.celonis.cloud/oauth2/token", "/integration/api/pools", "studio",
                            "https://login.example.com/token", "grant_type=client_credentials"]).map(
               lambda s: Text.literal(s, 0)),
           st.lists(st.sampled_from(["url", "scope", "grant_type", "method", "body", "headers"]), max_size=4).map(
               lambda keys: Obj(0, {k: Entry(k, 0, Text.literal("https://t.r.celonis.cloud/oauth2/token"
                                                                if k == "url" else "studio", 0), 0, 0) for k in keys}))),
           max_size=4))
def test_a_call_named_as_no_request_is_one_only_for_a_token_url_or_a_grant(parts, args):
    """What lets ``calls.requests`` pass over the arguments of a call ``named_request`` does not
    name, in a file that reaches neither word: without one, no such call is a request."""
    from scopelint.extractors.javascript.calls import _UNNAMED_NEEDS, named_request, request_for

    callee = ".".join(parts)
    found = request_for(callee, list(args))
    words = [a.value for a in args if isinstance(a, Text)] + [k for a in args if isinstance(a, Obj) for k in a.entries]
    if found is not None and not named_request(callee):
        assert any(w in v for w in _UNNAMED_NEEDS for v in words), (callee, found)



def test_a_module_that_imports_its_barrel_back_reaches_what_the_barrel_re_exports(tmp_path, monkeypatch):
    """The barrel, read first, walked from its imports only: the module importing it back was cleared
    for the run, though through the barrel's re-export it reaches the token URL, and a file reading the
    URL from it lost its token request."""
    from scopelint.extractors import forget

    files = {"src/celonis/index.ts": 'import { log } from "./util";\nexport * from "./endpoints";\nlog("celonis tokens");\n',
             "src/celonis/endpoints.ts": 'export const TOKEN_URL = "https://acme.eu-1.celonis.cloud/oauth2/token";\n',
             "src/celonis/util.ts": 'import { TOKEN_URL } from "./index";\nexport const CELONIS_TOKEN_URL = TOKEN_URL;\n'
                                    "export const log = (m) => console.log(m);\n",
             "src/token.ts": 'import { CELONIS_TOKEN_URL } from "./celonis/util";\n'
                             'export const token = () => postForm(CELONIS_TOKEN_URL, { scope: "studio,integration.data-pools" });\n'}
    forget()
    read_facts(tmp_path, monkeypatch, files, "src/celonis/index.ts")
    assert modules._reached.get("", dict, ("oauth2", "grant_type")).get("src/celonis/util.ts") is not False
    f = read_facts(tmp_path, monkeypatch, files, "src/token.ts")
    assert the_request(f) == (TOKEN, [("studio", "src/token.ts", 2, 66), ("integration.data-pools", "src/token.ts", 2, 73)])


def test_a_walk_that_gives_up_is_not_walked_again_by_the_next_file(tmp_path, monkeypatch):
    """Past ``MAX_REACH`` modules the answer is "may reach one": the way there is marked so, or every
    file importing a barrel of thousands of modules walked them all again (58 s for 2,100)."""
    from scopelint.extractors import forget

    files = {f"src/m{i}.ts": f"export const v{i} = {i};\n" for i in range(40)}
    files["src/index.ts"] = "".join(f'export * from "./m{i}";\n' for i in range(40))
    files.update({f"src/use{i}.ts": 'import { v1 } from "./index";\n' for i in range(3)})
    write_tree(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(modules, "MAX_REACH", 10)
    forget()
    located: list[str] = []
    original = modules.locate
    monkeypatch.setattr(modules, "locate", lambda importer, spec: (located.append(spec), original(importer, spec))[1])
    assert modules._mention("src/use0.ts", {"./index"}, ("oauth2",)) is True
    first = len(located)
    assert [modules._mention(f"src/use{i}.ts", {"./index"}, ("oauth2",)) for i in (1, 2)] == [True, True]
    assert first == 10 and len(located) == first + 2  # the barrel and nine of its modules; then the barrel alone


APP_SETTINGS_TS = """
export const settings = {
  tokenUrl: 'https://acme.eu-1.celonis.cloud/oauth2/token',
  scope: 'studio',
};
"""
USES_SETTINGS = """
import {{ settings }} from './settings';
{before}
export const token = () => fetch(settings.tokenUrl, {{
  method: 'POST',
  body: new URLSearchParams({{ grant_type: 'client_credentials', scope: settings.scope }}),
}});
"""


def test_a_modules_value_is_read_once_a_run_for_all_its_importers(tmp_path, monkeypatch):
    # an app's settings module (``env.server.ts`` of a thousand entries) was evaluated again for each
    # file importing it; now once a run, each importer handed its own copy, where the module writes it
    from scopelint.discovery import Entry
    from scopelint.extractors import forget
    from scopelint.extractors.javascript import literals
    from scopelint.reading import read

    files = {"src/settings.ts": APP_SETTINGS_TS, "src/a.ts": USES_SETTINGS.format(before="const a = 1;"),
             "src/b.ts": USES_SETTINGS.format(before="")}
    write_tree(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    built: list[int] = []  # the settings object, each time it is built from the module's tokens
    build = literals.Literals.object

    def counted(self, i):  # type: ignore[no-untyped-def]
        found = build(self, i)
        if "tokenUrl" in found[0].entries:
            built.append(i)
        return found

    monkeypatch.setattr(literals.Literals, "object", counted)
    forget()
    shipped = catalog.shipped()
    for path in ("src/a.ts", "src/b.ts"):
        found = read(Entry(path, path, False, os.path.getsize(path)), shipped)
        assert the_request(found) == (TOKEN, [("studio", "src/settings.ts", 3, 11)]), path
    assert len(built) == 1
    forget()  # a new run reads it again: the file may have changed
    read(Entry("src/a.ts", "src/a.ts", False, os.path.getsize("src/a.ts")), shipped)
    assert len(built) == 2


def test_a_modules_value_is_copied_to_a_bounded_size_and_says_when_it_was_cut():
    """A namespace of hundreds of functions, each holding others, was copied whole for every reading
    file (a large Node back end: 124 s and 8 GB for 886 files)."""
    from scopelint.extractors.javascript import modules
    from scopelint.extractors.javascript.literals import Arr, Entry, Obj
    from scopelint.extractors.recognition.text import Text

    def count(value) -> int:
        if isinstance(value, Obj):
            return 1 + sum(count(e.value) for e in value.entries.values())
        if isinstance(value, Arr):
            return 1 + sum(count(v) for v in value.items)
        return 1 if value is not None else 0

    leaf = Text.literal("https://acme.eu-1.celonis.cloud", 10)
    small = Obj(0, {"url": Entry("url", 1, leaf, -1, -1), "scopes": Entry("scopes", 2, Arr([leaf, leaf]), -1, -1)})
    copied = modules._placed(small, 100)
    assert count(copied) == count(small) and not copied.open  # whole, and said to be whole
    assert copied.get("url").pieces[0].start == 110  # where the module's text stands
    big = Obj(0, {f"f{i}": Entry(f"f{i}", i, Obj(i, {f"g{j}": Entry(f"g{j}", j, leaf, -1, -1) for j in range(20)}), -1, -1)
                  for i in range(500)})
    cut = modules._placed(big, 0)
    assert count(cut) <= modules.MAX_PLACED and cut.open  # bounded, and said to hold more than it shows
    assert modules._placed(Arr([leaf] * (2 * modules.MAX_PLACED)), 0) is None  # a list cut short is none known
