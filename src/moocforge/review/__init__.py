"""Expert review (ATU §10.5–10.6, forms 10 and 11): the rubric, score proposals, expert sheets, merging.

``rubric`` reads the rubric data; ``facts`` turns a check result (fresh or
saved as JSON) into what a review works from; ``score`` proposes a score per
criterion from the findings of the rules that name it, with the ``figures``
behind it; ``sheet`` writes and reads an expert's sheet (XLSX or YAML);
``merge`` combines the sheets of a committee, with ``agreement`` between
experts. The documents themselves are ``moocforge.forms``.
"""
