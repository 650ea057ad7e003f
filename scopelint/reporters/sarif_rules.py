"""SARIF rule descriptors: every rule's texts, help page and GitHub code scanning metadata, all
taken from the rule's module (see ``scopelint.rules`` for what each value means)."""
from __future__ import annotations

from sarif_om import MultiformatMessageString, ReportingConfiguration, ReportingDescriptor

HELP_URI = "https://github.com/scopelint/scopelint/blob/main/rules/{code}-{name}.md"


def descriptor(rule) -> ReportingDescriptor:
    from ..explain import rule_page
    from ..rules import description, summary, tags

    page = rule_page(rule)
    return ReportingDescriptor(
        id=rule.CODE,
        name=rule.NAME,
        short_description=MultiformatMessageString(text=summary(rule)),
        full_description=MultiformatMessageString(text=description(rule)),
        help=MultiformatMessageString(text=page, markdown=page),
        help_uri=HELP_URI.format(code=rule.CODE, name=rule.NAME),
        default_configuration=ReportingConfiguration(level=rule.LEVEL),
        properties={"tags": tags(rule), "security-severity": rule.SECURITY_SEVERITY, "precision": rule.PRECISION},
    )


def descriptors() -> tuple[list[ReportingDescriptor], dict[str, int]]:
    """All rules in ``RULES`` order, and each code's ``ruleIndex``."""
    from ..rules import RULES

    return [descriptor(rule) for rule in RULES], {rule.CODE: i for i, rule in enumerate(RULES)}
