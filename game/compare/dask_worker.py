"""Dask worker preload for the LocalCluster ``compare --backend dask`` starts: a terminal's Ctrl+C reaches
every process of the group, so the workers leave it to the client process, which cancels the batch and
closes the cluster (instead of each worker printing its own KeyboardInterrupt).

For a cluster started by hand: ``dask worker tcp://HOST:8786 --preload game.compare.dask_worker``.
"""

from __future__ import annotations

import signal
import threading
from typing import Any


def dask_setup(worker: Any) -> None:
    """Called by Dask in each worker process at start."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
