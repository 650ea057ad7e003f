"""Nightly push of the ERP order extract into the Celonis data pool."""
import os

import requests

CELONIS_URL = os.environ["CELONIS_URL"]
TOKEN_URL = f"{CELONIS_URL}/oauth2/token"
POOL_ID = os.environ["CELONIS_POOL_ID"]


def token() -> str:
    response = requests.post(
        TOKEN_URL,
        auth=(os.environ["CELONIS_CLIENT_ID"], os.environ["CELONIS_CLIENT_SECRET"]),
        data={"grant_type": "client_credentials", "scope": "integration.data-pools:data_push integration.data-pools"},
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["access_token"]


def push(csv_path: str) -> None:
    headers = {"Authorization": f"Bearer {token()}"}
    job = requests.post(f"{CELONIS_URL}/data-ingestion/api/v1/data-push/{POOL_ID}/jobs/",
                        json={"targetName": "orders", "type": "DELTA"}, headers=headers, timeout=30).json()
    with open(csv_path, "rb") as fh:
        requests.post(f"{CELONIS_URL}/data-ingestion/api/v1/data-push/{POOL_ID}/jobs/{job['id']}/chunks/upserted",
                      files={"file": fh}, headers=headers, timeout=300)
    requests.post(f"{CELONIS_URL}/data-ingestion/api/v1/data-push/{POOL_ID}/jobs/{job['id']}",
                  headers=headers, timeout=30)
    # reload the data model so the new orders show up
    requests.post(f"{CELONIS_URL}/integration/api/v1/data-pools/{POOL_ID}/data-models/orders/load",
                  headers=headers, timeout=30, verify=False)
