"""Extractors turn one file into facts; they never produce findings.

The package is one shared layer and five wings (see ``CONTRIBUTING.md``):

- ``recognition/``: the only place a value becomes a fact (URL and name classification, Celonis
  recognition, the scope splitter, the secret test, the emitters);
- ``python/``, ``javascript/``, ``shell/``, ``documents/``, ``java/``: one wing per family of input kinds.
  A wing imports the shared layer and nothing of another wing.

An extractor reads one file; the Python one also reads, as text, the modules of the project that
file imports values from (``python.modules``), so a value is known where it is used.

This module is the registry: one ``Kind`` per input kind, in ``KINDS``. A kind says, without its
module being imported, which file names it may claim (``suffixes``, ``prefixes``) and what makes a
claimed file worth parsing (``markers``, and ``requires`` beside them). Its module defines:

- ``extract(src, facts) -> None``: add facts for ``src`` to ``facts``. An extractor decides from
  the file (and what it imports): it never depends on what another extractor found or on the order they run in;
- ``preload() -> None``, optional: build what ``extract`` builds on first use (before workers fork);
- ``claims(path, explicit) -> bool``, only when ``refine`` is set: whether a file is of its kind
  (a Postman collection among JSON files, a CI pipeline among YAML). It is asked only about files
  the name test admits, so the name test must admit every file it claims (``tests/test_layout.py``).

So a run imports a module only for a file it may claim, and parses a file only when a marker is
in it: a check of one Python file without any marker imports no parser at all.

A new input kind is one module in one wing plus its ``Kind`` here; no rule changes.
"""
from __future__ import annotations

import importlib
from types import ModuleType

from .recognition.source import Source, suffix
from ..records import field, record

__all__ = ["KINDS", "Kind", "Source", "for_path", "forget", "preload", "suffix"]


@record(eq=False)
class Kind:
    """An input kind: the files it may claim, its markers, and its module. Each is one of ``KINDS``,
    so two are equal only when they are the same (and hashing one, to look up what a tuple of them
    decides, costs nothing per file)."""

    name: str  # a short identifier, in notes ("internal error in the python extractor")
    module: str  # the module path under scopelint.extractors
    suffixes: frozenset[str]  # the lower-case file-name suffixes (after the last dot; "" for none) it may claim
    markers: tuple[bytes, ...]  # lower-case: a claimed file holding none of them is not parsed; () parses every one
    prefixes: tuple[str, ...] = ()  # lower-case file-name starts it may also claim, whatever the suffix (".env.")
    requires: tuple[bytes, ...] = ()  # lower-case: a file with a marker but none of these is not parsed either
    refine: bool = False  # the module's ``claims`` has the last word on the files the name test admits
    named: bool = False  # a file named on the command line is parsed even without a marker (to say why it has nothing)
    code: bool = False  # its files are code that can ask for a token (``requests.unread_token_request``)
    _loaded: list[ModuleType] = field(default_factory=list, repr=False, compare=False, hash=False)

    def load(self) -> ModuleType:
        """The extractor module, imported on first use."""
        if not self._loaded:
            self._loaded.append(importlib.import_module(f"{__name__}.{self.module}"))
        return self._loaded[0]

    def admits(self, name: str, ext: str) -> bool:
        """Whether a file named ``name`` (lower case) with suffix ``ext`` may be of this kind."""
        return ext in self.suffixes or bool(self.prefixes) and name.startswith(self.prefixes)

    def claims(self, path: str, explicit: bool = False) -> bool:
        return self in for_path(path, explicit)

    def extract(self, src: Source, facts) -> None:
        self.load().extract(src, facts)


def _suffixes(*names: str) -> frozenset[str]:
    return frozenset(names)


_DOCUMENTS = ("yaml", "yml", "json", "toml")
# a file that mentions none of these has nothing for scopelint and is never parsed; short, broad markers
# keep the prefilter to one scan per file (every Celonis API path contains "/api/", "/scim/" or
# "/process-analytics"); every name ``names.secret_kind`` takes holds one of the secret names' markers
_SECRET_NAMES = (b"secret", b"token", b"api_key", b"apikey", b"api-key", b"app_key", b"appkey", b"app-key",
                 b"application_key", b"applicationkey", b"application-key", b"client_credential", b"clientcredential",
                 b"client-credential", b"subscription_key", b"subscriptionkey", b"subscription-key")
# (and Python's HTTP Basic helpers, whose password is a secret to whatever host: ``HTTPBasicAuth``,
# ``auth=("id", "...")``, ``session.auth = (...)``)
_CODE_MARKERS = (b"celonis", b"oauth", b"scope", b"bearer", b"basic ", b"/api/", b"/scim/", b"/process-analytics",
                 b"basicauth", b"auth=(", b"auth = (") + _SECRET_NAMES
_JS_MARKERS = (b"oauth2", b"celonis", b"scope", b"/api/", b"bearer", b"basic ", b"reject_unauthorized",
               b"rejectunauthorized", b"/process-analytics", b"/scim/") + _SECRET_NAMES
_SHELL_MARKERS = (b"curl", b"invoke-restmethod", b"invoke-webrequest", b"iwr ", b"irm ", b"celonis", b"scope",
                  b"secret", b"oauth2", b"appkey", b"app_key", b"api_key", b"apikey", b"bearer", b"token")
# what a request needs to be worth reading, past the program that makes it: most of a Dockerfile's
# downloads name none (``-u`` and ``--password``: a user's password; ``-u`` is in ``--user``)
_REQUESTING = (b"celonis", b"scope", b"secret", b"oauth2", b"appkey", b"app_key", b"api_key", b"apikey", b"api-key", b"bearer",
               b"token", b"authorization", b"/api/", b"-u", b"--password")
_SETTINGS_MARKERS = (b"celonis", b"scope", b"oauth", b"team_url", b"key_type") + _SECRET_NAMES

# in the order their facts are listed
KINDS: tuple[Kind, ...] = (
    Kind("definitions", "documents.definitions", _suffixes(*_DOCUMENTS), (b"oauth_clients", b"oauth-clients", b"\\u00", b"\\x"),
         named=True),
    Kind("python", "python.code", _suffixes("py", "pyw"), _CODE_MARKERS, code=True),
    Kind("notebook", "python.notebook", _suffixes("ipynb"), _CODE_MARKERS, code=True),
    Kind("javascript", "javascript.code", _suffixes("js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts", "gs"), _JS_MARKERS,
         refine=True, code=True),
    # the <script> blocks of a page or a component
    Kind("markup", "javascript.markup", _suffixes("html", "htm", "xhtml", "vue", "svelte"), _JS_MARKERS, code=True),
    Kind("shell", "shell.scripts", _suffixes("", "envrc", "sh", "bash", "zsh", "ksh", "ps1", "psm1", "bat", "cmd", "mk"),
         _SHELL_MARKERS, refine=True, code=True),
    # the notebook's markers: every shell line worth reading names one too, and "curl" turns up in base64 image outputs
    Kind("notebook_shell", "shell.notebook", _suffixes("ipynb"), _CODE_MARKERS),
    # the settings files a notebook writes (``%%writefile .env``)
    Kind("notebook_files", "documents.notebook_files", _suffixes("ipynb"), (b"%%writefile", b"%%file")),
    Kind("envfiles", "documents.envfiles", _suffixes("", "env", "properties", "dockerfile", "containerfile", "service",
                                                     "container", "vars"),
         _SETTINGS_MARKERS, prefixes=(".env.", ".dev.vars.", "dockerfile.", "dockerfile-", "containerfile.", "containerfile-"),
         refine=True),
    Kind("ciconfig", "documents.ciconfig", _suffixes("yaml", "yml", "json", "template", "config"), _SETTINGS_MARKERS,
         refine=True),
    Kind("contentcli", "documents.contentcli", _suffixes("json"), (b'"team"',), refine=True),
    Kind("postman", "documents.postman", _suffixes("json"), (), refine=True),
    # a collection exported under a plain name, known by what Postman writes into it
    Kind("postman_plain", "documents.postman_plain", _suffixes("json"), (b"schema.getpostman.com", b"_postman_id"),
         refine=True),
    # the pre-request and test scripts of a Postman collection
    Kind("postman_script", "javascript.postman", _suffixes("json"), (b'"exec"',), refine=True, code=True),
    # the function nodes of a Node-RED flow, the Code nodes of an n8n workflow
    Kind("flow_script", "javascript.flows", _suffixes("json"), (b'"func"', b'"jscode"', b'"functioncode"'), code=True),
    Kind("spring", "documents.spring", _suffixes("yaml", "yml", "properties"), (b"oauth2",), refine=True),
    Kind("appconfig", "documents.appconfig", _suffixes(*_DOCUMENTS, "ini", "cfg"), (b"celonis",), refine=True),
    Kind("mcp", "documents.mcp", _suffixes("json"), (b"celonis",), refine=True),
    Kind("httpfile", "documents.httpfile", _suffixes("http", "rest"), _JS_MARKERS),
    Kind("bruno", "documents.bruno", _suffixes("bru"), _JS_MARKERS),
    # the scripts of a Bruno request or collection
    Kind("bruno_script", "javascript.bruno", _suffixes("bru"), (b"script:", b"tests"), code=True),
    # Terraform, and the HCL of Terragrunt's ``inputs``, Nomad's jobs and Packer's templates
    Kind("terraform", "documents.terraform", _suffixes("tf", "tfvars", "hcl"), _SETTINGS_MARKERS),
    Kind("connector", "documents.connector", _suffixes("properties", "json", "yaml", "yml", "conf"), (b"connect.ems.",)),
    Kind("jenkins", "shell.jenkins", _suffixes("", "jenkinsfile", "groovy"), _SHELL_MARKERS, prefixes=("jenkinsfile.",),
         refine=True, code=True),
    Kind("ci_steps", "shell.ci_steps", _suffixes("yaml", "yml"), _SHELL_MARKERS, refine=True, code=True),
    # the shell scripts of Argo Workflows and Tekton resources, the commands of Kubernetes containers, the
    # scripts a ConfigMap holds
    Kind("manifest_scripts", "shell.manifests", _suffixes("yaml", "yml"),
         (b"argoproj.io/", b"tekton.dev/", b"containers:", b"kind: configmap", b'kind: "configmap"', b"kind: 'configmap'"),
         requires=_SHELL_MARKERS, code=True),
    # what a Compose service's container runs, and its health check
    Kind("compose_scripts", "shell.compose", _suffixes("yaml", "yml"),
         (b"curl", b"wget", b"invoke-restmethod", b"invoke-webrequest", b"iwr ", b"irm "), requires=_REQUESTING,
         refine=True, code=True),
    # the shell a Dockerfile's RUN, CMD, ENTRYPOINT and HEALTHCHECK instructions run
    Kind("dockerfile_scripts", "shell.dockerfiles", _suffixes("", "dockerfile", "containerfile"),
         (b"curl", b"wget", b"invoke-restmethod", b"invoke-webrequest", b"iwr ", b"irm "),
         prefixes=("dockerfile.", "dockerfile-", "containerfile.", "containerfile-"), requires=_REQUESTING, refine=True,
         code=True),
    # (``"basic"``: C#'s ``new AuthenticationHeaderValue("Basic", ...)``; Go's ``SetBasicAuth``, OkHttp's ``Credentials.basic``)
    Kind("java", "java.code", _suffixes("java", "kt", "kts", "go", "cs"), (b"oauth2", b"celonis", b"scope", b"/api/",
         b"bearer", b"basic ", b'"basic"', b"basicauth", b"credentials.basic", b"/process-analytics", b"/scim/")
         + _SECRET_NAMES, code=True),
)

_BY_SUFFIX: dict[str, tuple[Kind, ...]] = {}
for _kind in KINDS:
    for _ext in _kind.suffixes:
        _BY_SUFFIX[_ext] = _BY_SUFFIX.get(_ext, ()) + (_kind,)
_SETTLED = {ext: found for ext, found in _BY_SUFFIX.items() if not any(k.refine for k in found)}  # the suffix decides
_PREFIXED = tuple(k for k in KINDS if k.prefixes)
_PREFIXES = tuple(p for k in _PREFIXED for p in k.prefixes)
_ORDER = {k: i for i, k in enumerate(KINDS)}


def for_path(path: str, explicit: bool = False) -> tuple[Kind, ...]:
    """The kinds that claim ``path`` (relative, POSIX), in registry order. Only the modules of kinds
    whose name test admits the file are imported, and only those that refine it."""
    name = path[path.rfind("/") + 1:].lower()
    dot = name.rfind(".")
    ext = name[dot + 1:] if dot >= 0 else ""
    prefixed = name.startswith(_PREFIXES)
    if not prefixed:
        settled = _SETTLED.get(ext)
        if settled is not None:
            return settled
    found = _BY_SUFFIX.get(ext, ())
    if prefixed:
        extra = tuple(k for k in _PREFIXED if k not in found and k.admits(name, ext))
        if extra:
            found = tuple(sorted(found + extra, key=_ORDER.__getitem__))
    return tuple(k for k in found if not k.refine or k.load().claims(path, explicit))


def forget() -> None:
    """What the readers found of the tree's other files (where an import leads, which modules reach
    what) dropped: a run starts afresh. What they parsed of a file is kept while the file is unchanged."""
    from .recognition.imported import forget as forget_found

    forget_found()


def preload() -> None:
    """Everything the extractors load on first use, loaded now. Called once before worker processes
    are forked, so that they share one copy instead of each importing and building its own: every
    module of this package, and what a kind's module builds in its ``preload()`` (maps read from
    data files, the YAML parser)."""
    import pkgutil

    for wing in pkgutil.iter_modules(__path__):  # the shared layer and the wings: one level of modules each
        package = importlib.import_module(f"{__name__}.{wing.name}")
        for info in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{__name__}.{wing.name}.{info.name}")
    for kind in KINDS:
        warm = getattr(kind.load(), "preload", None)
        if warm is not None:
            warm()
