"""The README tells the truth: its first command serves the seeded service, and every curl example runs.

The server is started exactly as the README says (`scripts/serve`), on a fresh SQLite database and a free
loopback port; the README's commands are run in order against it, with the port substituted.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.live import free_port

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
README_URL = "http://127.0.0.1:8000"
STARTUP_SECONDS = 240
COMMAND_SECONDS = 30


class Example:
    def __init__(self, command: str, expected_status: int | None) -> None:
        self.command = command
        self.expected_status = expected_status


def shell_blocks(markdown: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", markdown, flags=re.S)


def curl_examples(markdown: str) -> list[Example]:
    examples: list[Example] = []
    for block in shell_blocks(markdown):
        expected: int | None = None
        for line in block.splitlines():
            stripped = line.strip()
            if match := re.match(r"# expect (\d{3})$", stripped):
                expected = int(match.group(1))
            elif stripped.startswith("curl "):
                examples.append(Example(stripped, expected))
                expected = None
    return examples


def key_exports(markdown: str) -> list[str]:
    return [
        line.strip() for block in shell_blocks(markdown) for line in block.splitlines() if line.startswith("export ")
    ]


def _wait_ready(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"scripts/serve exited with {server.returncode} before it was ready")
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"the server at {url} was not ready within {STARTUP_SECONDS}s")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    port = free_port()
    env = {
        **os.environ,
        "FACTDESK_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('served') / 'factdesk.db'}",
        "FACTDESK_PORT": str(port),
    }
    log = tmp_path_factory.mktemp("log") / "serve.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(
            ["scripts/serve"], cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait_ready(f"http://127.0.0.1:{port}", server)
        yield f"http://127.0.0.1:{port}", env
    except AssertionError:
        raise AssertionError(log.read_text(errors="replace")[-3000:]) from None
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def test_the_readme_has_curl_examples_for_every_endpoint() -> None:
    commands = " ".join(example.command for example in curl_examples(README))
    for path in (
        "/healthz",
        "/readyz",
        "/v1/sources",
        "/v1/sources/",
        "/v1/entities",
        "/v1/metrics",
        "/aliases",
        "/v1/assertions",
        "/v1/assertions/batch",
        "/review",
        "/retract",
        "/v1/review",
        "/v1/changes",
        "-X PATCH",
        "/v1/answers/value",
        "/v1/timeline",
        "format=csv",
        "/v1/conflicts",
        "/v1/claims/check",
        "format=claimreview",
        "/v1/ask",
    ):
        assert path in commands, path


def test_the_first_command_serves_the_five_seed_sources(served: tuple[str, dict[str, str]]) -> None:
    url, _env = served
    with urllib.request.urlopen(f"{url}/v1/sources", timeout=10) as response:
        body = json.load(response)
    assert len(body["items"]) == 5
    assert {item["date"]["basis"] for item in body["items"]} == {"stated", "inferred"}


def test_every_curl_example_in_the_readme_runs(served: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    url, env = served
    exported = subprocess.run(
        ["bash", "-c", "set -e; " + "; ".join(key_exports(README)) + '; echo "$EDITOR_KEY"; echo "$REVIEWER_KEY"'],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_SECONDS,
        check=True,
    )
    editor_key, reviewer_key = exported.stdout.split()
    env = {**env, "EDITOR_KEY": editor_key, "REVIEWER_KEY": reviewer_key}
    examples = curl_examples(README)
    assert len(examples) >= 20
    for number, example in enumerate(examples):
        body_file = tmp_path / f"body-{number}"
        command = example.command.replace(README_URL, url) + f" -o {body_file} -w '%{{http_code}} %{{content_type}}'"
        result = subprocess.run(
            ["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=COMMAND_SECONDS
        )
        assert result.returncode == 0, (example.command, result.stderr)
        status_text, _, content_type = result.stdout.partition(" ")
        status = int(status_text)
        body = body_file.read_text(encoding="utf-8")
        if example.expected_status is None:
            assert 200 <= status < 300, (example.command, status, body)
        else:
            assert status == example.expected_status, (example.command, status, body)
            assert content_type.startswith("application/problem+json"), (example.command, content_type)
            assert json.loads(body)["hint"], body
        if content_type.startswith("text/csv"):
            assert body.startswith("date,"), body[:200]
        else:
            json.loads(body)  # every other example answers JSON (or JSON-LD)
