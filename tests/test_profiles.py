"""Profiles: thresholds with clauses, extension and override."""

from __future__ import annotations

import pytest

from moocforge.profiles import ProfileError, builtin_profiles, load_profile
from moocforge.rules.registry import all_rules


def test_default_profile_values_carry_clauses():
    profile = load_profile()
    assert profile.name == "atu-2025"
    assert profile.get("structure.modules.min") == 4 and profile.clause("structure.modules.min") == "ATU §8.1"
    for key, threshold in profile.flat().items():
        assert threshold.clause, f"{key} has no clause"


def test_every_rule_threshold_exists_in_default_profile():
    profile = load_profile()
    for item in all_rules():
        for key in item.thresholds:
            profile.threshold(key)  # raises KeyError when missing


@pytest.mark.parametrize("name", ["kaznu", "mes-2020"])
def test_overlays_extend_atu(name):
    profile = load_profile(name)
    assert profile.chain == ["atu-2025", name]
    assert profile.get("structure.modules.max") == 6
    assert name in builtin_profiles()


def test_user_profile_overrides_one_value(tmp_path):
    path = tmp_path / "my.yaml"
    path.write_text("extends: kaznu\nstructure:\n  announcement_chars:\n    max: {value: 800, clause: 'Dept. decision 5'}\n",
                    encoding="utf-8")
    profile = load_profile(str(path))
    assert profile.chain == ["atu-2025", "kaznu", "my"]
    assert profile.get("structure.announcement_chars.max") == 800
    assert profile.clause("structure.announcement_chars.max") == "Dept. decision 5"
    assert profile.get("structure.announcement_chars.min") == 400  # untouched values remain


def test_bad_profiles_give_clear_errors(tmp_path):
    with pytest.raises(ProfileError, match="unknown profile 'atu-1999'.*atu-2025"):
        load_profile("atu-1999")
    with pytest.raises(ProfileError, match="does not exist"):
        load_profile(str(tmp_path / "nope.yaml"))
    broken = tmp_path / "broken.yaml"
    broken.write_text("structure: [unclosed\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="line"):
        load_profile(str(broken))
    loop = tmp_path / "loop.yaml"
    loop.write_text("name: loop\nextends: loop.yaml\n", encoding="utf-8")
    with pytest.raises(ProfileError):
        load_profile(str(loop))


def test_user_profile_in_cp1251_is_read(tmp_path):
    # A department's profile saved from a Windows editor, with a Russian comment.
    path = tmp_path / "dept.yaml"
    path.write_bytes("extends: atu-2025\n# Решение кафедры\nstructure:\n  modules:\n    min: 5\n".encode("cp1251"))
    assert load_profile(str(path)).get("structure.modules.min") == 5
