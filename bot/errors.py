"""Domain errors: each names the file or thing at fault and what to do."""

from __future__ import annotations


class PlanBotError(Exception):
    """Base for errors shown to a person (no traceback needed)."""


class SettingsError(PlanBotError):
    """A setting is missing or invalid."""


class DocumentError(PlanBotError):
    """A plan document cannot be read."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class IndexMissingError(PlanBotError):
    """No usable index on disk yet."""


class IndexMismatchError(PlanBotError):
    """The index on disk is corrupt or was built with other settings."""
