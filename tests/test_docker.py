"""The deployment files: Dockerfile, .dockerignore, compose.yaml, the systemd unit and the
Litestream example. Lint-level checks always run; ``docker build`` runs only when a Docker daemon
answers and the build is allowed to download (the base image and the packages come from the
internet, which tests never touch unless ``CLAIMWATCH_TEST_DOCKER_BUILD=1`` says so)."""

from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "compose.yaml"
UNIT = ROOT / "deploy" / "claimwatch.service"
LITESTREAM = ROOT / "deploy" / "litestream.yml"


def instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", "\n".join(line for line in path.read_text().splitlines()
                                          if not line.lstrip().startswith("#")))
    out = []
    for line in text.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            out.append((word.upper(), " ".join(rest.split())))
    return out


def test_dockerfile_is_multi_stage_slim_non_root_with_a_healthcheck() -> None:
    ins = instructions(DOCKERFILE)
    froms = [a for i, a in ins if i == "FROM"]
    assert len(froms) >= 2 and all(a.startswith("python:3.12-slim") for a in froms)
    final = ins[max(n for n, (i, _) in enumerate(ins) if i == "FROM"):]  # the runtime stage
    users = [a for i, a in final if i == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert any(i == "RUN" and "useradd" in a for i, a in final)
    assert ("VOLUME", '["/data"]') in final
    health = [a for i, a in final if i == "HEALTHCHECK"]
    assert len(health) == 1 and "CMD claimwatch health --config /config/config.toml" in health[0]
    assert ("ENTRYPOINT", '["claimwatch"]') in final
    assert ("CMD", '["run", "--config", "/config/config.toml"]') in final
    # installed from wheels built in the first stage, nothing fetched in the runtime stage
    assert any(i == "RUN" and "pip wheel" in a for i, a in ins[: len(ins) - len(final)])
    assert any(i == "RUN" and "--no-index" in a and "claimwatch" in a for i, a in final)
    assert any(i == "COPY" and a.startswith("--from=") for i, a in final)


def test_dockerignore_sends_only_the_package_sources() -> None:
    lines = [x.strip() for x in (ROOT / ".dockerignore").read_text().splitlines() if x.strip() and not x.startswith("#")]
    assert lines[0] == "*"
    assert {"!pyproject.toml", "!README.md", "!claimwatch", "!scrapers", "!bot"} <= set(lines)
    assert "**/*.db" in lines  # a database next to the sources never lands in an image
    # everything the Dockerfile copies into the build is let through
    copied = {a.split()[0] for i, a in instructions(DOCKERFILE) if i == "COPY" and not a.startswith("--from")}
    assert copied <= {"pyproject.toml", "README.md", "claimwatch", "scrapers", "bot"}


def test_compose_takes_the_token_from_the_environment_and_names_the_data_volume() -> None:
    text = COMPOSE.read_text()
    assert "${CLAIMWATCH_TELEGRAM_TOKEN" in text and not re.search(r"\d{6,}:[A-Za-z0-9_-]{20,}", text)
    assert re.search(r"^    restart: unless-stopped$", text, re.M)
    assert re.search(r"^      - \./config\.toml:/config/config\.toml:ro$", text, re.M)
    assert re.search(r"^      - claimwatch-data:/data$", text, re.M)
    assert re.search(r"^volumes:\n  claimwatch-data:", text, re.M)


def test_compose_parses() -> None:
    yaml = pytest.importorskip("yaml", reason="PyYAML is not installed: compose.yaml is checked as text only")
    doc = yaml.safe_load(COMPOSE.read_text())
    svc = doc["services"]["claimwatch"]
    assert svc["restart"] == "unless-stopped"
    assert "./config.toml:/config/config.toml:ro" in svc["volumes"]
    assert "claimwatch-data:/data" in svc["volumes"] and "claimwatch-data" in doc["volumes"]
    assert svc["environment"]["CLAIMWATCH_TELEGRAM_TOKEN"].startswith("${CLAIMWATCH_TELEGRAM_TOKEN")


def test_systemd_unit_restarts_on_failure_non_root_and_hardened() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string(UNIT.read_text())
    svc = unit["Service"]
    assert svc["Restart"] == "on-failure"
    assert svc["User"] not in ("root", "0") and svc["Group"]
    assert svc["EnvironmentFile"].startswith("/etc/claimwatch/")
    assert svc["NoNewPrivileges"] == "yes" and svc["ProtectSystem"] == "strict"
    assert svc["ReadWritePaths"] == "/var/lib/claimwatch"
    exec_start = shlex.split(svc["ExecStart"])
    assert exec_start[1:3] == ["run", "--config"] and exec_start[0].endswith("/claimwatch")
    assert "RestartPreventExitStatus" in svc and svc["RestartPreventExitStatus"] == "2"  # config mistakes
    assert unit["Install"]["WantedBy"] == "multi-user.target"
    if shutil.which("systemd-analyze"):
        r = subprocess.run(["systemd-analyze", "verify", str(UNIT)], capture_output=True, text=True, timeout=30)
        assert "Unknown key" not in r.stderr and "Invalid" not in r.stderr, r.stderr


def test_litestream_example_replicates_the_database_the_container_uses() -> None:
    text = LITESTREAM.read_text()
    assert re.search(r"^\s+- path: /data/claimwatch\.db", text, re.M)
    assert "replicas:" in text and "LITESTREAM_SECRET_ACCESS_KEY" in text
    assert not re.search(r"(?i)secret-access-key:\s*\S", text)  # credentials from the environment only


def test_the_runtime_dependencies_include_prometheus_client() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(d.startswith("prometheus-client") for d in deps)


def docker_daemon() -> str | None:
    """Why no build can run, or None when a daemon answers (decided within a few seconds)."""
    if shutil.which("docker") is None:
        return "the docker CLI is not installed"
    try:
        r = subprocess.run(["docker", "version", "--format", "{{.Server.Version}}"], capture_output=True,
                           text=True, timeout=10)
    except subprocess.TimeoutExpired:
        return "the Docker daemon did not answer within 10 s"
    if r.returncode != 0 or not r.stdout.strip():
        return f"no Docker daemon: {(r.stderr.strip().splitlines() or ['docker version failed'])[-1]}"
    return None


def test_docker_build() -> None:
    if (why := docker_daemon()) is not None:
        pytest.skip(why)
    if os.environ.get("CLAIMWATCH_TEST_DOCKER_BUILD") != "1":
        pytest.skip("docker build downloads python:3.12-slim and the packages: set CLAIMWATCH_TEST_DOCKER_BUILD=1")
    tag = "claimwatch-test:latest"
    r = subprocess.run(["docker", "build", "-t", tag, str(ROOT)], capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stderr[-3000:]
    try:
        user = subprocess.run(["docker", "run", "--rm", "--entrypoint", "id", tag, "-u"], capture_output=True,
                              text=True, timeout=60)
        assert user.returncode == 0 and user.stdout.strip() != "0"
        version = subprocess.run(["docker", "run", "--rm", tag, "--version"], capture_output=True, text=True,
                                 timeout=60)
        assert version.returncode == 0 and version.stdout.startswith("claimwatch ")
    finally:
        subprocess.run(["docker", "image", "rm", "-f", tag], capture_output=True, timeout=60)
