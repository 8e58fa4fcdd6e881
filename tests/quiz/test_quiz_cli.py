"""`moocforge quiz lint|fix|convert|stats` as a user meets them: outputs, files, exit codes, no tracebacks."""

from __future__ import annotations

import json
import sys
import zipfile

import pytest

from moocforge.cli import main
from moocforge.quiz.load import load_bank

GOOD = "Сұрақ?\nA. бір\nB. екі\nC. үш\nD. төрт\nE. бес\nANSWER: B\n"
BROKEN = GOOD.replace("A. бір", "А. бір").replace("ANSWER: B", "answer: b").replace("\n", "\r\n")


def cli(capsys, monkeypatch, *args):
    monkeypatch.setattr(sys, "argv", ["moocforge", *map(str, args)])
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    with pytest.raises(SystemExit) as stop:
        main()
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return stop.value.code, captured.out, captured.err


@pytest.fixture
def banks(tmp_path):
    (tmp_path / "broken.aiken.txt").write_bytes(BROKEN.encode("utf-8"))
    (tmp_path / "good.aiken.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", ["lint", "fix", "convert", "stats"])
def test_each_command_has_help_with_an_example(capsys, monkeypatch, command):
    code, out, _ = cli(capsys, monkeypatch, "quiz", command, "--help")
    assert code == 0 and "Example" in out and f"moocforge quiz {command}" in out


def test_lint_names_file_line_and_fix_and_fails(capsys, monkeypatch, banks):
    code, out, _ = cli(capsys, monkeypatch, "quiz", "lint", banks / "broken.aiken.txt", "--lang", "en")
    assert code == 1
    # the check report's layout: the file, then each finding with its line
    assert f"\n{banks / 'broken.aiken.txt'}\n" in out
    assert "error   QZ101 option letter “А” is Cyrillic" in out and f"{banks / 'broken.aiken.txt'}:2 ·" in out
    assert "QZ101 “answer:” must be written “ANSWER:”" in out and f"{banks / 'broken.aiken.txt'}:7 ·" in out
    assert out.splitlines()[-1] == "3 errors, 0 warnings, 0 info in 1 file"


def test_lint_json_and_clean_exit(capsys, monkeypatch, banks):
    code, out, _ = cli(capsys, monkeypatch, "quiz", "lint", banks / "good.aiken.txt", "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == [] and json.loads(out)["course"]["kind"] == "files"
    code, out, _ = cli(capsys, monkeypatch, "quiz", "lint", banks / "broken.aiken.txt", "-f", "json", "-l", "ru")
    rows = json.loads(out)["findings"]
    assert code == 1 and {r["rule"] for r in rows} == {"QZ101"} and "кириллическая" in rows[0]["message"]


def test_missing_file_is_one_message_and_exit_2(capsys, monkeypatch, tmp_path):
    for command in (["lint"], ["fix"], ["convert", "--to", "gift"], ["stats"]):
        code, _, err = cli(capsys, monkeypatch, "quiz", *command[:1], tmp_path / "nope.gift", *command[1:],
                           "--lang", "en")
        assert code == 2 and "no such file" in err


def test_fix_writes_a_copy_shows_the_diff_and_keeps_the_original(capsys, monkeypatch, banks):
    original = (banks / "broken.aiken.txt").read_bytes()
    code, out, _ = cli(capsys, monkeypatch, "quiz", "fix", banks / "broken.aiken.txt", "--lang", "en")
    copy = banks / "broken.fixed.aiken.txt"
    assert code == 0 and copy.read_text(encoding="utf-8") == GOOD
    assert "-А. бір\n+A. бір" in out and "+ANSWER: B" in out and "line ends CRLF → LF" in out
    assert (banks / "broken.aiken.txt").read_bytes() == original
    assert not list(banks.glob(".*tmp*"))


def test_fix_in_place_changes_the_original(capsys, monkeypatch, banks):
    code, out, _ = cli(capsys, monkeypatch, "quiz", "fix", banks / "broken.aiken.txt", "--in-place", "--lang", "en")
    assert code == 0 and (banks / "broken.aiken.txt").read_bytes() == GOOD.encode("utf-8")
    assert not (banks / "broken.fixed.aiken.txt").exists()
    code, out, _ = cli(capsys, monkeypatch, "quiz", "fix", banks / "broken.aiken.txt", "--lang", "en")
    assert code == 0 and "nothing that quiz fix can correct" in out


def test_convert_writes_the_target_and_lists_what_it_left_out(capsys, monkeypatch, tmp_path):
    gift = tmp_path / "bank.gift"
    gift.write_text("Q1? {=a ~b}\n\nMatch. {=x -> 1 =y -> 2}\n", encoding="utf-8")
    code, out, _ = cli(capsys, monkeypatch, "quiz", "convert", gift, "--to", "aiken", "--lang", "en")
    assert code == 0 and "wrote" in out and "left out (1):" in out
    assert "line 3 “Match.”: Aiken holds only multiple-choice questions (this one is match)" in out
    assert len(load_bank(tmp_path / "bank.aiken.txt").bank.questions) == 1
    out_zip = tmp_path / "export" / "bank.qti.zip"
    code, _, _ = cli(capsys, monkeypatch, "quiz", "convert", gift, "--to", "qti", "-o", out_zip)
    assert code == 0 and "imsmanifest.xml" in zipfile.ZipFile(out_zip).namelist()


def test_convert_refuses_a_bank_with_errors_and_its_own_input(capsys, monkeypatch, banks):
    code, _, err = cli(capsys, monkeypatch, "quiz", "convert", banks / "broken.aiken.txt", "--to", "gift",
                       "--lang", "en")
    assert code == 2 and "first at line 2" in err and "quiz fix" in err
    code, _, err = cli(capsys, monkeypatch, "quiz", "convert", banks / "good.aiken.txt", "--to", "aiken",
                       "--lang", "en")
    assert code == 2 and "is the input file" in err


def test_stats_counts_kinds_keys_and_options(capsys, monkeypatch, tmp_path):
    gift = tmp_path / "bank.gift"
    gift.write_text("$CATEGORY: M1\n\nA? {=a ~b ~c}\n\nB? {~a =b ~c ~d}\n\nC? {T}\n\nIntro only.\n",
                    encoding="utf-8")
    code, out, _ = cli(capsys, monkeypatch, "quiz", "stats", gift, "--format", "json")
    stats = json.loads(out)["files"][str(gift)]
    assert code == 0
    assert stats["by_kind"] == {"multichoice": 2, "truefalse": 1} and stats["descriptions"] == 1
    assert stats["by_category"] == {"M1": 3} and stats["answer_keys"] == {"A": 1, "B": 1}
    assert stats["average_options"] == 3.5
    code, out, _ = cli(capsys, monkeypatch, "quiz", "stats", gift, "--lang", "en")
    assert code == 0 and "multichoice  2" in out and "average options per choice question: 3.5" in out
