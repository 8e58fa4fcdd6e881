"""`moocforge quiz lint|fix|convert|stats` as a user meets them: outputs, files, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import stat
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


@pytest.fixture(autouse=True)
def user_cache(monkeypatch, tmp_path_factory):
    """Where moocforge remembers the files it wrote: one for these tests, never the user's own.

    Shared by the tests (the parsed catalogues in it are worth keeping); what convert remembers is
    keyed by each file's path, size and time, so tests in their own folders never meet.
    """
    monkeypatch.setenv("MOOCFORGE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "user-cache"))


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
    assert code == 0 and "wrote" in out and "left out, 1 question:" in out
    assert "  line 3 “Match.”: Aiken holds only multiple-choice questions (this one is match)" in out
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
    assert code == 0 and "multiple choice  2" in out and "average options per choice question: 3.5" in out


# ---------------------------------------------------------------- never lose what the user has (issue 8: 2, 3)

def test_fix_in_place_through_a_symlink_fixes_the_file_and_keeps_the_link_and_mode(capsys, monkeypatch, tmp_path):
    banks, work = tmp_path / "banks", tmp_path / "course"
    banks.mkdir()
    work.mkdir()
    real = banks / "shared.aiken.txt"
    real.write_bytes(BROKEN.encode("utf-8"))
    real.chmod(0o640)
    link = work / "quiz.aiken.txt"
    link.symlink_to("../banks/shared.aiken.txt")  # relative, as a course repository holds it
    code, _, _ = cli(capsys, monkeypatch, "quiz", "fix", link, "--in-place", "--lang", "en")
    assert code == 0
    assert link.is_symlink() and os.readlink(link) == "../banks/shared.aiken.txt"
    assert real.read_text(encoding="utf-8") == GOOD
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in work.iterdir()) == ["quiz.aiken.txt"]  # nothing written beside the link
    assert sorted(p.name for p in banks.iterdir()) == ["shared.aiken.txt"]


def test_fix_in_place_keeps_the_mode_of_a_plain_file(capsys, monkeypatch, banks):
    bank = banks / "broken.aiken.txt"
    bank.chmod(0o604)
    code, _, _ = cli(capsys, monkeypatch, "quiz", "fix", bank, "--in-place")
    assert code == 0 and stat.S_IMODE(bank.stat().st_mode) == 0o604


def test_convert_never_overwrites_a_file_it_did_not_write(capsys, monkeypatch, banks):
    handwritten = banks / "good.gift"
    handwritten.write_text("// the teacher's own bank\nQ? {=a ~b}\n", encoding="utf-8")
    code, out, err = cli(capsys, monkeypatch, "quiz", "convert", banks / "good.aiken.txt", "--to", "gift",
                         "--lang", "en")
    assert code == 2 and out == ""
    assert f"{handwritten}: the file already exists, and moocforge did not write it" in err and "--force" in err
    assert handwritten.read_text(encoding="utf-8") == "// the teacher's own bank\nQ? {=a ~b}\n"
    code, _, _ = cli(capsys, monkeypatch, "quiz", "convert", banks / "good.aiken.txt", "--to", "gift", "--force")
    assert code == 0 and "Сұрақ?" in handwritten.read_text(encoding="utf-8")


def test_convert_replaces_its_own_output_but_not_after_the_user_edited_it(capsys, monkeypatch, banks):
    source, target = banks / "good.aiken.txt", banks / "good.gift"
    assert cli(capsys, monkeypatch, "quiz", "convert", source, "--to", "gift")[0] == 0
    source.write_text(GOOD.replace("Сұрақ?", "Жаңа сұрақ?"), encoding="utf-8")
    assert cli(capsys, monkeypatch, "quiz", "convert", source, "--to", "gift")[0] == 0  # its own output: replaced
    assert "Жаңа сұрақ?" in target.read_text(encoding="utf-8")
    target.write_text(target.read_text(encoding="utf-8") + "\nMine? {=yes ~no}\n", encoding="utf-8")
    code, _, err = cli(capsys, monkeypatch, "quiz", "convert", source, "--to", "gift", "--lang", "ru")
    assert code == 2 and "файл уже существует" in err
    assert "Mine?" in target.read_text(encoding="utf-8")


def test_convert_to_standard_output_keeps_the_report_apart(capsys, monkeypatch, banks):
    code, out, err = cli(capsys, monkeypatch, "quiz", "convert", banks / "good.aiken.txt", "--to", "moodlexml",
                         "-o", "-", "--lang", "en")
    assert code == 0 and out.startswith('<?xml version="1.0"') and "wrote -: 1 question" in err


# ---------------------------------------------------------------- encodings (issue 8: 4)

WESTERN = "Welche Größe hat ein Würfel?\nA. groß\nB. klein\nC. öde\nANSWER: A\n"


def test_a_windows_1252_bank_is_named_as_such_and_fixed_without_turning_o_umlaut_into_tse(capsys, monkeypatch,
                                                                                          tmp_path):
    bank = tmp_path / "western.aiken.txt"
    bank.write_bytes(WESTERN.replace("\n", "\r\n").encode("cp1252"))
    code, out, _ = cli(capsys, monkeypatch, "quiz", "lint", bank, "--lang", "en")
    assert code == 1 and "saved as Windows-1252 (Western European), not UTF-8" in out
    assert "current Moodle refuses to import it" in out and "cp1251" not in out
    code, out, _ = cli(capsys, monkeypatch, "quiz", "fix", bank, "--in-place", "--lang", "en")
    assert code == 0 and "encoding Windows-1252 (Western European) → UTF-8" in out
    assert bank.read_text(encoding="utf-8") == WESTERN and "ц" not in bank.read_text(encoding="utf-8")


def test_fix_refuses_an_uncertain_encoding_and_takes_encoding(capsys, monkeypatch, tmp_path):
    bank = tmp_path / "lone.aiken.txt"
    original = "Q? é\nA. x\nB. y\nANSWER: A\n".encode("cp1252")  # й in Windows-1251 just as well
    bank.write_bytes(original)
    code, out, err = cli(capsys, monkeypatch, "quiz", "fix", bank, "--in-place", "--lang", "en")
    assert code == 2 and out == "" and "nothing was written" in err
    assert "--encoding cp1251 or --encoding cp1252" in err
    assert bank.read_bytes() == original and sorted(p.name for p in tmp_path.iterdir()) == ["lone.aiken.txt"]
    code, _, _ = cli(capsys, monkeypatch, "quiz", "fix", bank, "--in-place", "--encoding", "cp1252")
    assert code == 0 and bank.read_text(encoding="utf-8") == "Q? é\nA. x\nB. y\nANSWER: A\n"


@pytest.mark.parametrize("encoding, message", [("no-such-codec", "is not the name of an encoding"),
                                               ("utf-8", "byte 0xE9 at offset 3")])
def test_a_wrong_encoding_option_is_one_message(capsys, monkeypatch, tmp_path, encoding, message):
    bank = tmp_path / "lone.aiken.txt"
    bank.write_bytes("Q? é\nA. x\nB. y\nANSWER: A\n".encode("cp1252"))
    code, _, err = cli(capsys, monkeypatch, "quiz", "fix", bank, "--encoding", encoding, "--lang", "en")
    assert code == 2 and message in err


# ---------------------------------------------------------------- convert and lint agree (issue 8: 15)

@pytest.mark.parametrize("bank, rule", [("Q? {~%37%a ~b}\n", "QZ108"), ("Q? {=%50%a =%25%b}\n", "QZ107")])
def test_convert_refuses_what_lint_calls_an_error(capsys, monkeypatch, tmp_path, bank, rule):
    source = tmp_path / "bank.gift"
    source.write_text(bank, encoding="utf-8")
    code, out, _ = cli(capsys, monkeypatch, "quiz", "lint", source, "--format", "json")
    errors = [f["rule"] for f in json.loads(out)["findings"] if f["severity"] == "error"]
    assert code == 1 and errors == [rule]
    code, _, err = cli(capsys, monkeypatch, "quiz", "convert", source, "--to", "moodlexml", "--lang", "en")
    assert code == 2 and "1 error that Moodle would trip over" in err and "first at line 1" in err
    assert not (tmp_path / "bank.xml").exists()


def test_convert_accepts_what_lint_only_warns_about(capsys, monkeypatch, tmp_path):
    source = tmp_path / "bank.gift"
    source.write_text("Q? {~%50%a ~%25%b ~c}\n", encoding="utf-8")  # weights add up to 75 %: Moodle imports it
    code, out, _ = cli(capsys, monkeypatch, "quiz", "lint", source, "--format", "json")
    assert code == 0 and [f["severity"] for f in json.loads(out)["findings"]] == ["warning"]
    assert cli(capsys, monkeypatch, "quiz", "convert", source, "--to", "moodlexml")[0] == 0


def test_a_cp1251_bank_converts_although_lint_reports_its_encoding(capsys, monkeypatch, tmp_path):
    russian = "Какой тип неизменяем?\nA. список\nB. кортеж\nC. словарь\nD. множество\nE. массив\nANSWER: B\n"
    source = tmp_path / "legacy.aiken.txt"
    source.write_bytes(russian.replace("\n", "\r\n").encode("cp1251"))
    code, out, _ = cli(capsys, monkeypatch, "quiz", "lint", source, "--format", "json")
    assert code == 1 and {f["rule"] for f in json.loads(out)["findings"]} == {"QZ103"}
    code, _, _ = cli(capsys, monkeypatch, "quiz", "convert", source, "--to", "gift")
    assert code == 0
    converted = load_bank(tmp_path / "legacy.gift").bank
    assert converted.problems == [] and converted.questions[0].stem.text == "Какой тип неизменяем?"


def test_a_gift_file_of_categories_alone_converts_to_moodle_xml(capsys, monkeypatch, tmp_path):
    source = tmp_path / "categories.gift"
    source.write_text("$CATEGORY: $course$/Модуль 1/Тема 2\n", encoding="utf-8")
    code, out, _ = cli(capsys, monkeypatch, "quiz", "convert", source, "--to", "moodlexml", "--lang", "en")
    assert code == 0 and "0 questions, 1 category" in out
    written = load_bank(tmp_path / "categories.xml").bank
    assert [mark.name for mark in written.categories] == ["$course$/Модуль 1/Тема 2"] and written.questions == []


# ---------------------------------------------------------------- every text in the reader's language (issue 8: 6)

def test_quiz_messages_follow_each_languages_plurals(capsys, monkeypatch, tmp_path):
    source = tmp_path / "bank.gift"
    source.write_text("\n\n".join(f"Q{i}? {{T}}" for i in range(22)) + "\n", encoding="utf-8")
    code, out, _ = cli(capsys, monkeypatch, "quiz", "convert", source, "--to", "gift", "-o",
                       tmp_path / "copy.gift", "--lang", "ru")
    assert code == 0 and f"записан {tmp_path / 'copy.gift'}: 22 вопроса" in out
    code, out, _ = cli(capsys, monkeypatch, "quiz", "stats", source, "--lang", "ru")
    assert code == 0 and f"{source}: 22 вопроса, GIFT" in out and "верно/неверно  22" in out
    source.write_text("\n\n".join(f"Q{i}? {{T}}" for i in range(25)) + "\n", encoding="utf-8")
    code, out, _ = cli(capsys, monkeypatch, "quiz", "stats", source, "--lang", "ru")
    assert f"{source}: 25 вопросов, GIFT" in out
    code, out, _ = cli(capsys, monkeypatch, "quiz", "stats", source, "--lang", "kk")
    assert f"{source}: 25 сұрақ, GIFT" in out and "ақиқат/жалған  25" in out


@pytest.mark.parametrize("lang, text", [("ru", "файл не найден"), ("kk", "мұндай файл жоқ"), ("en", "no such file")])
def test_quiz_errors_are_in_the_readers_language(capsys, monkeypatch, tmp_path, lang, text):
    code, _, err = cli(capsys, monkeypatch, "quiz", "convert", tmp_path / "nope.gift", "--to", "gift",
                       "--lang", lang)
    assert code == 2 and text in err
