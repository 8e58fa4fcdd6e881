"""Jinja2 templates (and the phrases they fill in), shipped inside the wheel as ``moocforge.templates``.

This folder sits at the repository's top level so that template authors find
it at once; ``setup.py`` maps it into the package. Read it through
``moocforge.templating``, never by a path next to a source file.
"""
