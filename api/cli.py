"""The `factdesk` command line: migrate, seed, create, list and revoke keys, write openapi.yaml, serve."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from api.settings import Settings, SettingsError, check_can_serve, load_settings
from reasoning.errors import FactdeskError
from reasoning.types import Role

if TYPE_CHECKING:
    from operations.records import KeyRecord


def _db_upgrade(settings: Settings, _args: argparse.Namespace) -> int:
    from operations import store

    print(f"database at {store.upgrade_schema(settings.database_url)}")
    return 0


def _seed(settings: Settings, _args: argparse.Namespace) -> int:
    from seeds.loader import load_seeds_into

    print(asyncio.run(load_seeds_into(settings.database_url, settings)).summary())
    return 0


def _extraction_report(settings: Settings, _args: argparse.Namespace) -> int:
    from seeds.extraction_report import format_report, score_seeds

    print(format_report(score_seeds(settings.extraction)))
    return 0


def _keys_create(settings: Settings, args: argparse.Namespace) -> int:
    from operations import keys, store

    async def run() -> str:
        async with store.transaction(settings.database_url) as session:
            return await keys.create_key(session, name=args.name, role=Role(args.role))

    plain = asyncio.run(run())
    print(plain)
    print(f"key {args.name!r} ({args.role}) created; it is shown only this once.", file=sys.stderr)
    return 0


def _keys_list(settings: Settings, _args: argparse.Namespace) -> int:
    from operations import keys, store

    async def run() -> list[KeyRecord]:
        async with store.transaction(settings.database_url) as session:
            return await keys.list_keys(session)

    found = asyncio.run(run())
    width = max([len("name"), *(len(key.name) for key in found)])
    print(f"{'name':<{width}}  {'role':<8}  {'created':<25}  revoked")
    for key in found:
        created = key.created_at.isoformat(timespec="seconds")
        revoked = key.revoked_at.isoformat(timespec="seconds") if key.revoked_at else "-"
        print(f"{key.name:<{width}}  {key.role.value:<8}  {created:<25}  {revoked}")
    return 0


def _keys_revoke(settings: Settings, args: argparse.Namespace) -> int:
    from operations import keys, store

    async def run() -> KeyRecord:
        async with store.transaction(settings.database_url) as session:
            return await keys.revoke_key(session, name=args.name)

    revoked = asyncio.run(run())
    print(f"key {revoked.name!r} ({revoked.role.value}) revoked; requests with it are refused from now on.")
    return 0


def _openapi(settings: Settings, args: argparse.Namespace) -> int:
    from api.openapi import render_openapi_yaml

    document = render_openapi_yaml(settings)
    if args.output == "-":
        sys.stdout.write(document)
    else:
        Path(args.output).write_text(document, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from operations import store

    check_can_serve(settings)
    if args.migrate:
        store.upgrade_schema(settings.database_url)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level=args.log_level)
    return 0


def _eval(settings: Settings, args: argparse.Namespace) -> int:
    from evaluation.ratchet import measure, read_baseline, write_results
    from evaluation.report import ratchet_failures

    evaluation, text, figures = measure(modes=args.mode)
    print(text, end="")
    if args.details:
        from evaluation.report import format_details

        print(format_details(evaluation), end="")
    if args.write:
        write_results(text, figures)
        print("wrote eval/results.md and eval/baseline.json", file=sys.stderr)
        return 0
    failures = ratchet_failures(figures, read_baseline())
    for failure in failures:
        print(f"factdesk eval: worse than eval/baseline.json: {failure}", file=sys.stderr)
    return 1 if failures and args.check else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factdesk", description="factdesk: sourced assertions for newsrooms.")
    commands = parser.add_subparsers(dest="command", required=True)

    database = commands.add_parser("db", help="database schema").add_subparsers(dest="db_command", required=True)
    database.add_parser("upgrade", help="migrate the database to the newest schema").set_defaults(run=_db_upgrade)

    commands.add_parser("seed", help="load the seed corpus (idempotent)").set_defaults(run=_seed)

    evaluate = commands.add_parser("eval", help="run the development corpus through fresh servers and score it")
    evaluate.add_argument("--mode", action="append", choices=["A", "B", "C"], help="a mode to run (default: all)")
    evaluate.add_argument("--write", action="store_true", help="write eval/results.md and eval/baseline.json")
    evaluate.add_argument("--check", action="store_true", help="exit 1 when worse than eval/baseline.json")
    evaluate.add_argument(
        "--details", action="store_true", help="also list every answer that was not right: what it asked, what it said"
    )
    evaluate.set_defaults(run=_eval)

    commands.add_parser(
        "extraction-report", help="score the extractor on the seed texts against the curated assertions"
    ).set_defaults(run=_extraction_report)

    keys = commands.add_parser("keys", help="API keys").add_subparsers(dest="keys_command", required=True)
    create = keys.add_parser("create", help="create a key and print it once")
    create.add_argument("--role", required=True, choices=[role.value for role in Role])
    create.add_argument("--name", required=True)
    create.set_defaults(run=_keys_create)
    keys.add_parser("list", help="list the keys: name, role, created, revoked (never a key)").set_defaults(
        run=_keys_list
    )
    revoke = keys.add_parser("revoke", help="revoke a key by name; requests with it are refused at once")
    revoke.add_argument("name")
    revoke.set_defaults(run=_keys_revoke)

    openapi = commands.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", default="openapi.yaml", help="file to write, or - for standard output")
    openapi.set_defaults(run=_openapi)

    serve = commands.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--log-level", default="info")
    serve.add_argument("--no-migrate", dest="migrate", action="store_false", help="do not migrate at start")
    serve.set_defaults(run=_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        return int(args.run(settings, args))
    except (SettingsError, FactdeskError) as error:
        hint = getattr(error, "hint", "")
        print(f"factdesk: {error}" + (f"\n  hint: {hint}" if hint else ""), file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
