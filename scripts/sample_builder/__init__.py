"""Builders for the sample course's generated files (see scripts/make_sample_course.py).

Each module makes one kind of file — ``pdf`` (reportlab), ``slides``
(python-pptx), ``media`` (ffmpeg) — from the descriptor and the manuscripts in
``scripts/sample_content/``. ``output`` holds the writing rules they share.
"""
