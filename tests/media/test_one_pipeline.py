"""One pipeline: what it reads, what it keeps, and every checking command offering every report format.

``check``, ``media check``, ``media qc`` and ``quiz lint`` are ``run_check`` with a
rule selection; only the evidence the selected rules need is gathered, and the
JSON result carries that evidence so later steps need not read media again.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from moocforge.check import run_check
from moocforge.inspect import InspectOptions, gather_evidence
from moocforge.media.probe import PROBES
from moocforge.profiles import load_profile
from moocforge.report import REPORT_FORMATS

VIDEOS = {(1, 1): [{"file": "upload_good", "master": "long_gop"}]}


def test_selecting_a_structure_rule_reads_no_media(tmp_path, media_course):
    root = media_course(tmp_path / "c", videos=VIDEOS)
    before = PROBES.value
    result = run_check(root, select=["ST101"], options=InspectOptions(use_cache=False))
    assert PROBES.value == before  # no MediaInfo read at all
    assert result.evidence.gathered() == [] and list(result.rules) == ["ST101"]
    run_check(root, select=["MD102"], options=InspectOptions(use_cache=False))
    assert PROBES.value == before + 3  # the upload file, its master and the promo


def test_evidence_kinds_come_from_the_registry_with_what_they_build_on(tmp_path, media_course):
    root = media_course(tmp_path / "c", videos=VIDEOS)
    from moocforge.course.loader import load_course

    evidence = gather_evidence(load_course(root), load_profile(), InspectOptions(use_cache=False), needs={"policy"})
    assert evidence.gathered() == ["media", "policy"]  # policy outcomes build on media facts
    evidence = gather_evidence(load_course(root), load_profile(), InspectOptions(), needs={"qc"})
    assert evidence.gathered() == ["media"]  # deep analysis only when asked for (--deep)


def test_a_saved_json_result_carries_the_evidence_typed(tmp_path, media_course, short_thresholds):
    root = media_course(tmp_path / "c", videos={(1, 2): [{"file": "qc_faults"}]})
    out = tmp_path / "result.json"
    proc = subprocess.run([sys.executable, "-m", "moocforge", "check", str(root), "--deep", "--select", "MD",
                           "--select", "QZ", "--select", "DC105", "--profile", str(short_thresholds),
                           "--format", "json", "-o", str(out)], capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    evidence = document["evidence"]
    facts = evidence["media"]["module-01/lesson-02/lecture-1.mp4"]
    assert facts["video"]["width"] == 320 and isinstance(facts["duration"], float)
    figures = evidence["qc"]["module-01/lesson-02/lecture-1.mp4"]
    assert figures["blacks"] == [[2.0, 4.0]] and isinstance(figures["integrated_lufs"], float)
    (check,) = evidence["policy"]["module-01/lesson-02/lecture-1.mp4"]
    assert check["policy"] == "atu-upload" and {t["result"] for t in check["tests"]} >= {"pass", "fail"}
    bank = evidence["quiz"]["final/final.aiken.txt"]
    assert bank["question_count"] == 20 and bank["stats"]["by_kind"] == {"multichoice": 20}
    assert document["options"] == {"deep": True, "online": False,
                                   "evidence_gathered": ["media", "policy", "qc", "quiz"]}
    silence = next(f for f in document["findings"] if f["rule"] == "MD113")
    assert silence["measured"] == {"value": 2.0, "unit": "s"} and silence["expected"]["op"] == "<"
    assert document["rules"]["MD113"]["criteria"] == [1]


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "moocforge", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**__import__("os").environ, "NO_COLOR": "1", "COLUMNS": "160"})


def _assert_format(fmt: str, text: str) -> None:
    if fmt in ("json", "sarif"):
        json.loads(text)
    elif fmt == "junit":
        assert ET.fromstring(text.encode("utf-8")).tag == "testsuites"
    elif fmt == "github":
        assert text.splitlines()[-1].startswith("moocforge: ")
    else:
        assert text.strip()


@pytest.mark.parametrize("fmt", sorted(REPORT_FORMATS))
def test_every_checking_command_offers_every_format_with_the_same_exit_codes(fmt, media, tmp_path):
    bank = tmp_path / "bank.aiken.txt"
    bank.write_text("Сұрақ?\nА. бір\nB. екі\nANSWER: B\n", encoding="utf-8")  # a Cyrillic А: an error
    runs = {
        "media check": (["media", "check", "--policy", "atu-upload", media.get("khz44")], 1),
        "media qc": (["media", "qc", media.get("qc_clean")], 0),
        "quiz lint": (["quiz", "lint", bank], 1),
    }
    for name, (args, code) in runs.items():
        proc = _cli(*args, "--format", fmt)
        assert proc.returncode == code, (name, proc.stdout, proc.stderr)
        _assert_format(fmt, proc.stdout)
    proc = _cli("quiz", "lint", bank, "--format", fmt, "--fail-on", "warning", "-o", tmp_path / f"out.{fmt}")
    assert proc.returncode == 1 and proc.stdout == ""
    _assert_format(fmt, (tmp_path / f"out.{fmt}").read_text(encoding="utf-8"))
