"""The documents wing: client definitions, ``.env`` and ``.properties`` files, Dockerfiles, CI
pipelines, Kubernetes and CloudFormation, content-cli profiles and Postman collections."""
from __future__ import annotations

from ... import located
from ...located import Node
from ..recognition.source import Source


def documents(src: Source, kind: str, unique_keys: bool = False) -> list[Node]:
    """``located.documents`` of a file, parsed once however many extractors of the wing read it (a
    350 kB JSON export was parsed three times). The nodes are shared: no reader may change them.
    A parse that fails fails alike for each reader; a parse with unique keys also serves the readers
    that allow duplicates, as it gives the same nodes."""
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
    try:
        return located.documents(src.text, src.path, form, unique_keys=unique_keys)
    except Exception as exc:  # noqa: BLE001 - kept and raised again for each reader, as if it parsed itself
        return exc
