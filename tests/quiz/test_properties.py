"""Property tests: readers never fail but in the documented way; writers round-trip what they can express."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moocforge.quiz.aiken import parse_aiken
from moocforge.quiz.canonical import canonical
from moocforge.quiz.gift import parse_gift
from moocforge.quiz.load import parse_strict, read_bank_bytes
from moocforge.quiz.model import BLANK, FORMATS, Bank, CategoryMark, Choice, Kind, MatchPair, NumericAnswer, \
    Question, Text
from moocforge.quiz.moodle import GRADE_FRACTIONS, PHP_WHITESPACE
from moocforge.quiz.moodlexml import parse_moodlexml
from moocforge.quiz.problems import QuizSyntaxError, RULE_OF
from moocforge.quiz.writers import write_bank

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text rich in what the formats treat specially, mixed with anything at all.
SYNTAX = list("ABCEDabcАВСЕ.)~=#{}:\\%->[]TFtf01 \t\n\u00a0/$") + ["ANSWER:", "answer:", "::", "//", "$CATEGORY:",
                                                                 "[html]", "####", "->", "\r\n", "\r"]
ANY_TEXT = st.one_of(st.text(), st.lists(st.sampled_from(SYNTAX), max_size=60).map("".join))


def _lines(text: str) -> int:
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


@SETTINGS
@given(ANY_TEXT, st.sampled_from(["aiken", "gift"]))
def test_any_text_parses_or_raises_the_quiz_syntax_error_with_a_line(text, fmt):
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # readers get normalised text (textio)
    reader = parse_aiken if fmt == "aiken" else parse_gift
    bank = reader(text)
    for problem in bank.problems:
        assert 1 <= problem.line <= _lines(text) and problem.code in RULE_OF
    try:
        parse_strict(text, fmt)
    except QuizSyntaxError as error:
        assert 1 <= error.line <= _lines(text) and str(error)


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from(["bank.aiken.txt", "bank.gift", "bank.xml", "bank.txt"]))
def test_any_bytes_read_into_a_bank_with_problems_never_an_exception(data, name):
    loaded = read_bank_bytes(data, name)
    assert all(p.line >= 1 for p in loaded.bank.problems)


# ---------------------------------------------------------------- generated valid banks

_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co"), blacklist_characters="\r")
_RAW = st.text(_CHARS, max_size=25) | st.lists(st.sampled_from(SYNTAX[:-2] + ["word", " "]), max_size=8).map("".join)


def _clean(text: str) -> str:
    return text.replace("\r", "").strip(PHP_WHITESPACE)


TEXT = _RAW.map(_clean)
NONEMPTY = TEXT.filter(bool)
FORMAT = st.sampled_from(FORMATS)
SIMPLE = st.text(st.sampled_from("abcxyzМұ019-_."), min_size=1, max_size=8)
WEIGHTS = st.sampled_from([round(g * 100, 5) for g in GRADE_FRACTIONS])


@st.composite
def texts(draw, fmt=None, nonempty=False):
    return Text(draw(NONEMPTY if nonempty else TEXT), fmt or draw(FORMAT))


@st.composite
def feedback(draw, fmt):
    text = draw(TEXT)
    return Text(text, draw(st.sampled_from([fmt, draw(FORMAT)]))) if text else None


@st.composite
def choice_questions(draw, fmt):
    single = draw(st.booleans())
    count = draw(st.integers(2, 5))
    choices = []
    for position in range(count):
        text = Text(draw(TEXT), draw(st.sampled_from([fmt, draw(FORMAT)])))
        marked = single and (position == 0 or draw(st.booleans())) and position < count - 1
        if marked:
            choices.append(Choice(text, 1.0, draw(feedback(fmt)), None, True))
        elif draw(st.booleans()):
            choices.append(Choice(text, 0.0, draw(feedback(fmt))))
        else:
            weight = draw(WEIGHTS)
            choices.append(Choice(text, weight / 100, draw(feedback(fmt)), weight))
    return Question(Kind.MULTICHOICE, Text("", fmt), choices=choices, single=single)


@st.composite
def short_questions(draw, fmt):
    answers = draw(st.lists(TEXT.filter(lambda t: "->" not in t), min_size=1, max_size=3))
    choices = []
    for position, answer in enumerate(answers):
        # Without '=' a first answer must not read as something else: TRUE/FALSE, or (empty) a
        # blank line or a '#feedback' numerical block.
        marked = position > 0 or draw(st.booleans()) or answer in ("T", "TRUE", "F", "FALSE", "")
        weight = draw(st.none() | WEIGHTS)
        choices.append(Choice(Text(answer, draw(st.sampled_from([fmt, draw(FORMAT)]))),
                              1.0 if weight is None else weight / 100, draw(feedback(fmt)), weight, marked))
    return Question(Kind.SHORTANSWER, Text("", fmt), choices=choices)


NUMBER = st.integers(-10**6, 10**6).map(lambda n: n / 1000) | st.integers(-10**9, 10**9).map(float)


@st.composite
def numeric_questions(draw, fmt):
    numbers = []
    for position in range(draw(st.integers(1, 3))):
        style = draw(st.sampled_from(["exact", "tolerance", "range"]))
        weight = draw(st.none() | WEIGHTS)
        fraction = 1.0 if weight is None else weight / 100
        marked = position > 0 or draw(st.booleans())
        if style == "range":
            low, high = sorted((draw(NUMBER), draw(NUMBER)))
            middle = (high + low) / 2
            number = NumericAnswer(middle, high - middle, fraction, style="range", low=low, high=high)
        else:
            tolerance = abs(draw(NUMBER)) if style == "tolerance" else 0.0
            number = NumericAnswer(draw(NUMBER), tolerance, fraction, style=style)
        number.feedback, number.weight = draw(feedback(fmt)), weight
        # A lone "0" before any '=' is lost to PHP's empty("0"); the writer adds '=' and so must we.
        alone_zero = style == "exact" and number.value == 0 and weight is None and number.feedback is None
        number.marked = marked or alone_zero
        numbers.append(number)
    if draw(st.booleans()):
        numbers.append(NumericAnswer(None, 0.0, 0.0, draw(feedback(fmt)), style="other", marked=False))
    return Question(Kind.NUMERICAL, Text("", fmt), numbers=numbers)


@st.composite
def match_questions(draw, fmt):
    pairs = [MatchPair(Text(draw(TEXT.filter(lambda t: "->" not in t)), draw(st.sampled_from([fmt, draw(FORMAT)]))),
                       draw(TEXT)) for _ in range(draw(st.integers(2, 4)))]
    return Question(Kind.MATCH, Text("", fmt), pairs=pairs)


@st.composite
def truefalse_questions(draw, fmt):
    return Question(Kind.TRUEFALSE, Text("", fmt), truth=draw(st.booleans()), feedback_true=draw(feedback(fmt)),
                    feedback_false=draw(feedback(fmt)))


@st.composite
def questions(draw):
    fmt = draw(FORMAT)
    kind = draw(st.sampled_from(["choice", "short", "numeric", "match", "truefalse", "essay", "description"]))
    if kind == "description":
        return Question(Kind.DESCRIPTION, draw(texts(fmt, nonempty=True)), title=draw(st.none() | TEXT))
    builder = {"choice": choice_questions, "short": short_questions, "numeric": numeric_questions,
               "match": match_questions, "truefalse": truefalse_questions}.get(kind)
    question = draw(builder(fmt)) if builder else Question(Kind.ESSAY, Text("", fmt))
    if draw(st.booleans()) and kind in ("choice", "short", "truefalse"):
        before, after = draw(TEXT), draw(TEXT)
        stem = _clean(f"{before} {BLANK} {after}")
        question.stem = Text(stem, fmt)
        question.blank = stem.index(BLANK)
    else:
        question.stem = Text(draw(TEXT), fmt)
    question.title = draw(st.none() | TEXT)
    question.general_feedback = draw(feedback(fmt))
    question.idnumber = draw(st.none() | SIMPLE)
    question.tags = draw(st.lists(SIMPLE, max_size=2))
    return question


@st.composite
def banks(draw):
    items = draw(st.lists(questions(), max_size=5))
    marks = sorted(draw(st.lists(st.integers(0, len(items)), max_size=2)))
    bank = Bank(items, [CategoryMark(index, f"$course$/top/{draw(SIMPLE)}") for index in marks])
    for mark in bank.categories:
        for question in items[mark.index:]:
            question.category = mark.name
    return bank


@SETTINGS
@given(banks())
def test_generated_banks_round_trip_through_gift(bank):
    written = write_bank(bank, "gift")
    again = parse_gift(written.data.decode("utf-8"))
    kept = [q for i, q in enumerate(bank.questions) if i not in {o.index for o in written.dropped}]
    assert again.questions == kept, written.data.decode("utf-8")
    assert again.categories == bank.categories or written.dropped
    assert [p.code for p in again.problems if p.severity == "error"] == []


@SETTINGS
@given(banks())
def test_generated_banks_round_trip_through_moodle_xml(bank):
    again = parse_moodlexml(write_bank(bank, "moodlexml").data.decode("utf-8"))
    assert [canonical(q) for q in again.questions] == [canonical(q) for q in bank.questions]
    assert again.categories == bank.categories


@SETTINGS
@given(banks(), st.sampled_from(["capa", "qti"]))
def test_packages_are_well_formed_and_account_for_every_question(bank, target):
    written = write_bank(bank, target)
    archive = zipfile.ZipFile(io.BytesIO(written.data))
    documents = [ET.fromstring(archive.read(name)) for name in archive.namelist()]
    if target == "capa":
        assert len(documents) + len(written.dropped) == len(bank.questions)
    else:
        assert len(list(documents[1].iter("{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}item"))) == len(bank.questions)


# ---------------------------------------------------------------- Aiken: single-line texts, one key

LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co", "Zl", "Zp")), max_size=30).map(
    lambda t: t.strip(PHP_WHITESPACE + "\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff\u3000"))


def _reads_as_stem(stem: str) -> bool:
    bank = parse_aiken(f"{stem}\nA. x\nB. y\nANSWER: A\n")
    return len(bank.questions) == 1 and bank.questions[0].stem.text == stem and not bank.problems


def _reads_as_option(text: str) -> bool:
    bank = parse_aiken(f"Q?\nA. {text}\nB. y\nANSWER: A\n")
    return len(bank.questions) == 1 and bank.questions[0].choices[0].text.text == text and not bank.problems


@st.composite
def aiken_banks(draw):
    items = []
    for _ in range(draw(st.integers(1, 4))):
        options = draw(st.lists(LINE.filter(_reads_as_option), min_size=2, max_size=6))
        key = draw(st.integers(0, len(options) - 1))
        items.append(Question(Kind.MULTICHOICE, Text(draw(LINE.filter(_reads_as_stem)), "plain"), single=True,
                              choices=[Choice(Text(o, "plain"), 1.0 if i == key else 0.0, marked=i == key)
                                       for i, o in enumerate(options)]))
    return Bank(items, format="aiken")


@SETTINGS
@given(aiken_banks())
def test_generated_form_05_banks_round_trip_through_aiken_and_gift(bank):
    aiken = write_bank(bank, "aiken")
    assert aiken.omissions == []
    assert parse_aiken(aiken.data.decode("utf-8")) == bank
    via_gift = parse_gift(write_bank(bank, "gift").data.decode("utf-8"))
    assert parse_aiken(write_bank(via_gift, "aiken").data.decode("utf-8")) == bank
