"""Problems as values, the errors the CLI turns into messages, and the exit-code table.

Which exit code a set of problems gives is decided by ``diagnose.exit_code_for``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

TYPE_CHECKING = False  # not from typing: importing it is a noticeable part of a report
if TYPE_CHECKING:
    from typing import Any


class Level(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a ledger, located at ``path:line:col`` (1-based).

    ``message_key`` and ``args`` name an entry in the i18n catalog, so the same
    problem can be printed in Chinese or English; ``code`` is the stable rule code.
    """

    path: str
    line: int
    col: int
    level: Level = field(compare=False)
    code: str
    message_key: str = field(compare=False)
    args: tuple[tuple[str, Any], ...] = field(default=(), compare=False)
    # Where in the data the problem is, e.g. ("tasks", 3, "lead", 0); used to find line:col.
    loc: tuple[str | int, ...] = field(default=(), compare=False)

    @property
    def kwargs(self) -> dict[str, Any]:
        return dict(self.args)

    def at(self, path: str, line: int, col: int) -> Problem:
        return Problem(path, line, col, self.level, self.code, self.message_key, self.args, self.loc)


def problem(
    code: str,
    message_key: str,
    /,
    *,
    level: Level = Level.ERROR,
    loc: tuple[str | int, ...] = (),
    path: str = "",
    line: int = 0,
    col: int = 0,
    **args: Any,
) -> Problem:
    return Problem(path, line, col, level, code, message_key, tuple(sorted(args.items())), loc)


class ExitCode(enum.IntEnum):
    """The exit-code table; README.md documents the same rows."""

    OK = 0
    PROBLEMS = 1  # the ledger has errors (or warnings under --strict)
    UNREADABLE = 2  # missing, not a regular file (a directory, a device, a pipe), no permission, too large, undecodable bytes
    USAGE = 3  # bad option or argument: unknown unit, unknown task id, bad date
    REFUSED = 4  # a change was refused: it would make the ledger invalid, or the file changed meanwhile


class GongkaiError(Exception):
    """Base of every error the CLI turns into a message and an exit code."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_map = args


class UsageError(GongkaiError):
    exit_code = ExitCode.USAGE


class UnreadableError(GongkaiError):
    """The ledger could not be read at all; carries one located problem."""

    exit_code = ExitCode.UNREADABLE

    def __init__(self, prob: Problem) -> None:
        super().__init__(prob.message_key, **prob.kwargs)
        self.problem = prob


class LedgerInvalid(GongkaiError):
    """The ledger was read but has errors; carries every problem found."""

    exit_code = ExitCode.PROBLEMS

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("ledger.invalid", count=len(problems))
        self.problems = sorted(problems)


class ChangeRefused(GongkaiError):
    exit_code = ExitCode.REFUSED

    def __init__(self, key: str, problems: list[Problem] | None = None, **args: Any) -> None:
        super().__init__(key, **args)
        self.problems = sorted(problems or [])
