"""Nightly push of the ERP order extract, with PyCelonis and a least-privilege OAuth client."""
import os

import pandas as pd
from pycelonis import get_celonis, oauth2
from pycelonis.ems import DataPool

celonis = get_celonis(
    base_url=os.environ["CELONIS_URL"],
    api_token=oauth2(os.environ["CELONIS_CLIENT_ID"], os.environ["CELONIS_CLIENT_SECRET"],
                     "integration.data-pools:data_push"),
    key_type="BEARER",
    permissions=False,
)


def push(csv_path: str, pool_id: str) -> None:
    # the static constructor needs no GET of the pool, so the data_push scope is enough
    job = DataPool.create_data_push_job_from(celonis.client, pool_id, target_name="orders", type_="DELTA")
    job.add_data_frame(pd.read_csv(csv_path))
    job.execute(wait=True)
