# One image for front, web, worker, beat and migrate; each runs a Makefile target (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends make libjpeg62-turbo libpq5 \
        postgresql-client \
        nginx-light libnginx-mod-http-cache-purge \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 portal \
    && mkdir -p /app /data/media /front-cache /backups \
    && chown -R portal:portal /app /data /front-cache /backups
WORKDIR /app
COPY --chown=portal:portal Makefile ./
COPY --chown=portal:portal requirements ./requirements
USER portal
RUN make install PYTHON=/usr/local/bin/python3.11
COPY --chown=portal:portal . .
ENV DJANGO_SETTINGS_MODULE=portal.settings.production
EXPOSE 8000
CMD ["make", "web"]
