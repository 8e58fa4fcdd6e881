"""What a course repository's CI needs around the check: settings, justified exceptions, a baseline, changed files.

- ``settings``: the ``check:`` section of course.yaml or ``moocforge.toml``, merged
  with the command line, each value with where it came from;
- ``exceptions`` and ``inline``: exceptions written in the configuration or as
  comments next to what they excuse (course.yaml, GIFT and Aiken banks), applied
  to a check's findings, with unused and expired ones reported (``pseudo_rules``);
- ``fingerprints`` and ``baseline``: stable identities of findings, so an old
  course can adopt the tool and fail only on what is new;
- ``changes``: the course files git says changed since a reference.

The pipeline (``moocforge.check``) applies all of this after evaluating the
rules, so every reporter sees the same suppressed, known and new findings.
"""
