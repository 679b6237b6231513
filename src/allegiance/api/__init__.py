"""HTTP API and dashboard: ``create_app(db_path, token=None)``; run with ``allegiance serve``."""

from allegiance.api.app import create_app

__all__ = ["create_app"]
