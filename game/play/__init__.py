"""Playing a game interactively, without pygame: sessions (humans and AI), undo, saves."""
