"""``moocforge rules``, ``profiles`` and ``schema``: what the program checks, against which numbers."""

from __future__ import annotations

from typing import Optional

import typer

from .common import LANG_OPTION, Language, UsageProblem, console, resolve_language


# Where `moocforge --help` lists this module's commands (cli/entry.py registers every module).
ORDER = 20

def rules(
    rule_id: Optional[str] = typer.Argument(None, help="A rule id (ST101) or name (module-count) to explain."),
    lang: Optional[Language] = LANG_OPTION,
    profile: Optional[str] = typer.Option(None, "--profile", "-p", help="Profile whose thresholds to show."),
) -> None:
    """List the rule catalogue, or explain one rule with an example of a failure and its fix.

    Examples:
      moocforge rules
      moocforge rules ST101 --lang kk
    """
    from ..profiles import load_profile
    from ..report.catalogue import print_rule, print_rules
    from ..rules.cases import rule_example
    from ..rules.registry import all_rules, get_rule

    language = resolve_language(lang)
    out = console()
    chosen = load_profile(profile)
    if rule_id is None:
        print_rules(out, all_rules(), language, chosen)
        return
    found = get_rule(rule_id)
    if found is None:
        raise UsageProblem("core.error.no_rule", rule=rule_id, hint="core.error.list_rules")
    print_rule(out, found, language, chosen, rule_example(found, language))


def profiles(
    name: Optional[str] = typer.Argument(None, help="Profile to show with every value and its clause."),
    lang: Optional[Language] = LANG_OPTION,
) -> None:
    """List the built-in profiles, or show one profile's values and clauses.

    Examples:
      moocforge profiles
      moocforge profiles kaznu --lang ru
    """
    from ..profiles import builtin_profiles, load_profile
    from ..report.catalogue import print_profile, print_profiles

    language = resolve_language(lang)
    if name is None:
        print_profiles(console(), [load_profile(item) for item in builtin_profiles()], language)
    else:
        print_profile(console(), load_profile(name), language)


def schema() -> None:
    """Print the JSON Schema of course.yaml, for editors (YAML language server) and CI.

    Example:
      moocforge schema > course.schema.json
    """
    import json

    from ..course.scaffold import course_schema

    typer.echo(json.dumps(course_schema(), ensure_ascii=False, indent=2))


def register(app) -> None:
    app.command()(rules)
    app.command("profiles")(profiles)
    app.command()(schema)
