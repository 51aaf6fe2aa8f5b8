# The plan bot: python -m bot (Telegram long polling with TELEGRAM_BOT_TOKEN set).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PLANBOT_KNOWLEDGE_DIR=/app/knowledge \
    PLANBOT_INDEX_DIR=/app/index \
    PLANBOT_DATA_DIR=/app/data

WORKDIR /app

# The CPU torch wheel first: an unpinned torch pulls gigabytes of CUDA packages.
RUN pip install "torch==2.13.0"

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY scripts ./scripts
COPY knowledge ./knowledge
RUN pip install -e . && python scripts/build_index.py --quiet

RUN useradd --system --home-dir /app --shell /usr/sbin/nologin planbot \
    && mkdir -p /app/data \
    && chown -R planbot /app/data /app/index
USER planbot

# Statistics (SQLite) survive container replacement in this volume.
VOLUME ["/app/data"]

# Exits 1 when Telegram rejects the token while polling, 2 when it cannot start:
# run with --restart on-failure.
CMD ["python", "-m", "bot"]
