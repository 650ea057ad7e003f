"""What a security review says about one OAuth client, independent of the output format."""
from __future__ import annotations


from ..findings import Finding
from ..records import record
from ..rules import REJECT_CODES

APPROVE, CHANGES, REJECT = "approve", "approve with changes", "reject"
VERDICTS = (APPROVE, CHANGES, REJECT)  # least to most severe

# review risk categories, in the order a tie between equally risky categories is broken
CATEGORIES = {
    "user-provisioning": "user provisioning",
    "identity-audit": "audit and identity data",
    "data-export": "data export",
    "data-ingestion": "data ingestion",
    "content-change": "content change",
    "code-execution": "execution of code or tools",
    "other": "other reads",
    "unknown": "not in the catalog",
}

DOCS = "https://github.com/scopelint/scopelint/blob/main/rules/"



def _either(codes: list[str]) -> str:
    return ", ".join(codes[:-1]) + f" or {codes[-1]}" if len(codes) > 1 else "".join(codes)


POLICY = (
    f"reject: an error-level finding of {_either(sorted(REJECT_CODES))}, "
    "or a critical-risk scope without a justification; "
    "approve with changes: any other error or warning finding (over-broad, unused, deprecated or "
    "unjustified high-risk scopes, missing permissions, ...), or code (--code) that needs a different "
    "scope set; approve: otherwise. Notes do not change the verdict."
)


@record
class Api:
    prefix: str
    methods: tuple[str, ...] | None
    confidence: str
    note: str = ""


@record
class PermissionNeed:
    """The permission service a scope needs, and what the client declares for it.

    ``status``: declared | missing | scim-off | not-listed (the client lists no permissions)
    | none (the catalog names no service).
    """

    service: str | None
    minimal: str | None
    scim: bool
    status: str
    declared: tuple[str, ...] = ()  # templates declared for the service


@record
class ScopeSection:
    name: str
    known: bool  # in the catalog's scopes (retired spellings and typos are not)
    status: str  # documented | observed | deprecated | retired | variant | unknown
    text: str  # what ``scopelint explain SCOPE`` prints for it ("" when unknown)
    replacement: str | None = None
    group: str = ""
    description: str = ""
    details: str = ""
    access: str = ""
    risk: str = ""
    category: str = "unknown"
    apis: tuple[Api, ...] = ()
    permission: PermissionNeed | None = None
    justification: str | None = None
    narrower: tuple[str, ...] = ()
    source: str | None = None  # where an observed scope was seen


@record
class Category:
    key: str
    risk: str  # the highest tier among its scopes ("" when unknown)
    scopes: tuple[tuple[str, str], ...]  # (scope, risk)

    @property
    def label(self) -> str:
        return CATEGORIES.get(self.key, self.key)


@record
class RuleText:
    code: str
    name: str
    summary: str
    text: str  # what ``scopelint explain CODE`` prints

    @property
    def url(self) -> str:
        return f"{DOCS}{self.code}-{self.name}.md"


@record
class Reason:
    text: str
    code: str | None = None  # the rule behind it, if any


@record
class Call:
    method: str | None
    path: str
    where: str  # path:line


@record
class LeastPrivilege:
    """The scope set the client's code needs (``--code``) against what it requests."""

    paths: tuple[str, ...]
    files: int
    suggested: tuple[str, ...]
    evidence: tuple[tuple[str, tuple[Call, ...]], ...]  # (scope, the calls that need it)
    add: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    narrow: tuple[tuple[str, str], ...] = ()  # (requested, narrower suggested)
    unjudged: tuple[str, ...] = ()  # requested scopes with no published API: use cannot be seen
    ungated: tuple[Call, ...] = ()  # calls whose scope the catalog does not know

    @property
    def differs(self) -> bool:
        return bool(self.add or self.drop or self.narrow)


@record
class Change:
    kind: str  # new client | added | removed | broader | justification dropped | grant type | auth method
    subject: str
    detail: str = ""


@record
class Changes:
    ref: str
    items: tuple[Change, ...]


@record
class Setting:
    """A grant type or auth method as written, or the default when the key is absent."""

    value: str
    default: bool = False


@record
class Review:
    client: str
    origin: str
    where: str  # path:line of the client's name
    grant_type: Setting | None  # None: not a setting of this kind of client record
    auth_method: Setting | None
    redirect_uris: tuple[str, ...]
    scopes: tuple[ScopeSection, ...]
    risk: tuple[Category, ...]
    findings: tuple[Finding, ...]
    rules: tuple[RuleText, ...]
    verdict: str
    reasons: tuple[Reason, ...]
    least: LeastPrivilege | None = None
    changes: Changes | None = None


@record
class CatalogInfo:
    version: str
    date: str
    source: str
    extensions: tuple[str, ...] = ()


@record
class Report:
    file: str
    catalog: CatalogInfo
    reviews: tuple[Review, ...]
    tool_version: str

    @property
    def verdict(self) -> str:
        return max((r.verdict for r in self.reviews), key=VERDICTS.index, default=APPROVE)
