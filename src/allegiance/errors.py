"""One exception tree. Every message names the input at fault and says how to fix it."""

from __future__ import annotations


class AllegianceError(Exception):
    """Base of every error the library raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, input: str | None = None, hint: str | None = None):
        self.input = input
        self.hint = hint
        text = f"{input}: {message}" if input else message
        if hint:
            text = f"{text} ({hint})"
        super().__init__(text)


class ConfigError(AllegianceError):
    """A setting, settings file or environment variable is wrong."""


class InputError(AllegianceError):
    """An input (file, URL, line, feed) cannot be read as news; it is skipped, the batch goes on."""


class FetchError(InputError):
    """A URL could not be fetched."""


class ReaderError(AllegianceError):
    """The process reading a batch's inputs ended without finishing them (``ingest.prefetch``)."""


class StoreError(AllegianceError):
    """The database cannot be opened, migrated or written."""


class DataFileError(AllegianceError):
    """A packaged or user data file (lexicon, actor table, patterns) is malformed."""


class ModelError(AllegianceError):
    """The NLP model or the event classifier cannot be loaded."""


class NotFound(AllegianceError):
    """An id or name asked for does not exist."""

    exit_code = 4


class InvalidParameter(AllegianceError):
    """A parameter value (date, code, dyad, format) is not valid."""

    exit_code = 2

    def __init__(self, parameter: str, message: str, *, hint: str | None = None):
        self.parameter = parameter
        super().__init__(message, input=parameter, hint=hint)
