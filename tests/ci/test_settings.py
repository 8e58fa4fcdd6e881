"""Acceptance 1: settings in course.yaml's check section or moocforge.toml; the command line wins; --show-config."""

from __future__ import annotations

import json

import yaml

from moocforge.ci.settings import settings_for
from moocforge.course.loader import load_course


def test_the_check_section_decides_select_and_fail_on(tmp_path, make_course, json_check):
    root = make_course(tmp_path / "c")
    document, code = json_check(root)
    assert sorted(f["rule"] for f in document["findings"]) == ["CD105", "ST101"], "select: [ST101, CD105] applied"
    assert code == 1
    only_warning = make_course(tmp_path / "w", select=["CD105"], fail_on="warning")
    document, code = json_check(only_warning)
    assert [f["rule"] for f in document["findings"]] == ["CD105"] and code == 1, "a warning fails with fail_on: warning"


def test_the_command_line_overrides_the_course(tmp_path, make_course, json_check):
    root = make_course(tmp_path / "c", fail_on="warning", lang="ru")
    document, code = json_check(root, "--select", "CD105", "--fail-on", "error", "--lang", "en")
    assert [f["rule"] for f in document["findings"]] == ["CD105"]
    assert code == 0, "--fail-on error wins over fail_on: warning"
    assert document["language"] == "en"


def test_moocforge_toml_beside_course_yaml(tmp_path, make_course, json_check):
    root = make_course(tmp_path / "c")
    data = yaml.safe_load((root / "course.yaml").read_text(encoding="utf-8"))
    del data["check"]
    (root / "course.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (root / "moocforge.toml").write_text('[check]\nselect = ["ST101"]\nlang = "en"\n\n[[check.exceptions]]\n'
                                         'rules = ["ST101"]\npaths = ["course.yaml"]\nreason = "protocol 7"\n',
                                         encoding="utf-8")
    document, code = json_check(root)
    assert document["findings"] == [] and code == 0
    assert [s["rule"] for s in document["suppressed"]] == ["ST101"]
    assert document["suppressed"][0]["suppression"]["origin"] == {"file": "moocforge.toml", "line": None}
    settings = settings_for(load_course(root))
    assert (settings.value("select"), settings.source("select")) == (["ST101"], "moocforge.toml")


def test_settings_in_two_places_are_refused(tmp_path, make_course, run):
    root = make_course(tmp_path / "c")
    (root / "moocforge.toml").write_text('[check]\nfail_on = "warning"\n', encoding="utf-8")
    done = run("check", root, "--lang", "en")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "moocforge.toml" in done.stderr and "check: section of course.yaml" in done.stderr


def test_a_mistake_in_moocforge_toml_is_one_message(tmp_path, make_course, run):
    root = make_course(tmp_path / "c")
    data = yaml.safe_load((root / "course.yaml").read_text(encoding="utf-8"))
    del data["check"]
    (root / "course.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (root / "moocforge.toml").write_text('[check]\nfail_on = "warnings"\n', encoding="utf-8")
    done = run("check", root, "--lang", "en")
    assert done.returncode == 2 and "check.fail_on" in done.stderr and "warnings" in done.stderr
    (root / "moocforge.toml").write_text('[check\n', encoding="utf-8")
    done = run("check", root, "--lang", "en")
    assert done.returncode == 2 and "not valid TOML" in done.stderr and "Traceback" not in done.stderr


def test_show_config_names_the_source_of_every_value(tmp_path, make_course, run):
    root = make_course(tmp_path / "c", fail_on="warning", exceptions=[
        {"rules": ["ST101"], "paths": ["course.yaml"], "reason": "protocol 7", "expires": "2099-01-01"}])
    done = run("check", root, "--show-config", "--lang", "en", "--deep")
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line for line in done.stdout.splitlines() if line.strip() and line.split()[0] in
            ("profile", "select", "fail_on", "deep", "online")}
    fail_on_line = next(n for n, text in enumerate((root / "course.yaml").read_text().split("\n"), 1)
                        if text.strip().startswith("fail_on:"))
    assert f"course.yaml:{fail_on_line}" in rows["fail_on"] and "warning" in rows["fail_on"]
    assert "command line" in rows["deep"] and "true" in rows["deep"]
    assert "default" in rows["online"]
    assert "ST101 → course.yaml (until 2099-01-01) — protocol 7" in done.stdout
    as_json = json.loads(run("check", root, "--show-config", "--format", "json").stdout)
    assert as_json["settings"]["fail_on"] == {"value": "warning", "source": f"course.yaml:{fail_on_line}"}
    assert as_json["exceptions"][0]["reason"] == "protocol 7"
