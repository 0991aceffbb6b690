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
    "E108": "invalid rule",  # not raised: rules report E102; kept so it is not reused
    "E109": "rules directory does not exist",
    "E110": "YAML aliases expand past the budget",
    "E111": "rule example fails",  # coder validate --examples
    "E201": "article cannot be decoded",
    "E202": "article has no text",
    "E203": "article date cannot be parsed",
    "E204": "malformed input record",
    "E205": "article too long",
    "E206": "input cannot be read",
    "E207": "internal error while coding the article",
    "E208": "input path does not exist",
    "E209": "the inputs yield no records",
    "E210": "column not found in the input",
    "E301": "output cannot be written",
    "E302": "unknown output format",
    "E303": "output format conflicts with the file name",
    "E310": "output is in use by another run",
    "E311": "output would overwrite or sit inside an input",
    "E312": "cannot resume: the run changed",
    "E313": "option not supported by the dask engine",
    "E401": "spaCy pipeline cannot be loaded",
}


# Exit codes of the CLI, one per kind of failure (README: "Exit codes"). Keep stable.
EXIT_OK = 0
EXIT_PROBLEMS = 1  # `coder validate` found errors (or warnings with --strict)
EXIT_USAGE = 2  # a bad option or argument (also Typer's own usage errors)
EXIT_NO_INPUT = 3  # an input path does not exist
EXIT_NO_RECORDS = 4  # the inputs exist but yield no records
EXIT_MISSING_DATA = 5  # a dictionaries or rules folder does not exist
EXIT_BAD_DICTIONARIES = 6  # dictionaries or rules do not load
EXIT_OUTPUT = 7  # the output cannot be written
EXIT_MODEL = 8  # the spaCy pipeline cannot be loaded
EXIT_INTERNAL = 70  # a bug (EX_SOFTWARE): one [E000] line; CODER_DEBUG=1 shows the traceback
EXIT_INTERRUPTED = 130  # Ctrl-C; the .partial files are kept for --resume

EXIT_CODES: dict[int, str] = {
    EXIT_OK: "success",
    EXIT_PROBLEMS: "`coder validate` found problems",
    EXIT_USAGE: "bad option or argument",
    EXIT_NO_INPUT: "an input path does not exist",
    EXIT_NO_RECORDS: "the inputs yield no records",
    EXIT_MISSING_DATA: "a dictionaries or rules folder does not exist",
    EXIT_BAD_DICTIONARIES: "the dictionaries or rules have errors",
    EXIT_OUTPUT: "the output cannot be written",
    EXIT_MODEL: "the spaCy pipeline cannot be loaded",
    EXIT_INTERNAL: "internal error (a bug; please report it)",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C); resume with --resume",
}


def exit_code_for(codes: list[str] | str) -> int:
    """The CLI exit code for one or more numbered errors (the first that decides wins:
    a missing folder before bad entries)."""
    items = [codes] if isinstance(codes, str) else list(codes)
    if "E208" in items:
        return EXIT_NO_INPUT
    if "E209" in items:
        return EXIT_NO_RECORDS
    if any(c in ("E107", "E109") for c in items):
        return EXIT_MISSING_DATA
    if any(c.startswith("E1") for c in items):
        return EXIT_BAD_DICTIONARIES
    if any(c.startswith("E3") for c in items):
        return EXIT_OUTPUT
    if any(c.startswith("E4") for c in items):
        return EXIT_MODEL
    return EXIT_USAGE


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
