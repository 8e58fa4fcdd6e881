"""OLX as Studio exports it: one file per block, pointers from the parent, names Open edX accepts.

A block lives in ``<type>/<url_name>.xml`` without a ``url_name`` of its own
(Studio's importer takes it from the pointer ``<type url_name="…"/>``); HTML
keeps its content in ``html/<url_name>.html`` beside a one-line
``<html filename=…>``. Discussions and open-response assessments are written
inline in their unit, as Studio writes them. url_names are letters, digits
and underscores, unique in the course.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from ..archive import PackageTree
from ...names import safe_stem


def xml_text(element: ET.Element) -> str:
    ET.indent(element, space="  ")
    return ET.tostring(element, encoding="unicode") + "\n"


def json_text(data) -> str:
    """JSON as policy files hold it: sorted keys, ASCII escapes (any reader's encoding copes)."""
    return json.dumps(data, indent=4, sort_keys=True, ensure_ascii=True) + "\n"


class UrlNames:
    """Unique url_names from the course's own ids ("M1.L2" → "m1_l2")."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def new(self, *parts: str) -> str:
        base = "_".join(safe_stem(part).lower() for part in parts if part) or "block"
        name, number = base, 1
        while name in self._taken:
            number += 1
            name = f"{base}_{number}"
        self._taken.add(name)
        return name


class Olx:
    """Writes blocks into the package tree below ``course/`` (the archive's root folder is added on writing)."""

    def __init__(self, tree: PackageTree) -> None:
        self.tree = tree
        self.names = UrlNames()

    def block(self, kind: str, url_name: str, element: ET.Element) -> ET.Element:
        """Store ``element`` as ``<kind>/<url_name>.xml``; return the pointer for its parent."""
        self.tree.add_text(f"{kind}/{url_name}.xml", xml_text(element))
        return ET.Element(kind, url_name=url_name)

    def html(self, url_name: str, display_name: str, content: str) -> ET.Element:
        self.tree.add_text(f"html/{url_name}.html", content)
        return self.block("html", url_name, ET.Element("html", filename=url_name, display_name=display_name))
