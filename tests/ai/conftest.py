"""AI tests share the two-roads pocket map of the core tests."""

from tests.core.conftest import make_roads_setup  # noqa: F401  (a fixture)
