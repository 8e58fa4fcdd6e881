"""Quiz bank parsing speed: 10,000-question Aiken and GIFT banks.

Rates are questions per second (higher is better), best of several runs so
that a busy machine measures the code, not the noise. The anchor for GIFT is
pygiftparser (PyPI) reading the same text in the same run; its ``ratio`` is
ours ÷ theirs (above 1 means faster). Targets from issue 3: ≥ 50,000 Aiken
and ≥ 20,000 GIFT questions per second, and faster than pygiftparser.
"""

from __future__ import annotations

import io

from timing import best_of

QUESTIONS = 10_000


def aiken_bank(count: int = QUESTIONS) -> str:
    """A form-05 bank: one-line stem, five options A.–E., ANSWER line, blank line between."""
    blocks = []
    for i in range(count):
        blocks.append(f"{i + 1}. Python тілінде {i}-тапсырма: төмендегі өрнектердің қайсысы дұрыс нәтиже береді?\n"
                      f"A. len([{i}, 2, 3])\nB. sum(range({i}))\nC. max({i}, 7)\nD. sorted('{i}')\n"
                      f"E. print({i})\nANSWER: {'ABCDE'[i % 5]}\n")
    return "\n".join(blocks)


def gift_bank(count: int = QUESTIONS) -> str:
    """A GIFT bank mixing the kinds teachers write: choice with feedback, true/false, short, number."""
    kinds = (
        "// [tag:M1.{m}]\n::Q{i}::Python тілінде {i}-сұрақ\\: қай тип өзгермейді? {{\n"
        "=tuple#Дұрыс, кортеж өзгермейді.\n~list#Тізім өзгереді.\n~dict\n~set\n}}\n",
        "::Q{i}::{i} саны жұп па?{{{truth}#Қате.#Дұрыс.}}\n",
        "::Q{i}::Функция қай кілт сөзбен жарияланады? {{=def =%50%lambda#Анонимді функция}}\n",
        "::Q{i}::Байтта неше бит бар? {{#8:0#Дұрыс.}}\n",
        "::Q{i}::Қайсысы жай сан? {{\n~%50%{p}\n~%50%3\n~%-100%{q}\n}}\n",
    )
    blocks = []
    for i in range(count):
        template = kinds[i % len(kinds)]
        blocks.append(template.format(i=i, m=i % 4 + 1, truth="TRUE" if i % 2 == 0 else "FALSE", p=2, q=4 + 2 * i))
    return "\n".join(blocks)


def _best_rate(parse, text: str, count: int, repeat: int = 5) -> float:
    return count / best_of(lambda: parse(text), repeat=repeat)


def run() -> list[dict]:
    from moocforge.quiz.aiken import parse_aiken
    from moocforge.quiz.gift import parse_gift

    aiken_text, gift_text = aiken_bank(), gift_bank()
    aiken = parse_aiken(aiken_text)
    gift = parse_gift(gift_text)
    assert aiken.question_count == QUESTIONS and not aiken.problems, "the generated Aiken bank must be clean"
    assert gift.question_count == QUESTIONS and not gift.problems, "the generated GIFT bank must be clean"

    aiken_rate = _best_rate(parse_aiken, aiken_text, QUESTIONS)
    gift_rate = _best_rate(parse_gift, gift_text, QUESTIONS)
    rows = [{"name": f"parse Aiken, {QUESTIONS:,} questions", "value": aiken_rate, "unit": "q/s",
             "anchor": "target", "anchor_value": 50_000, "ratio": aiken_rate / 50_000, "target": "≥ 50,000 q/s"}]
    try:
        from pygiftparser.parser import parseFile
    except ImportError:
        rows.append({"name": f"parse GIFT, {QUESTIONS:,} questions", "value": gift_rate, "unit": "q/s",
                     "anchor": "pygiftparser not installed (pip install '.[bench]')", "anchor_value": None,
                     "ratio": None, "target": "≥ 20,000 q/s, faster than pygiftparser"})
        return rows
    theirs = parseFile(io.StringIO(gift_text))
    assert len(theirs) == QUESTIONS, f"pygiftparser read {len(theirs)} questions"
    their_rate = _best_rate(lambda text: parseFile(io.StringIO(text)), gift_text, QUESTIONS, repeat=2)
    rows.append({"name": f"parse GIFT, {QUESTIONS:,} questions", "value": gift_rate, "unit": "q/s",
                 "anchor": "pygiftparser, same text", "anchor_value": their_rate, "ratio": gift_rate / their_rate,
                 "target": "≥ 20,000 q/s, ratio > 1"})
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
