"""Reading a generated report page the way the tests need: its structure, its resources, its colours.

A standard-library HTML parser over the page (no browser needed), and the
WCAG 2 contrast formula over the colour pairs its stylesheet declares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that make a browser fetch what their attribute names.
LOADING = {"link": ("href",), "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",),
           "source": ("src", "srcset"), "audio": ("src",), "video": ("src", "poster"), "embed": ("src",),
           "object": ("data",), "track": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
           "input": ("src",), "frame": ("src",)}
REMOTE = re.compile(r"^\s*(https?:)?//", re.I)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class Page(HTMLParser):
    elements: list[Element] = field(default_factory=list)
    headings: list[tuple[int, str]] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    _open: list[Element] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in ("meta", "link", "br", "input", "img", "hr", "source", "path", "use", "rect", "line",
                       "circle", "polygon", "polyline", "ellipse"):
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                element = self._open.pop(index)
                if re.fullmatch(r"h[1-6]", tag):
                    self.headings.append((int(tag[1]), element.text.strip()))
                elif tag == "style":
                    self.styles.append(element.text)
                elif tag == "script":
                    self.scripts.append(element.text)
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.text += data

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k.replace("_", "-")) == v
                                                               for k, v in attrs.items())]

    def with_class(self, name: str) -> list[Element]:
        return [e for e in self.elements if name in e.attrs.get("class", "").split()]

    def by_id(self, value: str) -> Element | None:
        return next((e for e in self.elements if e.attrs.get("id") == value), None)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


# ---------------------------------------------------------------- what a browser would load

def remote_references(html: str) -> list[str]:
    """Every reference that would make a browser go to the network: attributes, CSS imports and urls."""
    page = parse(html)
    found = []
    for element in page.elements:
        for attribute in LOADING.get(element.tag, ()):
            value = element.attrs.get(attribute, "")
            if value and REMOTE.search(value):
                found.append(f"<{element.tag} {attribute}={value}>")
        if element.tag == "link" and element.attrs.get("rel", "").lower() in ("stylesheet", "preload", "prefetch",
                                                                              "icon", "manifest", "import"):
            found.append(f"<link rel={element.attrs['rel']}>")  # anything linked is loaded, even from disk
        if element.tag == "script" and "src" in element.attrs:
            found.append(f"<script src={element.attrs['src']}> (even a local one)")
        style = element.attrs.get("style", "")
        found += [f"style url({u})" for u in re.findall(r"url\(\s*['\"]?([^)'\"]+)", style) if not u.startswith("#")]
    for css in page.styles:
        found += [f"@import {m}" for m in re.findall(r"@import\s+([^;]+)", css)]
        found += [f"url({u})" for u in re.findall(r"url\(\s*['\"]?([^)'\"]+)", css) if not u.startswith("#")]
    return found


# ---------------------------------------------------------------- colours

def _hex(value: str) -> tuple[float, float, float]:
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))


def luminance(colour: str) -> float:
    channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in _hex(colour)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def colour_pairs(css: str) -> list[tuple[str, str, str]]:
    """(selector, text colour, background) of every rule that sets a text colour.

    A rule that sets no background of its own stands on the page's (``--page``):
    the stylesheet gives every panel that carries text its background explicitly.
    """
    variables = dict(re.findall(r"(--[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\b", css))

    def resolve(value: str) -> str | None:
        match = re.search(r"var\((--[\w-]+)\)|(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b", value)
        if match is None:
            return None
        return variables.get(match.group(1)) if match.group(1) else match.group(2)

    pairs = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict((k.strip(), v.strip()) for k, v in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body))
        text = resolve(declarations.get("color", ""))
        if text is None:
            continue
        background = resolve(declarations.get("background", "") or declarations.get("background-color", ""))
        pairs.append((selector.strip(), text, background or variables["--page"]))
    return pairs
