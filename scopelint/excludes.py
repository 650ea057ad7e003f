"""The default excludes: folders a run passes over unless they are named on the command line
(dependencies, virtualenvs, build output, tool caches), and VCS folders, passed over in silence."""
from __future__ import annotations

import os
import stat

VCS_DIRS = frozenset({".git", ".hg", ".svn"})
# default excludes: folder name -> what it is (reported with everything they pass over)
SKIP_DIRS = {
    **dict.fromkeys(("node_modules", "bower_components", "site-packages", ".eggs"), "dependency folder"),
    **dict.fromkeys((".venv", "venv", ".tox", ".nox"), "virtualenv"),
    **dict.fromkeys(("build", "dist", ".next", ".nuxt", ".gradle", ".terraform"), "build output"),
    **dict.fromkeys(("__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", ".idea"),
                    "tool cache"),
}
VENV_MARKER_MAX = 64 * 1024  # a pyvenv.cfg larger than this is not read (nor taken for one)


def default_exclude(name: str, path: str, names: frozenset[str] | None = None, shown: str = "") -> str | None:
    """Why the folder ``path`` (named ``name``) is a default exclude, or None. ``names``: its
    entries, when already listed (spares a lookup); ``shown``: its path from the folder scanned."""
    reason = SKIP_DIRS.get(name)
    if reason is not None:
        return None if name == "build" and is_source_package(path, names, shown) else reason
    if name.endswith(".egg-info"):
        return "build output"
    if name == "vendor" and is_vendored(path, names):
        return "dependency folder"
    if (names is None or "pyvenv.cfg" in names) and is_virtualenv(path):
        return "virtualenv"
    return None


# what a dependency manager leaves in the ``vendor`` folder it fills: Go modules, Composer, Bundler
_VENDOR_MARKERS = ("modules.txt", "autoload.php", "bundle")
# what makes a folder named ``build`` a package of the project's own (a monorepo's ``packages/build``), not output
_PACKAGE_FILES = ("package.json", "pyproject.toml", "setup.py", "go.mod", "pom.xml", "Cargo.toml")
# the files that mark a folder as one of those: where a listing (git's) holds one, the folder is looked at
MARKER_FILES = frozenset({"pyvenv.cfg", "modules.txt", "autoload.php", *_PACKAGE_FILES})


def is_source_package(path: str, names: frozenset[str] | None = None, shown: str = "") -> bool:
    """A folder named ``build`` that is source, not a build's output: a package of its own (it holds a
    ``package.json``, ``pyproject.toml``, ...), or a module of a source tree (``src/build``,
    ``src/v3/build``: no compiler writes its output there), ``shown`` from the folder scanned."""
    if "src" in shown.split("/")[:-1]:
        return True
    if names is not None:
        return any(marker in names for marker in _PACKAGE_FILES)
    return any(os.path.isfile(os.path.join(path, marker)) for marker in _PACKAGE_FILES)


def is_vendored(path: str, names: frozenset[str] | None = None) -> bool:
    """A ``vendor`` folder a dependency manager filled (not a folder of the project's own code that
    happens to be called so)."""
    if names is not None:
        return any(marker in names for marker in _VENDOR_MARKERS)
    return any(os.path.exists(os.path.join(path, marker)) for marker in _VENDOR_MARKERS)


def is_virtualenv(path: str) -> bool:
    """A real virtualenv: a ``pyvenv.cfg`` that says ``home = ...``, beside ``bin``, ``Scripts`` or ``lib``."""
    try:
        with open(os.path.join(path, "pyvenv.cfg"), "rb", buffering=0) as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return False
            text = fh.read(VENV_MARKER_MAX)
    except OSError:
        return False
    if not any(line.partition(b"=")[0].strip().lower() == b"home" and b"=" in line for line in text.splitlines()):
        return False
    return any(os.path.isdir(os.path.join(path, sub)) for sub in ("bin", "Scripts", "lib"))
