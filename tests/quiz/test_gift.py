"""GIFT read as Moodle's qformat_gift reads it: kinds, escapes, formats, feedback, quirks."""

from __future__ import annotations

import pytest

from moocforge.quiz.gift import parse_gift
from moocforge.quiz.model import Kind


def one(text):
    bank = parse_gift(text)
    assert len(bank.questions) == 1, (bank.questions, bank.problems)
    return bank.questions[0]


@pytest.mark.parametrize("answers, kind", [
    ("{}", Kind.ESSAY),
    ("{####general only}", Kind.ESSAY),
    ("{#42}", Kind.NUMERICAL),
    ("{~a =b}", Kind.MULTICHOICE),
    ("{=a -> 1 =b -> 2}", Kind.MATCH),
    ("{T}", Kind.TRUEFALSE),
    ("{FALSE#no#yes}", Kind.TRUEFALSE),
    ("{=one =two}", Kind.SHORTANSWER),
    ("{One}", Kind.SHORTANSWER),
])
def test_kind_is_decided_from_the_answer_block_as_moodle_does(answers, kind):
    assert one(f"Question? {answers}").kind is kind


def test_description_has_no_answer_block():
    question = one("::Intro::Read the text below first.")
    assert question.kind is Kind.DESCRIPTION and question.title == "Intro" and not question.is_gradable


def test_multiple_choice_with_weights_feedback_and_general_feedback():
    question = one("::W::Which are prime? {\n~%50%2#yes\n~%50%3\n~%-100%4#no\n####Primes have two divisors.\n}")
    assert not question.single
    assert [(c.text.text, c.fraction, c.feedback.text if c.feedback else None) for c in question.choices] == [
        ("2", 0.5, "yes"), ("3", 0.5, None), ("4", -1.0, "no")]
    assert question.general_feedback.text == "Primes have two divisors."


def test_single_answer_is_decided_by_any_equals_sign():
    assert one("Q {~a =b ~c}").single
    assert not one("Q {~%100%a ~b}").single


def test_equals_answer_in_multiple_choice_keeps_a_weight_as_text():
    # Moodle tests '=' before the weight: "=%50%x" is a full-credit answer whose text is "%50%x".
    choice = one("Q {=%50%x ~y}").choices[0]
    assert (choice.fraction, choice.text.text, choice.weight) == (1.0, "%50%x", None)


def test_truefalse_feedback_first_for_a_wrong_response_then_a_right_one():
    true_question = one("Sky is blue.{TRUE#Look up.#Right.}")
    assert true_question.truth is True
    assert (true_question.feedback_false.text, true_question.feedback_true.text) == ("Look up.", "Right.")
    false_question = one("Sky is green.{F#Look up.#Right.}")
    assert (false_question.feedback_true.text, false_question.feedback_false.text) == ("Look up.", "Right.")


def test_numerical_answers_in_every_notation():
    question = one("Pi? {#\n=3.14159:0.001#close\n=%50%3..3.3\n=%25%3\n~#no}")
    values = [(n.style, n.value, n.tolerance, n.fraction) for n in question.numbers]
    assert values[0] == ("tolerance", 3.14159, 0.001, 1.0)
    assert values[1][0] == "range" and values[1][1] == pytest.approx(3.15) and values[1][3] == 0.5
    assert values[2] == ("exact", 3.0, 0.0, 0.25)
    assert values[3] == ("other", None, 0.0, 0.0) and question.numbers[3].feedback.text == "no"


def test_missing_word_puts_the_blank_where_the_block_was():
    question = one("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert question.stem.text == "Grant is _____ in Grant's tomb."
    assert question.stem.text[question.blank:question.blank + 5] == "_____"


def test_every_escape_and_a_literal_backslash():
    question = one(r"Escapes \~ \= \# \{ \} \: and \\ and line\nbreak {=a\=b}")
    assert question.stem.text == "Escapes ~ = # { } : and \\ and line\nbreak"
    assert question.choices[0].text.text == "a=b"


@pytest.mark.parametrize("marker, fmt", [("[html]", "html"), ("[markdown]", "markdown"), ("[plain]", "plain"),
                                         ("[moodle]", "moodle")])
def test_format_marker_sets_the_format_and_answers_inherit_it(marker, fmt):
    question = one(f"{marker}<b>Q</b> {{~a =[plain]b}}")
    assert question.stem.format == fmt and question.choices[0].text.format == fmt
    assert question.choices[1].text.format == "plain"


def test_category_title_id_and_tags():
    bank = parse_gift("$CATEGORY: $course$/top/M1.2\n\n// [id:Q-7] [tag:M1.2] [tag:python]\n::T::Q? {T}\n")
    question = bank.questions[0]
    assert bank.categories[0].name == "$course$/top/M1.2" and question.category == "$course$/top/M1.2"
    assert (question.idnumber, question.tags, question.title) == ("Q-7", ["M1.2", "python"], "T")


def test_comments_alone_make_no_question_and_a_zero_line_splits_like_a_blank_one():
    bank = parse_gift("// only a comment\n\nFirst? {T}\n0\nSecond? {F}\n")
    assert [q.stem.text for q in bank.questions] == ["First?", "Second?"]
    assert [q.line for q in bank.questions] == [3, 5]


@pytest.mark.parametrize("text, code, line", [
    ("Q? {=a\n", "brace_missing", 1),
    ("Q? =a}\n", "brace_missing", 1),
    ("Q? } a {\n", "brace_order", 1),
    ("Q? {~a}\n", "too_few_answers", 1),
    ("Q? {=a -> 1 =b}\n", "match_arrow_missing", 1),
    ("Q? {#}\n", "numerical_no_answers", 1),
    ("Q? {#abc}\n", "numerical_not_number", 1),
    ("Q? {#1..x}\n", "numerical_not_number", 1),
    ("Q? {~%--50%a =b}\n", "weight_invalid", 1),
    ("$CATEGORY: a\nQ? {T}\n", "category_swallows", 2),
])
def test_errors_moodle_would_trip_over(text, code, line):
    bank = parse_gift(text)
    assert [(p.code, p.line) for p in bank.problems] == [(code, line)]
    assert bank.problems[0].severity == "error"
    assert not bank.questions


@pytest.mark.parametrize("text, missing", [("Q? {=a ~b\n", "}"), ("Q? =a ~b}\n", "{")])
def test_a_missing_brace_is_named_as_the_one_that_is_missing(text, missing):
    problem = parse_gift(text).problems[0]
    assert problem.params == {"brace": missing}
    assert f"the answer block has no “{missing}”" in problem.text("en")
    assert "imports nothing from the file" in problem.text("en")  # Moodle's default "Stop on error"


@pytest.mark.parametrize("text, code", [
    ("Q? {true}\n", "truefalse_case"),
    ("[HTML]<b>Q</b> {T}\n", "format_case"),
    ("::Title without end Q? {T}\n", "title_unclosed"),
    ("Q {=a} and {=b}\n", "second_answer_block"),
    ("$CATEGORY: a\\:b\n", "category_escape"),
])
def test_notations_that_read_unexpectedly_are_warnings(text, code):
    bank = parse_gift(text)
    assert [p.code for p in bank.problems] == [code] and bank.problems[0].severity == "warning"


def test_lower_case_true_becomes_a_short_answer_as_in_moodle():
    bank = parse_gift("Q? {true}\n")
    assert bank.questions[0].kind is Kind.SHORTANSWER
    assert bank.problems[0].fixes[0].text == "Q? {TRUE}"


def test_problem_lines_point_inside_multi_line_questions():
    bank = parse_gift("// comment\n::T::\nLong question\ncontinues {#\n=1\n=x\n}\n")
    assert [(p.code, p.line) for p in bank.problems] == [("numerical_not_number", 4)]
    good = parse_gift("// c\n::T::\n\n")
    assert good.questions[0].line == 2
