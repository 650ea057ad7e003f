"""Extractor for ciconfig inputs (being written)."""
from __future__ import annotations

NAME = "ciconfig"
MARKERS: tuple[bytes, ...] = ()


def claims(path: str, explicit: bool = False) -> bool:
    return False


def extract(src, facts) -> None:
    return None
