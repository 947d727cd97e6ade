"""One error hierarchy for the core; the CLI maps it to messages and exit codes."""

from __future__ import annotations


class GongkaiError(Exception):
    """Base of every error the core raises on purpose."""


class ReadError(GongkaiError):
    """A file that cannot be read as a report. Names the file and the problem."""

    def __init__(self, source: str | None, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}" if source else problem)
