"""The service runs native math on one thread per call (web.native_threads)."""

import json
import os
import subprocess
import sys

# In a fresh process, so that the limit set here does not leak into other tests; BLAS is
# told to use two threads first, so the test fails if create_app leaves that as it is.
PROBE = """
import json
import numpy  # loads OpenBLAS
from threadpoolctl import threadpool_info
def blas():
    assert numpy
    return sorted({p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"})
before = blas()
from graph_schema.memory_store import MemoryGraphStore
from web.app import create_app
from web.config import Settings
create_app(Settings.from_env(), MemoryGraphStore())
print(json.dumps({"before": before, "after": blas()}))
"""


def test_create_app_limits_blas_to_one_thread():
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2", "PPSMATCH_COMPANIES": "0"}
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                         text=True, check=True, timeout=120)
    threads = json.loads(out.stdout.strip().splitlines()[-1])
    assert threads["before"] == [2]
    assert threads["after"] == [1]
