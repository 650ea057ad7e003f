"""The documents wing: client definitions, ``.env`` and ``.properties`` files, Dockerfiles, CI
pipelines, Kubernetes and CloudFormation, content-cli profiles and Postman collections."""
from __future__ import annotations

from ..recognition.source import documents

__all__ = ["documents"]
