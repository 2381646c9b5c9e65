"""Compare outcomes: plans against each other over many seeded headless games, and a finished game
against history.

- ``batch``: the seeded batch runner (process pool or Dask), one summary row per game.
- ``stats``: intervals and quantiles for the tables.
- ``report``: the printed table, ``results.csv`` / ``results.json`` / ``report.md``.
- ``plots``: PNG plots (matplotlib, Agg backend).
- ``routes``: a game's routes against the documented ones (discrete Frechet distance, corridor share).
- ``record_compare``: ``compare RECORD``, a recorded or saved game against history.
- ``cli``: ``python -m game compare TARGET``, which picks the batch or the record comparison.
"""
