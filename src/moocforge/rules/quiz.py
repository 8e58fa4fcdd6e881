"""QZ: quiz bank rules (ATU §11.3–11.6, form 05), question by question.

Every rule reads the parsed banks in ``ctx.evidence.quiz`` (path → evidence
with ``bank``, ``problems``, ``role``); none opens a file. ``moocforge
check`` runs them on the course's banks, ``moocforge quiz lint`` on the
files it is given (see ``moocforge.quiz.lint``). Findings point at the bank
file and the question's line. Surveys have no correct answers, so only the
reading rules (QZ101–QZ103, QZ111) look at them.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from ..quiz.model import Kind, Question
from ..quiz.problems import ANSWER_CODES, ENCODING_CODES, NOTATION_CODES, SYNTAX_CODES, WEIGHT_CODES
from ..quiz.similarity import find_duplicates, visible
from ..quiz.validity import grade_problems
from ..quiz.writers.plain import to_plain
from ..findings import Quantity, Severity, at_most, equal_to, less_than, one_of
from .registry import RuleContext, rule


def _banks(ctx: RuleContext, *, surveys: bool = False) -> Iterator[tuple[str, object]]:
    """(path, evidence) of every parsed bank, in path order; quiz banks only unless ``surveys``."""
    for path in sorted(ctx.evidence.quiz):
        evidence = ctx.evidence.quiz[path]
        if evidence.bank is not None and (surveys or evidence.role == "quiz"):
            yield path, evidence


def _questions(ctx: RuleContext, *, surveys: bool = False) -> Iterator[tuple[str, object, Question]]:
    for path, evidence in _banks(ctx, surveys=surveys):
        for question in evidence.bank.questions:
            yield path, evidence, question


def _at(path: str, evidence, question: Question | None = None, line: int | None = None) -> dict:
    """Where a finding points: the bank file, the line, the module and lesson that use it."""
    return {"file": path, "line": line if line is not None else (question.line if question else None),
            "module": evidence.module, "lesson": evidence.lesson}


def _reported(ctx: RuleContext, path: str, evidence, problem):
    """A reader's or a grade problem as a finding, at the severity of what Moodle does with it."""
    return ctx.finding(problem.code, severity=problem.severity, params=dict(problem.params),
                       **_at(path, evidence, line=problem.line))


def _problems(ctx: RuleContext, rule_id: str):
    for path in sorted(ctx.evidence.quiz):
        evidence = ctx.evidence.quiz[path]
        for problem in evidence.problems:
            if problem.rule_id == rule_id:
                yield _reported(ctx, path, evidence, problem)


@rule("QZ101", name="quiz-syntax", area="quiz", severity=Severity.ERROR, clause="ATU §11.3, form 05",
      messages=SYNTAX_CODES, needs=("quiz",), criteria=(6,))
def quiz_syntax(ctx: RuleContext):
    yield from _problems(ctx, "QZ101")


@rule("QZ102", name="quiz-notation", area="quiz", severity=Severity.WARNING, clause="ATU §11.3, form 05",
      messages=NOTATION_CODES, needs=("quiz",), criteria=(6,))
def quiz_notation(ctx: RuleContext):
    yield from _problems(ctx, "QZ102")


@rule("QZ103", name="quiz-encoding", area="quiz", severity=Severity.ERROR, clause="ATU §11.3, form 05",
      messages=ENCODING_CODES, needs=("quiz",), criteria=(6,))
def quiz_encoding(ctx: RuleContext):
    yield from _problems(ctx, "QZ103")


@rule("QZ104", name="form-05-options", area="quiz", severity=Severity.ERROR, clause="ATU §11.3, form 05",
      messages=("option_count",), thresholds=("quiz.form05.options", "quiz.form05.formats"), needs=("quiz",), criteria=(6,))
def form05_options(ctx: RuleContext):
    wanted = ctx.threshold("quiz.form05.options")
    formats = set(ctx.threshold("quiz.form05.formats"))
    for path, evidence in _banks(ctx):
        if evidence.bank.format not in formats:
            continue
        for question in evidence.bank.gradable:
            count = len(question.choices)
            if question.kind is Kind.MULTICHOICE and count != wanted:
                yield ctx.finding("option_count", params={"count": count, "expected": wanted,
                                                          "last": chr(64 + wanted)},
                                  measured=Quantity(count, "options"), expected=equal_to(wanted, "options"),
                                  **_at(path, evidence, question))


@rule("QZ105", name="duplicate-question", area="quiz", severity=Severity.WARNING,
      clause="ATU form 10 criterion 6", messages=("duplicate", "near_duplicate"),
      thresholds=("quiz.duplicates.near_similarity",), needs=("quiz",), criteria=(6,))
def duplicate_question(ctx: RuleContext):
    places = [(path, evidence, question) for path, evidence, question in _questions(ctx) if question.is_gradable]
    threshold = ctx.threshold("quiz.duplicates.near_similarity")
    for pair in find_duplicates([q for _, _, q in places], threshold):
        path, evidence, question = places[pair.later]
        other_path, _, other = places[pair.earlier]
        params = {"other": f"{other_path}:{other.line}", "similarity": round(pair.similarity * 100)}
        yield ctx.finding("duplicate" if pair.exact else "near_duplicate", params=params,
                          measured=Quantity(round(pair.similarity, 3), "ratio"), expected=less_than(threshold, "ratio"),
                          **_at(path, evidence, question))


@rule("QZ106", name="duplicate-option", area="quiz", severity=Severity.ERROR, clause="ATU form 10 criterion 6",
      messages=("duplicate_option", "duplicate_pair"), needs=("quiz",), criteria=(6,))
def duplicate_option(ctx: RuleContext):
    for path, evidence, question in _questions(ctx):
        if question.kind is Kind.MULTICHOICE:
            texts = [c.text.text for c in question.choices]
            code = "duplicate_option"
        elif question.kind is Kind.MATCH:
            texts = [p.question.text for p in question.pairs if p.question.text]
            code = "duplicate_pair"
        else:
            continue
        seen: dict[str, int] = {}
        for position, text in enumerate(texts):
            # Case and punctuation count: `x` and `X`, `a[-1]` and `a[::-1]` are different answers.
            key = visible(text)
            if not key:
                continue  # QZ111 reports empty options
            if key in seen:
                yield ctx.finding(code, params={"text": text, "first": seen[key] + 1, "second": position + 1},
                                  **_at(path, evidence, question))
                break
            seen[key] = position


def _grade_findings(ctx: RuleContext, rule_id: str):
    """Grade problems of one rule (``quiz.validity``)."""
    for path, evidence, question in _questions(ctx):
        for problem in grade_problems(question):
            if problem.rule_id == rule_id:
                yield _reported(ctx, path, evidence, problem)


@rule("QZ107", name="correct-answer", area="quiz", severity=Severity.ERROR, clause="ATU §11.3, form 05",
      messages=ANSWER_CODES, needs=("quiz",), criteria=(6,))
def correct_answer(ctx: RuleContext):
    yield from _grade_findings(ctx, "QZ107")


@rule("QZ108", name="answer-weights", area="quiz", severity=Severity.ERROR, clause="ATU §11.4",
      messages=WEIGHT_CODES, needs=("quiz",), criteria=(6,))
def answer_weights(ctx: RuleContext):
    yield from _grade_findings(ctx, "QZ108")


def _keyed_banks(ctx: RuleContext, section: str, min_options: int = 2):
    """Banks with enough single-answer questions for a share to mean something.

    Yields (path, evidence, [(question, key position)], the profile's max share).
    """
    limit = ctx.threshold(f"quiz.{section}.max_share")
    minimum = ctx.threshold(f"quiz.{section}.min_questions")
    for path, evidence in _banks(ctx):
        keyed = [(q, q.correct_index()) for q in evidence.bank.questions
                 if q.correct_index() is not None and len(q.choices) >= min_options]
        if len(keyed) >= minimum:
            yield path, evidence, keyed, limit


def _share_params(count: int, total: int, limit: float) -> dict:
    return {"count": count, "total": total, "share": round(count / total * 100), "max": round(limit * 100)}


@rule("QZ109", name="answer-key-bias", area="quiz", severity=Severity.WARNING, clause="ATU form 10 criterion 6",
      messages=("key_bias",), thresholds=("quiz.key_bias.max_share", "quiz.key_bias.min_questions"),
      needs=("quiz",), criteria=(6,))
def answer_key_bias(ctx: RuleContext):
    for path, evidence, keyed, limit in _keyed_banks(ctx, "key_bias"):
        index, count = max(sorted(Counter(index for _, index in keyed).items()), key=lambda item: item[1])
        share = count / len(keyed)
        if share > limit:
            yield ctx.finding("key_bias", params={"letter": chr(65 + index), **_share_params(count, len(keyed), limit)},
                              measured=Quantity(round(share, 3), "ratio"), expected=at_most(limit, "ratio"),
                              **_at(path, evidence, line=1))


@rule("QZ110", name="longest-option-cue", area="quiz", severity=Severity.WARNING, clause="ATU form 10 criterion 6",
      messages=("longest_cue",), thresholds=("quiz.longest_option.max_share", "quiz.longest_option.min_questions"),
      needs=("quiz",), criteria=(6,))
def longest_option_cue(ctx: RuleContext):
    # Three options at least: with two, one of them is always the longer.
    for path, evidence, keyed, limit in _keyed_banks(ctx, "longest_option", min_options=3):
        cued = []
        for question, index in keyed:
            lengths = [len(to_plain(c.text)[0].strip()) for c in question.choices]
            if all(lengths[index] > length for k, length in enumerate(lengths) if k != index):
                cued.append(question)
        share = len(cued) / len(keyed)
        if share > limit:
            lines = ", ".join(str(q.line) for q in cued[:8]) + (" …" if len(cued) > 8 else "")
            yield ctx.finding("longest_cue", params={"lines": lines, **_share_params(len(cued), len(keyed), limit)},
                              measured=Quantity(round(share, 3), "ratio"), expected=at_most(limit, "ratio"),
                              **_at(path, evidence, cued[0]))


@rule("QZ111", name="empty-text", area="quiz", severity=Severity.ERROR, clause="ATU §11.3, form 05",
      messages=("empty_stem", "empty_option"), needs=("quiz",), criteria=(6,))
def empty_text(ctx: RuleContext):
    for path, evidence, question in _questions(ctx, surveys=True):
        if question.kind is Kind.DESCRIPTION:
            continue
        if not visible(question.stem.text):  # nothing but markup and spaces
            yield ctx.finding("empty_stem", **_at(path, evidence, question))
        if question.kind in (Kind.MULTICHOICE, Kind.SHORTANSWER):
            texts = [c.text.text for c in question.choices]
        elif question.kind is Kind.MATCH:
            texts = [p.answer for p in question.pairs]
        else:
            continue
        for position, text in enumerate(texts):
            if not text.strip():  # Moodle drops an empty option without a word
                yield ctx.finding("empty_option", params={"position": position + 1}, **_at(path, evidence, question))
                break


@rule("QZ112", name="question-kind", area="quiz", severity=Severity.INFO, clause="ATU §11.4, §11.3",
      messages=("kind_not_listed",), thresholds=("quiz.kinds.allowed",), needs=("quiz",), criteria=(6,))
def question_kind(ctx: RuleContext):
    allowed = list(ctx.threshold("quiz.kinds.allowed"))
    for path, evidence, question in _questions(ctx):
        if question.kind.value not in allowed:
            yield ctx.finding("kind_not_listed", params={"kind": question.kind.value, "allowed": ", ".join(allowed)},
                              measured=Quantity(question.kind.value), expected=one_of(allowed),
                              **_at(path, evidence, question))


# ---------------------------------------------------------------- outcome coverage (§11.6)

def _tagged_outcomes(question: Question, known: dict[str, str]) -> set[str]:
    """Outcome ids a question names itself: GIFT [tag:…] or a $CATEGORY path segment."""
    names = list(question.tags)
    if question.category:
        names += [part.strip() for part in question.category.split("/")]
    return {known[name.casefold()] for name in names if name.casefold() in known}


def checked_outcomes(ctx: RuleContext) -> tuple[set[str], bool]:
    """Outcomes some task checks, and whether any question is tagged with an outcome id.

    A tagged question checks its tags; an untagged one checks what the descriptor
    says its assessment checks; a task without a bank (an assignment, a declared
    count) checks what the descriptor says.
    """
    model = ctx.model
    known = {oid.casefold(): oid for oid in model.all_outcome_ids()}
    checked: set[str] = set()
    tagged_any = False
    for _, assessment in model.assessments():
        evidence = ctx.evidence.quiz.get(assessment.file or "")
        if evidence is None or evidence.bank is None or not evidence.bank.gradable:
            checked.update(assessment.outcomes)
            continue
        for question in evidence.bank.gradable:
            tags = _tagged_outcomes(question, known)
            tagged_any = tagged_any or bool(tags)
            checked.update(tags or assessment.outcomes)
    return checked, tagged_any


@rule("QZ113", name="question-outcome-coverage", area="quiz", severity=Severity.ERROR, clause="ATU §11.6",
      messages=("module_outcome", "course_outcome"), needs=("quiz",), criteria=(6,))
def question_outcome_coverage(ctx: RuleContext):
    checked, tagged_any = checked_outcomes(ctx)
    if not tagged_any:
        return  # no question names an outcome: ST113 checks the descriptor's claims
    model = ctx.model
    for i, module in enumerate(model.modules):
        for k, outcome in enumerate(module.outcomes):
            if outcome.id not in checked:
                yield ctx.finding("module_outcome", field_path=("modules", i, "outcomes", k), module=module.id,
                                  params={"id": outcome.id, "module": module.id})
    supported = {cid for m in model.modules for o in m.outcomes if o.id in checked for cid in o.supports}
    for k, outcome in enumerate(model.outcomes):
        if outcome.id not in checked and outcome.id not in supported:
            yield ctx.finding("course_outcome", field_path=("outcomes", k), params={"id": outcome.id})
