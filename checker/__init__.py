"""Threshold checker: is an incident involving a child notifiable, to whom and
by when, under each framework of the published guidance?

Pure standard library, so the same code runs in CPython and in Pyodide.  The
rules arrive as a JSON bundle compiled from ``rules/*.yaml``.
"""

from ._answers import parse_answers
from ._bundle import Rules, load_rules, rules_from_data
from ._describe import present
from ._cli import framework_catalogue, main, question_catalogue
from ._engine import STATUSES, check_definition, evaluate
from .errors import AnswerError, BundleError, CheckerError, DeadlineError

__all__ = [
    "AnswerError", "BundleError", "CheckerError", "DeadlineError", "Rules", "STATUSES",
    "check_definition", "evaluate", "framework_catalogue", "load_rules", "main", "parse_answers",
    "present", "question_catalogue", "rules_from_data",
]
__version__ = "0.1.0"
