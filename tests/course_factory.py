"""Build real course folders for tests: a descriptor plus the files it names.

``write_course(root)`` produces a course that satisfies every foundation rule
(CD, ST, DC, LK); a failing case starts from ``good_descriptor()``, changes one
thing and writes it. PDFs are real (pypdf), quiz banks are real Aiken files.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml
from pypdf import PdfWriter

ANNOUNCEMENT = (
    "Құрметті тыңдаушылар! Осы аптада біз деректер құрылымдарымен танысамыз: тізімдер, сөздіктер "
    "және жиындар. Әр сабақта қысқа бейнедәріс, оқу материалы және өзін-өзі тексеру сұрақтары бар. "
    "Аптаның соңында практикалық тапсырманы орындап, форумда өз шешіміңізді талқылаңыз. "
    "Модуль бойынша бағалау жұма күні ашылады, мерзімі — жексенбі 23:59. Сұрақтарыңызды форумда "
    "қалдырыңыз, оқытушы екі жұмыс күні ішінде жауап береді. Табысты оқу тілейміз!"
)


SUBTITLES = "1\n00:00:00,000 --> 00:00:02,000\nСәлем, тыңдаушылар!\n"


def write_pdf(path: Path, pages: int = 1) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with path.open("wb") as handle:
        writer.write(handle)


def aiken_bank(count: int, prefix: str = "Q") -> str:
    """An ATU form 05 bank: one-line question, options A.–E., ANSWER line."""
    blocks = []
    for i in range(count):
        blocks.append(
            f"{prefix}{i + 1}. Python тілінде {i + 1}-сұрақ: қай жауап дұрыс?\n"
            "A. бірінші нұсқа\nB. екінші нұсқа\nC. үшінші нұсқа\nD. төртінші нұсқа\nE. бесінші нұсқа\n"
            f"ANSWER: {'ABCDE'[i % 5]}\n"
        )
    return "\n".join(blocks)


def good_descriptor(modules: int = 4, lessons: int = 2) -> dict:
    outcomes = [{"id": "LO1", "text": "Деректерді талдайды"}, {"id": "LO2", "text": "Нәтижені түсіндіреді"}]
    data: dict = {
        "format": 1,
        "title": "Python тілінде деректерді талдау негіздері",
        "university": "Алматы технологиялық университеті",
        "faculty": "Ақпараттық технологиялар",
        "department": "Информатика кафедрасы",
        "language": "kk",
        "audience": "6B06101 Информатика білім беру бағдарламасының студенттері",
        "authors": [{"name": "Асқарова Әйгерім", "workplace": "АТУ", "position": "аға оқытушы",
                     "degree": "PhD", "email": "a.askarova@atu.edu.kz"}],
        "level": "beginner",
        "study_level": "bachelor",
        "credits": 1,
        "duration_weeks": modules,
        "prerequisites": ["Информатика негіздері"],
        "postrequisites": ["Машиналық оқыту"],
        "annotation": "Python көмегімен деректерді талдаудың негізгі тәсілдерін үйрететін курс.",
        "aim": "Деректерді талдау дағдыларын қалыптастыру",
        "objectives": ["Python синтаксисін меңгеру", "pandas кітапханасымен жұмыс"],
        "outcomes": outcomes,
        "promo_video": "promo/promo.mp4",
        "certificate": ("0–40 % — аяқталмады; 40–85 % — сертификатсыз; 85–100 % — сертификатпен аяқталды. Жұмыстар "
                        "0–100 ұпайлық шкаламен, жарияланған критерийлер бойынша 5 жұмыс күні ішінде тексеріледі."),
        "licence": "© Алматы технологиялық университеті",
        "documents": {"work_program": "docs/work_program.pdf", "glossary": "docs/glossary.pdf",
                      "bibliography": "docs/bibliography.pdf"},
        "modules": [],
        "final_assessment": {"title": "Қорытынды тест", "file": "final/final.aiken.txt",
                             "outcomes": ["LO1", "LO2"], "weight": 20, "deadline": "2026-12-20"},
        "surveys": {"pre": {"questions": 8}, "post": {"questions": 10}},
    }
    for m in range(1, modules + 1):
        ids = [f"M{m}.{k}" for k in range(1, 5)]
        module = {
            "id": f"M{m}",
            "title": f"{m}-модуль",
            "workload_hours": 4,
            "announcement": ANNOUNCEMENT,
            "outcomes": [{"id": oid, "text": f"{oid} нәтиже", "supports": ["LO1" if k < 2 else "LO2"]}
                         for k, oid in enumerate(ids)],
            "self_study": f"module-{m:02d}/self_study.pdf",
            "assignments": f"module-{m:02d}/assignments.pdf",
            "forum": {"title": "Талқылау", "prompt": "Өз мысалыңызды келтіріңіз"},
            "practical_task": {"kind": "assignment", "title": "Практикалық жұмыс",
                               "file": f"module-{m:02d}/practical.pdf", "outcomes": ids[2:], "weight": 12.5,
                               "deadline": "2026-12-01", "parameterised": True},
            "assessment": {"title": "Модуль тесті", "file": f"module-{m:02d}/assessment.aiken.txt",
                           "outcomes": ids, "weight": 7.5, "deadline": "2026-12-01"},
            "lessons": [],
        }
        for j in range(1, lessons + 1):
            module["lessons"].append({
                "id": f"M{m}.L{j}",
                "title": f"{j}-сабақ",
                "outcomes": [ids[(j - 1) % 4]],
                "videos": [{"url": f"https://video.atu.edu.kz/m{m}l{j}", "title": f"{m}.{j}-дәріс. Деректерді талдау",
                            "subtitles": f"module-{m:02d}/lesson-{j:02d}/lecture.srt"}],
                "reading": [f"module-{m:02d}/lesson-{j:02d}/reading.pdf"],
                "quiz": {"file": f"module-{m:02d}/lesson-{j:02d}/quiz.aiken.txt", "outcomes": [ids[(j - 1) % 4]]},
            })
        data["modules"].append(module)
    return data


def _files_for(data: dict) -> dict[str, str]:
    """Every file the descriptor names, with 'pdf', 'video' or bank text."""
    files: dict[str, str] = {}
    for value in data.get("documents", {}).values():
        files[value] = "pdf"
    if data.get("promo_video"):
        files[data["promo_video"]] = "binary"
    lesson_quiz_size = 6
    for module in data.get("modules", []):
        for key in ("self_study", "assignments"):
            if module.get(key):
                files[module[key]] = "pdf"
        for key in ("practical_task", "assessment"):
            task = module.get(key) or {}
            if task.get("file"):
                files[task["file"]] = aiken_bank(10) if task["file"].endswith(".txt") else "pdf"
        for lesson in module.get("lessons", []):
            for video in lesson.get("videos", []):
                if video.get("subtitles"):
                    files[video["subtitles"]] = SUBTITLES
            for item in lesson.get("reading", []):
                if "://" not in item:
                    files[item] = "pdf"
            quiz = lesson.get("quiz") or {}
            if quiz.get("file"):
                files[quiz["file"]] = aiken_bank(lesson_quiz_size)
    final = data.get("final_assessment") or {}
    if final.get("file"):
        files[final["file"]] = aiken_bank(20)
    return files


def write_course(root: Path, data: dict | None = None, *, skip_files: tuple[str, ...] = ()) -> Path:
    """Write course.yaml and every file it names (except ``skip_files``)."""
    data = copy.deepcopy(data if data is not None else good_descriptor())
    root.mkdir(parents=True, exist_ok=True)
    (root / "course.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for rel, content in _files_for(data).items():
        if rel in skip_files or rel.startswith(("../", "/")):
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if content == "pdf":
            write_pdf(path)
        elif content == "binary":
            path.write_bytes(b"\x00\x00\x00\x18ftypmp42")  # stands in for a video; media rules are not run here
        else:
            path.write_text(content, encoding="utf-8")
    return root
