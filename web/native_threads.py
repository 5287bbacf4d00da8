"""Native math libraries (OpenBLAS, OpenMP) on one thread per call."""

from __future__ import annotations

from threadpoolctl import threadpool_limits


def one_thread_per_call() -> None:
    """Limit BLAS and OpenMP to one thread for the rest of the process.

    The service answers one request per thread, and a query's products are small: on two
    cores a second BLAS thread only spins beside the request (at 100k organisations the same
    recommendation cost 60 ms CPU with it and 38 ms without), and gunicorn's threads already
    use the cores.
    """
    threadpool_limits(limits=1)
