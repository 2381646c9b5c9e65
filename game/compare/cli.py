"""``python -m game compare TARGET``: a scenario -> a batch of seeded games per plan; a record or save -> that
game against history."""

from __future__ import annotations

import argparse
from pathlib import Path


def is_record(path: str) -> bool:
    """Whether ``path`` is a game record or save (JSON lines starting with a header object) rather than a
    scenario (YAML)."""
    p = Path(path)
    if p.suffix in (".jsonl", ".json"):
        return True
    if p.suffix in (".yaml", ".yml"):
        return False
    try:
        with p.open("rb") as f:
            head = f.read(64).lstrip()
    except OSError:
        return False
    return head.startswith(b"{")


def compare_main(args: argparse.Namespace) -> int:
    """Dispatch to the record comparison or the batch of games."""
    if is_record(args.target):
        from game.compare.record_compare import compare_record_main

        return compare_record_main(args)
    from game.compare.batch_cmd import compare_batch_main

    return compare_batch_main(args)
