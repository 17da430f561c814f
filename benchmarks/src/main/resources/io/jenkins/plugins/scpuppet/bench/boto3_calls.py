# Client CPU of one boto3 call (upstream's SDK), for CallCostBenchmark: ListPortfolios against the AWS stand-in.
# Usage: python3 boto3_calls.py ENDPOINT REGION CALLS; prints the calling thread's CPU microseconds per call of the
# last of up to 5 rounds (it stops once a round is no more than 5% cheaper than the one before).
import sys
import time

import boto3
from botocore.config import Config

endpoint, region, calls = sys.argv[1], sys.argv[2], int(sys.argv[3])
client = boto3.client(
    "servicecatalog",
    region_name=region,
    endpoint_url=endpoint,
    aws_access_key_id="AKIASANDBOX111111111111",
    aws_secret_access_key="sandbox-secret",
    config=Config(retries={"mode": "standard"}),
)
previous = float("inf")
for _ in range(5):
    start = time.thread_time()
    for _ in range(calls):
        client.list_portfolios()
    current = (time.thread_time() - start) / calls * 1e6
    if current > previous * 0.95:
        break
    previous = current
print("%.1f" % current)
