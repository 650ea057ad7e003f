"""A test file takes no part in the scope analysis: its scope lists, token requests and API calls
are the data of its tests.

A test hands the code it tests the inputs it is tried with (a table of cases, a value that must be
refused, an expected value) and answers its token requests itself: Go's ``httptest`` server, OkHttp's
``MockWebServer``, WireMock, nock, a transport replaced, a request that must be rejected
(``Assert.Throws``, ``expect(...).rejects``). What it sends reaches no Celonis team, and the code
under test is judged where it is written. So a test file's scope values and token requests are not
judged, its calls are not judged against any grant nor counted as uses of one. What a test does with
secrets and plain-HTTP URLs is judged as elsewhere (``secrets.fixture`` says which of its secrets
are fixtures)."""
from __future__ import annotations

from ...model import FileFacts
from .source import is_test_path


def drop_test_data(facts: FileFacts) -> None:
    if is_test_path(facts.path):
        facts.scope_vars, facts.token_requests, facts.api_calls, facts.unresolved_calls = [], [], [], []
