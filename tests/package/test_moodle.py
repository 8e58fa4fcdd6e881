"""Moodle: banks as Moodle XML (a category per module) and GIFT, and an IMS CC 1.1 cartridge (issue 13, point 4)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from moocforge.package.moodle import package_moodle
from moocforge.package.preflight import preflight
from moocforge.quiz.load import load_bank

SCHEMAS = Path(__file__).parent / "data" / "imscc11"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


def build(course: Path, out: Path):
    result = preflight(course, "moodle", force=True)
    return package_moodle(result, out / "moodle"), out / "moodle"


@pytest.fixture
def sample_export(sample_course, tmp_path):
    report, folder = build(sample_course, tmp_path)
    cartridge = tmp_path / "cc"
    with zipfile.ZipFile(folder / "course.imscc") as archive:
        archive.extractall(cartridge)
    return report, folder, cartridge


def schema(name: str):
    etree = pytest.importorskip("lxml.etree")
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def test_moodle_xml_has_a_category_per_module_and_bank(sample_export):
    report, folder, _ = sample_export
    bank = load_bank(folder / "questions.xml").bank
    names = [mark.name for mark in bank.categories]
    assert "$course$/top/Python және Jupyter: деректермен жұмысқа кіріспе/1-модуль бойынша тест" in names
    modules = {name.split("/")[2] for name in names}
    assert len(modules) == 5  # four modules and the course (final test)
    # 2+3+3+2 lesson quizzes, 4 module tests, the final: every bank of the course …
    assert len([name for name in names if name.count("/") == 3]) == 15
    # … and a GIFT bank's own $CATEGORY lines beneath its bank's category
    assert [name for name in names if name.count("/") > 3]
    # the question Moodle would misread (Cyrillic option letter) is left out and reported
    assert any(i.status == "skipped" and i.source == "final/final.aiken.txt" for i in report.items)
    gift = load_bank(folder / "questions.gift").bank
    assert len(gift.questions) == len(bank.questions) and not [p for p in gift.problems if p.severity.value == "error"]


def test_the_cartridge_manifest_references_only_files_it_holds(sample_export):
    import xml.etree.ElementTree as ET

    _, _, cartridge = sample_export
    manifest = ET.parse(cartridge / "imsmanifest.xml").getroot()
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
    for resource in resources.values():
        for file in resource.iter(f"{CP}file"):
            assert (cartridge / file.get("href")).is_file(), file.get("href")
    refs = [item.get("identifierref") for item in manifest.iter(f"{CP}item") if item.get("identifierref")]
    assert refs and set(refs) <= set(resources)
    modules = manifest.find(f"{CP}organizations/{CP}organization/{CP}item")
    assert [m.findtext(f"{CP}title") for m in modules][:4] == [
        "Python және Jupyter: деректермен жұмысқа кіріспе", "NumPy: массивтер және векторлық есептеулер",
        "pandas: кестелік деректерді талдау", "Деректерді тазалау және визуализация"]
    types = {r.get("type") for r in resources.values()}
    assert types == {"webcontent", "imswl_xmlv1p1", "imsdt_xmlv1p1", "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"}


def test_the_cartridge_validates_against_the_ims_cc_11_schemas(sample_export):
    etree = pytest.importorskip("lxml.etree")
    _, _, cartridge = sample_export
    manifest = schema("ccv1p1_imscp_v1p2_v1p0.xsd")
    assert manifest.validate(etree.parse(str(cartridge / "imsmanifest.xml"))), manifest.error_log
    checks = {"ccv1p1_imswl_v1p1.xsd": "links/*.xml", "ccv1p1_imsdt_v1p1.xsd": "topics/*.xml",
              "ccv1p1_qtiasiv1p2p1_v1p0.xsd": "Q_*/assessment_qti.xml"}
    for name, pattern in checks.items():
        files = sorted(cartridge.glob(pattern))
        assert files, pattern
        validator = schema(name)
        for file in files:
            assert validator.validate(etree.parse(str(file))), (file.name, validator.error_log)


def test_the_schemas_would_reject_a_wrong_manifest(sample_export):
    """Validation is only worth something if it can fail: a resource type CC 1.1 does not know."""
    etree = pytest.importorskip("lxml.etree")
    _, _, cartridge = sample_export
    text = (cartridge / "imsmanifest.xml").read_text().replace('type="webcontent"', 'type="pdf"', 1)
    assert not schema("ccv1p1_imscp_v1p2_v1p0.xsd").validate(etree.fromstring(text.encode()).getroottree())


def test_what_the_cartridge_profile_cannot_say_is_reported(sample_export):
    report, _, _ = sample_export
    keys = {r.key for item in report.items for r in item.reasons}
    assert "quiz.convert.cc_numerical_as_text" in keys  # module 2 has numerical questions
    assert "package.reason.cartridge_video_url" in keys  # the sample's videos are files without URLs


def test_a_zip_of_the_folder_is_written_beside_it(sample_export, tmp_path):
    report, folder, _ = sample_export
    with zipfile.ZipFile(folder.with_name("moodle.zip")) as archive:
        names = archive.namelist()
    assert {"moodle/questions.xml", "moodle/questions.gift", "moodle/course.imscc"} <= set(names)
    assert not [n for n in names if ".moocforge-package" in n]
    assert report.outputs == [str(folder), str(folder.with_name("moodle.zip"))]
