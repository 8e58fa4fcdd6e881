"""The font size a run of slide text really has, following PowerPoint's inheritance.

A run that states no size takes it from, in order: its paragraph's default
run properties; the shape's own list style (``a:lstStyle``) for the
paragraph's level; for a placeholder, the matching placeholder of the slide
layout, then of the slide master, then the master's text styles (title,
body or other); for any other shape, the presentation's default text style,
then the master's "other" style. Where nothing says, PowerPoint uses 18 pt.
A text box whose body says ``normAutofit fontScale`` is shown shrunk by that
scale (PowerPoint's "shrink text on overflow"): the size seen on screen is
the scaled one, and that is the size a rule must judge.

python-pptx reads and writes explicit sizes only, so the chain is walked on
the XML it exposes (ECMA-376 Part 1, §19.3.1 and §21.1.2).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
POWERPOINT_DEFAULT_PT = 18.0
# Placeholder types and the master text style they follow (ECMA-376 §19.3.1.36).
_TITLE_TYPES = {"title", "ctrTitle"}
_BODY_TYPES = {"body", "obj", "subTitle"}
# Placeholders that carry slide furniture rather than content: a rule leaves them alone.
FURNITURE_TYPES = {"sldNum", "ftr", "dt", "hdr", "sldImg"}


@dataclass(frozen=True)
class Placeholder:
    type: str  # ECMA-376 ST_PlaceholderType; "obj" when the file leaves it out
    idx: int


def placeholder_of(shape_element: Any) -> Placeholder | None:
    ph = shape_element.find(f"./*/{P}nvPr/{P}ph")
    if ph is None:
        return None
    return Placeholder(ph.get("type", "obj"), int(ph.get("idx", "0")))


def _level_size(list_style: Any, level: int) -> float | None:
    if list_style is None:
        return None
    props = list_style.find(f"{A}lvl{level + 1}pPr/{A}defRPr")
    size = props.get("sz") if props is not None else None
    return int(size) / 100 if size and size.isdigit() else None


def _text_body(shape_element: Any) -> Any:
    return shape_element.find(f"{P}txBody")


def _shape_list_style(shape_element: Any) -> Any:
    body = _text_body(shape_element)
    return body.find(f"{A}lstStyle") if body is not None else None


def _font_scale(shape_element: Any) -> float | None:
    body = _text_body(shape_element)
    autofit = body.find(f"{A}bodyPr/{A}normAutofit") if body is not None else None
    scale = autofit.get("fontScale") if autofit is not None else None
    return int(scale) / 100000 if scale and scale.isdigit() else None


def _matching(tree: Any, placeholder: Placeholder, by_type: bool) -> Any:
    """The shape of a layout (by index, else type) or master (by type) standing behind a placeholder."""
    if tree is None:
        return None
    candidates = [sp for sp in tree.iter(f"{P}sp") if placeholder_of(sp) is not None]
    if not by_type:
        for sp in candidates:
            if placeholder_of(sp).idx == placeholder.idx:
                return sp
    wanted = "body" if placeholder.type in ("obj", "body") else placeholder.type
    for sp in candidates:
        found = placeholder_of(sp).type
        if found == wanted or (wanted == "body" and found == "obj") or (found == "title" and wanted == "ctrTitle"):
            return sp
    return None


class FontSizes:
    """Resolves effective sizes for the shapes of one slide (built once per slide)."""

    def __init__(self, slide: Any, presentation_element: Any):
        layout = slide.slide_layout
        master = layout.slide_master
        self._layout_tree = layout.element.find(f"{P}cSld")
        self._master_tree = master.element.find(f"{P}cSld")
        self._default_style = presentation_element.find(f"{P}defaultTextStyle")
        self._text_styles = master.element.find(f"{P}txStyles")

    def _master_style(self, name: str) -> Any:
        return self._text_styles.find(f"{P}{name}") if self._text_styles is not None else None

    def chain(self, shape_element: Any) -> tuple[list[Any], float]:
        """(list styles to consult in order, the shrink factor) for the text of one shape."""
        styles = [_shape_list_style(shape_element)]
        scale = _font_scale(shape_element)
        placeholder = placeholder_of(shape_element)
        if placeholder is not None:
            on_layout = _matching(self._layout_tree, placeholder, by_type=False)
            on_master = _matching(self._master_tree, placeholder if on_layout is None
                                  else placeholder_of(on_layout) or placeholder, by_type=True)
            for behind in (on_layout, on_master):
                if behind is not None:
                    styles.append(_shape_list_style(behind))
                    scale = scale if scale is not None else _font_scale(behind)
            kind = placeholder.type
            styles.append(self._master_style("titleStyle" if kind in _TITLE_TYPES
                                             else "bodyStyle" if kind in _BODY_TYPES else "otherStyle"))
        else:
            styles += [self._default_style, self._master_style("otherStyle")]
        return styles, scale if scale is not None else 1.0

    @staticmethod
    def size(run_element: Any, paragraph_element: Any, styles: list[Any], scale: float) -> float:
        """The size in points a run is shown at."""
        level = 0
        props = paragraph_element.find(f"{A}pPr")
        if props is not None and (props.get("lvl") or "0").isdigit():
            level = int(props.get("lvl") or 0)
        own = run_element.find(f"{A}rPr") if run_element is not None else None
        explicit = own.get("sz") if own is not None else None
        if explicit and explicit.isdigit():
            return round(int(explicit) / 100 * scale, 1)
        paragraph_default = props.find(f"{A}defRPr") if props is not None else None
        if paragraph_default is not None and (paragraph_default.get("sz") or "").isdigit():
            return round(int(paragraph_default.get("sz")) / 100 * scale, 1)
        for style in styles:
            found = _level_size(style, level)
            if found is not None:
                return round(found * scale, 1)
        return round(POWERPOINT_DEFAULT_PT * scale, 1)
