"""The one secret test for every input kind: shape and entropy, never a name alone; placeholders
and joined words (``retrieved-api-token``) are not secrets. Values never leave as text: a
``Secret`` fact carries a keyed digest."""
from __future__ import annotations

import binascii
import functools
from collections.abc import Iterable
import math
import re
from urllib.parse import unquote_plus

from ... import lazy_re
from ... import limits
from ...findings import Location
from ...model import Secret
from .names import jwt_claims, jwt_padded, names_another, normalise, service_key
from .source import is_test_path
from .urls import UNRESOLVED

_LEADS = "your|my|the|some|example|sample|dummy|fake|test|placeholder|insert|enter|replace|put"
PLACEHOLDER = lazy_re.compile(
    r"^(<[^>]*>|\$\{?[\w.:-]+\}?|\{\{?\s*[\w.-]+\s*\}?\}|%[\w-]+%|\$\([^)]*\)|\*+|x+|X+|\.\.\.|…|"
    # a value led by a word that says it stands for one, as a word is written: ``your-api-key``, ``MY_TOKEN``,
    # ``test123``, ``mySecretKey`` (not the first letters of a random key: ``myvjEtYN…``, ``MYbCG85…``, ``my3I7m…``)
    rf"(?-i:(?:{_LEADS}|{'|'.join(w.capitalize() for w in _LEADS.split('|'))})(?:[-_ .].*|[0-9]*|[A-Z][a-z]{{2}}.*)"
    rf"|(?:{_LEADS.upper()})(?:[-_ .].*|[0-9]*))|"
    r"(none|null|nil|undefined|empty|secret|password|token|api[-_]?key|client[-_]?secret|access[-_]?token|n/?a|tbd)$)$",
    re.I)
# words that make a value a placeholder wherever they stand in it (``my-fake-secret-123``, ``SECRET_KEY_TODO``,
# ``MegaSecretKey``, ``API-KEY-MOCK1023``, a documented format's ``dt0s02.SAMPLE.ABCD1234``), written as a word is: in a random mixed-case value (``...pFaKEm2...``) the letters
# only happen to spell one
_PLACEHOLDER_WORD = lazy_re.compile(r"changeme|change[-_]me|replace[-_]?me|placeholder|example|sample|redacted|secret|xxx|"
                                    r"todo|dummy|fake|mock|12345678|abcdefgh|000000|"
                                    # words between joints (``ntn_q5_your_token_...``, ``sk-your-key-here-Q3``,
                                    # ``insert_token_here``), never letters inside a random run
                                    r"(?:^|(?<=[-_.]))(?:your|insert)[-_.]|[-_.]here(?:$|[-_.])")

_SPELLING = "013457@$"  # the digits and marks that spell letters
_LEET = str.maketrans(_SPELLING, "oieastas")


# a bare ``$name`` is a reference where the name is written as a variable's is (``$CLIENT_SECRET``,
# ``$client_secret``, ``$clientSecret``); in a generated secret ``$`` is one more mark (``...K$0l82^9!o$dzSwvhW612``)
_VARIABLE_NAME = lazy_re.compile(r"[A-Z_][A-Z0-9_]*|[a-z_][a-z0-9_]*|[a-z]+(?:[A-Z][a-z]+)+[0-9]*")


def _refers(value: str) -> bool:
    """Whether ``value`` holds a reference to a value not written here (``urls.UNRESOLVED``)."""
    for m in UNRESOLVED.finditer(value):
        ref = m.group()
        if ref[0] == "%" and ref[-1] == "%":  # ``%APPDATA%``, ``%client_secret%``; ``...%qI%...`` is two marks of a secret
            if _VARIABLE_NAME.fullmatch(ref[1:-1]):
                return True
        elif not ref.startswith("$") or ref.startswith(("${", "$(")) or _VARIABLE_NAME.fullmatch(ref[1:]):
            return True
    return False


def is_placeholder(value: str) -> bool:
    v = value.strip().strip("'\"")
    if not v or PLACEHOLDER.match(v) or _refers(v):
        return True
    lowered = v.lower()
    if any(v[m.start():m.end()] in (m.group(), m.group().upper(), m.group().capitalize())
           for m in _PLACEHOLDER_WORD.finditer(lowered)):
        return True
    spelled = lowered.translate(_LEET)  # ``s3cr3t-for-tests``, ``f4k3-k3y``: a word spelled with digits
    return spelled != lowered and any(v[m.start():m.end()] == lowered[m.start():m.end()]
                                      for m in _PLACEHOLDER_WORD.finditer(spelled) if m.group().isalpha())


def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    if not value:
        return 0.0
    counts: dict[str, int] = {}
    for ch in value:
        counts[ch] = counts.get(ch, 0) + 1
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


# the marks generated secrets and passwords hold besides ``+/=_-.:~`` (``Ww*5dIm&P13d0*b7``); a value of printable
# ASCII but spaces, quotes, backquotes and backslashes (which say code or prose)
_MARKS = r"!#$%&*?@^()\[\]{};,|<>"
_SECRET_SHAPE = lazy_re.compile(rf"^[A-Za-z0-9+/=_\-.:~{_MARKS}]{{16,}}$")
# a password's hash in the modular crypt format (bcrypt's ``$2b$12$...``, ``$6$``, argon2's), perhaps with
# Spring's ``{bcrypt}``: what a server keeps to check a password against, no credential anyone can send
_HASHED = lazy_re.compile(r"(?:\{\w+\})?\$(?:2[abxy]?|1|5|6|y|apr1|argon2(?:id|i|d)|pbkdf2[-\w]*|scrypt)\$")
# a regular expression: a class with a range (``[a-zA-Z0-9]``), a counted repeat (``{32,}``), a group's
# look-around or a wildcard run: the pattern of a secret, in a redaction or scanning table, not one
_PATTERN = lazy_re.compile(r"\[\^?[^\]]*\w-\w[^\]]*\]|\{\d+(?:,\d*)?\}|\(\?[:=!<]|\.[*+]")
# a value kept encrypted, that only its platform can read: SOPS' ``ENC[AES256_GCM,data:...]``, Jasypt's
# ``ENC(...)``, App Platform's ``EV[1:...]``, Vault transit's ``vault:v1:...``
_ENCRYPTED = lazy_re.compile(r"(?:ENC|EV)\[.*\]|ENC\(.*\)|vault:v\d+:.*")


# words joined by - . _ : / (``retrieved-api-token``, ``serverlessrepo:applicationId``), perhaps numbered
# (``access-token-123``, ``o_auth2``), perhaps led or doubled by the joints (a module path
# ``.connection_client_secret``, ``hf_oauth__refresh_token``): a phrase or a name, not a secret
# ``oauth2``, ``e2e`` and ``abc123secret`` are words (lower case around one run of digits) among
# other words (``o_auth2_client_secret``); alone, such a run is as likely a random lower-case key
# (``hnjgbkvnhqsylwigd94x``); ``dpXoolVjbF9`` and ``a8f3k2j9``, mixed case or numbered again and again, are not
_NUMBERED_WORD = r"(?:[A-Za-z]+|[a-z]+[0-9]+[a-z]*)"
# the other marks a secret may hold join words too: an address (``ops@acme-corp.com``), a call or a
# template (``getClientSecret()``, ``%(client_secret)s``, ``#{vault.secret}``), a list (``read,write``)
_WORD_JOINTS = rf"[-._:/{_MARKS}]"
_JOINED_WORDS = lazy_re.compile(rf"{_WORD_JOINTS}*[A-Za-z]+(?:{_WORD_JOINTS}+(?:[A-Za-z]+|[0-9]+))*{_WORD_JOINTS}*"
                                rf"|{_WORD_JOINTS}*{_NUMBERED_WORD}(?:{_WORD_JOINTS}+(?:{_NUMBERED_WORD}|[0-9]+))+{_WORD_JOINTS}*")
# a JSON Web Token: header, payload and signature in base64url, joined by dots
_JWT = lazy_re.compile(r"eyJ[\w-]*\.[\w-]*\.[\w-]*")
# the credentials of an ``Authorization: Basic`` value: base64 of ``id:secret``
_BASE64 = lazy_re.compile(r"[A-Za-z0-9+/]+={0,2}")


# a JWT's header: a short JSON object naming the signing algorithm
_JWT_HEADER = lazy_re.compile(r'\{[^{}]{0,150}"alg"\s*:[^{}]{0,150}\}')
# names that carry a number of their own (a protocol's version, an encoding, a hash): in a value written as words
# (``OAuth2AccessTokenEntity.getByRefreshToken``) they are words, whose digits say nothing of chance
_NAMED_NUMBERS = lazy_re.compile(r"(?i)OAuth2|Base64|X509|UTF8|SHA(?:1|256|384|512)|(?<![A-Za-z])(?:S3|B2|K8s)(?![a-z0-9])")


def _unnumbered(m: re.Match[str]) -> str:
    return "".join(c for c in m.group() if not c.isdigit()) or "x"


def looks_like_secret(value: str) -> bool:
    """Shape and entropy: long, no spaces, mixed characters, not a placeholder and not words joined by
    punctuation. Names alone never decide. Every input kind uses this one test."""
    v = value.strip()
    if v.startswith("{noop}"):  # Spring Security's plain-text password encoding: the rest is the secret
        v = v[6:]
    words = _NAMED_NUMBERS.sub(_unnumbered, v) if any(c.isdigit() for c in v) else v  # ``OAuth2AccessTokenEntity``
    if is_placeholder(v) or not _SECRET_SHAPE.match(v) or v.startswith(("http", "/")) or _JOINED_WORDS.fullmatch(words) \
            or v in _DOCUMENTED or v[:_SAMPLE_HEAD] in _DOCUMENTED_HEADS or _worded(words) \
            or "$" in v and _HASHED.match(v) or _ENCRYPTED.fullmatch(v) or _PATTERN.search(v):
        return False
    decoded = _decoded(jwt_padded(v) if v.startswith("eyJ") and "." not in v else v) if len(v) >= 16 else None
    if decoded is not None and (_phrase(decoded) or _JWT_HEADER.fullmatch(decoded)) or _counted(v) or _PADDED.search(v):
        # base64 of a phrase (``b2F1dGgyLXByb3h5LWNsaWVudC1zZWNyZXQK``, ``aGVsbG8gd29ybGQ=``) or of a JWT's
        # header alone (``eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9``, ``{"alg":"HS256","typ":"JWT"}``: the same in
        # every token so signed), typed in order, or padded with one key held down (RFC 5849's
        # ``ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ``)
        return False
    if _JWT.fullmatch(v) and (any(not part or _JOINED_WORDS.fullmatch(part) and part in (part.lower(), part.upper())
                                  for part in v.split(".")[1:]) or _written_signature(v.rsplit(".", 1)[1])
                              or _sample_claims(v)):
        # a test token: unsigned, its payload or signature a word (``eyJ….test.signature``), a signature
        # that is base64 of text (``dGVzdHNpZ25hdHVyZQ``, "testsignature"), where a real one is random bytes,
        # or the claims of documentation's sample (jwt.io's ``"sub": "1234567890", "name": "John Doe"``)
        return False
    if v.isascii() and v.isdigit():
        # all digits (Salesforce's consumer secrets: 19 of them): ten symbols, so long and most of them used;
        # a shorter run of digits is a number (a port, an id, a timestamp)
        return len(v) >= 16 and len(set(v)) >= 7 and entropy(v) >= 2.5
    classes = sum(bool(re.search(p, v)) for p in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]"))
    if classes < 2 or len(set(v)) < 8:
        return False
    return entropy(v) >= 3.0


# the credentials the standards print in their examples, copied into tests and mock servers: RFC 6749's
# client secret, access, refresh and authorization code; RFC 6750's token; RFC 7636's verifier and
# challenge; RFC 8628's device code; and the sample credentials a widely copied library's documentation
# prints (Akamai EdgeGrid's). Nobody's credential.
_DOCUMENTED = frozenset({
    "7Fjfp0ZBr1KtDRbnfVdmIw", "2YotnFZFEjr1zCsicMWpAA", "tGzv3JOkF0XG5Qx2TlKWIA", "SplxlOBeZQQYbYS6WxSbIA",
    "mF_9.B5f-4.1JqM", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    "GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS", "czZCaGRSa3F0MzpnWDFmQmF0M2JW",
    # Akamai EdgeGrid's sample .edgerc, printed in the README of every EdgeGrid client library
    "C113nt53KR3TN6N90yVuAgICxIRwsObLi0E67/N8eRN=", "akab-acc35t0k3nodujqunph3w7hzp7-gtm6ij",
    "akab-c113ntt0k3n4qtari252bfxxbsl-yvsdj",
    # SuperTokens' demo Google and GitHub OAuth clients, printed in its docs' recipes and copied into its examples
    "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", "e97051221f4b6426e8fe8d51486396703012f5bd",
    # RFC 7591's (dynamic client registration) example client secret
    "ZJYCqe3GGRvdrudKyZS0XhGv_Z45DuKhCUk0gBR1vZk",
    # IdentityServer's and Duende's quickstart client secrets, and OpenIddict's samples', copied into templates and tutorials
    "49C1A7E1-0C79-4A89-A3D6-A37998FB86B0", "905e4892-7610-44cb-a122-6209b38c882f",
    "901564A5-E7FE-42CB-B10D-61EF6A8F3654", "846B62D0-DEF9-4215-A99D-86E6B8DAB342", "388D45FA-B36B-4988-BA59-B187D329C207",
})
# the first characters of the longer samples: a test that edits one's end (``...ObLi0E67/request=``) still copies it
_SAMPLE_HEAD = 28
_DOCUMENTED_HEADS = frozenset(d[:_SAMPLE_HEAD] for d in _DOCUMENTED if len(d) >= 36)
# a value written as words: camelCase humps, upper-case runs, joints, one number at the end
_HUMPS = lazy_re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+|[-._:/]+")
_VOWEL = lazy_re.compile(r"[aeiouyAEIOUY]")
_LEET_IN_WORD = lazy_re.compile(r"(?<=[A-Za-z])[0134](?=[a-z])")  # ``accessT0ken``: a digit standing for a letter
# the words a made-up credential spells of itself (``orgLevelApiKey456``)
_CREDENTIAL_WORDS = frozenset({"api", "app", "key", "token", "access", "secret", "client", "auth", "oauth", "bearer",
                               "refresh", "pass", "password", "credential", "credentials"})


def _worded(value: str) -> bool:
    """Whether a value is words a person wrote in camelCase, naming what it stands for
    (``orgLevelApiKey456``, ``thisIs.an.accessT0ken``): three words or more, one of them a credential's
    (``_CREDENTIAL_WORDS``), each of two letters or more with a vowel, three letters long on average,
    and at most one number, at the end. Of 200,000 random keys of 16 letters and digits, one passes."""
    spelled = _LEET_IN_WORD.sub(lambda m: "oiea"["0134".index(m.group())], value)
    parts = _HUMPS.findall(spelled)
    if sum(map(len, parts)) != len(spelled):
        return False
    letters = [p for p in parts if p[0].isalpha()]
    numbers = [k for k, p in enumerate(parts) if p[0].isdigit()]
    if len(letters) < 3 or len(numbers) > 1 or numbers and numbers[0] != len(parts) - 1:
        return False
    return all(len(p) >= 2 and _VOWEL.search(p) for p in letters) and sum(map(len, letters)) >= 3 * len(letters) \
        and any(p.lower() in _CREDENTIAL_WORDS for p in letters)


_UUID_KEY = lazy_re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:\S+", re.I)
CREDENTIAL_KINDS = {"appkey": "API key", "bearer": "access token", "basic": "client secret", "token": "access token"}


def celonis_key_shaped(value: str) -> bool:
    """Whether ``value`` has the shape of a Celonis API key, base64 of ``<uuid>:<secret>`` with a secret
    that looks like one: a key whatever the name it is written under (``token = "..."``)."""
    v = value.strip()
    if len(v) < 56 or len(v) > 400:  # 36 characters of uuid, ":" and a secret of 16 or more, encoded
        return False
    return _key_shaped(v)


@functools.lru_cache(maxsize=1024)  # a reader may ask of one value twice (whether it is named, then its kind)
def _key_shaped(v: str) -> bool:
    decoded = _decoded(v)
    return decoded is not None and bool(_UUID_KEY.fullmatch(decoded)) and looks_like_secret(decoded.split(":", 1)[1])


def named_kind(kind: str | None, value: str) -> str | None:
    """The kind of secret a named value holds: the kind its name gives, else an API key when the value
    has a Celonis API key's shape (``celonis_key_shaped``). The one decision of every reader."""
    return kind or ("API key" if celonis_key_shaped(value) else None)


def credential_kind(scheme: str, credential: str) -> str:
    """What an ``Authorization`` credential is: by its scheme, but a Bearer value with the shape of a
    Celonis API key (base64 of ``<uuid>:<secret>``) is that key, to be revoked, not a token that expires."""
    kind = CREDENTIAL_KINDS.get(scheme.lower(), "client secret")
    if kind == "access token" and _UUID_KEY.fullmatch(_decoded(credential.strip()) or ""):
        return "API key"
    return kind


def _decoded(value: str) -> str | None:
    """``value`` as base64 of printable text, if it is that."""
    if not _BASE64.fullmatch(value) or len(value) % 4:
        return None
    try:
        text = binascii.a2b_base64(value).decode("utf-8")  # what base64.b64decode runs, the shape checked above
    except (binascii.Error, UnicodeDecodeError):
        return None
    text = text.rstrip("\r\n")  # ``echo secret | base64`` ends it with a newline
    return text if text.isprintable() else None


# one reference with a default written after it: the shell's and Compose's ``${NAME:-default}``,
# ``${NAME-default}`` and ``${NAME:=default}``, Spring's ``${NAME:default}``; not ``${NAME:?message}`` (an
# error when unset), ``${NAME:+other}`` (a value when set), or ``${NAME:-}`` (none: not Spring's default "-")
_DEFAULTED = lazy_re.compile(r"\$\{[A-Za-z_][\w.-]*(?::-|:=|-|:(?![?+=-]))([^{}$]+)\}")


def secret_in(value: str) -> tuple[str, int] | None:
    """The secret a setting's value commits, and where it starts in the value: the value itself, or
    the default written in one reference (``${CELONIS_CLIENT_SECRET:-Zx7Q...}``: committed whatever
    the environment sets); ``None`` when it commits none."""
    if looks_like_secret(value):
        return value, 0
    found = default_of(value)
    return found if found is not None and looks_like_secret(found[0]) else None


# GitHub's ``${{ inputs.scope || 'studio' }}``: one context value, or a literal when it is empty
_EXPRESSION_DEFAULT = lazy_re.compile(r"\$\{\{\s*[\w.-]+\s*\|\|\s*'([^'\n]+)'\s*\}\}")


def default_of(value: str) -> tuple[str, int] | None:
    """The default a value that is one reference writes (``${CELONIS_SCOPE:-studio}``, Spring's
    ``${CELONIS_SCOPE:studio}``, GitHub's ``${{ inputs.scope || 'studio' }}``), and where it starts in
    the value: what the setting holds wherever the environment does not set it; ``None`` for any other value."""
    stripped = value.strip()
    found = _DEFAULTED.fullmatch(stripped) or _EXPRESSION_DEFAULT.fullmatch(stripped)
    return (found.group(1), value.index(found.group(0)) + found.start(1)) if found is not None else None


def _written_signature(part: str) -> bool:
    """Whether a JWT's signature, base64url without padding, is printable text: a person wrote it. Of
    real signatures (32 random bytes and more), about one in 10^13 is all printable."""
    if len(part) < 6:
        return False
    return _decoded(jwt_padded(part)) is not None


# who documentation's sample tokens are about: a subject counted out on the keyboard, John or Jane Doe,
# an address at a domain kept for examples (RFC 2606)
_SAMPLE_SUBJECT = lazy_re.compile(r"(?:0?123456789?0?|(?:john|jane)[ ._-]?doe|.*@example\.(?:com|org|net))", re.I)


def _sample_claims(token: str) -> bool:
    """Whether a JWT's claims name documentation's sample subject in ``sub``, ``name`` or ``email``; an
    issued token names a real one."""
    claims = jwt_claims(token)
    return claims is not None and any(isinstance(claims.get(key), str) and _SAMPLE_SUBJECT.fullmatch(claims[key])
                                      for key in ("sub", "name", "email"))


def credential_is_secret(scheme: str, credential: str) -> bool:
    """Whether an ``Authorization`` value's credential is a secret. A ``Basic`` one is not where the
    password it encodes is plainly a fixture: ``Zm9vY2xpZW50OmZvb3NlY3JldA==`` is ``fooclient:foosecret``,
    a test's, and ``the+client+id:the+client+secret`` a placeholder's."""
    credential = credential.strip()
    if not looks_like_secret(credential):
        return False
    decoded = _decoded(credential) if scheme.lower() == "basic" else None
    if decoded is None or ":" not in decoded:
        return True
    user, password = decoded.split(":", 1)
    return _pair_is_secret(user, password)


def _pair_is_secret(user: str, password: str) -> bool:
    if len(password) < 2:  # a key sent as the user name (Stripe's "", Freshdesk's "X"): judged as one
        return looks_like_secret(user)
    return not _fixture(password)


# the name a secret found in an ``id:password`` pair given to a Base64 encoder is reported under
BASIC_CREDENTIALS = "Basic credentials"


def basic_pair_secret(pair: str) -> tuple[int, int] | None:
    """The secret part of ``id:password`` written out whole and given to a Base64 encoder to make HTTP
    Basic credentials (``btoa("id:secret")``), as offsets in ``pair``: the password, judged as an
    ``Authorization: Basic`` value's is, or the id where a key is sent as the user name with no password
    (``"sk_live_...:"``). ``None``: no pair, or a fixture's, a placeholder's or a template's."""
    user, sep, password = pair.partition(":")
    keyed = len(password) < 2  # no password, or a stand-in of one character: the user name is the key
    bare = password.strip(_MARKS)  # ``Cisco123!``: a policy's mark is no draw
    drawn = keyed or any(c.isdigit() for c in password) and any(c.isalpha() for c in password) \
        and not _WORD_AND_NUMBER.fullmatch(bare) and not _spelled_word_and_number(bare)
    if not sep or not drawn or not _PAIR_USER.fullmatch(user) or not (keyed or _PAIR_PASSWORD.fullmatch(password)) \
            or UNRESOLVED.search(pair) or not _pair_is_secret(user, password):
        return None
    return (0, len(user)) if keyed else (len(user) + 1, len(pair))


# what an encoded pair's parts are made of: an id or user name (``etl-client``, ``jane@acme.com``), a password
# of eight characters or more with no space (a JSON header, ``{"typ":"JWT"}``, is no pair; ``0426`` is a PIN),
# letters and digits both (``%%%%%%%`` is a test of the encoding), and more than a word and a number (``admin123``)
_PAIR_USER = lazy_re.compile(r"[\w.@+~%-]{1,200}")
_WORD_AND_NUMBER = lazy_re.compile(r"(?=[^aeiouy]*[aeiouy])(?:[A-Za-z]{2,12}[0-9]{1,6}|[0-9]{1,6}[A-Za-z]{2,12})", re.I)
_PAIR_PASSWORD = lazy_re.compile(r"(?:[^\s\"']{8,400})?")
_MARKS = "!@#$%^&*?.,;:+=~_-/\\|"
# a word in lower case (or capitalised) with a digit or two standing for letters, then a number: ``C1sco12345``
_SPELLED_WORD_AND_NUMBER = lazy_re.compile(rf"([A-Z]?[a-z{re.escape(_SPELLING)}]{{2,10}}?)([0-9]{{1,6}})")


def _spelled_word_and_number(password: str) -> bool:
    """A word spelled with a digit or two for its letters, then a number (``C1sco12345``, ``P4ss2024``):
    a vendor's lab login or a policy's minimum, no more drawn than ``admin123``."""
    m = _SPELLED_WORD_AND_NUMBER.fullmatch(password)
    if m is None:
        return False
    word = m.group(1)
    spelled = sum(c in _SPELLING for c in word)
    read = word.lower().translate(_LEET)
    # read as a word is: a third of it vowels, no three consonants in a row (``cisco``, ``netapp``; not ``swejxr``)
    return 1 <= spelled <= 2 and sum(c.isalpha() for c in word) >= 3 and read.isalpha() \
        and sum(c in "aeiouy" for c in read) * 3 >= len(read) and not _CONSONANTS.search(read)


_CONSONANTS = lazy_re.compile(r"[b-df-hj-np-tv-xz]{3}")


def _fixture(value: str) -> bool:
    """A password that is plainly a placeholder or a phrase (``foosecret``, ``the+client+secret``,
    ``encoded%26password``, ``P@ssw0rd!``): not judged by a token's shape, which a real password
    (``S3cure#Pass2024``) need not have. It is read form-decoded, as RFC 6749 (2.3.1) has a client
    encode its id and secret before joining them for Basic."""
    v = unquote_plus(value.strip())
    return is_placeholder(v) or _phrase(v) or _counted(v, least=8) or _common_password(v)


# what a password made up for a test or a default login is made of, read in lower case with digits that
# spell letters read as them and marks dropped (``Passw0rd!``, ``pa55word``, ``Password123!``, ``test1234test``)
_COMMON_PASSWORD = lazy_re.compile(r"(?:pass(?:w(?:or)?d)?|pwd|admin|root|test|user|guest|demo|welcome|letmein|"
                                   r"qwerty|secret|login|default|changeit|[0-9]{1,6})+")
# keys pressed along the keyboard, in a row or down its columns (``1q2w3e4r``, ``qwertyuiop``, ``1qaz2wsx``)
_KEYBOARD = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1q2w3e4r5t6y7u8i9o0p", "1qaz2wsx3edc4rfv5tgb")


def _common_password(value: str) -> bool:
    """A password anyone would guess first: words of default logins and digits (``Password123!``), or a
    walk along the keyboard (``1q2w3e4r``): a fixture's or a default's, not a credential drawn for use."""
    plain = re.sub(r"[^a-z0-9]", "", value.lower())
    spelled = re.sub(r"[^a-z0-9]", "", value.lower().translate(_LEET))
    # the digits that spell letters, read so before a number put after them (``Passw0rd123``, ``P@ssw0rd1``)
    word, number = re.fullmatch(r"(.*?)([0-9]*)", value.lower().strip(_MARKS)).groups()  # type: ignore[union-attr]
    numbered = re.sub(r"[^a-z0-9]", "", word.translate(_LEET)) + number
    return not plain.isdigit() and any(_COMMON_PASSWORD.fullmatch(form) for form in (plain, spelled, numbered)) \
        or len(plain) >= 6 and any(plain in row or plain in row[::-1] for row in _KEYBOARD)


def _phrase(text: str) -> bool:
    """Words, perhaps numbered, joined by any punctuation or space (``hello world``, ``encoded&password``)."""
    return bool(_JOINED_WORDS.fullmatch(_JOINTS.sub("-", text.strip())))


_JOINTS = lazy_re.compile(r"[^A-Za-z0-9]+")


# seven of one character in a row: random values hold such a run about once in 300,000 (64 hex
# digits) to never (40 base62 characters); a person filling a field holds a key down
_PADDED = lazy_re.compile(r"(.)\1{6}")


def _counted(value: str, least: int = 12) -> bool:
    """Letters that run through the alphabet and digits that count, up or down, each broken at most
    once, each character typed once or twice (``a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6``, ``abcdef0123456789``,
    AES's test block ``00112233445566778899aabbccddeeff``, ``fedcba9876543210``): typed in order to fill
    a field, not drawn at random."""
    letters = [ord(c) for c in value.lower() if "a" <= c <= "z"]
    digits = [ord(c) - 48 for c in value if "0" <= c <= "9"]
    if len(letters) + len(digits) < least:
        return False
    letters, digits = _once(letters), _once(digits)
    for step in (1, -1):
        breaks = sum(b - a != step for a, b in zip(letters, letters[1:])) \
            + sum((b - a) % 10 != step % 10 for a, b in zip(digits, digits[1:]))
        if breaks <= 2:
            return True
    return False


def _once(chars: list[int]) -> list[int]:
    """``chars`` with a character typed twice in a row (``aabbcc``) kept once."""
    return [c for i, c in enumerate(chars) if i == 0 or c != chars[i - 1]]


@functools.lru_cache(maxsize=4096)
def digest(value: str) -> str:
    """A short, slow, salted digest: tells secrets apart in fingerprints, useless for guessing them."""
    import hashlib  # loads OpenSSL (3 ms): only a run that finds a secret pays for it

    data = value.encode("utf-8", "surrogatepass")  # a lone surrogate (a bad escape) still hashes
    return hashlib.pbkdf2_hmac("sha256", data, b"scopelint-secret-fingerprint", 5_000).hex()[:8]


# kinds of secret that expire within hours: in a test, one is a fixture (a mocked token response)
_SHORT_LIVED = ("access token", "refresh token")
_REQUEST_FILES = (".http", ".rest")  # VS Code REST Client's and JetBrains' HTTP Client's requests
_KEY_HEADER = lazy_re.compile(r"x-api-?key|api-key|x-[\w-]*-api-?key", re.I)  # a header's name: no variable is written so
_EXPECTED = lazy_re.compile(r"(^|_)(VALID|EXPECTED|WANTED)(_|$)")


def foreign(found: Secret, prose: bool = False) -> bool:
    """Whether a secret found by its name, in a file that does not talk to Celonis, is not Celonis's
    business: its name or its value's form names another service (``OPENAI_API_KEY``, ``AIza…``), or it is a token in a test (a mocked
    response, an expected value) or written in prose (a comment's example request, ``Authorization:
    Bearer 2341...``) or a request file (``.http``, ``.rest``): a real one expires within hours; a client
    secret or API key does not. In a test,
    an ``Authorization`` header's credential is one too; in prose, so is a parameter of an example URL
    (``// GET /api/items?api_key=...``)."""
    if names_another(found.name) or found.another:
        return True
    if not is_test_path(found.loc.path):
        # a request file, written to be sent by hand, holds a token pasted from a session as prose does
        return prose and (found.kind in _SHORT_LIVED or found.in_url) \
            or found.loc.path.endswith(_REQUEST_FILES) and found.kind in _SHORT_LIVED
    # in a test: a token, and whatever an ``Authorization`` or API-key header carries (a Basic pair is the
    # login of the service under test, ``user1:UsErOn3P455``; ``X-API-KEY`` its admin key), are fixtures,
    # and so is a value the test names as the one it expects to be accepted (``validOauthClientSecret``, a
    # detector's test case); a client secret or API key by name alone is not
    return found.kind in _SHORT_LIVED or found.name in ("Authorization", "authorization", BASIC_CREDENTIALS) \
        or bool(_KEY_HEADER.fullmatch(found.name)) \
        or bool(_EXPECTED.search(normalise(found.name)))


def without_id_values(secrets: list[Secret], values: dict[int, str], ids: set[str]) -> list[Secret]:
    """``secrets`` without those whose value (``values``, by the secret's id) is a literal client id of
    the same file: a test filling both fields with one string (``clientId: 'ADFJ…', clientSecret:
    'ADFJ…'``). A real secret is never its client's id."""
    return [s for s in secrets if values.get(id(s)) not in ids] if ids else secrets


def fixture(found: Secret) -> bool:
    """An access or refresh token in a test (a mocked token response, an expected value), whoever it is
    for: a real one expires within hours, so a test can only hold a made-up or a dead one."""
    return found.kind in _SHORT_LIVED and is_test_path(found.loc.path)


def without_foreign(secrets: list[Secret], found: Iterable[Secret], prose: frozenset[int] | set[int] = frozenset(),
                    celonis: bool = False) -> list[Secret]:
    """``secrets`` without those of ``found`` that are ``foreign``, for a file that does not talk to
    Celonis (``celonis``: one that does, without a test's tokens only). ``prose``: the ids of those
    found in comments and other prose."""
    others = {id(s) for s in found if (fixture(s) if celonis else foreign(s, id(s) in prose))}
    return [s for s in secrets if id(s) not in others] if others else secrets


def secret(kind: str, loc: Location, name: str, value: str, in_url: bool = False) -> Secret:
    """The fact of a secret; over the file's limit of different values (``limits.MAX_SECRETS``) it has
    no digest, and reading drops it with a note."""
    return Secret(kind, loc, name, digest(value) if limits.admit_secret(value) else "", in_url, service_key(value))


def held_in_url(kind: str, loc: Location, name: str, reference: str) -> Secret:
    """A secret that a reference (``{SECRET}``, ``${CLIENT_SECRET}``) puts in a URL's query string:
    known by the reference, as its value is not written here."""
    return Secret(kind, loc, name, digest(f"{name}={reference}") if limits.admit_secret(reference) else "", True, held=True)


def is_reference(value: str) -> bool:
    """Whether a value is one reference to a variable or setting, filled in when the code runs
    (``{secret}``, ``${CLIENT_SECRET}``, ``$(secret)``, ``%SECRET%``); a ``<your secret>`` to write
    in by hand is none."""
    v = value.strip()
    return bool(v) and not v.startswith("<") and UNRESOLVED.fullmatch(v) is not None
