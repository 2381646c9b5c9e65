"""Import, in a background thread, what the next screen needs while the player reads this one.

The start screen is shown before the engine, the AI and tcod are imported (about half a second of CPU);
once it is complete, ``App.run`` has them imported behind it so that pressing Start does not wait for them.
Only modules that never touch pygame are imported this way (SDL and its fonts are not thread-safe), and code
that imports them itself calls :func:`wait` first, so that two threads never import the same modules at once
(Python's import locks would report a deadlock for some orders). Example::

    warmup.start("game.play.session")   # returns at once
    warmup.wait()                        # before ``from game.play.session import Session``
"""

from __future__ import annotations

import importlib
import sys
import threading

_thread: threading.Thread | None = None


def start(*modules: str) -> None:
    """Import ``modules`` (those not imported yet) in a background thread; once per process."""
    global _thread
    missing = [m for m in modules if m not in sys.modules]
    if _thread is not None or not missing:
        return
    _thread = threading.Thread(target=_import_all, args=(missing,), name="warmup-imports")
    _thread.start()  # not a daemon: the interpreter waits for it rather than stopping it inside an import


def wait() -> None:
    """Return once the background imports (if any were started) are done."""
    if _thread is not None:
        _thread.join()


def _import_all(modules: list[str]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # imported again where it is needed, and failing there with its own message
            return
