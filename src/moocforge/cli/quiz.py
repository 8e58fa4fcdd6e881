"""`moocforge quiz …` commands (lint, fix, convert, stats).

Thin commands: each parses its options, calls one function and renders the
result in the reader's language. ``lint`` is the check pipeline on loose bank
files with the QZ rules selected, so it offers every report format of
``moocforge check``. A problem the user can cause (a missing file, a bank
Moodle would trip over, an encoding that cannot be told for sure, an output
that would overwrite the input or a file moocforge did not write) ends in one
message, in the reader's language, and exit code 2.
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

# Where `moocforge --help` lists this module's commands (cli/entry.py registers every module).
ORDER = 40

app = typer.Typer(help="Read, lint, fix and convert quiz banks (Aiken, GIFT, Moodle XML, CAPA, QTI).\n\n"
                       "Example: moocforge quiz lint module-01/assessment.aiken.txt",
                  no_args_is_help=True)


class Target(str, enum.Enum):
    gift = "gift"
    aiken = "aiken"
    moodlexml = "moodlexml"
    capa = "capa"
    qti = "qti"


# ---------------------------------------------------------------- helpers

ENCODING_OPTION = typer.Option(None, "--encoding", "-e",
                               help="The file's encoding when detection is unsure "
                                    "(cp1251, cp1252, kz1048, koi8-r …).")


def _echo(key: str, lang: str, *, err: bool = False, **params) -> None:
    from ..i18n import t

    typer.echo(t(key, lang, **params), err=err)


def _require_files(paths: list[Path]) -> None:
    for path in paths:
        if not path.is_file():
            raise UsageProblem("quiz.cli.no_file", file=str(path), hint="quiz.cli.no_file_hint")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageProblem("quiz.cli.cannot_read", file=str(path), error=exc.strerror or str(exc)) from None


def _load_or_fail(path: Path):
    """Read a bank for stats; one message if it cannot be read."""
    from ..quiz.load import read_bank_bytes

    return read_bank_bytes(_read_bytes(path), path.name, source=str(path))


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
    encoding: Optional[str] = ENCODING_OPTION,
    lang: Optional[Language] = LANG_OPTION,
) -> None:
    """Correct what has one obvious correction, and show the diff.

    Cyrillic А В С Е written for Latin letters, `answer:` for `ANSWER:`, a
    non-breaking space after an option letter, a question split over two
    lines, `{true}` in lower case; the file becomes UTF-8 with LF line ends.
    The corrected copy is written next to the original (NAME.fixed.EXT); the
    original changes only with --in-place (through a symbolic link to the file
    it names, keeping the file's permissions). When the file's encoding cannot
    be told for sure, nothing is written: name it with --encoding.

    Examples:
      moocforge quiz fix module-01/assessment.aiken.txt
      moocforge quiz fix quiz.gift --in-place
      moocforge quiz fix old-bank.gift --encoding cp1252
    """
    from ..quiz.convert import bank_stem
    from ..quiz.fix import fix_bank

    language = resolve_language(lang)
    _require_files([file])
    result = fix_bank(_read_bytes(file), str(file), encoding=encoding)
    if result.changed:
        stem = bank_stem(file)
        target = file if in_place else file.with_name(f"{stem}.fixed{file.name[len(stem):]}")
        _show_changes(result, file, target, language)
        write_atomically(target, result.fixed.encode("utf-8"))  # follows a link, keeps the file's mode
        _echo("quiz.cli.fixed_in_place" if in_place else "quiz.cli.fixed_copy", language, path=target)
    else:
        _echo("quiz.cli.nothing_to_fix", language, path=file)
    if result.remaining:
        _echo("quiz.cli.still_wrong", language, count=len(result.remaining), path=file)


def _show_changes(result, file: Path, target: Path, lang: str) -> None:
    if result.encoding_changed:
        from ..quiz.load import encoding_label

        _echo("quiz.cli.encoding_change", lang, old=encoding_label(result.encoding, lang))
    if result.line_ends_changed:
        _echo("quiz.cli.line_end_change", lang, old=_line_end_name(result.line_ending, lang))
    diff = result.diff(str(file), str(target))
    if diff:
        typer.echo(diff, nl=False)


def _line_end_name(line_ending: str, lang: str) -> str:
    from ..i18n import t

    return {"\r\n": "CRLF", "\r": "CR"}.get(line_ending) or t("quiz.cli.line_ends_mixed", lang)


# ---------------------------------------------------------------- convert

@app.command()
def convert(
    file: Path = typer.Argument(..., help="The bank to convert (Aiken, GIFT or Moodle XML)."),
    to: Target = typer.Option(..., "--to", "-t", help="Target format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Output file (default: next to FILE, with the target's suffix); "
                                               "- for standard output."),
    force: bool = typer.Option(False, "--force", help="Replace an existing output file moocforge did not write."),
    encoding: Optional[str] = ENCODING_OPTION,
    lang: Optional[Language] = LANG_OPTION,
) -> None:
    """Write the bank as GIFT, Aiken, Moodle XML, Open edX CAPA problems (zip) or QTI 1.2 (zip).

    Questions the target cannot express are listed with the reason; questions
    written with a change (lost feedback, removed formatting) are listed too.
    A bank `quiz lint` finds errors in is refused: fix it first. An existing
    file at the output is replaced only when moocforge wrote it and it has not
    been changed since; --force replaces any file.

    Examples:
      moocforge quiz convert final.aiken.txt --to gift
      moocforge quiz convert bank.gift --to qti -o export/bank.qti.zip
      moocforge quiz convert bank.gift --to capa
      moocforge quiz convert bank.gift --to moodlexml -o - > bank.xml
    """
    from ..quiz.convert import convert_file

    language = resolve_language(lang)
    _require_files([file])
    done = convert_file(file, to.value, output=output, force=force, encoding=encoding)
    # With the bank on standard output, the report goes to standard error.
    err = output is not None and str(output) in ("-", "/dev/stdout")
    key = "quiz.cli.wrote_with_categories" if done.categories else "quiz.cli.wrote"
    _echo(key, language, err=err, path=done.target, count=done.questions, categories=done.categories)
    for heading, items in (("quiz.cli.left_out", done.output.dropped), ("quiz.cli.changed", done.output.changed)):
        if items:
            _echo(heading, language, err=err, count=len(items))
            for item in items:
                typer.echo("  " + _t(language, "quiz.cli.omission", line=item.line, label=item.label,
                                     reason=item.text(language)), err=err)


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
    _require_files(files)
    per_file = {str(path): bank_stats(_load_or_fail(path).bank) for path in files}
    total = combine(list(per_file.values()))
    if format is SimpleFormat.json:
        typer.echo(json.dumps({"files": per_file, "total": total}, ensure_ascii=False, indent=2))
        return
    for path, item in per_file.items():
        _print_stats(_t(language, "quiz.cli.stats_title", path=path, count=item["questions"],
                        format=_t(language, f"quiz.format.{item['format']}")), item, language)
    if len(per_file) > 1:
        _print_stats(_t(language, "quiz.cli.stats_total", count=total["questions"]), total, language)


def _t(lang: str, key: str, **params) -> str:
    from ..i18n import t

    return t(key, lang, **params)


def _row_names(key: str, counts: dict, lang: str) -> dict[str, str]:
    """What each counted item is called: kinds in the reader's language, a missing category as such."""
    if key == "quiz.cli.by_kind":
        return {name: _t(lang, f"quiz.kind.{name}") for name in counts}
    return {name: name or _t(lang, "quiz.cli.no_category") for name in counts}


def _print_stats(title: str, item: dict, lang: str) -> None:
    typer.echo(title)
    sections = (("quiz.cli.by_kind", item["by_kind"]), ("quiz.cli.by_category", item["by_category"]),
                ("quiz.cli.answer_keys", item["answer_keys"]))
    for key, counts in sections:
        if not counts or (key == "quiz.cli.by_category" and list(counts) == [""]):
            continue  # a bank without $CATEGORY lines has nothing to say here
        typer.echo(f"  {_t(lang, key)}:")
        names = _row_names(key, counts, lang)
        width = max(len(name) for name in names.values())
        for name, count in counts.items():
            typer.echo(f"    {names[name].ljust(width)}  {count}")
    if item["average_options"] is not None:
        typer.echo("  " + _t(lang, "quiz.cli.average_options", value=item["average_options"]))
    if item["errors"] or item["warnings"]:
        typer.echo("  " + _t(lang, "quiz.cli.problems", errors=item["errors"], warnings=item["warnings"]))


def register(parent) -> None:
    parent.add_typer(app, name="quiz")
