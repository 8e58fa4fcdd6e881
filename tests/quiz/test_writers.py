"""Conversion: round trips, and every question a target cannot take listed with its reason."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

import pytest

from moocforge.quiz.aiken import parse_aiken
from moocforge.quiz.canonical import canonical
from moocforge.quiz.gift import parse_gift
from moocforge.quiz.load import load_bank
from moocforge.quiz.model import Kind
from moocforge.quiz.moodlexml import parse_moodlexml
from moocforge.quiz.writers import TARGETS, write_bank

EVERY_KIND = """$CATEGORY: $course$/top/M1

// [id:q1] [tag:M1.1]
::Capital::What is the capital of Kazakhstan? {
=Astana#Correct
~Almaty#The former capital
~Shymkent
}

::Primes::Which are prime? {~%50%2 ~%50%3 ~%-100%4}

Python is compiled.{FALSE#It is interpreted.#Right.}

Name a Python web framework. {=Django =Flask =%50%Bottle#less common}

How many bits in a byte? {#8:0 ~#A byte has eight bits.}

Match the type. {=int -> 42 =str -> text =list -> [1]}

Describe the GIL. {####[html]<p>Mention threads.</p>}

[html]<p>Read the code below.</p>

The keyword {=def} defines a function.
"""

FORM_05 = """Тізімнің соңғы элементі қалай алынады?
A. a[0]
B. a[-1]
C. a[len(a)]
D. a.last()
E. a[::-1]
ANSWER: B

Қай тип өзгермейді?
A) list
B) dict
C) set
D) tuple
E) bytearray
ANSWER: D
"""


@pytest.fixture
def every_kind(tmp_path):
    path = tmp_path / "bank.gift"
    path.write_text(EVERY_KIND, encoding="utf-8")
    bank = load_bank(path).bank
    assert bank.problems == [] and len(bank.questions) == 9
    return bank


def test_gift_model_gift_model_is_identical(every_kind):
    written = write_bank(every_kind, "gift")
    assert written.omissions == []
    again = parse_gift(written.data.decode("utf-8"))
    assert again == every_kind and again.problems == []


def test_aiken_gift_aiken_is_identical(tmp_path):
    path = tmp_path / "form05.aiken.txt"
    path.write_text(FORM_05, encoding="utf-8")
    aiken = load_bank(path).bank
    gift = parse_gift(write_bank(aiken, "gift").data.decode("utf-8"))
    back = write_bank(gift, "aiken")
    assert back.omissions == []
    assert parse_aiken(back.data.decode("utf-8")) == aiken
    assert back.data.decode("utf-8").splitlines()[1] == "A. a[0]"


def test_moodle_xml_parses_back_to_the_same_questions(every_kind):
    written = write_bank(every_kind, "moodlexml")
    assert written.omissions == []
    again = parse_moodlexml(written.data.decode("utf-8"))
    assert again.problems == [] and again.categories == every_kind.categories
    assert [canonical(q) for q in again.questions] == [canonical(q) for q in every_kind.questions]


def test_aiken_lists_every_question_it_cannot_take_with_the_reason(every_kind):
    written = write_bank(every_kind, "aiken")
    dropped = {o.index: o.reason for o in written.dropped}
    kinds = {i: q.kind for i, q in enumerate(every_kind.questions)}
    assert dropped == {i: ("aiken_one_answer" if k is Kind.MULTICHOICE else "aiken_kind")
                       for i, k in kinds.items() if i != 0}
    assert [o.reason for o in written.changed] == ["aiken_feedback_lost"]
    # Nothing silently lost: what was written plus what was left out is everything.
    assert len(parse_aiken(written.data.decode("utf-8")).questions) + len(dropped) == len(every_kind.questions)
    assert all(o.text("en") and o.text("kk") != o.text("en") for o in written.omissions)


def test_capa_writes_one_problem_per_expressible_question(every_kind):
    written = write_bank(every_kind, "capa", name="Python M1")
    archive = zipfile.ZipFile(io.BytesIO(written.data))
    names = archive.namelist()
    assert all(n.startswith("problem/Python_M1_") and n.endswith(".xml") for n in names)
    responses = [ET.fromstring(archive.read(n))[0].tag for n in names]
    assert responses == ["multiplechoiceresponse", "choiceresponse", "multiplechoiceresponse", "stringresponse",
                         "numericalresponse", "stringresponse"]
    assert {o.reason for o in written.dropped} == {"capa_no_match", "capa_no_essay", "capa_no_description"}
    assert len(names) + len(written.dropped) == len(every_kind.questions)
    capital = ET.fromstring(archive.read(names[0]))
    assert [c.get("correct") for c in capital.iter("choice")] == ["true", "false", "false"]


def test_qti_package_has_a_manifest_and_one_item_per_question(every_kind):
    written = write_bank(every_kind, "qti", name="bank")
    archive = zipfile.ZipFile(io.BytesIO(written.data))
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    ns = {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1", "q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
    resource = manifest.find("cp:resources/cp:resource", ns)
    assert resource.get("type") == "imsqti_xmlv1p2"
    assessment = ET.fromstring(archive.read(resource.get("href")))
    items = assessment.findall(".//q:item", ns)
    assert len(items) == len(every_kind.questions) and written.dropped == []
    first = items[0]
    full = [c for c in first.iter(f"{{{ns['q']}}}respcondition")
            if c.find("q:setvar", ns).text == "100"]
    assert [c.find("q:conditionvar/q:varequal", ns).text for c in full] == ["c1"]


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_every_target_handles_an_empty_bank(target):
    from moocforge.quiz.model import Bank

    assert write_bank(Bank(), target).omissions == []


def test_texts_that_look_like_gift_syntax_survive_a_round_trip():
    bank = parse_gift("Q {~[html] is a marker ~%50% off ~//comment ~0 =plain}\n")
    choices = [c.text.text for c in bank.questions[0].choices]
    assert choices[:2] == ["is a marker", "off"]  # as Moodle reads them: marker and weight consumed
    from moocforge.quiz.model import Bank, Choice, Question, Text

    tricky = Question(Kind.MULTICHOICE, Text("//not a comment"), choices=[
        Choice(Text("[html] literally"), 0.0), Choice(Text("%50% off"), 0.0), Choice(Text("0"), 1.0, marked=True)])
    written = write_bank(Bank([tricky]), "gift").data.decode("utf-8")
    assert parse_gift(written).questions == [tricky]
