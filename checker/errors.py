"""Exceptions raised by the checker.  Every one derives from :class:`CheckerError`
so a caller (the CLI, the browser worker) can catch them in one place."""

from __future__ import annotations


class CheckerError(Exception):
    """Root of every error the checker raises on purpose."""


class BundleError(CheckerError):
    """The compiled rules bundle is missing, unreadable or of the wrong shape."""


class AnswerError(CheckerError):
    """The answers given to :func:`checker.evaluate` are not acceptable.

    ``problems`` holds one readable sentence per problem, each naming the
    question and what it expects, so that all of them can be shown at once.
    """

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


class DeadlineError(CheckerError):
    """A due date cannot be computed, e.g. it falls outside the years for
    which bank holidays were compiled into the bundle."""
