"""The pygame client: the only package that imports pygame / pygame_gui."""
