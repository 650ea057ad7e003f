"""What a Celonis OAuth client may use: its grant types and client authentication methods, and the
ones it gets when a definition names none. Rules, ``review`` and ``suggest`` read them from here."""
from __future__ import annotations

GRANT_TYPES = ("client_credentials", "authorization_code")
DEFAULT_GRANT = "client_credentials"
REFUSED_GRANTS = ("password", "implicit")  # grant types a token request may name that Celonis refuses
# grant types whose token request sends no scope by design: a code is exchanged for the scopes it was
# authorised with, a refresh keeps the token's (RFC 6749 sections 4.1.3 and 6)
SCOPELESS_GRANTS = ("authorization_code", "refresh_token")
AUTH_METHODS = ("client_secret_basic", "client_secret_post")
# client authentication methods of OAuth (OpenID Connect, RFC 8705) a token request may name that Celonis
# refuses: a signed assertion or a TLS certificate instead of the secret
REFUSED_AUTH_METHODS = ("client_secret_jwt", "private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth")
DEFAULT_AUTH_METHOD = "client_secret_basic"
# what a token request's client_assertion_type starts with when the client authenticates with a signed
# assertion instead of its secret (RFC 7521: a JWT, RFC 7523, as private_key_jwt and client_secret_jwt send; or SAML)
CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:"
# the client authentication method a token request's style stands for (``TokenRequest.auth_style``)
STYLE_METHODS = {"basic": "client_secret_basic", "post": "client_secret_post"}


def assertion_method(assertion_type: str) -> str | None:
    """The client authentication a token request's ``client_assertion_type`` stands for (Celonis refuses
    each): ``jwt-bearer client assertion`` for RFC 7523's URN; ``None`` for a value that is no such URN."""
    kind = assertion_type.strip().lower()
    if kind.startswith(CLIENT_ASSERTION_TYPE) and len(kind) > len(CLIENT_ASSERTION_TYPE):
        return f"{kind[len(CLIENT_ASSERTION_TYPE):]} client assertion"
    return None
