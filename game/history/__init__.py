"""The documented route and timeline (historical replay) and the shared timeline model both replay viewers use.

Headless: no pygame here. ``scene`` holds what a viewer draws at one step of any timeline (the documented
approach or a recorded game).
"""
