"""Weekly KPI export from the Order-to-Cash knowledge model."""
import os

import requests

CELONIS_URL = os.environ["CELONIS_URL"]


def access_token() -> str:
    response = requests.post(
        f"{CELONIS_URL}/oauth2/token",
        data={
            "grant_type": "client_credentials",
            "client_id": os.environ["CELONIS_CLIENT_ID"],
            "client_secret": os.environ["CELONIS_CLIENT_SECRET"],
            "scope": "studio intelligence.knowledge-models:read",
        },
        timeout=30,
    )
    return response.json()["access_token"]


def kpis(km_id: str) -> list[dict]:
    headers = {"Authorization": f"Bearer {access_token()}"}
    url = f"{CELONIS_URL}/intelligence/api/knowledge-models/{km_id}/kpis"
    return requests.get(url, headers=headers, timeout=30).json()["content"]
