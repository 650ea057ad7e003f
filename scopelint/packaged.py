"""The YAML data files shipped in ``scopelint/data/`` (the catalog, the PyCelonis call map, the
OAuth client library map), read through their JSON twins.

Each ``NAME.yaml`` has a twin ``NAME.json`` committed next to it: ``{"sha256": <hash of the YAML
file's bytes>, "data": <the parsed YAML>}``. Parsing the twin takes a fraction of a millisecond
where the YAML library takes tens of milliseconds to import and parse, which is most of a
one-file run. The twin is used only when its hash is the hash of the YAML file beside it; any
other twin (stale, missing, unreadable) is passed over and the YAML is parsed, so a twin can cost
time but never change a result. Both files are part of the installed package, never a cache
written at run time. After editing a YAML file, ``python -m scopelint.packaged`` rewrites the
twins; ``tests/test_packaged.py`` fails while one is stale.
"""
from __future__ import annotations

import os

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
NAMES = ("catalog", "pycelonis", "oauth_libraries")


def load(name: str) -> object:
    """The parsed contents of ``data/NAME.yaml``: from its twin when the twin matches, else from the YAML."""
    with open(os.path.join(DATA, f"{name}.yaml"), "rb") as fh:
        raw = fh.read()
    twin = _twin(name)
    if twin is not None and twin.get("sha256") == _digest(raw):
        return twin["data"]
    return parse_yaml(raw.decode("utf-8"))


def parse_yaml(text: str) -> object:
    import yaml

    from .located import yaml_loader

    return yaml.load(text, Loader=yaml_loader())  # noqa: S506 - the safe loader (the C one when there is one)


def _twin(name: str) -> dict | None:
    import json

    try:
        with open(os.path.join(DATA, f"{name}.json"), encoding="utf-8") as fh:
            twin = json.load(fh)
    except (OSError, ValueError):
        return None
    return twin if isinstance(twin, dict) and "data" in twin else None


def _digest(raw: bytes) -> str:
    try:  # the interpreter's own SHA-256 (3.11: _sha256, 3.12 on: _sha2); hashlib loads OpenSSL first, 3 ms
        from _sha256 import sha256  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - depends on the Python version
        try:
            from _sha2 import sha256  # type: ignore[import-not-found,no-redef]
        except ImportError:
            from hashlib import sha256
    return sha256(raw).hexdigest()


def twin_text(name: str) -> str:
    """What ``data/NAME.json`` must contain for ``data/NAME.yaml`` as it is now."""
    import json

    with open(os.path.join(DATA, f"{name}.yaml"), "rb") as fh:
        raw = fh.read()
    data = parse_yaml(raw.decode("utf-8"))
    try:
        same = json.loads(json.dumps(data)) == data  # a date or a non-string key would not survive the twin
    except (TypeError, ValueError):
        same = False
    if not same:
        raise ValueError(f"data/{name}.yaml holds values JSON cannot carry unchanged; quote them")
    return json.dumps({"sha256": _digest(raw), "data": data}, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    """Rewrite every twin from its YAML file (atomically, one file at a time)."""
    for name in NAMES:
        path = os.path.join(DATA, f"{name}.json")
        text = twin_text(name)
        tmp = f"{path}.tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
        print(f"wrote {os.path.relpath(path)}")


if __name__ == "__main__":  # pragma: no cover
    main()
