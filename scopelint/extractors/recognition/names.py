"""Names of variables, fields and keys: which carry Celonis values, scopes or secrets."""
from __future__ import annotations

import re

# variable names that carry Celonis values (reference map §5)
CELONIS_VAR = re.compile(r"(^|_)(CELONIS|EMS|IBC)(_|$)|^(TEAM_URL|API_TOKEN|OAUTH_SCOPES?|OAUTH_CLIENT_(ID|SECRET)|OAUTH_METHOD)$", re.I)
SCOPE_VAR = re.compile(r"^(CELONIS_(OAUTH_)?SCOPES?|OAUTH_SCOPES?|CELONIS_.*SCOPES?)$", re.I)

SECRET_FIELDS = {
    "client_secret": "client secret", "clientsecret": "client secret", "oauth_client_secret": "client secret",
    "celonis_client_secret": "client secret", "access_token": "access token", "accesstoken": "access token",
    "api_token": "API key", "apitoken": "API key", "api_key": "API key", "apikey": "API key",
    "celonis_api_token": "API key", "celonis_api_key": "API key", "refresh_token": "refresh token",
    "refreshtoken": "refresh token", "app_key": "API key", "appkey": "API key",
}



def secret_kind(name: str) -> str | None:
    """The kind of secret a field or variable named ``name`` holds, if any."""
    key = re.sub(r"[^a-z_]", "", name.lower().replace("-", "_"))
    if key in SECRET_FIELDS:
        return SECRET_FIELDS[key]
    for suffix, kind in (("client_secret", "client secret"), ("api_token", "API key"), ("api_key", "API key"),
                         ("access_token", "access token"), ("app_key", "API key"), ("refresh_token", "refresh token")):
        if key.endswith(suffix):
            return kind
    return None
