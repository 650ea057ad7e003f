"""Facts every input kind builds the same way from a URL."""
from __future__ import annotations

from ...findings import Location
from ...model import Insecure, Secret
from .celonis import is_celonis_url
from .secrets import is_placeholder, secret
from .urls import UNRESOLVED, URL_SECRET_PARAMS, is_token_url, strip_secrets, url_query, valid_token_url

def url_facts(url: str, loc: Location) -> tuple[list[Secret], list[Insecure]]:
    """Secrets in a Celonis URL's query string, plain HTTP, and a malformed token URL."""
    secrets, insecure = [], []
    resolved = not UNRESOLVED.search(url)
    for name, value, offset in url_query(url):
        kind = URL_SECRET_PARAMS.get(name.lower())
        if kind and value and not is_placeholder(value):
            vloc = Location(loc.path, loc.line, loc.col + offset, loc.line, loc.col + offset + len(value)) \
                if loc.end_line in (None, loc.line) else loc
            secrets.append(secret(kind, vloc, name, value, in_url=True))
    if url.lower().startswith("http://") and is_celonis_url(url):
        insecure.append(Insecure("http-url", loc, strip_secrets(url)))
    elif resolved and is_token_url(url) and not valid_token_url(url):
        insecure.append(Insecure("bad-token-url", loc, strip_secrets(url.split("?", 1)[0])))
    return secrets, insecure
