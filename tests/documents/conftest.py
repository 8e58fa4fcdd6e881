"""Fixtures of the document tests: a course whose PDFs and decks are real (tests/documents/factory.py)."""

from __future__ import annotations

import pytest

from course_factory import good_descriptor, write_course
from documents.factory import write_documents


@pytest.fixture
def document_course(tmp_path):
    """``document_course(specs=None, data=None)``: a complete course with real documents, ``specs`` applied."""
    def make(specs: dict | None = None, data: dict | None = None):
        data = data or good_descriptor()
        root = write_course(tmp_path / "course", data)
        write_documents(root, data, specs or {})
        return root

    return make
