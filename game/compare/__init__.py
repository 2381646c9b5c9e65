"""Compare outcomes: plans against each other over many seeded headless games, and a finished game
against history.

- ``batch``: the seeded batch runner (``run_batch``, ``derive_seeds``; process pool or Dask), one row per game.
- ``row``: that row (``GameRow``) and its stable ``results.csv`` columns.
- ``worker``: one game played and summarised in a worker process (scenario loaded once per process).
- ``dask_worker``: the Dask worker preload (Ctrl+C left to the client).
- ``stats``: intervals and quantiles for the tables.
- ``tables``: the tables as data, rendered as text or Markdown.
- ``report``: the printed tables, ``results.csv`` / ``results.json`` / ``report.md``.
- ``plots``: PNG plots (matplotlib, Agg backend).
- ``batch_cmd``: ``python -m game compare SCENARIO``.
- ``routes``: a game's routes against the documented ones (discrete Frechet distance, corridor share).
- ``record_compare``: ``compare RECORD``, a recorded or saved game against history.
- ``cli``: ``python -m game compare TARGET``, which picks the batch or the record comparison.
"""
