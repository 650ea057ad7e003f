"""Names of variables, fields and keys: which carry Celonis values, scopes or secrets."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ... import lazy_re

# variable names that carry Celonis values (reference map §5)
CELONIS_VAR = lazy_re.compile(r"(^|_)(CELONIS|EMS|IBC)(_|$)|^(TEAM_URL|API_TOKEN|OAUTH_SCOPES?|OAUTH_CLIENT_(ID|SECRET)|OAUTH_METHOD)$", re.I)
_PLATFORM_WORD = lazy_re.compile(r"(^|_)(CELONIS|EMS|IBC)(_|$)")  # CELONIS_VAR's names that say Celonis written any way
SCOPE_VAR = lazy_re.compile(r"^(CELONIS_(OAUTH_)?SCOPES?|OAUTH_SCOPES?|CELONIS_.*SCOPES?)$", re.I)
# a name that says Celonis by itself (OAUTH_SCOPES or API_TOKEN alone do not)
CELONIS_NAME = lazy_re.compile(r"(^|_)(CELONIS|EMS|IBC)(_|$)|^(CELONIS_)?TEAM_URL$")
# the schemes of an ``Authorization`` header with a credential after them: Celonis's ``AppKey``, OAuth's
# ``Bearer``, ``Basic``, and the ``Token`` of Django REST framework's APIs, Make's and GitHub's
AUTH_SCHEME = lazy_re.compile(r"^(AppKey|Bearer|Basic|Token)\s+", re.I)
# a variable, parameter or field named as a long-lived key (``CELONIS_API_KEY``, ``api_key``, ``apiToken``)
STATIC_KEY_NAME = lazy_re.compile(r"(^|_)(API_?KEY|API_?TOKEN|APP_?KEY|PAT|PERSONAL_ACCESS_TOKEN)$", re.I)
# a placeholder that says it stands for a key (``Bearer API_KEY_HERE``, ``Bearer <your-app-key>``)
KEY_WORDS = lazy_re.compile(r"API[-_ ]?KEY|APP[-_ ]?KEY|API[-_ ]?TOKEN", re.I)
# PyCelonis key types, and the kind of key-based authentication each stands for; a setting read by the
# application itself may spell them as the header does (``CELONIS_KEY_TYPE=AppKey``)
KEY_TYPES = {"APP_KEY": "AppKey", "USER_KEY": "api-key", "APPKEY": "AppKey", "USERKEY": "api-key"}

SECRET_FIELDS = {
    "client_secret": "client secret", "clientsecret": "client secret", "oauth_client_secret": "client secret",
    "celonis_client_secret": "client secret", "access_token": "access token", "accesstoken": "access token",
    "api_token": "API key", "apitoken": "API key", "api_key": "API key", "apikey": "API key",
    "celonis_api_token": "API key", "celonis_api_key": "API key", "refresh_token": "refresh token",
    "refreshtoken": "refresh token", "app_key": "API key", "appkey": "API key",
    # MSAL's ``ConfidentialClientApplication(client_id, client_credential="...")``: a string there is the secret
    "client_credential": "client secret", "clientcredential": "client secret",
}


_CAMEL = lazy_re.compile(r"([a-z0-9])([A-Z])")
_NOT_ALNUM = lazy_re.compile(r"[^A-Za-z0-9]+")
_SEGMENTS = lazy_re.compile(r"[.:\[\]\"']")
_NOT_KEY = lazy_re.compile(r"[^a-z_]")


# names repeat all through a file (and a tree): each is worked out once (a pure function of the name)
@lru_cache(maxsize=8192)
def normalise(name: str) -> str:
    """``celonis.clientSecret`` and ``celonis-client-secret`` both become ``CELONIS_CLIENT_SECRET``."""
    if name.isascii() and name.isalnum() and (name.islower() or name.isdigit()):
        return name.upper()  # most names of a large settings file (``k1``, ``timeout``): no word to split
    snake = _CAMEL.sub(r"\1_\2", name.strip())
    return _NOT_ALNUM.sub("_", snake).strip("_").upper()


def _segments(name: str) -> list[str]:
    """The segments of a dotted or indexed name (``process.env.celonisUrl``, ``config["scopes"]``)."""
    return [s for s in _SEGMENTS.split(name.strip("$")) if s]


@lru_cache(maxsize=8192)
def last_segment(name: str) -> str:
    """``process.env.celonisUrl`` -> ``CELONIS_URL``: the last segment of a dotted or indexed name, normalised."""
    parts = _segments(name)
    return normalise(parts[-1] if parts else name)


def own_name(value: str, name: str) -> bool:
    """Whether a setting's value is its own name, or the last words of it (``REFRESH_TOKEN =
    'REFRESH_TOKEN'``, an enum of setting keys; ``settings.apiKey = "API_KEY"``,
    ``CELONIS_SMTP_REFRESH_TOKEN=SMTP_REFRESH_TOKEN``): a key, not the secret it names."""
    if value == name:
        return True
    key, said = last_segment(name), normalise(value)
    return said == key or "_" in said and key.endswith("_" + said)


def says_celonis(word: str) -> bool:
    """A name or word that says Celonis by itself: ``celonis.client_secret``, ``EMS_TOKEN``, ``TEAM_URL``."""
    return "celonis" in word.lower() or bool(CELONIS_NAME.search(normalise(word)))


_PLATFORM_ONLY = lazy_re.compile(r"(^|_)(EMS|IBC)(_|$)")


def says_celonis_for_all(word: str) -> bool:
    """A word that makes the settings around it Celonis's: ``says_celonis``, except by the platform's
    old names alone. ``EMS_CLIENT_SECRET`` is Celonis's own, but ``EMS_DB_HOST`` (an energy or TIBCO
    EMS) or ``IBC_RELAYER_HOME`` (Cosmos IBC) says nothing of the ``OAUTH_SCOPES`` beside it."""
    if "celonis" in word.lower():
        return True
    key = normalise(word)
    return bool(CELONIS_NAME.search(_PLATFORM_ONLY.sub("_", key).strip("_")))


# services whose keys code names after them (``OPENAI_API_KEY``, ``githubToken``, ``STRIPE_SECRET``): a
# word of a secret's name that is one of these says whose the secret is. A word not listed says nothing
# (``BACKEND_API_KEY``, ``PUSH_API_KEY``): such a secret is reported as before, wherever it is.
OTHER_SERVICES = frozenset("""
    OPENAI AZURE ANTHROPIC CLAUDE GROQ GEMINI GOOGLE GCP VERTEX COHERE MISTRAL HF HUGGINGFACE HUGGINGFACEHUB
    REPLICATE PERPLEXITY DEEPSEEK OPENROUTER LANGCHAIN LANGSMITH TAVILY SERPAPI PINECONE WEAVIATE QDRANT ELEVENLABS
    AWS GITHUB GH GITLAB BITBUCKET DOCKERHUB NPM PYPI HEROKU VERCEL NETLIFY CLOUDFLARE DIGITALOCEAN SENTRY
    DATADOG NEWRELIC SNYK SONAR SONARQUBE DATABRICKS WANDB
    STRIPE PAYPAL TWILIO SENDGRID MAILGUN MAILCHIMP SLACK DISCORD TELEGRAM NOTION JIRA ATLASSIAN CONFLUENCE
    SALESFORCE SERVICENOW HUBSPOT ZENDESK SHOPIFY AIRTABLE ASANA TRELLO DROPBOX FIREBASE SUPABASE MONGODB
    AUTH0 OKTA KEYCLOAK MAPBOX OPENAI ALGOLIA DOCSEARCH
    ZOHO XERO QUICKBOOKS DOCUSIGN INTERCOM SEGMENT MIXPANEL AMPLITUDE PAGERDUTY OPSGENIE FIGMA MERAKI
    SPOTIFY TWITCH ZOOM FACEBOOK INSTAGRAM TWITTER LINKEDIN YOUTUBE TIKTOK REDDIT MSGRAPH MICROSOFT ENTRA AAD MSAL
    PLAID BRAINTREE ADYEN KLAVIYO CONTENTFUL CLERK GRAFANA PROMETHEUS KIBANA SPLUNK ELASTIC
    SNOWFLAKE XSUAA OLLAMA LAGO BREVO SENDINBLUE STRAVA FOURSQUARE CRONOFY WORDPRESS YAHOO WEIBO WECHAT
    SUPERTOKENS WORKOS STYTCH FUSIONAUTH DESCOPE COGNITO
    CASDOOR ZITADEL LOGTO AUTHENTIK ORY HYDRA KRATOS KINDE FRONTEGG PINGONE PINGIDENTITY PINGFEDERATE ONELOGIN
    JUMPCLOUD
    """.split())


# the forms of other services' keys: a value in one names its service as a name would (``AIza…``
# Google's, public in a web app's Firebase config; ``ghp_…`` GitHub's; ``xoxb-…`` Slack's; ``sk_live_…``
# Stripe's; ``glpat-…`` GitLab's; ``npm_…``; ``shpat_…`` Shopify's; ``sk-ant-…`` Anthropic's; ``SG.…``
# SendGrid's; ``phc_…`` PostHog's project key, public in a web app as Google's is; ``wx`` and 16 hex digits,
# a WeChat app's id, which its SDKs call ``apiKey``; ``GOCSPX-…``, the prefix of every Google OAuth client secret;
# ``xkeysib-…`` Brevo's (Sendinblue's) API key)
_SERVICE_KEY = lazy_re.compile(r"AIza[\w-]{30,}$|GOCSPX-[\w-]{20,}$|gh[pousr]_\w{30,}$|github_pat_\w{20,}|xox[abeprs]-"
                               r"|[rsp]k_(?:live|test)_\w{10,}"
                               r"|glpat-|npm_\w{30,}$|shp(?:at|ss|ca|pa)_\w|sk-ant-|SG\.[\w-]{16,}\.|phc_\w{30,}$|wx[0-9a-f]{16}$"
                               r"|xkeysib-[0-9a-f]{32,}")


def service_key(value: str) -> bool:
    """Whether a value has the form of another service's key (see ``_SERVICE_KEY``), or is a token that
    says it is one made to be public: Supabase's anon key (``"iss": "supabase", "role": "anon"``), which
    a web app sends as its ``apikey`` header (its ``service_role`` key is a secret all the same)."""
    value = value.strip()
    if _SERVICE_KEY.match(value):
        return True
    claims = jwt_claims(value) if value.startswith("eyJ") else None
    return claims is not None and claims.get("iss") == "supabase" and claims.get("role") == "anon"


def jwt_claims(token: str) -> dict | None:
    """The claims of a JSON Web Token (its payload, base64url JSON), or None when it is none."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    import binascii
    import json

    try:
        claims = json.loads(binascii.a2b_base64(jwt_padded(parts[1])))
    except (binascii.Error, ValueError):
        return None
    return claims if isinstance(claims, dict) else None


def jwt_padded(part: str) -> str:
    """A part of a JWT, base64url without padding, as base64 with it."""
    return part.replace("-", "+").replace("_", "/") + "=" * (-len(part) % 4)


def names_another(name: str) -> bool:
    """Whether a secret's name names a service other than Celonis (``OPENAI_API_KEY``,
    ``githubToken``, ``stripe.secret``; not ``client_secret``, ``BACKEND_API_KEY``, ``CELONIS_APP_KEY``)."""
    if says_celonis(name):
        return False
    words = normalise(name).split("_")
    return any(w in OTHER_SERVICES or w[-1:].isdigit() and w.rstrip("0123456789") in OTHER_SERVICES for w in words) \
        or any(a + b in OTHER_SERVICES for a, b in zip(words, words[1:]))  # NEW_RELIC, HUGGING_FACE; google2Client's GOOGLE2


def celonis_name(name: str) -> bool:
    """A variable or member name that carries a Celonis value (``CELONIS_URL``, ``process.env.celonisUrl``).
    PyCelonis's own setting names (``TEAM_URL``, ``API_TOKEN``) count as an environment variable or a
    constant is written, in capitals; a variable or parameter so called (``teamUrl``: a wiki's workspace,
    a chat's team) says nothing of Celonis."""
    if not name:
        return False
    parts = _segments(name)
    written = parts[-1] if parts else name
    key = normalise(written)
    return bool(CELONIS_VAR.search(key)) and (written.isupper() or bool(_PLATFORM_WORD.search(key)))


@lru_cache(maxsize=8192)
def scope_var_name(name: str) -> bool:
    """A variable or member name that holds Celonis scopes (``CELONIS_OAUTH_SCOPES``, ``oauthScopes``),
    also as the last two segments of a path say it (Helm's ``--set celonis.scope=...``)."""
    if not name or SCOPE_VAR.match(last_segment(name)):
        return bool(name)
    parts = _segments(name)
    return len(parts) > 1 and bool(SCOPE_VAR.match(normalise(parts[-2]) + "_" + normalise(parts[-1])))


# a word of a name that says its value is no real secret: a test's wrong or made-up one
_NOT_REAL = lazy_re.compile(r"(^|_)(invalid|fake|dummy|mock|mocked|bogus|wrong|example|sample|expired|revoked)(_|$)")


def not_real_name(name: str) -> bool:
    """A name that says its value is no real secret (``invalidApiKey``, ``FAKE_CLIENT_SECRET``)."""
    return bool(_NOT_REAL.search(normalise(name).lower()))


# a key whose value is one endpoint of a provider's, as an object of its own (Auth.js: ``token: {url}``)
ENDPOINT_KEYS = frozenset({"token", "authorization", "authorize", "userinfo"})

# an object that declares a setting by its name and value, as data: a container's environment item
# (``{name: "CELONIS_CLIENT_SECRET", value: "..."}``), a form's or credential's property (n8n's
# ``{name: "scope", default: "..."}``), convict's ``{env: "CELONIS_SCOPE", default: "..."}``
SETTING_NAME_KEYS = ("name", "env")
SETTING_VALUE_KEYS = ("value", "default")


def endpoint_name(name: str) -> bool:
    """A key or variable that may hold an endpoint's URL (``tokenUrl``, ``token_endpoint``,
    ``accessTokenUri``, Auth.js's ``token``)."""
    lowered = last_segment(name).lower()
    return lowered in ENDPOINT_KEYS or "url" in lowered or "endpoint" in lowered or "uri" in lowered


@lru_cache(maxsize=8192)
def partner_id_name(name: str) -> bool:
    """A field that holds the id a client secret goes with (``client_id``, ``clientId``, ``consumerKey``):
    a secret with that same value beside it is a fixture (a test filling both fields with one string)."""
    return normalise(last_segment(name)).endswith(("CLIENT_ID", "CONSUMER_KEY"))


def paired_kind(name: str, siblings: Iterable[str]) -> str | None:
    """The secret a setting holds, judged with the keys beside it: by its own name (``secret_kind``), or,
    for a bare ``secret`` beside a client id (``{"client_id": ..., "secret": ...}``, the configuration of
    msal's samples), that client's secret."""
    kind = secret_kind(name)
    if kind is None and normalise(name) == "SECRET" and any(partner_id_name(s) for s in siblings):
        return "client secret"
    return kind


# which one of a secret's generations or deployments a name holds: the old one, the next, the second
# (rotated keys), production's, the privileged client's, the one used when none is given (``API_KEY_FALLBACK``)
_GENERATION = lazy_re.compile(r"(?:_(?:old|new|prev|previous|backup|current|primary|secondary|rotated|next|v\d+|\d+|legacy"
                              r"|prod|production|dev|development|stage|staging|live|qa|uat|sandbox|priv|unpriv|privileged|admin"
                              r"|default|fallback|guest))+$")


# a word each secret-naming suffix below holds; the letters of ``normalise``'s snake are the key's, in order
_SECRET_WORDS = ("secret", "token", "key", "pat")
# the endings of a name that holds a secret, and the kind of secret each says (``CELONIS_CLIENT_SECRET``,
# ``B2_APPLICATION_KEY``); every code and settings kind's markers name each (``tests/test_markers.py``)
SECRET_SUFFIXES = (("client_secret", "client secret"), ("api_token", "API key"), ("api_key", "API key"),
                   ("personal_access_token", "API key"), ("access_token", "access token"), ("app_key", "API key"),
                   ("refresh_token", "refresh token"),
                   # a service's own token names: Twilio's and OpenStack's auth token (``X-Auth-Token``),
                   # GitLab's and JumpServer's private token (``PRIVATE-TOKEN``)
                   ("auth_token", "access token"), ("private_token", "access token"),
                   ("api_secret", "client secret"), ("app_secret", "client secret"), ("consumer_secret", "client secret"),
                   ("bearer_token", "access token"), ("clientsecret", "client secret"),
                   ("application_key", "API key"),
                   # the words run together, as WeChat's, Alipay's and DingTalk's SDKs write them
                   ("apisecret", "client secret"), ("appsecret", "client secret"),
                   # Azure API Management's key (``Ocp-Apim-Subscription-Key``)
                   ("subscription_key", "API key"),
                   # Quarkus's OIDC client: quarkus.oidc.credentials.secret, quarkus.oidc-client.credentials.secret,
                   # quarkus.oidc.credentials.client-secret.value
                   ("oidc_credentials_secret", "client secret"), ("client_credentials_secret", "client secret"),
                   ("client_secret_value", "client secret"),
                   # python-keycloak's ``KeycloakOpenID(client_secret_key=...)``
                   ("client_secret_key", "client secret"),
                   # OAuth 1.0a's token secret, the other half of a user's token (tweepy's ``access_token_secret``,
                   # requests-oauthlib's ``resource_owner_secret``, NetSuite's ``token_secret``, ``ACCESS_SECRET``),
                   # and Salesforce's security token, sent after the password (simple-salesforce's ``security_token``)
                   ("token_secret", "access token"), ("access_secret", "access token"),
                   ("resource_owner_secret", "access token"), ("security_token", "API key"))


@lru_cache(maxsize=8192)
def secret_kind(name: str) -> str | None:
    """The kind of secret a field or variable named ``name`` holds, if any."""
    key = _NOT_KEY.sub("", name.lower().replace("-", "_"))
    if key in SECRET_FIELDS:
        return SECRET_FIELDS[key]
    if not any(word in key for word in _SECRET_WORDS):  # every kind below ends in one of these words
        return None
    snake = normalise(name).lower()  # celonisApiKey is CELONIS_API_KEY
    if _NOT_REAL.search(snake):  # ``invalidApiKey``, ``FAKE_CLIENT_SECRET``: the name says it is no real one
        return None
    key, snake = _GENERATION.sub("", key), _GENERATION.sub("", snake)  # CLIENT_SECRET_OLD, API_KEY_2 are still one
    for suffix, kind in SECRET_SUFFIXES:
        if key.endswith(suffix) or snake.endswith(suffix):
            return kind
    # CELONIS_TOKEN, celonisSecret, CELONIS_PAT (a personal access token, a key that lives until revoked): said whose
    if "celonis" in snake and snake.endswith(("_token", "_secret", "_pat")):
        return "client secret" if snake.endswith("_secret") else "API key"
    return None


# methods named for a secret that do something with one rather than take one (``getClientSecret(name)``,
# ``verifyAccessToken(token)``, Go's ``GetAccessToken(scope)``): their argument is a name to look up, a
# scope to ask for or a value to check, not the secret kept
_USES_SECRET = lazy_re.compile(r"(?:get|fetch|load|read|find|lookup|has|is|remove|delete|validate|verify|check|revoke"
                               r"|request|create|generate|rotate|exchange|decode|parse|hash|encrypt|decrypt|mask|redact)"
                               r"(?=[A-Z_])")


def uses_secret(method: str) -> bool:
    """Whether a method named for a secret does something with one (``getAccessToken``,
    ``GetClientSecret``, ``verify_token``) rather than take one to keep (``setAccessToken``,
    ``withClientSecret``): its argument is no secret written out."""
    return _USES_SECRET.match(method[:1].lower() + method[1:]) is not None  # Go and C# capitalise it


# a value that is one reference to a variable, as configuration and templates write it: ${X}, $X, {{X}}
_REFERENCE = lazy_re.compile(r"\$\{([^}]+)\}|\$([A-Za-z_]\w*)|\{\{\s*([\w.-]+)\s*\}\}")


def key_auth(scheme: str, credential: str) -> str | None:
    """The key authentication an ``Authorization`` value written out stands for, the one decision of
    every reader: ``AppKey`` for the AppKey scheme; ``api-key`` for a Bearer credential that says it
    is a key, a placeholder (``Bearer API_KEY_HERE``) or one reference to a variable named as one
    (``Bearer ${CELONIS_API_KEY}``); ``None`` for a token."""
    scheme = scheme.lower()
    if scheme == "appkey":
        return "AppKey"
    if scheme != "bearer":
        return None
    value = credential.strip()
    ref = _REFERENCE.fullmatch(value)
    if ref is not None:
        return "api-key" if static_key_name(next(g for g in ref.groups() if g)) else None
    return "api-key" if KEY_WORDS.search(value) else None


# the path a CI expression reads a value through, as a masked reference spells it (``${{ github.event.inputs.api_key }}``,
# ``${{ steps.aws.outputs.api_key }}``): up to its last context's name
_CONTEXT_PATH = lazy_re.compile(r"^.*(?:^|_)(?:SECRETS|INPUTS|OUTPUTS|VARS|ENV|VALUES)_")


def static_key_name(name: str) -> bool:
    """A name that says it holds a long-lived key of Celonis's, not an access token: ``process.env.CELONIS_API_KEY``,
    ``apiKey``, ``CELONIS_PAT`` (a personal access token, which lives until revoked); not another service's
    (``OPENAI_API_KEY`` sent to a model's endpoint beside Celonis calls)."""
    last = last_segment(name)
    return bool(STATIC_KEY_NAME.search(last)) and "ACCESS" not in last.replace("PERSONAL_ACCESS_TOKEN", "") \
        and not names_another(_CONTEXT_PATH.sub("", last))  # the key's own name, not the path it is read through


# settings that switch certificate checks off: those that check when true (``verifySsl: false``), and
# those that skip the check when true (``insecureSkipVerify: true``); as ``normalise`` writes them
_TLS_CHECKS = ("VERIFY", "VERIFY_SSL", "SSL_VERIFY", "VERIFY_TLS", "TLS_VERIFY", "VERIFY_CERT", "VERIFY_CERTS",
               "VERIFY_CERTIFICATE", "VERIFY_CERTIFICATES", "VALIDATE_CERT", "VALIDATE_CERTS", "SSL_VERIFICATION",
               "REJECT_UNAUTHORIZED", "STRICT_SSL", "CHECK_CERTIFICATE")
_TLS_SKIPS = ("INSECURE", "INSECURE_SKIP_VERIFY", "SKIP_TLS_VERIFY", "SKIP_SSL_VERIFY", "SKIP_VERIFY", "TLS_INSECURE",
              "SSL_INSECURE", "IGNORE_SSL", "IGNORE_SSL_ERRORS", "DISABLE_SSL_VERIFICATION", "NO_VERIFY")
_FALSE, _TRUE = frozenset({"false", "0", "no", "off"}), frozenset({"true", "1", "yes", "on"})


def flag_word(word: str) -> bool | None:
    """A flag's truth as a setting writes it (``true``, ``yes``, ``off``, ``0``, in any case), or ``None``."""
    word = word.lower()
    return True if word in _TRUE else False if word in _FALSE else None


# the words of a setting's name that name no service: a client's own ``scope``, ``verifySsl``, ``client_secret``
_GENERIC_WORDS = frozenset({"CLIENT", "API", "APP", "ACCESS", "OAUTH", "OAUTH2", "AUTH", "SCOPE", "SCOPES", "SECRET",
                            "KEY", "TOKEN", "PASSWORD", "SSL", "TLS", "VERIFY", "VERIFICATION", "REJECT", "UNAUTHORIZED",
                            "SKIP", "INSECURE", "STRICT", "VALIDATE", "CERT", "CERTS", "CERTIFICATE", "CERTIFICATES",
                            "CHECK", "IGNORE", "ERRORS", "DISABLE", "NO", "ID", "URL", "URI", "ENDPOINT", "GRANT",
                            "TYPE"})


def generic_setting(name: str) -> bool:
    """Whether the last segment of a setting's name names no service: ``scope``, ``conn_extra.verify``,
    ``client_secret``, but not ``GRAPH_SCOPE`` or ``SFTP_VERIFY`` beside a Celonis token URL in one map."""
    last = normalise(_SEGMENTS.split(name)[-1])
    return bool(last) and all(word in _GENERIC_WORDS for word in last.split("_"))


def tls_off_setting(key: str, value: str) -> bool:
    """Whether the setting ``key`` (as ``normalise`` writes it) set to ``value`` switches certificate checks off."""
    truth = flag_word(value.strip().strip("'\""))

    def names(suffixes: tuple[str, ...]) -> bool:
        return any(key == s or key.endswith("_" + s) for s in suffixes)

    return truth is False and names(_TLS_CHECKS) or truth is True and names(_TLS_SKIPS)
