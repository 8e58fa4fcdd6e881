"""Aiken (ATU form 05) read as Moodle's qformat_aiken reads it, with each slip named at its line."""

from __future__ import annotations

import pytest

from moocforge.quiz.aiken import parse_aiken
from moocforge.quiz.load import load_bank, parse_strict
from moocforge.quiz.model import Kind
from moocforge.quiz.problems import QuizSyntaxError

FORM_05 = """Python тілінде тізім қалай жазылады?
A. (1, 2)
B. [1, 2]
C. {1, 2}
D. <1, 2>
E. 1, 2
ANSWER: B

Сөздіктің кілті қандай болуы мүмкін?

A) өзгермейтін нысан

B) кез келген нысан

C) тек сан
D) тек жол
E) тізім
ANSWER: A
"""


def codes(bank):
    return [(p.code, p.line) for p in bank.problems]


def test_form_05_bank_reads_with_options_keys_and_lines():
    bank = parse_aiken(FORM_05)
    assert bank.problems == []
    first, second = bank.questions
    assert first.kind is Kind.MULTICHOICE and first.single and first.line == 1
    assert [c.text.text for c in first.choices] == ["(1, 2)", "[1, 2]", "{1, 2}", "<1, 2>", "1, 2"]
    assert [c.fraction for c in first.choices] == [0, 1, 0, 0, 0]
    # Blank lines between options (the regulation's own template has them) change nothing.
    assert second.line == 9 and second.correct_index() == 0 and len(second.choices) == 5
    assert bank.question_count == 2


def test_moodle_skips_lines_shorter_than_two_bytes_but_not_one_cyrillic_letter():
    # "x" is one byte and skipped; "Ә" is two bytes in UTF-8, so Moodle reads it as a question.
    bank = parse_aiken("x\nӘ\nA. бір\nB. екі\nANSWER: A\n")
    assert [q.stem.text for q in bank.questions] == ["Ә"]


def test_answer_letter_counts_options_by_position_not_by_label():
    bank = parse_aiken("Q?\nA. one\nC. two\nB. three\nANSWER: B\n")
    assert ("letters_out_of_order", 3) in codes(bank)
    assert bank.questions == []  # Moodle would key "two" (2nd), the author meant "three": not counted


@pytest.mark.parametrize("text, code, line", [
    ("Q?\nА. one\nB. two\nANSWER: B\n", "cyrillic_letter", 2),
    ("Q?\nA. one\nB. two\nanswer: B\n", "answer_lowercase", 4),
    ("Q?\nA. one\nB. two\nAnswer: B\n", "answer_lowercase", 4),
    ("Q?\nA. one\nB. two\nANSWER : B\n", "answer_spacing", 4),
    ("Q?\nA. one\nB. two\nОтвет: B\n", "answer_localized", 4),
    ("Q?\nA. one\nB. two\nANSWER: C\n", "answer_letter_outside", 4),
    ("Q?\nA. one\nB. two\nANSWER: В\n", "answer_letter_cyrillic", 4),
    ("Q?\nA. one\nB. two\nANSWER: b\n", "answer_letter_lowercase", 4),
    ("Q?\nA. one\nB. two\nANSWER:\n", "answer_missing_letter", 4),
    ("Q?\nA. one\nB. two\nANSWER: 2\n", "answer_letter_invalid", 4),
    ("Q?\nA. one\nB. two\nANSWER: A, B\n", "answer_several_letters", 4),
    ("Q?\na) one\nb) two\nANSWER: A\n", "lowercase_letter", 2),
    ("Q?\nA. one\nB - two\nANSWER: A\n", "label_punctuation", 3),
    ("Q?\nA. one\n\u00a0B. two\nANSWER: A\n", "invisible_character", 3),
    ("Q?\nA. one\nANSWER: A\n", "too_few_options", 3),
    ("Q?\nA. one\nB. two\n\nNext?\nA. x\nB. y\nANSWER: A\n", "no_answer_line", 1),
    ("Q?\nA. one\nB. two\n", "no_answer_line_at_end", 1),
    ("A. one\nB. two\nANSWER: A\n", "option_before_question", 1),
    ("ANSWER: A\n", "answer_before_question", 1),
    ("Question text\ncontinued?\nA. one\nB. two\nANSWER: A\n", "multiline_stem", 2),
])
def test_each_authoring_slip_has_its_own_message_at_its_line(text, code, line):
    bank = parse_aiken(text)
    assert (code, line) in codes(bank)
    problem = next(p for p in bank.problems if p.code == code)
    message = problem.text("en")
    assert problem.message_key in (f"QZ101.{code}", f"QZ102.{code}") and message != problem.message_key
    # The slip is never silently counted as a good question.
    assert bank.question_count == 0 or code.startswith("no_answer_line")


@pytest.mark.parametrize("text, code", [
    ("Q?\nA.\u00a0one\nB. two\nANSWER: A\n", "nbsp_after_letter"),
    ("Q?\nA.one\nB. two\nANSWER: A\n", "no_space_after_letter"),
])
def test_version_dependent_notation_is_a_warning_and_the_question_still_counts(text, code):
    bank = parse_aiken(text)
    assert [p.code for p in bank.problems] == [code] and bank.problems[0].severity == "warning"
    assert bank.question_count == 1


def test_distinct_slips_get_distinct_messages():
    slips = ["cyrillic_letter", "answer_lowercase", "nbsp_after_letter", "answer_letter_outside"]
    texts = {parse_aiken(t).problems[0].text("en") for t in (
        "Q?\nА. one\nB. two\nANSWER: B\n", "Q?\nA. one\nB. two\nanswer: B\n",
        "Q?\nA.\u00a0one\nB. two\nANSWER: B\n", "Q?\nA. one\nB. two\nANSWER: E\n")}
    assert len(texts) == len(slips)


def test_an_answer_letter_beyond_the_options_says_what_moodle_does_and_only_that():
    # qformat_aiken grades an option that does not exist: the question is imported, every option worth 0.
    message = parse_aiken("Q?\nA. one\nB. two\nANSWER: D\n").problems[0].text("en")
    assert "imports the question anyway, with every option worth 0" in message and "reject" not in message
    assert "(it has 2 options, A–B)" in message


def test_an_open_question_is_an_import_error_before_another_and_dropped_silently_at_the_end():
    middle = parse_aiken("Q?\nA. one\nB. two\n\nNext?\nA. x\nB. y\nANSWER: A\n").problems[0]
    last = parse_aiken("Q?\nA. one\nB. two\nANSWER: A\nNext?\nA. x\nB. y\n").problems[0]
    assert (middle.code, last.code) == ("no_answer_line", "no_answer_line_at_end")
    assert "imports nothing from the file" in middle.text("en") and "without a word" in last.text("en")


def test_cyrillic_answer_letter_follows_cyrillic_labels_of_the_same_question():
    # Russian-style labels А Б В: the answer "В" is the third option, not the look-alike B.
    bank = parse_aiken("Q?\nА) one\nБ) two\nВ) three\nОтвет: В\n")
    letter = next(p for p in bank.problems if p.code == "answer_letter_cyrillic")
    assert letter.params["latin"] == "C"


def test_multiline_stem_offers_to_join_the_lines():
    bank = parse_aiken("Question text\ncontinued?\nA. one\nB. two\nANSWER: A\n")
    fixes = next(p for p in bank.problems if p.code == "multiline_stem").fixes
    assert [(f.line, f.text) for f in fixes] == [(1, "Question text continued?"), (2, None)]


def test_answer_the_question_is_a_stem_not_an_answer_line():
    bank = parse_aiken("Answer the question: what is 2+2?\nA. 3\nB. 4\nANSWER: B\n")
    assert bank.problems == [] and bank.questions[0].stem.text.startswith("Answer the question")


def test_strict_reading_raises_the_documented_error_with_the_line(tmp_path):
    path = tmp_path / "bank.aiken.txt"
    path.write_text("Q?\nA. one\nB. two\nANSWER: F\n", encoding="utf-8")
    with pytest.raises(QuizSyntaxError) as caught:
        load_bank(path, strict=True)
    assert caught.value.line == 4 and f"{path}:4" in str(caught.value) and "A–B" in str(caught.value)
    with pytest.raises(QuizSyntaxError):
        parse_strict("Q?\nA. one\nANSWER: A\n", "aiken")


def test_empty_file_says_it_holds_no_questions():
    assert [p.code for p in parse_aiken("\n\n").problems] == ["no_questions"]
