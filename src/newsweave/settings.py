"""Settings a user may change, each with its default and help; passed explicitly to the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from newsweave.ingest.files import DEFAULT_MAX_BYTES


class ConfigError(ValueError):
    """A setting outside what is allowed; the message names it, what was allowed and what was given."""


@dataclass(frozen=True, slots=True)
class Settings:
    max_bytes: int = field(default=DEFAULT_MAX_BYTES, metadata={"help": "largest input file read, in bytes"})
    copy_threshold: float = field(
        default=0.8, metadata={"help": "shingle similarity above which an article is a copy of another"}
    )
    summary_words: int = field(default=80, metadata={"help": "words in each story's summary"})

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(f"max_bytes must be positive; got {self.max_bytes!r}")
        if not 0 < self.copy_threshold <= 1:
            raise ConfigError(f"copy_threshold must be in (0, 1]; got {self.copy_threshold!r}")
        if self.summary_words < 10:
            raise ConfigError(f"summary_words must be at least 10; got {self.summary_words!r}")

    @classmethod
    def documented(cls) -> dict[str, str]:
        return {f.name: f.metadata.get("help", "") for f in fields(cls)}
