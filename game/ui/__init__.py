"""The pygame client: the only package that imports pygame / pygame_gui."""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
