"""Screens of the client: start, game, end."""
