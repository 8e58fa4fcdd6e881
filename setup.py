"""Package layout that pyproject.toml alone cannot say.

The code lives in ``src/moocforge``; the templates and the rubrics live at the
repository's top level (``templates/``, ``rubrics/``), where people editing
them look first, and are shipped inside the wheel as ``moocforge.templates``
and ``moocforge.rubrics``. Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

TOP_LEVEL_DATA = {"moocforge.templates": "templates", "moocforge.rubrics": "rubrics"}

setup(
    packages=find_packages("src") + list(TOP_LEVEL_DATA),
    package_dir={"": "src", **TOP_LEVEL_DATA},
)
