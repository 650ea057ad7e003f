"""The scripts of HTML pages and Vue/Svelte components (``javascript.markup``): read as JavaScript
where they stand, every position the file's own; the rest of the file is not code."""
from __future__ import annotations

from scopelint.extractors import Source, for_path
from scopelint.extractors.javascript import markup
from scopelint.model import FileFacts

from conftest import extract, text_at

KEY = "Zx8vQ2pL9mN4rT7yB1cK5dF3gH6jW0eA"


def facts_of(path: str, text: str) -> FileFacts:
    return extract(path, text, markup, dedent=False)


PAGE = f"""<!doctype html>
<html>
<head>
  <script src="https://cdn.example.com/lib.js"></script>
  <script type="application/ld+json">{{"@type": "WebSite", "token": "{KEY[::-1]}"}}</script>
  <script type="text/x-template" id="row"><td>{{{{ token }}}}</td></script>
</head>
<body>
  <p>Paste your client_secret={KEY[::-1]} here.</p>
  <script>
    const TENANT = "acme.us-2.celonis.cloud";
    const TOKEN = "{KEY}";
    fetch(`https://${{TENANT}}/intelligence/api/knowledge-models`, {{ headers: {{ Authorization: `Bearer ${{TOKEN}}` }} }});
  </script>
</body>
</html>
"""


def test_an_inline_script_of_a_page_is_read_where_it_stands():
    facts = facts_of("site/index.html", PAGE)
    # the key in the script, at its columns; not the JSON-LD block, the template or the page's text
    assert [(s.loc.line, text_at(PAGE, s.loc)) for s in facts.secrets] == [(12, KEY)]
    assert [(c.path, c.loc.line) for c in facts.api_calls] == [("/intelligence/api/knowledge-models", 13)]


VUE = """<template>
  <button @click="load">Load</button>
</template>

<script setup lang="ts">
import axios from "axios";

async function token(id: string, secret: string) {
  const body = new URLSearchParams({ grant_type: "client_credentials", scope: "studio integration.datapools" });
  return (await axios.post("https://acme.eu-1.celonis.cloud/oauth2/token", body, { auth: { username: id, password: secret } })).data;
}
</script>

<style scoped>
button { color: red; }
</style>
"""


def test_the_script_of_a_vue_component_is_a_token_request():
    facts = facts_of("src/components/Load.vue", VUE)
    (req,) = facts.token_requests
    assert req.url == "https://acme.eu-1.celonis.cloud/oauth2/token"
    assert [(r.name, r.loc.line, text_at(VUE, r.loc)) for r in req.scopes.refs] == [
        ("studio", 9, "studio"), ("integration.datapools", 9, "integration.datapools")]


def test_other_providers_placeholders_and_unclosed_scripts_say_nothing():
    okta = VUE.replace("https://acme.eu-1.celonis.cloud/oauth2/token", "https://dev-1.okta.com/oauth2/default/v1/token")
    assert facts_of("src/Login.vue", okta).token_requests == []
    placeholder = PAGE.replace(KEY, "<YOUR_API_KEY>")
    assert facts_of("site/index.html", placeholder).secrets == []
    assert facts_of("site/broken.html", "<script>\nconst TOKEN = '" + KEY + "';\n").secrets == []  # never closed
    # a page about OAuth with no script is no code asking for a token
    prose = "<p>Celonis: POST /oauth2/token with grant_type=client_credentials</p>\n"
    src = Source("docs/oauth.html", prose)
    markup.extract(src, FileFacts("docs/oauth.html"))
    assert src.signs == ""


def test_pages_and_components_are_claimed_by_their_suffix():
    for name in ("index.html", "page.htm", "App.vue", "Card.svelte"):
        assert [k.name for k in for_path(name)] == ["markup"], name


def test_markup_outside_scripts_is_blanked_line_breaks_kept():
    text = "<p>a</p>\n<script>x = 1;</script>\n<p>b</p>"
    spans = markup.scripts(text)
    assert [text[a:b] for a, b in spans] == ["x = 1;"]
    assert markup.blanked(text, spans) == "\n        x = 1;\n"


def test_a_script_inside_an_html_comment_is_no_code():
    text = ("<!-- the old way:\n<script>fetch('http://acme.eu-1.celonis.cloud/integration/api/pools');</script>\n-->\n"
            "<script>const ok = 1;</script>\n<!-- unclosed <script>x</script>")
    spans = markup.scripts(text)
    assert [text[a:b] for a, b in spans] == ["const ok = 1;"]
    assert facts_of("site/old.html", text).insecure == [] and facts_of("site/old.html", text).api_calls == []
