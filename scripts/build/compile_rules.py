"""Compile ``rules/*.yaml`` into the JSON bundle the checker reads.

    python -m scripts.build.compile_rules [--out checker/rules_bundle.json] [--rules rules/]

Every file is checked against its schema, then across files: ids unique,
references resolve (and only to earlier questions from an ask-if), tests fit
the question type, every criterion is used, every citation's page and anchor
exist in ``docs/`` and its quote is found verbatim both in the seed and on the
cited page, the bank-holiday calendar exists, and every worked example in
``rules/examples/`` names real questions, answers them as the checker accepts,
refers to real frameworks and obligations and can be evaluated (the build
renders them).  All problems are reported as ``path:line:col: message`` in one
run, and the bundle is written (atomically) only when there are none.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from . import atomic
from .rules_compile import compile_all, compile_rules
from .rules_files import ROOT, Project, RulesError

__all__ = ["DEFAULT_OUT", "Project", "RulesError", "compile_all", "compile_rules", "main", "write_bundle"]

DEFAULT_OUT = ROOT / "checker" / "rules_bundle.json"


def write_bundle(bundle: dict[str, Any], out: Path) -> None:
    """Write *bundle* to *out* atomically: readers never see half a file.
    An unchanged bundle is not rewritten, so `mkdocs serve` (which watches
    checker/) does not rebuild for ever."""
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(bundle, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    if out.is_file() and out.read_text(encoding="utf-8") == text:
        return
    atomic.write_text(out, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.build.compile_rules", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the bundle")
    parser.add_argument("--rules", type=Path, default=Project.rules, help="the rules folder")
    args = parser.parse_args(argv)
    try:
        bundle = compile_rules(Project(rules=args.rules.resolve()))
    except RulesError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s); nothing written", file=sys.stderr)
        return 1
    write_bundle(bundle, args.out)
    print(f"rules {bundle['rules_version']}: {len(bundle['questions'])} questions, "
          f"{len(bundle['frameworks'])} frameworks -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
