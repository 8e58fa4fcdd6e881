"""The charts of the page: each a picture (matplotlib, as inline SVG), a text alternative and a table.

Every chart is built from one ``chart_data`` object, and its table lists the
same numbers the picture shows, so a reader who cannot see the picture (or
prints the page in black and white) loses nothing. Colour is never the only
signal: values out of their band are hatched and labelled, and the table says
"below", "above" or "within" in words. matplotlib is imported here, when a page
is drawn, never when moocforge starts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ...i18n import t
from ..values import plain, with_unit
from . import chart_data as data
from .svg import SVG_RC, figure_svg, inline_svg

# Okabe–Ito: told apart with every common colour-vision deficiency, and dark enough on white.
BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, YELLOW = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7",
                                                      "#56B4E9", "#F0E442")
BAND = "#D8EFE4"  # the band a value should stay in
LETTER_COLOURS = (BLUE, ORANGE, GREEN, PURPLE, SKY, YELLOW, VERMILION)
OUT_OF_BAND_HATCH = "///"
WIDTH = 7.2  # inches; the SVG scales to the page


@dataclass
class Chart:
    key: str  # the HTML id and the test's handle
    caption: str
    header: list[str]
    rows: list[list[str]]
    summary: str = ""  # the text alternative
    svg: str = ""  # "" when there is nothing to draw
    empty: str = ""  # the sentence shown instead
    notes: list[str] = field(default_factory=list)
    wide: bool = False  # a table too wide to stand beside its picture goes below it


def _luminance(colour: str) -> float:
    """WCAG relative luminance of "#RRGGBB"."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def readable_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (labels inside bars and cells)."""
    return "#000000" if (_luminance(colour) + 0.05) / 0.05 >= 1.05 / (_luminance(colour) + 0.05) else "#FFFFFF"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)  # no display, and the same output everywhere
    import matplotlib.pyplot as plt

    return plt


def _draw(chart: Chart, draw, size: tuple[float, float]) -> None:
    """Draw with ``draw(ax)`` and keep the SVG, titled with the chart's summary."""
    plt = _pyplot()
    with plt.rc_context(SVG_RC):
        figure, ax = plt.subplots(figsize=size)
        try:
            draw(ax)
            ax.spines[["top", "right"]].set_visible(False)
            chart.svg = inline_svg(figure_svg(figure), f"{chart.key}-svg", chart.summary)
        finally:
            plt.close(figure)


def _minutes(seconds: float) -> float:
    return round(seconds / 60, 2)


def _status(value: float, low: float | None, high: float | None, lang: str) -> str:
    if low is not None and value < low:
        return "▼ " + t("report_html.status.below", lang)
    if high is not None and value > high:
        return "▲ " + t("report_html.status.above", lang)
    return "✓ " + t("report_html.status.within", lang)


def _outside(value: float, low: float | None, high: float | None) -> bool:
    return (low is not None and value < low) or (high is not None and value > high)


def _bars(ax, labels, values, outside, colour=BLUE):
    bars = ax.bar(labels, values, color=[ORANGE if out else colour for out in outside],
                  hatch=None, edgecolor="#333333", linewidth=0.6)
    for bar, out in zip(bars, outside):
        if out:
            bar.set_hatch(OUT_OF_BAND_HATCH)
    ax.bar_label(bars, labels=[plain(round(v, 1)) for v in values], padding=2, fontsize=8)
    if len(labels) > 8:
        ax.tick_params(axis="x", labelrotation=60)
    return bars


def _no_data(chart: Chart, key: str, lang: str) -> Chart:
    chart.empty = t(key, lang)
    chart.summary = chart.empty
    return chart


# ---------------------------------------------------------------- video

def video_weeks(lengths: data.VideoLengths, lang: str) -> Chart:
    lo, hi = lengths.week_min, lengths.week_max
    band = t("report_html.chart.band", lang, low=plain(lo), high=plain(hi), unit=t("unit.min", lang))
    chart = Chart("chart-video-weeks", t("report_html.chart.video_weeks", lang, band=band),
                  [t("report.module", lang), t("report_html.col.video", lang), t("report_html.col.band", lang),
                   t("report_html.col.status", lang)], [])
    if not lengths.measured:
        return _no_data(chart, "report_html.no_data.media", lang)
    minutes = [_minutes(w.seconds) for w in lengths.weeks]
    for week, value in zip(lengths.weeks, minutes):
        status = _status(value, lo, hi, lang)
        if week.unmeasured:
            status += " · " + t("report_html.status.unmeasured", lang, n=week.unmeasured)
        chart.rows.append([f"{week.module_id} {week.title}".strip(), with_unit(week.seconds, "clock", lang), band,
                           status])
    inside = sum(1 for v in minutes if not _outside(v, lo, hi))
    chart.summary = t("report_html.alt.video_weeks", lang, n=len(minutes), inside=inside, band=band)

    def draw(ax):
        ax.axhspan(lo, hi, color=BAND, label=band, zorder=0)
        _bars(ax, [w.module_id for w in lengths.weeks], minutes, [_outside(v, lo, hi) for v in minutes])
        _minutes_axis(ax, hi * 1.15, minutes, lang)

    _draw(chart, draw, (WIDTH, 3.0))
    return chart


def _minutes_axis(ax, least_top: float, minutes: list[float], lang: str) -> None:
    """A minutes axis tall enough for the band or limit and every bar, with the legend naming them."""
    ax.set_ylabel(t("unit.min", lang))
    ax.set_ylim(0, max([least_top, *[v * 1.15 for v in minutes]]))
    ax.legend(loc="upper right", fontsize=8, frameon=False)


def lesson_videos(lengths: data.VideoLengths, lang: str) -> Chart:
    least = lengths.lesson_min
    limit = f"≥ {plain(least)} {t('unit.min', lang)}"
    chart = Chart("chart-lesson-videos", t("report_html.chart.lesson_videos", lang, limit=limit),
                  [t("report.lesson", lang), t("report_html.col.file", lang), t("report_html.col.length", lang),
                   t("report_html.col.status", lang)], [])
    if not lengths.lessons:
        return _no_data(chart, "report_html.no_data.media", lang)
    minutes = [_minutes(v.seconds) for v in lengths.lessons]
    for video, value in zip(lengths.lessons, minutes):
        chart.rows.append([video.label, video.path, with_unit(video.seconds, "clock", lang),
                           _status(value, least, None, lang)])
    short = sum(1 for v in minutes if v < least)
    chart.summary = t("report_html.alt.lesson_videos", lang, n=len(minutes), short=short, limit=limit)

    def draw(ax):
        _bars(ax, [v.label for v in lengths.lessons], minutes, [v < least for v in minutes])
        ax.axhline(least, color=VERMILION, linestyle="--", linewidth=1.2, label=limit)
        _minutes_axis(ax, least * 1.2, minutes, lang)

    _draw(chart, draw, (WIDTH, 3.2))
    return chart


# ---------------------------------------------------------------- loudness

def loudness(found: data.Loudness, lang: str) -> Chart:
    target = f"{plain(found.target_min)} … {plain(found.target_max)} LUFS"
    peak_limit = f"≤ {plain(found.peak_max)} dBTP"
    chart = Chart("chart-loudness", t("report_html.chart.loudness", lang, target=target, peak=peak_limit),
                  [t("report_html.col.file", lang), t("report_html.col.loudness", lang),
                   t("report_html.col.true_peak", lang), t("report_html.col.status", lang)], [])
    if not found.videos:
        return _no_data(chart, "report_html.no_data.loudness", lang)
    for video in found.videos:
        status = _status(video.integrated, found.target_min, found.target_max, lang)
        if video.true_peak is not None and video.true_peak > found.peak_max:
            status += " · ▲ " + t("report_html.status.peak_above", lang)
        chart.rows.append([video.path, with_unit(video.integrated, "LUFS", lang),
                           with_unit(video.true_peak, "dBTP", lang) if video.true_peak is not None else "—", status])
    inside = sum(1 for v in found.videos if not _outside(v.integrated, found.target_min, found.target_max))
    chart.summary = t("report_html.alt.loudness", lang, n=len(found.videos), inside=inside, target=target,
                      peak=peak_limit)
    labels = [PurePosixPath(v.path).stem for v in found.videos]

    def draw(ax):
        ax.axhspan(found.target_min, found.target_max, color=BAND, label=t("report_html.legend.target", lang,
                                                                            target=target), zorder=0)
        ax.axhline(found.peak_max, color=VERMILION, linestyle="--", linewidth=1.2,
                   label=t("report_html.legend.peak_limit", lang, limit=peak_limit))
        x = list(range(len(labels)))
        ax.scatter(x, [v.integrated for v in found.videos], marker="o", s=36, color=BLUE, zorder=3,
                   label=t("report_html.legend.integrated", lang))
        peaks = [(i, v.true_peak) for i, v in enumerate(found.videos) if v.true_peak is not None]
        if peaks:
            ax.scatter([i for i, _ in peaks], [p for _, p in peaks], marker="^", s=36, color=ORANGE,
                       edgecolor="#333333", zorder=3, label=t("report_html.legend.true_peak", lang))
        ax.set_xticks(x, labels, rotation=60 if len(labels) > 6 else 0)
        ax.set_ylabel("LUFS / dBTP")
        ax.legend(loc="lower left", fontsize=8, frameon=False, bbox_to_anchor=(0, 1.0), ncols=2)

    _draw(chart, draw, (WIDTH, 3.4))
    return chart


# ---------------------------------------------------------------- quiz

def _week_label(label: str, lang: str) -> str:
    return t("report_html.final", lang) if label == data.FINAL else label


def quiz_weeks(banks: data.QuizBanks, lang: str) -> Chart:
    chart = Chart("chart-quiz-weeks", t("report_html.chart.quiz_weeks", lang),
                  [t("report.module", lang), t("report_html.col.in_lessons", lang), t("report_html.col.in_tests", lang),
                   t("report_html.col.total", lang)], [])
    if not banks.weeks:
        return _no_data(chart, "report_html.no_data.quiz", lang)
    for week in banks.weeks:
        chart.rows.append([_week_label(week.label, lang), str(week.in_lessons), str(week.in_tests),
                           str(week.in_lessons + week.in_tests)])
    chart.summary = t("report_html.alt.quiz_weeks", lang, n=len(banks.weeks),
                      total=sum(w.in_lessons + w.in_tests for w in banks.weeks))
    labels = [_week_label(w.label, lang) for w in banks.weeks]

    def draw(ax):
        lessons = [w.in_lessons for w in banks.weeks]
        tests = [w.in_tests for w in banks.weeks]
        ax.bar(labels, lessons, color=BLUE, edgecolor="#333333", linewidth=0.6,
               label=t("report_html.col.in_lessons", lang))
        stacked = ax.bar(labels, tests, bottom=lessons, color=ORANGE, hatch="..", edgecolor="#333333",
                         linewidth=0.6, label=t("report_html.col.in_tests", lang))
        ax.bar_label(stacked, labels=[str(a + b) for a, b in zip(lessons, tests)], padding=2, fontsize=8)
        ax.set_ylabel(t("report_html.axis.items", lang))
        ax.set_ylim(0, max(a + b for a, b in zip(lessons, tests)) * 1.2 or 1)
        ax.legend(loc="upper right", fontsize=8, frameon=False)

    _draw(chart, draw, (WIDTH, 3.0))
    return chart


def answer_keys(banks: data.QuizBanks, lang: str) -> Chart:
    limit = f"{plain(round(banks.max_share * 100))} %"
    chart = Chart("chart-answer-keys", t("report_html.chart.answer_keys", lang, limit=limit),
                  [t("report_html.col.bank", lang), *banks.letters, t("report_html.col.top_share", lang)], [],
                  wide=True)
    if not banks.banks:
        return _no_data(chart, "report_html.no_data.quiz", lang)
    biased = 0
    for bank in banks.banks:
        share = f"{plain(round(bank.top_share * 100))} %"
        if bank.total < banks.min_questions:
            share += " · " + t("report_html.status.too_few", lang, n=banks.min_questions)
        elif bank.top_share > banks.max_share:
            biased += 1
            share += " · ▲ " + t("report_html.status.bias", lang)
        chart.rows.append([bank.path, *[str(bank.keys.get(letter, 0)) for letter in banks.letters], share])
    chart.summary = t("report_html.alt.answer_keys", lang, n=len(banks.banks), biased=biased, limit=limit)

    def draw(ax):
        names = [bank.path for bank in banks.banks]
        left = [0.0] * len(names)
        for index, letter in enumerate(banks.letters):
            shares = [bank.keys.get(letter, 0) / bank.total for bank in banks.banks]
            bars = ax.barh(names, shares, left=left, color=LETTER_COLOURS[index % len(LETTER_COLOURS)],
                           edgecolor="white", linewidth=0.8, label=letter)
            # The letter inside its segment: the picture reads without telling colours apart.
            colour = LETTER_COLOURS[index % len(LETTER_COLOURS)]
            ax.bar_label(bars, labels=[letter if s >= 0.08 else "" for s in shares], label_type="center",
                         fontsize=7, color=readable_on(colour))
            left = [a + b for a, b in zip(left, shares)]
        ax.axvline(banks.max_share, color="#333333", linestyle=":", linewidth=1)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(lambda value, _: f"{round(value * 100)} %")
        ax.invert_yaxis()
        ax.tick_params(axis="y", labelsize=7)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=len(banks.letters), fontsize=8, frameon=False)

    _draw(chart, draw, (WIDTH, 1.2 + 0.28 * len(banks.banks)))
    return chart


# ---------------------------------------------------------------- outcomes

def coverage(found: data.Coverage, lang: str) -> Chart:
    marks = {data.DIRECT: "●", data.VIA: "○", "": "—"}
    chart = Chart("chart-coverage", t("report_html.chart.coverage", lang),
                  [t("report_html.col.outcome", lang), *[where for where, _ in found.assessments]], [], wide=True)
    if not found.outcomes or not found.assessments:
        return _no_data(chart, "report_html.no_data.coverage", lang)
    chart.notes = [t("report_html.coverage.legend", lang)]
    for (outcome_id, _), row in zip(found.outcomes, found.cells):
        chart.rows.append([outcome_id, *[marks[cell] for cell in row]])
    uncovered = found.uncovered()
    chart.summary = t("report_html.alt.coverage", lang, outcomes=len(found.outcomes),
                      assessments=len(found.assessments), n=len(uncovered), ids=", ".join(uncovered) or "—")

    def draw(ax):
        from matplotlib.colors import ListedColormap

        values = [[{"": 0, data.VIA: 1, data.DIRECT: 2}[cell] for cell in row] for row in found.cells]
        shades = ["#FFFFFF", "#BFD9EC", BLUE]  # not assessed, via a module outcome, named
        ax.imshow(values, cmap=ListedColormap(shades), vmin=0, vmax=2, aspect="auto")
        for y, row in enumerate(found.cells):
            for x, cell in enumerate(row):
                if cell:
                    ax.text(x, y, marks[cell], ha="center", va="center", fontsize=8,
                            color=readable_on(shades[values[y][x]]))
        ax.set_xticks(range(len(found.assessments)), [where for where, _ in found.assessments], rotation=90,
                      fontsize=7)
        ax.set_yticks(range(len(found.outcomes)), [oid for oid, _ in found.outcomes], fontsize=7)
        ax.set_xticks([x - 0.5 for x in range(len(found.assessments) + 1)], minor=True)
        ax.set_yticks([y - 0.5 for y in range(len(found.outcomes) + 1)], minor=True)
        ax.grid(which="minor", color="#999999", linewidth=0.4)
        ax.tick_params(which="minor", length=0)

    _draw(chart, draw, (min(WIDTH, 2.0 + 0.32 * len(found.assessments)), 1.6 + 0.26 * len(found.outcomes)))
    return chart


def all_charts(source, lang: str) -> list[Chart]:
    model, evidence, profile = source.model, source.facts.evidence, source.profile
    lengths = data.video_lengths(source.facts, profile)
    banks = data.quiz_banks(model, evidence, profile)
    return [video_weeks(lengths, lang), lesson_videos(lengths, lang), loudness(data.loudness(evidence, profile), lang),
            quiz_weeks(banks, lang), answer_keys(banks, lang), coverage(data.coverage(model), lang)]
