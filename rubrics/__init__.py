"""Rubric data (criteria, level descriptors, decision bands), shipped inside the wheel as ``moocforge.rubrics``.

This folder sits at the repository's top level; ``setup.py`` maps it into the package.
"""
