"""One error hierarchy for the whole coder.

Every error has a stable number (``E1xx`` dictionaries and rules, ``E2xx`` input
articles, ``E3xx`` output, ``E4xx`` the NLP pipeline) and, where it comes from a
file, a source location printed as ``file:line``. Dictionary loading collects
every error of a file before it raises, so a user fixes them all in one go.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceLocation:
    """Where a problem sits: a file and, when known, a 1-based line."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


# Numbered messages. Keep numbers stable: users search for them.
MESSAGES: dict[str, str] = {
    "E101": "YAML syntax error",
    "E102": "invalid entry",
    "E103": "duplicate key in a mapping",
    "E104": "unknown CAMEO event code",
    "E105": "unknown top-level section",
    "E106": "file cannot be read",
    "E107": "no dictionary files found",
    "E108": "invalid rule",
    "E110": "YAML aliases expand past the budget",
    "E201": "article cannot be decoded",
    "E202": "article has no text",
    "E203": "article date cannot be parsed",
    "E204": "malformed input record",
    "E205": "article too long",
    "E206": "input cannot be read",
    "E207": "internal error while coding the article",
    "E301": "output cannot be written",
    "E302": "unknown output format",
    "E310": "output is in use by another run",
    "E311": "output would overwrite or sit inside an input",
    "E312": "cannot resume: the run changed",
    "E313": "option not supported by the dask engine",
    "E401": "spaCy pipeline cannot be loaded",
}


class CoderError(Exception):
    """Base class. ``code`` is the numbered message, ``location`` a SourceLocation."""

    code = "E000"

    def __init__(
        self, message: str, *, location: SourceLocation | None = None, code: str | None = None
    ) -> None:
        self.code = code or self.code
        self.location = location
        self.detail = message
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        title = MESSAGES.get(self.code, "")
        return f"{where}[{self.code}] {title}: {self.detail}" if title else f"{where}{self.detail}"


class DictionaryError(CoderError):
    code = "E102"


class RuleError(CoderError):
    code = "E108"


class ArticleError(CoderError):
    code = "E204"


class OutputError(CoderError):
    code = "E301"


class ModelError(CoderError):
    code = "E401"


class ErrorCollection(CoderError):
    """Several errors at once (the collect-all mode of the validator)."""

    code = "E100"

    def __init__(self, errors: list[CoderError]) -> None:
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} error(s)")

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
