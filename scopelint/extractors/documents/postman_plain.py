"""Postman collections and environments saved under a plain name (``Celonis_Data_Pools.json``), known by
their content: the schema URL or id Postman writes into every export. Read as a ``postman`` file is, when
it concerns Celonis; another service's collection under a plain name is left alone, as any JSON file is."""
from __future__ import annotations

from ...model import FileFacts
from ..recognition.source import Source
from . import postman


# what Postman writes into every export (the kind's markers in ``extractors.KINDS``)
_MARKS = ("schema.getpostman.com", '"_postman_id"')


def is_collection(text: str) -> bool:
    """Whether a JSON text is a Postman export: this reader's, not a settings file's."""
    return any(mark in text for mark in _MARKS)


def claims(path: str, explicit: bool = False) -> bool:
    """A ``.json`` file not named as a collection (that one is ``postman``'s own)."""
    return path.lower().endswith(".json") and not postman.claims(path, explicit)


def extract(src: Source, facts: FileFacts) -> None:
    if "celonis" in src.text.lower():
        postman.extract(src, facts)
