"""The shipped scope catalog against the Celonis docs page and the API map.

The documented scope list is embedded below (copied from the docs page "Registering your OAuth
client in the Celonis Platform", section "OAuth scopes"), so these tests do not depend on the
reference files being present.
"""
from __future__ import annotations

import datetime
import re
from importlib import resources

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from scopelint import catalog

# scope -> scope group, exactly as in the docs' scope table (36 rows).
DOCUMENTED = {
    "action-engine.projects": "Action engine",
    "audit.log:read": "Audit",
    "authorization.permissions:read": "Authorization",
    "integration.data-models:read": "Integration",
    "integration.data-pools": "Integration",
    "integration.data-pools:continuous_data_push": "Integration",
    "integration.data-pools:data_push": "Integration",
    "integration.data-pools:query": "Integration",
    "integration.data-pools:read": "Integration",
    "intelligence.conversations:write": "Intelligence API",
    "intelligence.knowledge-models:read": "Intelligence API",
    "intelligence.subscriptions:manage": "Intelligence API",
    "machine-learning": "Machine Learning",
    "mcp-asset.tools:execute": "MCP",
    "on-prem-client": "On-prem clients",
    "orchestration-engine": "Orchestration Engine",
    "package-manager": "Package manager",
    "platform-adoption.tracking-events:read": "Platform adoption",
    "storage-manager.buckets": "Storage manager",
    "knowledge-models.augmented-attributes:update": "Studio",
    "knowledge-models:query": "Studio",
    "knowledge-models:read": "Studio",
    "skills:execute": "Studio",
    "skills:read": "Studio",
    "studio": "Studio",
    "studio.packages:read": "Studio",
    "tasks:read": "Studio",
    "tasks:update": "Studio",
    "triggers:manage": "Studio",
    "triggers:read": "Studio",
    "task-mining.clients:suspend": "Task Mining",
    "task-mining.gateway": "Task Mining",
    "task-mining.metadata:read": "Task Mining",
    "team.user-group-info:read": "Team",
    "team.login-history:read": "Team",
    "user-provisioning.scim": "User provisioning",
}

# A few descriptions, verbatim from the docs (including the docs' own wording slips).
DESCRIPTIONS = {
    "audit.log:read": "Gives read-only access audit logs based on granted permissions.",
    "integration.data-pools:data_push": "Gives access to push data to data pools based on granted permissions.",
    "intelligence.knowledge-models:read": (
        "Gives read-only access to knowledge models and their data, filters, records, KPIs, OData "
        "metadata, specs, and triggers based on granted permissions."
    ),
    "task-mining.clients:suspend": "Allows suspending the data capturing of Task Mining clients.",
    "user-provisioning.scim": "Gives access to the SCIM API based on granted permissions.",
    "studio": "Gives access to studio based on granted permissions.",
}

# The scopes Celonis's Cursor plugin requests (mcp.json, mcpServers.celonis.auth.scopes, public
# client cursor_mcp) that the docs page does not list; the other three are documented.
CURSOR_PLUGIN = (
    "studio-mcp", "data-pipelines.data:read", "data-pipelines:manage", "knowledge-models:read",
    "package-manager", "pig-semantic-layer:read", "pql-assistant:generation", "mcp-asset.tools:execute",
    "eml-explorer:read",
)
OBSERVED = set(CURSOR_PLUGIN) - set(DOCUMENTED)

HIGH = {
    "studio-mcp",
    "audit.log:read", "team.login-history:read", "team.user-group-info:read",
    "authorization.permissions:read", "task-mining.clients:suspend", "mcp-asset.tools:execute",
    "skills:execute", "machine-learning", "studio", "integration.data-pools", "package-manager",
    "orchestration-engine", "action-engine.projects",
}

SERVICES = {
    "Data Integration", "Studio", "Team", "User Provisioning", "Machine Learning", "Action Engine",
    "File Storage Manager", "Task Mining", "On-Prem Automation",
}

CATEGORIES = {
    "user-provisioning", "identity-audit", "data-export", "data-ingestion", "content-change",
    "code-execution",
}

# Every path prefix of the API map's §2 table (one per prefix).
MAP_PREFIXES = {
    "/log/api/external/audit", "/log/api/external/v2/audit",
    "/api/authorization/external/permissions", "/api/external/members",
    "/api/external/authentication-events", "/platform-adoption/api/external/",
    "/user-provisioning/scim/v2/", "/api/user-provisioning/",
    "/integration/api/v1/data-push/", "/data-ingestion/api/v1/data-push/",
    "/continuous-batch-processing/api/v1/",
    "/integration/api/v1/data-pools/{pool}/data-models/",
    "/integration/api/v1/data-pools/{pool}/data-jobs/",
    "/integration/api/v2/data-pools/{pool}/data-jobs/",
    "/integration/api/v1/compute/", "/integration/api/external/compute/",
    "/integration/api/pools", "/integration/api/pool/", "/integration/api/datasource/",
    "/realtime-integration/api/",
    "/intelligence/api/ai/agents/{id}/conversations", "/intelligence/api/subscriptions",
    "/intelligence/api/knowledge-models/{km}/triggers/{t}/subscriptions",
    "/intelligence/api/knowledge-models", "/intelligence/api/odata/",
    "/studio-copilot/api/v1/mcp-servers/mcp/", "/action-engine/api/", "/pacman/api/",
    "/package-manager/api/core/", "/package-manager/api/",
    "/semantic-layer/api/", "/process-analytics/", "/blueprint/api/", "/ems-automation/api/",
    "/process-automation-v2/api/", "/api/widgets/", "/pql-language/api/",
    "/machine-learning/api/", "/task-mining/api/", "/image-collector/api/",
    "/oauth2/token", "/oauth2/authorize", "/.well-known/openid-configuration",
    "/api/cloud", "/api/cloud/permissions", "/api/cloud/team", "/api/team",
}

# Scopes the map gives a published (DOC) endpoint for.
DOC_ENDPOINT_SCOPES = {
    "audit.log:read", "authorization.permissions:read", "team.user-group-info:read",
    "team.login-history:read", "platform-adoption.tracking-events:read", "user-provisioning.scim",
    "integration.data-pools:data_push", "integration.data-pools", "intelligence.conversations:write",
    "intelligence.subscriptions:manage", "intelligence.knowledge-models:read",
    "mcp-asset.tools:execute", "action-engine.projects", "package-manager", "machine-learning",
}


@pytest.fixture(scope="module")
def cat() -> catalog.Catalog:
    return catalog.shipped()


@pytest.fixture(scope="module")
def raw() -> dict:
    text = resources.files("scopelint").joinpath("data/catalog.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


# --- metadata ---------------------------------------------------------------------------------

def test_metadata(cat, raw):
    assert set(raw) == {"version", "date", "source", "scopes", "retired", "apis"}
    for key in ("version", "date", "source"):
        assert isinstance(raw[key], str) and raw[key], key
    assert cat.version == raw["version"]
    assert datetime.date.fromisoformat(cat.date).isoformat() == cat.date
    assert cat.source.startswith("https://") and "celonis.com" in cat.source
    assert cat.label == cat.version  # the shipped catalog has no extensions
    assert cat.extensions == () and cat.overrides == ()


# --- the scope list ---------------------------------------------------------------------------

def test_scope_names_are_exactly_the_documented_and_the_observed_ones(cat):
    assert len(DOCUMENTED) == 36
    assert len(OBSERVED) == 6
    assert {n for n, s in cat.scopes.items() if s.status == "documented"} == set(DOCUMENTED)
    assert {n for n, s in cat.scopes.items() if s.status == "observed"} == OBSERVED
    assert len(cat.scopes) == 42


def test_every_observed_entry_names_its_source(cat, raw):
    for item in raw["scopes"]:
        if item["status"] == "observed":
            assert isinstance(item["source"], str) and "Cursor plugin" in item["source"], item["name"]
            assert "mcpServers.celonis.auth.scopes" in item["source"] and "cursor_mcp" in item["source"]
            assert item["description"].startswith("Undocumented; seen in the Celonis Cursor plugin."), item["name"]
            assert item["service"] is None and item["permission"] is None, item["name"]
        else:
            assert item["status"] == "documented" and item["source"] is None, item["name"]
    for name in OBSERVED:
        assert cat.scopes[name].observed and cat.scopes[name].source


def test_observed_entries_are_judged_from_their_names(cat):
    assert cat.scopes["studio-mcp"].access == "write" and cat.scopes["studio-mcp"].risk == "high"
    assert cat.scopes["data-pipelines:manage"].risk == "medium"
    assert cat.scopes["pql-assistant:generation"].access == "write"
    for name in ("data-pipelines.data:read", "pig-semantic-layer:read", "eml-explorer:read"):
        assert cat.scopes[name].access == "read" and cat.scopes[name].risk == "low", name


def test_an_observed_scope_without_a_source_is_refused(cat):
    with pytest.raises(catalog.CatalogError, match=r"ext.yaml: observed scope 'new-thing:read' needs a string 'source'"):
        cat.merged({"scopes": [{"name": "new-thing:read", "access": "read", "risk": "low", "status": "observed"}]},
                   "ext.yaml")


def test_the_former_status_current_still_reads_as_documented(cat):
    merged = cat.merged({"scopes": [{"name": "new-thing:read", "access": "read", "risk": "low", "status": "current"}]},
                        "old-ext.yaml")
    assert merged.scopes["new-thing:read"].status == "documented"


def test_the_catalog_file_documents_its_own_format(raw):
    text = resources.files("scopelint").joinpath("data/catalog.yaml").read_text(encoding="utf-8")
    header = text[:text.index("\nversion:")]
    assert all(line.startswith("#") for line in header.splitlines() if line.strip())
    fields = set().union(*(item.keys() for item in raw["scopes"]))
    for word in sorted(fields | set(raw) | set(catalog.STATUSES)):
        assert re.search(rf"\b{re.escape(word)}\b", header), word
    assert "Registering your OAuth client in the Celonis Platform" in header
    assert "mcpServers.celonis.auth.scopes" in header and "--from-docs" in header


def test_yaml_scope_list_is_sorted_and_unique(raw):
    # build() keeps the last of duplicate names silently, so check the file itself.
    names = [item["name"] for item in raw["scopes"]]
    assert len(names) == len(set(names)) == 42
    assert names == sorted(names)


def test_yaml_entries_use_a_consistent_key_set(raw):
    keys = {frozenset(item) for item in raw["scopes"]}
    assert len(keys) == 1, keys
    assert {"name", "group", "description", "details", "access", "risk", "service", "scim",
            "status", "source", "permission", "category", "broader", "narrower"} == set(next(iter(keys)))


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_scope_entry(cat, name):
    scope = cat.scopes[name]
    assert scope.name == name
    assert scope.group == DOCUMENTED[name]
    assert scope.description.startswith(("Gives ", "Allows ")) and scope.description.endswith(".")
    assert scope.status == "documented" and scope.replacement is None and scope.source is None
    assert scope.origin == catalog.SHIPPED
    assert scope.service is None or scope.service in SERVICES
    assert scope.category is None or scope.category in CATEGORIES
    assert "\n" not in scope.details


def test_descriptions_are_verbatim(cat):
    for name, text in DESCRIPTIONS.items():
        assert cat.scopes[name].description == text, name


def test_descriptions_are_distinct(cat):
    texts = [s.description for s in cat.scopes.values()]
    assert len(texts) == len(set(texts))


def expected_access(name: str) -> str:
    if name == "user-provisioning.scim":
        return "admin"
    if name.endswith((":read", ":query")):
        return "read"
    return "write"


def test_access_levels(cat):
    for name, scope in cat.scopes.items():
        assert scope.access == expected_access(name), name


def test_risk_tiers(cat):
    critical = {n for n, s in cat.scopes.items() if s.risk == "critical"}
    high = {n for n, s in cat.scopes.items() if s.risk == "high"}
    assert critical == {"user-provisioning.scim"}
    assert high == HIGH
    for name, scope in cat.scopes.items():
        if scope.risk == "low":
            assert scope.access == "read", f"{name}: a write scope cannot be low risk"
        if scope.access == "write" and name not in HIGH:
            assert scope.risk == "medium", name
    assert {n for n, s in cat.scopes.items() if s.sensitive} == HIGH | {"user-provisioning.scim"}
    # The narrow alternatives are less risky than the broad scope they replace.
    order = catalog.RISKS.index
    for name, scope in cat.scopes.items():
        for broad in scope.broader:
            assert order(scope.risk) < order(cat.scopes[broad].risk), (name, broad)
    assert order(cat.scopes["intelligence.knowledge-models:read"].risk) < order(cat.scopes["studio"].risk)


def test_categories(cat):
    by = {n: s.category for n, s in cat.scopes.items()}
    assert by["user-provisioning.scim"] == "user-provisioning"
    for name in ("audit.log:read", "team.login-history:read", "team.user-group-info:read",
                 "authorization.permissions:read", "platform-adoption.tracking-events:read"):
        assert by[name] == "identity-audit", name
    for name in ("integration.data-pools:query", "integration.data-models:read",
                 "intelligence.knowledge-models:read", "knowledge-models:query"):
        assert by[name] == "data-export", name
    assert by["integration.data-pools:data_push"] == "data-ingestion"
    assert by["integration.data-pools:continuous_data_push"] == "data-ingestion"
    for name in ("machine-learning", "mcp-asset.tools:execute", "skills:execute",
                 "intelligence.conversations:write"):
        assert by[name] == "code-execution", name
    for name in ("studio", "package-manager", "integration.data-pools", "orchestration-engine",
                 "task-mining.clients:suspend", "tasks:update", "triggers:manage"):
        assert by[name] == "content-change", name
    # Only low-risk reads may go without a category.
    for name, scope in cat.scopes.items():
        if scope.category is None:
            assert scope.risk == "low" and scope.access == "read", name


def test_services_and_permissions(cat):
    svc = {n: s.service for n, s in cat.scopes.items()}
    assert svc["user-provisioning.scim"] == "User Provisioning"
    assert svc["audit.log:read"] == svc["team.login-history:read"] == "Team"
    assert svc["integration.data-pools:data_push"] == "Data Integration"
    assert svc["storage-manager.buckets"] == "File Storage Manager"
    assert svc["machine-learning"] == "Machine Learning"
    assert svc["action-engine.projects"] == "Action Engine"
    assert svc["on-prem-client"] is None
    for name, group in DOCUMENTED.items():
        if group == "Studio" or name.startswith("intelligence."):
            assert svc[name] == "Studio", name
        if group == "Task Mining":
            assert svc[name] == "Task Mining", name
    assert cat.scopes["audit.log:read"].permission == "Use Audit Logs API"
    assert cat.scopes["user-provisioning.scim"].permission == "SCIM"
    assert "Data Push API" in cat.scopes["integration.data-pools:data_push"].permission


def test_scim(cat):
    scim = cat.scopes["user-provisioning.scim"]
    assert scim.scim is True
    assert scim.service == "User Provisioning"
    assert scim.risk == "critical"
    assert scim.access == "admin"
    assert [n for n, s in cat.scopes.items() if s.scim] == ["user-provisioning.scim"]


# --- relations --------------------------------------------------------------------------------

def test_relations_name_real_scopes_and_are_inverse(cat):
    for name, scope in cat.scopes.items():
        assert name not in scope.broader and name not in scope.narrower
        for broad in scope.broader:
            assert broad in cat.scopes, (name, broad)
            assert name in cat.scopes[broad].narrower, (name, broad)
        for narrow in scope.narrower:
            assert narrow in cat.scopes, (name, narrow)
            assert name in cat.scopes[narrow].broader, (name, narrow)


def test_documented_hierarchy_only(cat):
    pools = cat.scopes["integration.data-pools"]
    assert set(pools.narrower) == {"integration.data-pools:data_push",
                                   "integration.data-pools:continuous_data_push"}
    related = {n for n, s in cat.scopes.items() if s.broader or s.narrower}
    assert related == {"integration.data-pools", "integration.data-pools:data_push",
                       "integration.data-pools:continuous_data_push"}
    assert cat.scopes["studio"].narrower == ()
    assert cat.scopes["intelligence.knowledge-models:read"].broader == ()


# --- retired spellings ------------------------------------------------------------------------

RETIRED = {
    "studio.spaces": ("retired", "studio"),
    "studio.packages": ("retired", "studio"),
    "studio.widgets": ("retired", "studio"),
    "transformation-center.kpis": ("retired", None),
    "transformation-center.content:export": ("retired", None),
    "integration.data-pools:data-push": ("variant", "integration.data-pools:data_push"),
    "integration.data-pools:continuous-data-push": ("variant", "integration.data-pools:continuous_data_push"),
    "intelligence.tools:execute": ("retired", "studio"),
    "audit.log": ("variant", "audit.log:read"),
    "team.user-group-info": ("variant", "team.user-group-info:read"),
    "team.login-history": ("variant", "team.login-history:read"),
    "platform-adoption.tracking-events": ("variant", "platform-adoption.tracking-events:read"),
}


def test_retired_entries(cat):
    for name, (status, replacement) in RETIRED.items():
        entry = cat.retired[name]
        assert (entry.status, entry.replacement) == (status, replacement), name
        assert entry.note, name
    for group in ("audit", "team", "platform-adoption"):
        assert cat.retired[group].status == "variant"
        assert "group" in cat.retired[group].note
    assert "no replacement" in cat.retired["transformation-center.kpis"].note


def test_retired_names_are_not_scopes_and_replacements_are(cat, raw):
    names = [item["name"] for item in raw["retired"]]
    assert len(names) == len(set(names))
    assert not set(cat.retired) & set(cat.scopes)
    assert "studio" not in cat.retired  # a group name that is also a scope
    for entry in cat.retired.values():
        assert entry.replacement is None or entry.replacement in cat.scopes, entry.name
        assert entry.replacement != entry.name


# --- API routes -------------------------------------------------------------------------------

def test_routes_cover_the_map_and_are_sorted(cat, raw):
    prefixes = [item["prefix"] for item in raw["apis"]]
    assert prefixes == sorted(prefixes)
    assert set(prefixes) == MAP_PREFIXES | {"/package-manager/api/"}
    assert {r.prefix for r in cat.routes} == MAP_PREFIXES
    keys = [(r.prefix, r.methods) for r in cat.routes]
    assert len(keys) == len(set(keys))


def test_route_scopes_are_real_and_ordered(cat):
    for route in cat.routes:
        assert route.confidence in catalog.CONFIDENCE
        assert len(route.scopes) == len(set(route.scopes)), route.prefix
        for scope in route.scopes:
            assert scope in cat.scopes, (route.prefix, scope)
        if route.gating == "scoped":
            assert route.scopes, route.prefix
        else:
            assert route.scopes == (), route.prefix
        # Narrowest first: never a broader scope before one of its narrower scopes.
        for i, scope in enumerate(route.scopes):
            for later in route.scopes[i + 1:]:
                assert later not in cat.scopes[scope].narrower, (route.prefix, scope, later)


def test_gating(cat):
    auth = {r.prefix for r in cat.routes if r.gating == "auth"}
    unknown = {r.prefix for r in cat.routes if r.gating == "unknown"}
    assert auth == {"/oauth2/token", "/oauth2/authorize", "/.well-known/openid-configuration"}
    assert unknown == {"/api/cloud", "/api/cloud/permissions", "/api/cloud/team", "/api/team"}


def test_scopes_with_documented_endpoints_have_routes(cat):
    for name in DOC_ENDPOINT_SCOPES:
        assert any(r.confidence == "DOC" for r in cat.routes_of(name)), name
    # No published endpoint: only INF links, if any.
    for name in ("integration.data-pools:read", "integration.data-pools:query",
                 "studio.packages:read", "on-prem-client", "orchestration-engine",
                 "storage-manager.buckets", "skills:execute", "tasks:read", "triggers:manage"):
        assert all(r.confidence == "INF" for r in cat.routes_of(name)), name


def first_scope(cat, path, method=None):
    route = cat.route_for(path, method)
    assert route is not None, path
    assert route.scopes, path
    return route.scopes[0]


def test_route_lookups(cat):
    route = cat.route_for("/integration/api/v1/data-push/abc/jobs/")
    assert route.scopes == ("integration.data-pools:data_push", "integration.data-pools")
    assert route.confidence == "DOC"
    assert first_scope(cat, "/data-ingestion/api/v1/data-push/abc/jobs/x/chunks/upserted") == \
        "integration.data-pools:data_push"
    assert first_scope(cat, "/continuous-batch-processing/api/v1/pool/items") == \
        "integration.data-pools:continuous_data_push"
    assert first_scope(cat, "/intelligence/api/knowledge-models/km1/kpis") == \
        "intelligence.knowledge-models:read"
    assert first_scope(cat, "/intelligence/api/knowledge-models/km1/data", "POST") == \
        "intelligence.knowledge-models:read"
    assert first_scope(cat, "/user-provisioning/scim/v2/Users") == "user-provisioning.scim"
    assert first_scope(cat, "/api/user-provisioning/Groups") == "user-provisioning.scim"
    assert first_scope(cat, "/log/api/external/v2/audit?from=1") == "audit.log:read"
    assert first_scope(cat, "/integration/api/v1/data-pools/p1/data-models/m1/load", "POST") == \
        "integration.data-pools"
    assert first_scope(cat, "/integration/api/pools/p1/jobs") == "integration.data-pools"
    assert first_scope(cat, "/semantic-layer/api/kms") == "studio"
    assert first_scope(cat, "/machine-learning/api/workspaces") == "machine-learning"
    assert first_scope(cat, "/pacman/api/packages") == "package-manager"


def test_route_lookups_by_method(cat):
    assert first_scope(cat, "/package-manager/api/spaces", "GET") == "studio.packages:read"
    assert first_scope(cat, "/package-manager/api/spaces", "get") == "studio.packages:read"
    assert first_scope(cat, "/package-manager/api/spaces", "POST") == "studio"
    assert first_scope(cat, "/package-manager/api/spaces") == "studio"
    assert first_scope(cat, "/package-manager/api/core/packages", "GET") == "package-manager"
    sub = "/intelligence/api/knowledge-models/km1/triggers/t1/subscriptions"
    assert first_scope(cat, sub, "POST") == "intelligence.subscriptions:manage"
    assert first_scope(cat, sub, "GET") == "intelligence.knowledge-models:read"


def test_unscoped_routes(cat):
    cloud = cat.route_for("/api/cloud/permissions")
    assert cloud is not None and cloud.gating == "unknown" and cloud.scopes == ()
    assert cat.route_for("/api/team").gating == "unknown"
    token = cat.route_for("/oauth2/token")
    assert token is not None and token.gating == "auth" and token.scopes == ()
    assert cat.route_for("/.well-known/openid-configuration").gating == "auth"


def _every_route(cat, path, method=None):
    """The longest route, found by trying every route in catalog order (what the index must agree with)."""
    segs, best, best_len = catalog.split_path(path), None, 0
    for route in cat.routes:
        n = route.match_length(segs, method)
        if n > best_len or (n == best_len and n > 0 and route.methods and best and not best.methods
                            and route.origin == best.origin):
            best, best_len = route, n
    return best


_SEGMENT = st.one_of(st.sampled_from(sorted({s for r in catalog.shipped().routes for s in r.segments}
                                           | {"abc", "v1", "{id}", "x.y", ""})), st.text("ab/{}-", max_size=5))


@given(st.lists(_SEGMENT, max_size=7).map("/".join), st.sampled_from([None, "GET", "POST", "DELETE"]), st.booleans())
@example("integration/api", None, True)  # a first segment routes name, matched only by the placeholder route
@example("integration/api/v1/data-pools/x", "POST", True)
@example("intelligence/api/knowledge-models", "GET", False)
def test_the_route_index_finds_what_trying_every_route_finds(path, method, placeholder_first):
    """Routes are looked up among those starting with the path's first segment (and those starting
    with a placeholder, as an extension's may): always the route a scan of all of them finds."""
    cat = catalog.shipped()
    if placeholder_first:
        cat = cat.merged({"apis": [{"prefix": "/{tenant}/api/", "scopes": ["studio"], "confidence": "DOC"},
                                   {"prefix": "/integration/api/", "scopes": ["studio"], "confidence": "DOC",
                                    "methods": ["POST"]}]}, "tenant.yaml")
        assert cat._routes_by_first[1]  # the extension's placeholder route is tried for every path
    for query in ("/" + path, path):
        assert cat._route_for(query, method) == _every_route(cat, query, method)


def test_unrelated_paths_match_nothing(cat):
    assert cat.route_for("/foo/bar") is None
    assert cat.route_for("/") is None
    assert cat.route_for("/integration") is None
    assert cat.route_for("/api/cloudy") is None  # segment match, not string prefix


# --- did-you-mean -----------------------------------------------------------------------------

def test_closest(cat):
    assert cat.closest("integration.datapools") == "integration.data-pools"
    assert cat.closest("studio.spaces") == "studio"
    assert cat.closest("integration.data-pools:data-push") == "integration.data-pools:data_push"
    assert cat.closest("audit.log") == "audit.log:read"
    assert cat.closest("xyzzy") is None
    assert cat.closest("intelligence.knowledge-model:read") == "intelligence.knowledge-models:read"
    assert cat.closest("studio_mcp") == "studio-mcp"


def test_namespaces(cat):
    assert cat.namespace_of("integration.data-pools:read") == "integration"
    assert cat.namespace_of("tasks:read") == "tasks"
    assert cat.namespace_of("studio") == "studio"
    assert cat.namespace_of("studio-mcp") == "studio-mcp"
    assert cat.namespace_of("User-Provisioning.scim") == "user-provisioning"
    assert {"integration", "intelligence", "user-provisioning", "studio", "studio-mcp", "team",
            "data-pipelines", "transformation-center"} <= cat.namespaces
    assert "reports" not in cat.namespaces and "acme" not in cat.namespaces
    # every scope and retired spelling lies in a known namespace
    assert all(cat.in_known_namespace(n) for n in (*cat.scopes, *cat.retired))
    assert cat.in_known_namespace("integration.data-pools:write")
    assert not cat.in_known_namespace("acme.widgets:read")
    # common words are namespaces, but not distinctive ones
    assert {"studio", "team", "tasks", "integration", "machine-learning"}.isdisjoint(cat.distinctive_namespaces)
    assert {"user-provisioning", "data-pipelines", "task-mining", "studio-mcp"} <= cat.distinctive_namespaces
    assert cat.distinctive_namespaces < cat.namespaces
    assert cat.namespaces is cat.namespaces  # computed once


# --- extensions -------------------------------------------------------------------------------

def test_extension_adds_scope(cat):
    ext = {"scopes": [{"name": "custom.thing:read", "group": "Custom", "description": "A custom scope.",
                       "access": "read", "risk": "low"}],
           "apis": [{"prefix": "/custom/api/", "scopes": ["custom.thing:read"], "confidence": "DOC"}]}
    merged = cat.merged(ext, "team-extra.yaml")
    assert merged.scopes["custom.thing:read"].origin == "team-extra.yaml"
    assert merged.scopes["studio"].origin == catalog.SHIPPED
    assert merged.extensions == ("team-extra.yaml",)
    assert merged.overrides == ()
    assert len(merged.scopes) == len(cat.scopes) + 1
    assert merged.route_for("/custom/api/x").scopes == ("custom.thing:read",)
    assert merged.route_for("/custom/api/x").origin == "team-extra.yaml"
    assert merged.version == cat.version and "extension" in merged.label
    # the shipped catalog itself is untouched
    assert "custom.thing:read" not in cat.scopes and len(cat.scopes) == 42


def test_extension_override_is_reported(cat):
    ext = {"scopes": [{"name": "studio", "group": "Studio", "description": "Local override.",
                       "access": "write", "risk": "medium"}]}
    merged = cat.merged(ext, "override.yaml")
    assert merged.overrides == ("studio",)
    assert merged.scopes["studio"].risk == "medium"
    assert merged.scopes["studio"].origin == "override.yaml"


def test_extension_can_revive_a_retired_name(cat):
    ext = {"scopes": [{"name": "studio.spaces", "description": "Still enabled here.", "access": "read",
                       "risk": "low"}]}
    merged = cat.merged(ext, "revive.yaml")
    assert "studio.spaces" in merged.scopes and "studio.spaces" not in merged.retired


@pytest.mark.parametrize("bad, fragment", [
    ({"scopes": {"name": "x"}}, "scopes"),
    ({"scopes": ["x.y:read"]}, "scopes"),
    ({"scopes": [{"name": "x.y:read", "risk": "extreme"}]}, "risk"),
    ({"scopes": [{"name": "x.y:read", "access": "delete"}]}, "access"),
    ({"scopes": [{"description": "no name"}]}, "name"),
    ({"scopez": []}, "scopez"),
    ({"apis": [{"prefix": "integration/api/", "scopes": ["studio"]}]}, "absolute"),
    ({"apis": [{"prefix": "/x/", "scopes": ["studio"], "confidence": "MAYBE"}]}, "confidence"),
    ({"retired": [{"name": "old", "status": "gone"}]}, "status"),
])
def test_malformed_extension_names_its_origin(cat, bad, fragment):
    with pytest.raises(catalog.CatalogError) as info:
        cat.merged(bad, "bad-ext.yaml")
    assert "bad-ext.yaml" in str(info.value)
    assert fragment in str(info.value)


def test_build_round_trip(raw):
    rebuilt = catalog.build(raw, "copy.yaml")
    assert set(rebuilt.scopes) == set(DOCUMENTED) | OBSERVED
    assert rebuilt.extensions == () and rebuilt.overrides == ()
    assert all(s.origin == "copy.yaml" for s in rebuilt.scopes.values())
    with pytest.raises(catalog.CatalogError, match="broken.yaml"):
        catalog.build({**raw, "scopes": "studio"}, "broken.yaml")


def test_load_reads_an_extension_file(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text("scopes:\n  - name: custom.thing:read\n    access: read\n    risk: low\n", encoding="utf-8")
    merged = catalog.load([path])
    assert merged.scopes["custom.thing:read"].origin == str(path)
    assert merged.extensions == (str(path),)
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(catalog.CatalogError, match="bad.yaml"):
        catalog.load([bad])
