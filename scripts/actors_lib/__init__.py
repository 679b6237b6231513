"""Helpers for scripts/build_actors.py and scripts/check_actors.py (not part of the package)."""
