"""Real media for the caption tests (a video's duration) from tests/media_factory.py."""

from media_factory import media, private_user_cache

__all__ = ["media", "private_user_cache"]
