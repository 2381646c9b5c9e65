"""Small grammar helpers for the texts players read (counts with the right noun)."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` with its noun in the right number: "no casualties", "1 casualty", "12 casualties".

    >>> counted(0, "casualty", "casualties"), counted(1, "casualty", "casualties"), counted(3, "cell")
    ('no casualties', '1 casualty', '3 cells')
    """
    many = many or one + "s"
    if n == 0:
        return f"no {many}"
    return f"{n} {one if n == 1 else many}"


def casualties(n: int) -> str:
    """The casualties of a fire or an ambush: "no casualties", "1 casualty", "7 casualties"."""
    return counted(n, "casualty", "casualties")
