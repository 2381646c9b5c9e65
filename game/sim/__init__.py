"""Headless runs: full games, records, replays, batches and reports."""
