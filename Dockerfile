# ClaimWatch in a container: `docker build -t claimwatch .`, then see compose.yaml.
# Stage 1 builds wheels (ClaimWatch's own and its dependencies'); stage 2 installs only those
# wheels into a slim image that runs as an unprivileged user, with the database on /data.

FROM python:3.12-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY claimwatch ./claimwatch
COPY scrapers ./scrapers
COPY bot ./bot
RUN pip wheel --wheel-dir /wheels .

FROM python:3.12-slim
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    MPLCONFIGDIR=/tmp/matplotlib
COPY --from=build /wheels /wheels
RUN pip install --no-index --find-links /wheels claimwatch \
    && rm -rf /wheels \
    && groupadd --system --gid 10001 claimwatch \
    && useradd --system --uid 10001 --gid claimwatch --home-dir /data --no-create-home --shell /usr/sbin/nologin claimwatch \
    && mkdir -p /data /config \
    && chown claimwatch:claimwatch /data
# the config is mounted read-only at /config/config.toml; its [storage] path must be under /data,
# e.g. path = "/data/claimwatch.db"
VOLUME ["/data"]
WORKDIR /data
USER claimwatch:claimwatch
# [ops] listen = "0.0.0.0:9464" serves /healthz and /metrics here (off unless configured)
EXPOSE 9464
HEALTHCHECK --interval=1m --timeout=30s --start-period=2m --retries=3 \
    CMD claimwatch health --config /config/config.toml || exit 1
ENTRYPOINT ["claimwatch"]
CMD ["run", "--config", "/config/config.toml"]
