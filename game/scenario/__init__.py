"""Scenario YAML: safe reading with line marks, schema validation, rasterisation into a GameSetup."""
