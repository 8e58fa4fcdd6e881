"""Profiles: thresholds with clauses, extension and override."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from moocforge.profiles import ProfileError, builtin_profiles, load_profile
from moocforge.profiles.clauses import Reference, cites, citing, references
from moocforge.rules.registry import all_rules, get_rule


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


@pytest.mark.parametrize("name", ["kaznu", "mes-2020", "katu", "kaznua"])
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


# ---------------------------------------------------------------- institution profiles do something

# The regulation each institution profile encodes, as its clauses name it.
SEEDS = {"kaznu": "KazNU", "mes-2020": "MES 2020", "katu": "KATU", "kaznua": "KazNUA"}


@pytest.mark.parametrize("name, source", sorted(SEEDS.items()))
def test_every_value_an_institution_changes_cites_its_own_regulation(name, source):
    changes = load_profile(name).changes()
    assert changes, f"{name} changes nothing against atu-2025"
    for change in changes:
        sources = {ref.source for ref in references(change.after.clause)}
        assert sources == {source}, f"{name}: {change.key} cites {change.after.clause!r}"


def test_what_each_institution_changes():
    changed = {name: {c.key for c in load_profile(name).changes()} for name in SEEDS}
    assert {"structure.content_refresh_years", "structure.deadlines.tasks", "descriptor.institution_fields",
            "descriptor.certificate.fields"} <= changed["kaznu"]
    assert changed["katu"] == {"structure.content_refresh_years", "structure.tests.time_limit_required",
                               "structure.tests.variant_bank_ratio"}
    assert changed["mes-2020"] == {"structure.subtitles_required", "documents.lecture_text_required"}
    assert changed["kaznua"] == {"packaging.open_platforms_allowed"}
    assert load_profile("kaznua").get("packaging.open_platforms_allowed") is False


def test_changes_against_the_parent(tmp_path):
    path = tmp_path / "dept.yaml"
    path.write_text("extends: kaznu\nstructure:\n  modules:\n    min: {value: 5, clause: 'Dept. decision 1'}\n",
                    encoding="utf-8")
    [change] = load_profile(str(path)).changes()
    assert (change.key, change.before.value, change.after.value) == ("structure.modules.min", 4, 5)
    assert load_profile().changes() == [], "the base profile extends nothing"


def _moocforge(*args):
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "NO_COLOR": "1", "COLUMNS": "250",
           "PYTHONPATH": ":".join(sys.path)}
    return subprocess.run([sys.executable, "-m", "moocforge", *args], capture_output=True, text=True, env=env)


def test_profiles_command_shows_what_a_profile_changes():
    proc = _moocforge("profiles", "katu", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    row = next(line for line in proc.stdout.splitlines() if "structure.content_refresh_years" in line)
    cells = [cell.strip() for cell in row.split("│")]
    assert cells[1:3] == ["—", "1"], "the parent's value, then the profile's"
    assert cells[3].startswith("KATU §8.1.3")
    assert "structure.modules.min" not in proc.stdout, "values as in atu-2025 are summed up, not listed"
    assert "katu changes 3 settings of atu-2025" in " ".join(proc.stdout.split())
    every = _moocforge("profiles", "katu", "--all", "--lang", "en")
    assert "structure.modules.min" in every.stdout


# ---------------------------------------------------------------- clauses

@pytest.mark.parametrize("text, expected", [
    ("ATU §8.4–8.5", [Reference("ATU", section="8.4"), Reference("ATU", section="8.5")]),
    ("ATU form 01 items 16, 18", [Reference("ATU", form="01", items=frozenset({16, 18}))]),
    ("ATU forms 02, 04", [Reference("ATU", form="02"), Reference("ATU", form="04")]),
    ("ATU form 01 item 7, §8.1", [Reference("ATU", form="01", items=frozenset({7})), Reference("ATU", section="8.1")]),
    ("KazNU §4.11; KATU §8.1.3", [Reference("KazNU", section="4.11"), Reference("KATU", section="8.1.3")]),
    ("KazNUA §2.5", [Reference("KazNUA", section="2.5")]),
    ("ATU §8.6 («100 академиялық сағаттан асатын ЖАОК»)", [Reference("ATU", section="8.6")]),
    ("MES 2020 recommendations", [Reference("MES 2020")]),
    ("§11.3–11.5", [Reference("ATU", section=f"11.{n}") for n in (3, 4, 5)]),
    ("no clause at all", []),
])
def test_clause_references(text, expected):
    assert references(text) == expected


@pytest.mark.parametrize("clause, query, answer", [
    ("ATU §11.2", "§11", True),
    ("ATU §1.1", "§11", False),
    ("ATU §9.1–9.2", "§9.1.4", True),  # a rule citing §9.1 as a whole checks §9.1.4
    ("ATU form 01 items 1–15", "form 01 item 7", True),
    ("ATU form 01 item 22", "form 01 item 7", False),
    ("ATU form 08", "form 08", True),
    ("KazNU §4.11", "§4.11", False),  # a bare section is ATU's
    ("KazNU §4.11", "KazNU", True),
])
def test_clause_queries(clause, query, answer):
    assert cites(clause, query) is answer


def test_rules_citing_a_clause_include_those_whose_profile_values_cite_it():
    kaznu = load_profile("kaznu")
    found = {item.id for item in citing(all_rules(), "KazNU", kaznu)}
    assert {"CD104", "CD114", "ST122", "ST126"} <= found
    assert "CD104" not in {item.id for item in citing(all_rules(), "KazNU", load_profile())}
    assert get_rule("ST112") in citing(all_rules(), "§11.2")


def test_rules_command_filters_by_clause():
    proc = _moocforge("rules", "--clause", "§11", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    ids = set(re.findall(r"\b([A-Z]{2}\d{3})\b", proc.stdout))
    assert {"ST112", "ST113", "ST118", "DC102"} <= ids and "ST101" not in ids
    none = _moocforge("rules", "--clause", "§3.1", "--lang", "en")
    assert none.returncode == 0 and "no rule cites §3.1" in none.stdout
    bad = _moocforge("rules", "--clause", "eleven", "--lang", "en")
    assert bad.returncode == 2 and "names no clause" in bad.stderr and "Traceback" not in bad.stderr
