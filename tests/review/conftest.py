"""Fixtures of the review tests: media files come from tests/media_factory.py."""

from __future__ import annotations

from media_factory import media, private_user_cache

__all__ = ["media", "private_user_cache"]  # fixtures: importing them here makes them this folder's
