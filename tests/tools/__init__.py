"""Helpers shared by the integration tests: a realistic scanned repository, SARIF validators."""
