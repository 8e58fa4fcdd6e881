"""The terminal report: grouping, content, translation, summary and colour."""

from __future__ import annotations

import io

import pytest

from moocforge.report import output_style, render_report, terminal


def positions(text: str, *needles: str) -> list[int]:
    found = [text.find(n) for n in needles]
    assert -1 not in found, [n for n, p in zip(needles, found) if p == -1]
    return found


def test_groups_course_wide_first_then_modules_then_lessons(checked):
    text = terminal.render(checked, "kk", color=False, width=120)
    course, m1, lesson, m2 = positions(text, "Бүкіл курс бойынша", "M1 модулі · 1-модуль",
                                       "M2.L1 сабағы · 1-сабақ", "M2 модулі")
    assert course < m1 < m2 < lesson  # a lesson sits under its own module's heading
    # each finding sits in its group: ST101 is course-wide, ST110 is M1's, ST104 is lesson M2.L1's
    st101, st110, st104 = positions(text, "ST101", "ST110", "ST104")
    assert course < st101 < m1 < st110 < m2 < lesson < st104


def test_each_finding_shows_severity_rule_place_message_and_numbers(checked):
    text = terminal.render(checked, "kk", color=False, width=200)
    line = next(l for l in text.splitlines() if "ST101" in l)
    assert "✖ қате" in line and "курста 3 модуль бар; 4–6 болуы тиіс" in line
    details = text.splitlines()[text.splitlines().index(line) + 1]
    assert "course.yaml:" in details and "өлшенгені: 3" in details and "болуы тиіс: 4–6" in details
    assert "тармақ: ATU §8.1" in details


def test_location_without_line_and_unnamed_file(handmade):
    text = terminal.render(handmade, "en", color=False, width=200)
    assert "slide 3" in text  # the slide location stands where file:line would
    assert "дәріс 1, нұсқа 50%.pdf" in text  # file without a line: no ':None'
    assert ":None" not in text and "None" not in text


@pytest.mark.parametrize("lang, summary", [
    ("en", "3 errors, 1 warning, 1 info in 2 files"),
    ("ru", "3 ошибки, 1 предупреждение, 1 сведение в 2 файлах"),
    ("kk", "2 файлда: 3 қате, 1 ескерту, 1 ақпарат"),
])
def test_summary_line_counts_by_severity_and_files(handmade, lang, summary):
    text = terminal.render(handmade, lang, color=False, width=120)
    assert text.rstrip().splitlines()[-1] == summary


def test_summary_of_a_real_check(checked):
    text = terminal.render(checked, "ru", color=False)
    assert text.rstrip().splitlines()[-1] == "4 ошибки, 1 предупреждение, 0 сведений в 1 файле"


def test_clean_course_says_so(clean):
    text = terminal.render(clean, "kk", color=False)
    assert text.rstrip().endswith("Ескертпе жоқ: курс тексерілген барлық ережеге сай.")


def test_kazakh_report_has_no_english_labels(checked):
    lines = terminal.render(checked, "kk", color=False, width=200).splitlines()
    assert lines[1].startswith("қалта ")
    text = "\n".join(lines[:1] + lines[2:])  # the folder path is the test's, not a label
    for english in ("error", "warning", "Module", "Lesson", "Whole course", "measured", "expected",
                    "clause", "folder", "profile "):
        assert english not in text, english


def test_plain_output_has_no_escape_codes_and_no_trailing_spaces(checked):
    text = terminal.render(checked, "kk", color=False, width=80)
    assert "\x1b[" not in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_colour_when_asked(checked):
    text = terminal.render(checked, "kk", color=True, width=80)
    assert "\x1b[1;31m" in text  # errors in bold red


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_follows_the_terminal_and_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert output_style.wants_color(FakeTTY()) is True
    assert output_style.wants_color(io.StringIO()) is False  # redirected to a file or pipe
    monkeypatch.setenv("NO_COLOR", "1")
    assert output_style.wants_color(FakeTTY()) is False
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert output_style.wants_color(io.StringIO()) is True


def test_no_color_env_reaches_the_default_render(checked, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" not in render_report(checked, "terminal", "kk")


def test_narrow_terminal_wraps_without_losing_text(checked):
    text = terminal.render(checked, "ru", color=False, width=50)
    assert all(len(line) <= 50 for line in text.splitlines())
    assert "ST104" in text and "ATU §8.3" in " ".join(text.split())
