# factdesk: the HTTP service, for PostgreSQL in production (set FACTDESK_DATABASE_URL).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, pinned by the same constraints the tests run with, so code edits reuse this layer.
COPY pyproject.toml constraints.txt README.md ./
COPY api/ api/
COPY db/ db/
COPY reasoning/ reasoning/
COPY seeds/ seeds/
RUN pip install --constraint constraints.txt . \
    && useradd --create-home --uid 10001 factdesk

USER 10001

ENV FACTDESK_DATABASE_URL=sqlite+aiosqlite:////home/factdesk/data/factdesk.db

EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz')"]

# `serve` runs the migrations before it listens.
CMD ["factdesk", "serve", "--host", "0.0.0.0", "--port", "8000"]
