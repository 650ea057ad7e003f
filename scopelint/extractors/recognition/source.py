"""What an extractor is given: one file's text, its path, and the catalog in force."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ... import lazy_re
from ...catalog import Catalog, shipped
from ...findings import Location
from ...lines import split_lines
from ...model import Problem
from ...records import field, record

if TYPE_CHECKING:
    from ...located import Node


@record(frozen=False)
class Source:
    """What an extractor is given: one file's text, its path, and the catalog in force."""

    path: str  # relative to the scan root, POSIX separators
    text: str
    explicit: bool = False  # named on the command line, not found by walking
    catalog: Catalog = field(default_factory=shipped)  # the catalog in force: shipped plus --catalog extensions
    # where signs of a token request no reader could read count (``requests.unread_token_request``):
    # the whole text unless an extractor narrows it
    signs: str | None = None
    # the file a document held in this one stands for (``application.yaml`` in a ConfigMap's ``data``),
    # whose name says what kind of file to read it as; its text keeps the lines and columns of the file
    held: str | None = None
    _lines: list[str] | None = field(default=None, repr=False)
    _memo: dict[str, object] | None = field(default=None, repr=False)

    @property
    def kind_path(self) -> str:
        """The path whose name says what kind of file the text is: the held document's, else the file's."""
        return self.held or self.path

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = split_lines(self.text)
        return self._lines

    def memoed(self, key: str) -> object | None:
        """What ``memo`` built under ``key`` so far, if anything."""
        return self._memo.get(key) if self._memo is not None else None

    def memo(self, key: str, build: Callable[[], object]) -> object:
        """What ``build`` returns, built once per file: a parse that extractors of two wings share."""
        if self._memo is None:
            self._memo = {}
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]


MAX_LINE = 5_000  # characters of a line of code past which it is minified or generated, not read
# a line's text, between the breaks of ``lines.split_lines``: each line is matched once, whatever its length
# (a pattern for "over MAX_LINE characters" would try, and fail, at every character of a shorter line)
_LINE = lazy_re.compile(r"[^\n\r]+")


def _blank_long(m: re.Match[str]) -> str:
    line = m.group()
    return " " * len(line) if len(line) > MAX_LINE else line


def without_long_lines(text: str) -> str:
    """``text`` with each line over ``MAX_LINE`` characters as as many spaces (positions hold)."""
    return _LINE.sub(_blank_long, text)


def long_lines_left(src: Source, what: str) -> tuple[Source, Problem | None]:
    """``src`` without its lines over ``MAX_LINE`` characters (each as as many spaces), and the note
    that says so (``what``: what such a line holds, "minified code"); ``src`` itself when it has none."""
    long = [n for n, line in enumerate(src.lines, 1) if len(line) > MAX_LINE]
    if not long:
        return src, None
    which = f"line {long[0]}" + (f" and {len(long) - 1} other line(s)" if len(long) > 1 else "")
    note = Problem(Location(src.path, long[0], 1), f"{which} over {MAX_LINE:,} characters ({what}) not read; "
                   "the rest of the file was", kind="skipped")
    return Source(src.path, without_long_lines(src.text), src.explicit, src.catalog, src.signs, src.held), note


def documents(src: Source, kind: str, unique_keys: bool = False) -> list[Node]:
    """``located.documents`` of a file, parsed once however many extractors read it (a 350 kB JSON
    export was parsed three times; a Postman collection is read by the collection reader and by the
    reader of its scripts). The nodes are shared: no reader may change them. A parse that fails fails
    alike for each reader; a parse with unique keys also serves the readers that allow duplicates, as
    it gives the same nodes."""
    form = kind if kind in ("json", "toml") else "yaml"
    strict = f"documents:{form}:unique"
    key = strict if unique_keys else f"documents:{form}"
    parsed = src.memoed(strict) if not unique_keys else None
    if parsed is not None and not isinstance(parsed, BaseException):
        return parsed  # type: ignore[return-value]
    found = src.memo(key, lambda: _parsed(src, form, unique_keys))
    if isinstance(found, BaseException):
        raise found
    return found  # type: ignore[return-value]


def _parsed(src: Source, form: str, unique_keys: bool) -> list[Node] | BaseException:
    from ... import located

    try:
        return located.documents(src.text, src.path, form, unique_keys=unique_keys)
    except Exception as exc:  # noqa: BLE001 - kept and raised again for each reader, as if it parsed itself
        return exc


class PathPattern:
    """A case-insensitive pattern over a path, with literal words one of which every match contains:
    asked of every YAML and JSON file to decide its kind, it looks for the words first (a few
    C-level scans) and runs the pattern only on a path that holds one."""

    __slots__ = ("pattern", "words")

    def __init__(self, pattern: str, *words: str) -> None:
        self.pattern = lazy_re.compile(pattern, re.I)
        self.words = tuple(w.lower() for w in words)

    def search(self, path: str) -> bool:
        lowered = path.lower()
        for word in self.words:  # a loop, not any(): asked about every YAML and JSON file, several times
            if word in lowered:
                return self.pattern.search(path) is not None
        return False


_DOCKERFILE = lazy_re.compile(r"^((docker|container)file([.-][\w.-]+)?|[\w.-]+\.(docker|container)file)$", re.I)


def is_dockerfile(path: str) -> bool:
    """A Dockerfile or Containerfile by its name (``Dockerfile``, ``Dockerfile.prod``, ``api.dockerfile``)."""
    return bool(_DOCKERFILE.match(path.rsplit("/", 1)[-1]))


def suffix(path: str) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    return name.rsplit(".", 1)[-1] if "." in name else ""


# ``*-tests/`` and ``*_tests/`` are suites of tests, except those an A/B or split test runs: experiments, not tests
# (a mock service worker's handlers and their canned responses, ``src/mocks/handlers.ts``, ``api.mock.ts``, are a test's too)
_TEST_PATH = lazy_re.compile(r"(^|/)(t|tests?|__tests__|spec|__mocks__|mocks|e2e|androidTest|testFixtures"
                             r"|(?!(?:ab|a-b|split)[-_]tests?/)[\w.-]+[-_]tests?)/"
                             r"|(^|/)[^/]*\.(Unit|Integration)?Tests?/"  # .NET test projects: MyApp.Tests/
                             r"|(^|/)(test_[^/]*|[^/]*_test\.[a-z]+|conftest\.py|mocks?\.[jt]sx?)$"
                             r"|\.(spec|test|e2e|mocks?)\.[a-z]+$|(?-i:[^/]*Tests?\.(cs|java|kt))$", re.I)


def is_test_path(path: str) -> bool:
    """A test file by its path (``tests/``, ``*.spec.ts``, ``test_*.py``): its env set-up holds fixtures.
    The path is judged from the repository's top down (``judged_from``): a repository checked out under a
    folder named ``tests`` or ``e2e`` (a CI job's workspace) is not a test of its own."""
    if _test_root and path.startswith(_test_root):
        path = path[len(_test_root):]
    return bool(_TEST_PATH.search(path))


_test_root = ""  # the repository's top as a display path, and "/": what a path is judged below


def judged_from(root: str) -> None:
    """Judge paths for ``is_test_path`` from ``root`` down (the repository's top, as the paths of the run
    show it: ``.`` where the run starts there)."""
    global _test_root
    _test_root = "" if root in ("", ".") else root.rstrip("/") + "/"


# CI pipeline files: GitHub Actions (workflows and composite actions' ``action.yml``), GitLab CI (and the
# files it includes: ``.gitlab/ci/deploy.yml``, ``ci/deploy.gitlab-ci.yml``), Azure Pipelines, CircleCI,
# Bitbucket Pipelines
_CI_PIPELINE = PathPattern(r"(^|/)(\.github/workflows/[^/]+\.ya?ml|action\.ya?ml|[^/]*\.gitlab-ci\.ya?ml|"
                           r"\.gitlab/(?:[^/]+/)*[^/]+\.ya?ml|azure-pipelines[^/]*\.ya?ml|"
                           r"\.circleci/config\.ya?ml|bitbucket-pipelines\.ya?ml)$",
                           ".github/workflows/", "action.y", ".gitlab-ci.", ".gitlab/", "azure-pipelines", ".circleci/config.",
                           "bitbucket-pipelines.")


_COMPOSE = PathPattern(r"(^|/)(docker-)?compose[^/]*\.ya?ml$", "compose")
# AWS Elastic Beanstalk's configuration files: YAML (or JSON) under a ``.config`` name
_EB_EXTENSION = PathPattern(r"(^|/)\.ebextensions/[^/]+\.config$", ".ebextensions/")


def compose_file(path: str) -> bool:
    """Whether ``path`` is a Docker Compose file by its name (``compose.yaml``, ``docker-compose.prod.yml``)."""
    return _COMPOSE.search(path)


def eb_extension(path: str) -> bool:
    """Whether ``path`` is an Elastic Beanstalk configuration file (``.ebextensions/01-env.config``), YAML
    whose ``option_settings`` set the application's environment."""
    return bool(_EB_EXTENSION.search(path))


def ci_pipeline(path: str) -> bool:
    """Whether ``path`` is a CI pipeline definition (its ``env:`` and its steps' shell are read)."""
    return _CI_PIPELINE.search(path)
