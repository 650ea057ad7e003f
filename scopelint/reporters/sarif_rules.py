"""SARIF rule descriptors: every rule's texts, help page and GitHub code scanning metadata.

``security-severity`` follows what a finding exposes, on GitHub's scale (9.0+ critical, 7.0+ high,
4.0+ medium, below low): a leaked credential is worse than cleartext transport, which is worse than
a weak grant, which is worse than excess privilege, which is worse than a definition that simply
fails. ``precision`` says how far a finding rests on heuristics (secret shapes, call coverage).
"""
from __future__ import annotations

from dataclasses import dataclass

from sarif_om import MultiformatMessageString, ReportingConfiguration, ReportingDescriptor

HELP_URI = "https://github.com/scopelint/scopelint/blob/main/rules/{code}-{name}.md"


@dataclass(frozen=True)
class Meta:
    severity: str  # a numeric string, as GitHub code scanning requires
    precision: str  # very-high | high | medium | low
    category: str
    cwe: str = ""


META = {
    "SL000": Meta("4.0", "very-high", "correctness", "20"),
    "SL001": Meta("4.0", "very-high", "correctness"),
    "SL002": Meta("4.0", "very-high", "correctness"),
    "SL003": Meta("3.5", "very-high", "correctness"),
    "SL004": Meta("6.0", "medium", "least-privilege", "272"),
    "SL005": Meta("4.0", "high", "correctness"),
    "SL006": Meta("5.0", "medium", "least-privilege", "272"),
    "SL007": Meta("4.0", "high", "correctness"),
    "SL008": Meta("4.5", "high", "permissions", "732"),
    "SL009": Meta("4.0", "high", "permissions", "732"),
    "SL010": Meta("7.0", "very-high", "authentication", "522"),
    "SL011": Meta("5.0", "very-high", "authentication", "287"),
    "SL012": Meta("9.0", "high", "credentials", "798"),
    "SL013": Meta("8.5", "very-high", "credentials", "598"),
    "SL014": Meta("8.0", "high", "transport", "319"),
    "SL015": Meta("4.0", "very-high", "correctness"),
    "SL016": Meta("2.0", "very-high", "correctness"),
    "SL017": Meta("5.5", "very-high", "least-privilege", "272"),
    "SL018": Meta("3.0", "high", "authentication", "798"),
}
DEFAULT_META = Meta("4.0", "high", "correctness")


def descriptor(rule) -> ReportingDescriptor:
    from ..explain import rule_page
    from ..rules import description, summary

    meta = META.get(rule.CODE, DEFAULT_META)
    tags = ["security", "oauth", meta.category] + ([f"external/cwe/cwe-{meta.cwe}"] if meta.cwe else [])
    page = rule_page(rule)
    return ReportingDescriptor(
        id=rule.CODE,
        name=rule.NAME,
        short_description=MultiformatMessageString(text=summary(rule)),
        full_description=MultiformatMessageString(text=description(rule)),
        help=MultiformatMessageString(text=page, markdown=page),
        help_uri=HELP_URI.format(code=rule.CODE, name=rule.NAME),
        default_configuration=ReportingConfiguration(level=rule.LEVEL),
        properties={"tags": tags, "security-severity": meta.severity, "precision": meta.precision},
    )


def descriptors() -> tuple[list[ReportingDescriptor], dict[str, int]]:
    """All rules in ``RULES`` order, and each code's ``ruleIndex``."""
    from ..rules import RULES

    return [descriptor(rule) for rule in RULES], {rule.CODE: i for i, rule in enumerate(RULES)}
