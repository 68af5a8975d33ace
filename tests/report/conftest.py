"""Fixtures of the report tests (defined in support.py)."""

from .support import in_fixtures  # noqa: F401
