"""``moocforge rules``, ``profiles`` and ``schema``: what the program checks, against which numbers."""

from __future__ import annotations

from typing import Optional

import typer

from ..i18n import t
from .common import LANG_OPTION, Language, UsageProblem, console, resolve_language


# Where `moocforge --help` lists this module's commands (cli/entry.py registers every module).
ORDER = 20

def rules(
    rule_id: Optional[str] = typer.Argument(None, help="A rule id (ST101) or name (module-count) to explain."),
    lang: Optional[Language] = LANG_OPTION,
    profile: Optional[str] = typer.Option(None, "--profile", "-p", help="Profile whose thresholds to show."),
    clause: Optional[str] = typer.Option(None, "--clause", "-c", help="Only the rules that cite this clause: "
                                         "\"§11\" (and §11.x), \"form 08\", \"form 01 item 15\", \"KazNU §4.11\"."),
) -> None:
    """List the rule catalogue, or explain one rule with an example of a failure and its fix.

    Examples:
      moocforge rules
      moocforge rules --clause "§11"
      moocforge rules --clause KazNU --profile kaznu
      moocforge rules ST101 --lang kk
    """
    from ..profiles import load_profile
    from ..profiles.clauses import citing, references
    from ..report.catalogue import print_rule, print_rules
    from ..rules.cases import rule_example
    from ..rules.registry import all_rules, get_rule

    language = resolve_language(lang)
    out = console()
    chosen = load_profile(profile)
    if rule_id is None:
        listed = all_rules()
        if clause is not None:
            if not references(clause):
                raise UsageProblem("profiles.error.no_clause", clause=clause, hint="profiles.error.clause_hint")
            listed = citing(listed, clause, chosen)
            if not listed:
                out.print(t("profiles.no_rule_cites", language, clause=clause), highlight=False)
                return
        print_rules(out, listed, language, chosen)
        return
    found = get_rule(rule_id)
    if found is None:
        raise UsageProblem("core.error.no_rule", rule=rule_id, hint="core.error.list_rules")
    print_rule(out, found, language, chosen, rule_example(found, language))


def profiles(
    name: Optional[str] = typer.Argument(None, help="Profile to show: what it changes against the one it extends."),
    lang: Optional[Language] = LANG_OPTION,
    every_value: bool = typer.Option(False, "--all", help="Every value of the profile, not only what it changes."),
) -> None:
    """List the built-in profiles, or show what one changes against its parent, each value with its clause.

    Examples:
      moocforge profiles
      moocforge profiles kaznu --lang ru
      moocforge profiles kaznu --all
    """
    from ..profiles import builtin_profiles, load_profile
    from ..report.catalogue import print_profile, print_profiles

    language = resolve_language(lang)
    if name is None:
        print_profiles(console(), [load_profile(item) for item in builtin_profiles()], language)
    else:
        print_profile(console(), load_profile(name), language, every_value)


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
