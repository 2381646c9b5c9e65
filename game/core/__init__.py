"""Headless, deterministic game core: numpy grid layers, rules, engine. Never imports pygame or YAML."""
