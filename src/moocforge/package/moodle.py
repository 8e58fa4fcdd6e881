"""Moodle (dl.kaznu.kz, skills.atu.kz): the question banks and a Common Cartridge of the course.

``package_moodle`` writes a folder with

- ``questions.xml``: every bank of the course as Moodle XML, one question
  category per module and a sub-category per bank (``$course$/top/<module>/<bank>``,
  the bank's own ``$CATEGORY`` lines beneath), ready for the question bank's import;
- ``questions.gift``: the same in GIFT;
- ``course.imscc``: an IMS Common Cartridge 1.1 of the whole course (``imscc``),
  which Moodle restores as a course;

and a zip of the folder beside it. Questions Moodle would refuse are left out
and reported, as for every target.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..quiz.model import Bank, CategoryMark
from ..quiz.writers import write_bank
from .archive import PackageTree, write_zip
from .banks import BankQuestions, record_bank, record_omissions, usable_questions
from .imscc import build_cartridge
from .output import package_folder, zip_folder
from .report import ConversionReport

# Moodle category paths separate levels with "/"; a "/" inside a name is written twice.
_ROOT = "$course$/top"
_MOODLE_PREFIXES = ("$course$/top/", "$course$/", "$system$/", "$module$/", "$cat1$/", "$coursecategory$/")


@dataclass
class CourseBank:
    """A bank of the course with where it sits (the module's title, the task's)."""

    module: str
    title: str
    questions: BankQuestions


def _level(name: str) -> str:
    return name.replace("/", "//")


def _own_category(name: str) -> str:
    for prefix in _MOODLE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def course_banks(result, report: ConversionReport) -> list[CourseBank]:
    """Every quiz bank of the course in course order, with the questions Moodle takes."""
    model = result.subject.model
    found: list[CourseBank] = []

    def take(module: str, title: str, path: str | None) -> None:
        if path:
            questions = usable_questions(result, path, report)
            if questions is not None:
                found.append(CourseBank(module, title, questions))

    for module in model.modules:
        for lesson in module.lessons:
            if lesson.quiz is not None and lesson.quiz.kind == "quiz":
                take(module.title, lesson.quiz.title or lesson.title, lesson.quiz.file)
        for task in (module.practical_task, module.assessment):
            if task is not None and task.kind == "quiz":
                take(module.title, task.title or module.title, task.file)
    final = model.final_assessment
    if final is not None and final.kind == "quiz":
        take(model.title or "course", final.title or "final", final.file)
    return found


def combined_bank(banks: list[CourseBank]) -> Bank:
    """One bank of all the questions, a category mark before each bank (and its own categories beneath)."""
    combined = Bank(format="gift")
    for item in banks:
        category = f"{_ROOT}/{_level(item.module)}/{_level(item.title)}"
        start = len(combined.questions)
        combined.categories.append(CategoryMark(start, category))
        positions = {index: number for number, (index, _) in enumerate(item.questions.questions)}
        for mark in item.questions.bank.categories:
            later = [number for index, number in positions.items() if index >= mark.index]
            if later:
                combined.categories.append(CategoryMark(start + min(later),
                                                        f"{category}/{_own_category(mark.name)}"))
        combined.questions += [question for _, question in item.questions.questions]
    combined.categories.sort(key=lambda mark: mark.index)
    return combined


def package_moodle(result, output: Path) -> ConversionReport:
    """Write the banks (Moodle XML, GIFT) and the cartridge into the folder ``output``, and its zip."""
    report = ConversionReport("moodle", "Moodle")
    banks = course_banks(result, report)
    bank = combined_bank(banks)
    xml = write_bank(bank, "moodlexml")
    gift = write_bank(bank, "gift")
    offset = 0
    for item in banks:
        count = len(item.questions.questions)
        own = [o for o in xml.omissions if offset <= o.index < offset + count]
        record_omissions(report, item.questions.path, own)
        record_bank(report, item.title, item.questions, count, "questions.xml", len({o.index for o in own}))
        offset += count
    cartridge = build_cartridge(result, report, {item.questions.path: item.questions for item in banks})
    tree = PackageTree()
    tree.add_bytes("questions.xml", xml.data)
    tree.add_bytes("questions.gift", gift.data)
    with package_folder(output) as folder:
        for entry in tree.entries():
            (folder / entry.name).write_bytes(entry.data)
        with open(folder / "course.imscc", "wb") as stream:
            write_zip(cartridge, stream)
    report.outputs += [str(output), str(zip_folder(output))]
    return report
