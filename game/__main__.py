"""Entry point for ``python -m game`` (and the ``shusha`` script): the command line, with a quiet end when the
user presses Ctrl+C or closes the pipe the output goes to (``... | head``)."""

from __future__ import annotations

import os
import sys

from game.cli import main

INTERRUPTED = 130  # the shell's code for a process ended by SIGINT


def run() -> int:
    """``main()``, with Ctrl+C and a closed output pipe ending the program without a traceback."""
    try:
        code = main()
        sys.stdout.flush()  # here, not at exit, so a closed pipe is caught below
        return code
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        # the reader went away (``| head``): send what is still buffered nowhere, so exiting prints no error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    raise SystemExit(run())
