"""Helpers several rules share (scopelint/rules/_common.py): permission service names."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("declared", ["Team", "team", "Admin & Settings", "admin-settings", "ADMIN_SETTINGS"])
def test_permission_service_names_and_their_ui_aliases_match(declared):
    from scopelint.rules._common import service_key

    assert service_key(declared) == service_key("Team") == "team"


@pytest.mark.parametrize("declared, catalog_name", [
    ("Celonis Storage Manager", "File Storage Manager"), ("Process Automation", "On-Prem Automation"),
    ("user provisioning", "User Provisioning"), ("data_integration", "Data Integration"),
])
def test_older_service_names_match_the_catalog_spelling(declared, catalog_name):
    from scopelint.rules._common import service_key

    assert service_key(declared) == service_key(catalog_name)
