"""Postman collections and environments saved under a plain name (``Celonis_Data_Pools.json``), known by
their content: the schema URL or id Postman writes into every export. Read as a ``postman`` file is, when
it concerns Celonis; another service's collection under a plain name is left alone, as any JSON file is."""
from __future__ import annotations

from ...model import FileFacts
from ..recognition.source import Source
from . import postman


def claims(path: str, explicit: bool = False) -> bool:
    """A ``.json`` file not named as a collection (that one is ``postman``'s own)."""
    return path.lower().endswith(".json") and not postman.claims(path, explicit)


def extract(src: Source, facts: FileFacts) -> None:
    if "celonis" in src.text.lower():
        postman.extract(src, facts)
