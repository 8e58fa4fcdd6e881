"""`moocforge quiz …` commands (lint, fix, convert, stats).

Thin commands: each parses its options, calls one function and renders the
result in the reader's language. ``lint`` is the check pipeline on loose bank
files with the QZ rules selected, so it offers every report format of
``moocforge check``. A problem the user can cause (a missing file, a bank
Moodle would trip over, an output that would overwrite the input) ends in one
message and exit code 2.
"""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Optional

import typer

from ..fileio import write_atomically
from .common import (FAIL_ON_OPTION, FORMAT_OPTION, LANG_OPTION, OUTPUT_OPTION, PROFILE_OPTION, FailOn, Language,
                     OutputFormat, SimpleFormat, UsageProblem, finish_check, resolve_language)

app = typer.Typer(help="Read, lint, fix and convert quiz banks (Aiken, GIFT, Moodle XML, CAPA, QTI).\n\n"
                       "Example: moocforge quiz lint module-01/assessment.aiken.txt",
                  no_args_is_help=True)


class Target(str, enum.Enum):
    gift = "gift"
    aiken = "aiken"
    moodlexml = "moodlexml"
    capa = "capa"
    qti = "qti"


_BANK_SUFFIXES = (".aiken.txt", ".gift", ".aiken", ".xml", ".txt")
_LINE_END_NAMES = {"\r\n": "CRLF", "\r": "CR", "mixed": "mixed CRLF/CR/LF"}


# ---------------------------------------------------------------- helpers

def _fail(message: str) -> None:
    """One message on stderr, exit code 2 (the CLI's usage-error convention)."""
    raise UsageProblem(message)


def _require_files(paths: list[Path], lang: str) -> None:
    from ..i18n import t

    for path in paths:
        if not path.is_file():
            _fail(t("quiz.cli.no_file", lang, path=path))


def _bank_stem(path: Path) -> str:
    name = path.name
    for suffix in _BANK_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[:-len(suffix)]
    return path.stem


def _load_or_fail(path: Path, lang: str):
    """Read a bank for convert/stats; stop with one message if it cannot be read or has errors."""
    from ..i18n import t
    from ..quiz.load import load_bank

    try:
        loaded = load_bank(path)
    except OSError as exc:
        _fail(t("quiz.cli.cannot_read", lang, path=path, error=exc.strerror or exc))
    return loaded


def _refuse_errors(path: Path, bank, lang: str) -> None:
    from ..i18n import t
    from ..quiz.problems import first_error

    problem = first_error(bank.problems)
    if problem is None:
        return
    count = sum(1 for p in bank.problems if p.severity == "error")
    _fail(t("quiz.cli.has_errors", lang, path=path, count=count, line=problem.line, message=problem.text(lang))
          + "\n  " + t("quiz.cli.has_errors_hint", lang, path=path))


# ---------------------------------------------------------------- lint

@app.command()
def lint(
    files: list[Path] = typer.Argument(..., help="Bank files: .aiken.txt, .gift, .xml (or .txt, detected)."),
    format: OutputFormat = FORMAT_OPTION,
    output: Optional[Path] = OUTPUT_OPTION,
    lang: Optional[Language] = LANG_OPTION,
    profile: Optional[str] = PROFILE_OPTION,
    fail_on: FailOn = FAIL_ON_OPTION,
) -> None:
    """Check bank files with the QZ rules of the catalogue, as `moocforge check` does in a course.

    Each finding names the file and line, what is wrong and how to fix it.
    Exit code: 0 nothing at or above --fail-on; 1 findings; 2 a file cannot be read.

    Examples:
      moocforge quiz lint module-01/assessment.aiken.txt
      moocforge quiz lint banks/*.gift --format json --lang ru
      moocforge quiz lint banks/ --format junit -o quiz-report.xml
    """
    from ..check import run_check
    from ..course.loose import ROLE_QUIZ, loose_files

    result = run_check(loose_files(files, ROLE_QUIZ), profile=profile, select=["QZ"])
    finish_check(result, format, lang, output, fail_on)


# ---------------------------------------------------------------- fix

@app.command()
def fix(
    file: Path = typer.Argument(..., help="The bank file to correct."),
    in_place: bool = typer.Option(False, "--in-place", help="Correct the file itself instead of writing a copy."),
    lang: Optional[Language] = LANG_OPTION,
) -> None:
    """Correct what has one obvious correction, and show the diff.

    Cyrillic А В С Е written for Latin letters, `answer:` for `ANSWER:`, a
    non-breaking space after an option letter, a question split over two
    lines, `{true}` in lower case; the file becomes UTF-8 with LF line ends.
    The corrected copy is written next to the original (NAME.fixed.EXT); the
    original changes only with --in-place.

    Examples:
      moocforge quiz fix module-01/assessment.aiken.txt
      moocforge quiz fix quiz.gift --in-place
    """
    from ..i18n import t
    from ..quiz.fix import fix_bank

    language = resolve_language(lang)
    _require_files([file], language)
    try:
        data = file.read_bytes()
    except OSError as exc:
        _fail(t("quiz.cli.cannot_read", language, path=file, error=exc.strerror or exc))
    result = fix_bank(data, file.name)
    if not result.changed:
        typer.echo(t("quiz.cli.nothing_to_fix", language, path=file))
    else:
        target = file if in_place else file.with_name(f"{_bank_stem(file)}.fixed{file.name[len(_bank_stem(file)):]}")
        if result.encoding_changed:
            typer.echo(t("quiz.cli.encoding_change", language, old=result.encoding))
        if result.line_ends_changed:
            typer.echo(t("quiz.cli.line_end_change", language, old=_LINE_END_NAMES.get(result.line_ending, "?")))
        diff = result.diff(str(file), str(target))
        if diff:
            typer.echo(diff, nl=False)
        write_atomically(target, result.fixed.encode("utf-8"))
        typer.echo(t("quiz.cli.fixed_in_place" if in_place else "quiz.cli.fixed_copy", language, path=target))
    if result.remaining:
        typer.echo(t("quiz.cli.still_wrong", language, count=len(result.remaining), path=file))


# ---------------------------------------------------------------- convert

@app.command()
def convert(
    file: Path = typer.Argument(..., help="The bank to convert (Aiken, GIFT or Moodle XML)."),
    to: Target = typer.Option(..., "--to", "-t", help="Target format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Output file (default: next to FILE, with the target's suffix)."),
    lang: Optional[Language] = LANG_OPTION,
) -> None:
    """Write the bank as GIFT, Aiken, Moodle XML, Open edX CAPA problems (zip) or QTI 1.2 (zip).

    Questions the target cannot express are listed with the reason; questions
    written with a change (lost feedback, removed formatting) are listed too.
    A bank with errors Moodle would trip over is refused: fix it first.

    Examples:
      moocforge quiz convert final.aiken.txt --to gift
      moocforge quiz convert bank.gift --to qti -o export/bank.qti.zip
      moocforge quiz convert bank.gift --to capa
    """
    from ..i18n import t
    from ..quiz.writers import TARGETS, write_bank

    language = resolve_language(lang)
    _require_files([file], language)
    loaded = _load_or_fail(file, language)
    _refuse_errors(file, loaded.bank, language)
    target = output or file.with_name(_bank_stem(file) + TARGETS[to.value][1])
    if target.resolve() == file.resolve():
        _fail(t("quiz.cli.same_file", language, path=target))
    result = write_bank(loaded.bank, to.value, name=_bank_stem(file))
    written = len(loaded.bank.questions) - len(result.dropped)
    if written == 0:
        _fail(t("quiz.cli.nothing_to_write", language, path=file, target=to.value))
    write_atomically(target, result.data)
    typer.echo(t("quiz.cli.wrote", language, path=target, count=written))
    for heading, items in (("quiz.cli.left_out", result.dropped), ("quiz.cli.changed", result.changed)):
        if items:
            typer.echo(t(heading, language, count=len(items)))
            for item in items:
                typer.echo("  " + t("quiz.cli.omission", language, line=item.line, label=item.label,
                                    reason=item.text(language)))


# ---------------------------------------------------------------- stats

@app.command()
def stats(
    files: list[Path] = typer.Argument(..., help="Bank files."),
    format: SimpleFormat = typer.Option(SimpleFormat.terminal, "--format", "-f", help="Output format."),
    lang: Optional[Language] = LANG_OPTION,
) -> None:
    """Count questions by kind and category, correct answers by letter, options per question.

    Examples:
      moocforge quiz stats module-*/assessment.aiken.txt
      moocforge quiz stats bank.gift --format json
    """
    from ..quiz.stats import bank_stats, combine

    language = resolve_language(lang)
    _require_files(files, language)
    per_file = {str(path): bank_stats(_load_or_fail(path, language).bank) for path in files}
    total = combine(list(per_file.values()))
    if format is SimpleFormat.json:
        typer.echo(json.dumps({"files": per_file, "total": total}, ensure_ascii=False, indent=2))
        return
    for path, item in per_file.items():
        _print_stats(_t(language, "quiz.cli.stats_title", path=path, count=item["questions"], format=item["format"]),
                     item, language)
    if len(per_file) > 1:
        _print_stats(_t(language, "quiz.cli.stats_total", count=total["questions"]), total, language)


def _t(lang: str, key: str, **params) -> str:
    from ..i18n import t

    return t(key, lang, **params)


def _print_stats(title: str, item: dict, lang: str) -> None:
    typer.echo(title)
    sections = (("quiz.cli.by_kind", item["by_kind"]), ("quiz.cli.by_category", item["by_category"]),
                ("quiz.cli.answer_keys", item["answer_keys"]))
    for key, counts in sections:
        if not counts or (key == "quiz.cli.by_category" and list(counts) == [""]):
            continue  # a bank without $CATEGORY lines has nothing to say here
        typer.echo(f"  {_t(lang, key)}:")
        width = max(len(name or _t(lang, 'quiz.cli.no_category')) for name in counts)
        for name, count in counts.items():
            typer.echo(f"    {(name or _t(lang, 'quiz.cli.no_category')).ljust(width)}  {count}")
    if item["average_options"] is not None:
        typer.echo("  " + _t(lang, "quiz.cli.average_options", value=item["average_options"]))
    if item["errors"] or item["warnings"]:
        typer.echo("  " + _t(lang, "quiz.cli.problems", errors=item["errors"], warnings=item["warnings"]))
