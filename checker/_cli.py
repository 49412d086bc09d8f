"""``python -m checker``: the command-line face of the checker (SPEC section 4).

Exit status: 0 on success, 2 on bad input (one readable line per problem on
stderr), 1 when the checker itself cannot run (e.g. no rules bundle).  No
traceback is ever shown: the reader of the message is a practitioner, not a
Python programmer.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from ._answers import FORM
from ._bundle import Rules, load_rules
from ._describe import STATUS_WORDS, describe_within
from ._engine import evaluate
from .errors import AnswerError, CheckerError, DeadlineError

BAD_INPUT = 2
CANNOT_RUN = 1


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # keep argparse's exit 2, but name the program plainly
        self.print_usage(sys.stderr)
        print(f"python -m checker: {message}", file=sys.stderr)
        raise SystemExit(BAD_INPUT)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m checker",
                     description="Is an incident involving a child notifiable, to whom and by when?")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, text in (("questions", "list the questions the checker asks"),
                       ("frameworks", "list the frameworks the checker decides")):
        command = commands.add_parser(name, help=text, description=text)
        command.add_argument("--json", action="store_true", help="print JSON")
    command = commands.add_parser("evaluate", help="evaluate answers",
                                  description='evaluate {"answers": {...}} from FILE, or - for standard input')
    command.add_argument("file", metavar="FILE|-")
    command.add_argument("--json", action="store_true", help="print JSON")
    return parser


def question_catalogue(rules: Rules) -> list[dict[str, Any]]:
    """The question catalogue as printed by ``questions --json``."""
    by_id = {q.id: q for q in rules.questions}
    return [{
        "id": q.id, "text": q.text, "help": q.help, "type": q.type,
        "options": [{"id": o.id, "label": o.label} for o in q.options],
        "ask_if": q.ask_if.to_data() if q.ask_if else None,
        "asked_when": q.ask_if.describe(by_id) if q.ask_if else "always",
        "definition": q.definition,
        "cite": list(q.cite),
    } for q in rules.questions]


def framework_catalogue(rules: Rules) -> list[dict[str, Any]]:
    """The framework catalogue as printed by ``frameworks --json``."""
    return [{
        "id": f.id, "title": f.title, "source": f.source,
        "current": f.current, "current_note": f.current_note,
        "scope": f.scope.text,
        "criteria": [{"id": c.id, "text": c.text, "cite": c.cite} for c in f.criteria],
        "obligations": [{"id": o.id, "action": o.action, "who": o.who, "to": o.to, "via": o.via,
                         "strength": o.strength, "mandatory": o.mandatory, "within": o.within, "cite": o.cite}
                        for o in f.obligations],
    } for f in rules.frameworks]


def _print_questions(rules: Rules, out: TextIO) -> None:
    for q in question_catalogue(rules):
        print(f"{q['id']} ({q['type']}): {q['text']}", file=out)
        for option in q["options"]:
            print(f"    {option['id']}: {option['label']}", file=out)
        if q["ask_if"]:
            print(f"    asked when {q['asked_when']}", file=out)


def _print_frameworks(rules: Rules, out: TextIO) -> None:
    for f in framework_catalogue(rules):
        print(f"{f['id']}: {f['title']} ({f['source']['version']})", file=out)
        print(f"    scope: {f['scope']}", file=out)
        for o in f["obligations"]:
            print(f"    {o['who']} {o['strength']} {o['action']} {o['to']} "
                  f"{describe_within(o['within'], rules.start_points)}", file=out)


def _print_result(result: dict[str, Any], rules: Rules, out: TextIO) -> None:
    print(f"Rules version {result['rules_version']}", file=out)
    for f in result["frameworks"]:
        print(f"\n{f['title']} [{f['id']}]", file=out)
        if not f["current"]:
            print(f"  HISTORIC: {f['current_note']}", file=out)
        print(f"  {STATUS_WORDS[f['status']]}", file=out)
        if f["note"]:
            print(f"  {f['note']}", file=out)
        for o in f["obligations"]:
            when = f"due {o['due']}" if o["due"] else describe_within(o["within"], rules.start_points)
            print(f"  - {o['strength']}: {o['action']} {o['to']} via {o['via']}: {when}", file=out)
            if o["due_note"]:
                print(f"    ({o['due_note']})", file=out)
        for reason in f["reasons"]:
            mark = {True: "met", False: "not met", None: "unknown"}[reason["met"]]
            print(f"  [{mark}] {reason['text']}", file=out)
        if f["missing"]:
            print(f"  still unknown: {', '.join(f['missing'])}", file=out)


def _read_bytes(name: str) -> bytes:
    if name != "-":
        with open(name, "rb") as stream:
            return stream.read()
    stdin = getattr(sys.stdin, "buffer", None)  # bytes, so the text is decoded here and not by the locale
    return stdin.read() if stdin is not None else sys.stdin.read().encode("utf-8")


def _read_document(name: str) -> Any:
    label = "standard input" if name == "-" else name
    try:
        data = _read_bytes(name)
    except OSError as error:
        raise AnswerError([f"{label}: cannot read the file ({error.strerror or error})"]) from None
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark, as some Windows editors write, is harmless
    except UnicodeDecodeError as error:
        where = f"byte 0x{data[error.start]:02x} at offset {error.start}"
        raise AnswerError([f"{label}: not UTF-8 text ({where})"]) from None
    if not text.strip():
        raise AnswerError([f"{label} is empty; {FORM}"])
    repeated: list[str] = []

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        # json keeps the last of two equal keys without a word: a question answered twice is ambiguous.
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                repeated.append(key)
            seen[key] = value
        return seen

    try:
        document = json.loads(text, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as error:
        raise AnswerError([f"{label}:{error.lineno}:{error.colno}: malformed JSON: {error.msg}"]) from None
    except RecursionError:
        raise AnswerError([f"{label}: malformed JSON: nested too deeply to be a set of answers"]) from None
    if repeated:
        raise AnswerError([f'{label}: "{key}" is given more than once in one object; give it once'
                           for key in dict.fromkeys(repeated)])
    return document


def _deadline_problem(error: DeadlineError, document: Any, rules: Rules) -> str:
    """The deadline error, naming the dated answers that deadlines run from."""
    answers = document.get("answers", {}) if isinstance(document, dict) else {}
    starts = dict.fromkeys(point.question for point in rules.start_points.values())
    given = [f'"{question}" ({json.dumps(answers[question])})' for question in starts if question in answers]
    source = f" from the answer{'s' if len(given) > 1 else ''} to {', '.join(given)}" if given else ""
    return f"cannot work out a due date{source}: {error}"


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    """Run the CLI; return the exit status."""
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    document: Any = None
    try:
        rules = load_rules()
        catalogues = {"questions": (question_catalogue, _print_questions),
                      "frameworks": (framework_catalogue, _print_frameworks)}
        if args.command in catalogues:
            as_data, as_text = catalogues[args.command]
            if args.json:
                json.dump(as_data(rules), out, indent=2, ensure_ascii=False)
                print(file=out)
            else:
                as_text(rules, out)
        else:
            document = _read_document(args.file)
            result = evaluate(document, rules)
            if args.json:
                json.dump(result, out, indent=2, ensure_ascii=False)
                print(file=out)
            else:
                _print_result(result, rules, out)
    except AnswerError as error:
        for problem in error.problems:
            print(f"python -m checker: {problem}", file=sys.stderr)
        return BAD_INPUT
    except DeadlineError as error:
        print(f"python -m checker: {_deadline_problem(error, document, rules)}", file=sys.stderr)
        return BAD_INPUT
    except BrokenPipeError:  # e.g. piped into `head`: the reader has what it wanted
        sys.stderr.close()
        return 0
    except CheckerError as error:
        print(f"python -m checker: {error}", file=sys.stderr)
        return CANNOT_RUN
    except Exception as error:  # noqa: BLE001 - the promise is: never a traceback
        print(f"python -m checker: internal error ({type(error).__name__}: {error}); "
              "please report it with the answers that caused it", file=sys.stderr)
        return CANNOT_RUN
    return 0
