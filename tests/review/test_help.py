"""The review's commands explain themselves with examples, like every other command."""

from __future__ import annotations

import pytest

from review.review_factory import run_cli


@pytest.mark.parametrize("command", ["score", "review", "review sheet", "review merge", "protocol", "forms"])
def test_every_review_command_has_help_with_an_example(command):
    code, out, err = run_cli(*command.split(), "--help")
    assert code == 0, err
    assert "Example" in out
