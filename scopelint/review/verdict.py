"""The verdict policy (``model.POLICY`` states it for readers):

- reject: an error-level finding of a rule that makes the request unusable or unsafe as written
  (the rules whose module says ``REJECTS = True``), or a critical-risk scope without a justification;
- approve with changes: any other error or warning finding, or code that needs a different
  scope set than the one requested;
- approve: otherwise. Notes never change the verdict.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..findings import Finding
from ..rules import REJECT_CODES
from .model import APPROVE, CHANGES, REJECT, LeastPrivilege, Reason, ScopeSection


def decide(sections: Iterable[ScopeSection], findings: Iterable[Finding],
           least: LeastPrivilege | None) -> tuple[str, tuple[Reason, ...]]:
    """The verdict and the reasons that decided it (only those of the verdict's own tier)."""
    reject: list[Reason] = []
    changes: list[Reason] = []
    for f in findings:
        if f.level == "error" and f.code in REJECT_CODES:
            reject.append(_reason(f))
        elif f.level in ("error", "warning"):
            changes.append(_reason(f))
    for sec in sections:
        if sec.risk == "critical" and not sec.justification:
            reject.append(Reason(f"critical-risk scope {sec.name!r} has no justification"))
    if least is not None and least.differs:
        changes.append(Reason(code_reason(least)))
    if reject:
        return REJECT, tuple(reject)
    if changes:
        return CHANGES, tuple(changes)
    return APPROVE, ()


def _reason(f: Finding) -> Reason:
    return Reason(f"{f.code} {f.name}: {f.message}", f.code)


def code_reason(least: LeastPrivilege) -> str:
    parts = [f"narrow {a!r} to {b!r}" for a, b in least.narrow]
    parts += [f"drop {s!r}" for s in least.drop]
    parts += [f"add {s!r}" for s in least.add]
    where = ", ".join(repr(p) for p in least.paths)
    return f"the code under {where} needs a different scope set: {'; '.join(parts)}"
