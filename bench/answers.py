"""Do answers stay as fast with a million assertions as with a thousand?
Measured in-process, ratios to the smallest size.

    .venv/bin/python -m bench.answers [--sizes 1000,100000,1000000] [--backend sqlite|postgresql] [--repeats N]

For each size: a fresh database, migrated, seeded, plus N synthetic accepted assertions; then the real app
(`create_app`, inside its lifespan) answers each request kind through httpx's ASGI transport, about the
seed subject and about one synthetic subject. The report gives median and p90 milliseconds and the ratio
of each median to the smallest size's median, measured in the same run; the query plans of the largest
size; and, per request kind, the factdesk functions whose statements grew with the store.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import functools
import logging
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx
import msgspec

from api.app import create_app
from api.settings import Settings
from bench.databases import Backend, fresh_database, server_version
from bench.hotspots import Hotspot, profile_once
from bench.plans import Plan, QueryLog, explain, scanned_tables, table_sizes
from bench.synthetic import SyntheticSet, load_synthetic, subject_count, table_of
from db.models import Assertion

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
# Tables whose size follows the store's: a scan of one of these is what the benchmark looks for.
GROWING = frozenset({"assertions", "entities", "entity_aliases", "sources", "changes"})
WARM_UPS = 5
ATTRIBUTION_RUNS = 3
HOTSPOTS = 8  # functions listed per profiled request
# Warm-ups and attribution runs stop early once they have taken this long: a request that takes
# seconds needs no second warm-up, and a benchmark must end.
SIDE_RUN_SECONDS = 10.0
SEED_SUBJECT, SEED_METRIC = "kenyan-police-contingent", "personnel"


class Probe(msgspec.Struct, frozen=True, kw_only=True):
    """One request to time: its kind (the row of the table), whose subject, and how to read its result."""

    kind: str
    subject: str  # "seed" or "synthetic"
    method: str
    path: str
    params: dict[str, str] = {}
    body: dict[str, str] | None = None

    async def send(self, client: httpx.AsyncClient) -> httpx.Response:
        return await client.request(self.method, self.path, params=self.params, json=self.body)


def probes(synthetic: SyntheticSet) -> list[Probe]:
    town = synthetic.probe
    return [
        Probe(
            kind="GET /v1/answers/value",
            subject="seed",
            method="GET",
            path="/v1/answers/value",
            params={"subject": SEED_SUBJECT, "metric": SEED_METRIC, "as_of": "2025-02-07"},
        ),
        Probe(
            kind="GET /v1/answers/value",
            subject="synthetic",
            method="GET",
            path="/v1/answers/value",
            params={"subject": town.key, "metric": synthetic.stock, "as_of": "2025-01-20"},
        ),
        Probe(
            kind="GET /v1/ask",
            subject="seed",
            method="GET",
            path="/v1/ask",
            params={"q": "How many Kenyan police officers were in Haiti on 20 January 2025?"},
        ),
        Probe(
            kind="GET /v1/ask",
            subject="synthetic",
            method="GET",
            path="/v1/ask",
            params={"q": f"How many buses did {town.name} have on 20 January 2025?"},
        ),
        Probe(
            kind="POST /v1/claims/check",
            subject="seed",
            method="POST",
            path="/v1/claims/check",
            body={"text": "Kenya has deployed 1,000 police officers to Haiti", "as_of": "2025-01-20"},
        ),
        Probe(
            kind="POST /v1/claims/check",
            subject="synthetic",
            method="POST",
            path="/v1/claims/check",
            body={"text": f"{town.name} has 210 buses", "as_of": "2025-01-20"},
        ),
        Probe(
            kind="GET /v1/assertions",
            subject="seed",
            method="GET",
            path="/v1/assertions",
            params={"subject": SEED_SUBJECT, "metric": SEED_METRIC},
        ),
        Probe(
            kind="GET /v1/assertions",
            subject="synthetic",
            method="GET",
            path="/v1/assertions",
            params={"subject": town.key, "metric": synthetic.stock},
        ),
    ]


def summarize(probe: Probe, payload: Any) -> str:
    """What the answer was, so the table shows that every size answered the same question the same way."""
    if probe.kind.endswith("/value"):
        return f"best {payload['best']:g}"
    if probe.kind.endswith("/ask"):
        return f"{payload['question']['subject']}: best {payload['answer']['best']:g}"
    if probe.kind.endswith("/check"):
        return f"{payload['verdict']} (best {payload['answer']['best']:g})"
    return f"{len(payload['items'])} items"


class Timing(msgspec.Struct, kw_only=True):
    kind: str
    subject: str
    samples_ms: list[float]
    db_ms: list[float]
    queries: int
    result: str
    # origin -> (calls per request, median ms per request) from the attribution runs
    origins: dict[str, tuple[int, float]] = {}
    hotspots: list[Hotspot] = []

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def python_ms(self) -> float:
        """The median request's time outside the database: routing, parsing, reasoning, JSON."""
        return self.median - statistics.median(self.db_ms)

    @property
    def p90(self) -> float:
        if len(self.samples_ms) < 2:
            return self.samples_ms[0]
        return statistics.quantiles(self.samples_ms, n=10, method="inclusive")[8]


class SizeResult(msgspec.Struct, kw_only=True):
    size: int
    subjects: int
    load_seconds: float
    timings: list[Timing]
    plans: list[tuple[Probe, list[Plan]]] = []
    table_rows: dict[str, int] = {}
    version: str = ""


class Options(msgspec.Struct, kw_only=True):
    sizes: list[int]
    backend: Backend
    repeats: int
    per_subject: int
    budget_seconds: float
    analyze: bool
    output: Path | None

    @property
    def label(self) -> str:
        """The results section: one per backend, and one for SQLite with statistics gathered."""
        return f"{self.backend}+analyze" if self.analyze and self.backend == "sqlite" else self.backend


async def measure_size(options: Options, size: int, *, explain_plans: bool) -> SizeResult:
    async with fresh_database(options.backend, size) as url:
        started = time.perf_counter()
        synthetic = await load_synthetic(url, size=size, per_subject=options.per_subject, analyze=options.analyze)
        load_seconds = time.perf_counter() - started
        _say(
            f"  loaded {synthetic.assertions:,} assertions over {synthetic.subjects:,} subjects in {load_seconds:.1f} s"
        )
        app = create_app(Settings(database_url=url))
        async with app.lifespan():
            log = QueryLog(app.state.engine)
            try:
                # Litestar types ASGI messages as TypedDicts, httpx as plain mappings: the same protocol.
                transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]  # a Litestar app is an ASGI app
                async with httpx.AsyncClient(transport=transport, base_url="http://bench.invalid") as client:
                    timings = await _time_probes(client, log, probes(synthetic), options)
                    plans = await _plans(client, log, probes(synthetic)) if explain_plans else []
                rows = await table_sizes(app.state.engine, GROWING) if explain_plans else {}
            finally:
                log.close()
        return SizeResult(
            size=size,
            subjects=synthetic.subjects,
            load_seconds=load_seconds,
            timings=timings,
            plans=plans,
            table_rows=rows,
            version=await server_version(url),
        )


async def _time_probes(
    client: httpx.AsyncClient, log: QueryLog, chosen: Sequence[Probe], options: Options
) -> list[Timing]:
    """Warm every probe up, then time them in rounds, one request of each per round, so that a slow
    moment of the machine spreads over all of them instead of landing on one."""
    results = []
    for probe in chosen:
        for _ in bounded(WARM_UPS, SIDE_RUN_SECONDS):
            response = await probe.send(client)
            if response.status_code != 200:
                raise SystemExit(
                    f"{probe.kind} ({probe.subject}) answered {response.status_code}: {response.text[:2000]}"
                )
        results.append(summarize(probe, response.json()))
    samples: list[list[float]] = [[] for _ in chosen]
    db_ms: list[list[float]] = [[] for _ in chosen]
    queries = [0 for _ in chosen]
    for _ in range(options.repeats):
        for index, probe in enumerate(chosen):
            if sum(samples[index]) > options.budget_seconds * 1000:
                continue  # this cell has had its time; the others go on
            with log.recording() as statements:
                started = time.perf_counter()
                await probe.send(client)
                samples[index].append((time.perf_counter() - started) * 1000)
            db_ms[index].append(sum(s.seconds for s in statements) * 1000)
            queries[index] = len(statements)
    timings = []
    for index, probe in enumerate(chosen):
        timing = Timing(
            kind=probe.kind,
            subject=probe.subject,
            samples_ms=samples[index],
            db_ms=db_ms[index],
            queries=queries[index],
            result=results[index],
            origins=await _attribute(client, log, probe),
            hotspots=await profile_once(functools.partial(probe.send, client)),
        )
        _say(
            f"  {probe.kind:24} {probe.subject:9} median {timing.median:9.2f} ms  p90 {timing.p90:9.2f} ms  "
            f"({len(timing.samples_ms)} runs, {timing.queries} queries)  {timing.result}"
        )
        timings.append(timing)
    return timings


def bounded(count: int, seconds: float) -> Iterator[int]:
    """At most `count` turns, and none started after `seconds`; always at least one."""
    deadline = time.perf_counter() + seconds
    for turn in range(count):
        if turn and time.perf_counter() > deadline:
            return
        yield turn


async def _attribute(client: httpx.AsyncClient, log: QueryLog, probe: Probe) -> dict[str, tuple[int, float]]:
    """Database time per factdesk function, from a few runs that note where each statement came from."""
    per_run: list[dict[str, float]] = []
    calls: dict[str, int] = {}
    for _ in bounded(ATTRIBUTION_RUNS, SIDE_RUN_SECONDS):
        with log.recording(where=True) as statements:
            await probe.send(client)
        totals: dict[str, float] = defaultdict(float)
        counts: dict[str, int] = defaultdict(int)
        for statement in statements:
            totals[statement.origin] += statement.seconds * 1000
            counts[statement.origin] += 1
        per_run.append(totals)
        calls = dict(counts)
    return {origin: (calls[origin], statistics.median(run.get(origin, 0.0) for run in per_run)) for origin in calls}


async def _plans(client: httpx.AsyncClient, log: QueryLog, chosen: Sequence[Probe]) -> list[tuple[Probe, list[Plan]]]:
    found = []
    for probe in chosen:
        with log.recording(where=True) as statements:
            await probe.send(client)
        seen: set[str] = set()
        plans = []
        for statement in statements:
            if statement.sql in seen or not statement.sql.lstrip().upper().startswith("SELECT"):
                continue
            seen.add(statement.sql)
            plans.append(await explain(log.engine, statement, growing=GROWING))
        found.append((probe, plans))
    return found


# --- the report --------------------------------------------------------------------------------------


def render(options: Options, results: list[SizeResult], *, version: str, started: dt.datetime, code: str) -> str:
    base = results[0]
    sizes = " / ".join(f"{r.size:,}" for r in results)
    out = [
        f"### {options.label} ({version})",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC of commit {code}, on `{platform.node()}`, nproc {os.cpu_count()}, "
        f"Python {platform.python_version()}; "
        f"synthetic assertions per size: {sizes} (plus the 60 seed assertions), {options.per_subject} per subject "
        f"(2 metrics: a stock and the flow feeding it), one source per subject; "
        f"up to {options.repeats} timed requests per cell after "
        f"{WARM_UPS} warm-ups, at most {options.budget_seconds:g} s per cell.",
        "",
        "| size | subjects | load (s) |",
        "|---:|---:|---:|",
        *(f"| {r.size:,} | {r.subjects:,} | {r.load_seconds:.1f} |" for r in results),
        "",
        f"Median (p90) milliseconds per request, and the median's ratio to the {base.size:,} median of the same run:",
        "",
        "| request | subject | queries | " + " | ".join(f"{r.size:,}: ms | ×" for r in results) + " |",
        "|---|---|---:|" + "---:|---:|" * len(results),
    ]
    for index, timing in enumerate(base.timings):
        cells = []
        for result in results:
            other = result.timings[index]
            ratio = other.median / timing.median
            cells.append(f"{other.median:.1f} ({other.p90:.1f}) | {_ratio(ratio)}")
        queries = "/".join(sorted({str(r.timings[index].queries) for r in results}, key=int))
        out.append(f"| `{timing.kind}` | {timing.subject} | {queries} | " + " | ".join(cells) + " |")
    out += [
        "",
        "Database time inside those requests (median ms; the rest is Python: parsing, reasoning, JSON):",
        "",
        "| request | subject | " + " | ".join(f"{r.size:,}" for r in results) + " |",
        "|---|---|" + "---:|" * len(results),
    ]
    for index, timing in enumerate(base.timings):
        out.append(
            f"| `{timing.kind}` | {timing.subject} | "
            + " | ".join(f"{statistics.median(r.timings[index].db_ms):.1f}" for r in results)
            + " |"
        )
    out += ["", "What each answered (the same at every size, or the data is wrong):", ""]
    for index, timing in enumerate(base.timings):
        answers = sorted({r.timings[index].result for r in results})
        out.append(f"- `{timing.kind}` {timing.subject}: {'; '.join(answers)}")
    grown = _grown(results)
    out += _growth_section(results, grown)
    out += _hotspot_section(results)
    out += _plan_section(results[-1], {(kind, subject, origin) for kind, subject, origin, *_ in grown})
    return "\n".join(out) + "\n"


def _ratio(value: float) -> str:
    text = f"{value:.2f}×"
    return f"**{text}**" if value > 2 else text


def _grown(results: list[SizeResult]) -> list[tuple[str, str, str, int, float, float]]:
    """(kind, subject, function, statements, ms at the smallest, ms at the largest size) for each factdesk
    function whose database time per request grew more than 2× and by more than 2 ms (less is noise)."""
    base, last = results[0], results[-1]
    rows = []
    for first, final in zip(base.timings, last.timings, strict=True):
        for origin, (calls, ms) in sorted(final.origins.items()):
            before = first.origins.get(origin, (0, 0.0))[1]
            if ms - before > 2.0 and ms > 2 * before:
                rows.append((final.kind, final.subject, origin, calls, before, ms))
    return rows


def _growth_section(results: list[SizeResult], grown: list[tuple[str, str, str, int, float, float]]) -> list[str]:
    base, last = results[0], results[-1]
    if not grown:
        return [
            "",
            f"No factdesk function's database time per request grew more than 2× (and by over 2 ms) "
            f"from {base.size:,} to {last.size:,}.",
        ]
    return [
        "",
        f"Database time per request by the factdesk function that sent the statements, where it grew more "
        f"than 2× from {base.size:,} to {last.size:,} (their plans are below):",
        "",
        f"| request | subject | function | statements | ms at {base.size:,} | ms at {last.size:,} |",
        "|---|---|---|---:|---:|---:|",
        *(
            f"| `{kind}` | {subject} | `{origin}` | {calls} | {before:.2f} | {ms:.2f} |"
            for kind, subject, origin, calls, before, ms in grown
        ),
    ]


def _hotspot_section(results: list[SizeResult]) -> list[str]:
    """For each request whose median grew more than 2×: factdesk functions by time, from one profiled request."""
    base, last = results[0], results[-1]
    out: list[str] = []
    for first, final in zip(base.timings, last.timings, strict=True):
        if final.python_ms <= 2 * first.python_ms or final.python_ms - first.python_ms < 5.0:
            continue  # what grew, if anything, is database time: the tables above say which
        before = {spot.function: spot.cumulative_ms for spot in first.hotspots}
        out += [
            "",
            f"`{final.kind}` ({final.subject}), one request profiled (Python time, database waits excluded; "
            f"cumulative ms, callees included):",
            "",
            f"| function | calls at {last.size:,} | ms at {base.size:,} | ms at {last.size:,} |",
            "|---|---:|---:|---:|",
            *(
                f"| `{spot.function}` | {spot.calls:,} | "
                f"{before.get(spot.function, 0.0):.1f} | {spot.cumulative_ms:.1f} |"
                for spot in final.hotspots[:HOTSPOTS]
            ),
        ]
    if out:
        out = [
            "",
            f"#### Where the Python time goes where it grew more than 2× ({base.size:,} → {last.size:,})",
            "",
            "cProfile slows the profiled request down (the times below are not the medians above); compare "
            "the functions, not the totals.",
            *out,
        ]
    return out


def _plan_section(result: SizeResult, grown: set[tuple[str, str, str]]) -> list[str]:
    out = [
        "",
        f"#### Query plans at {result.size:,}",
        "",
        "Rows: " + ", ".join(f"{table} {count:,}" for table, count in result.table_rows.items()) + ".",
    ]
    every = [(probe, plan) for probe, plans in result.plans for plan in plans]
    evidence = [plan for _probe, plan in every if plan.statement.origin == "db/evidence.py:evidence_for"]
    if evidence:
        plan = evidence[0]
        name, columns = answer_index()
        uses = "uses" if any(name in line for line in plan.lines) else "does NOT use"
        out += [
            "",
            f"The evidence query (`db/evidence.py:evidence_for`) {uses} `{name}` ({columns}), "
            "the index `db/models.py` declares for the answer path:",
            "",
            "```sql",
            _shorten(plan.statement.sql),
            "```",
            "",
            "```text",
            *plan.lines,
            "```",
        ]
    shown = {evidence[0].statement.sql} if evidence else set()

    def touches_growing(plan: Plan) -> bool:
        return bool(scanned_tables(plan, every_line=True) & GROWING)

    # The probe that grew first, so a plan is shown with the parameters that made it slow (PostgreSQL's
    # plans depend on them).
    flagged = sorted(
        (
            (probe, plan)
            for probe, plan in every
            if plan.scans or ((probe.kind, probe.subject, plan.statement.origin) in grown and touches_growing(plan))
        ),
        key=lambda pair: (pair[0].kind, pair[0].subject, pair[1].statement.origin) not in grown,
    )
    if not flagged:
        out += [
            "",
            "No statement of any measured request reads a whole growing table "
            f"({', '.join(sorted(GROWING))}) or a whole index of one, and none grew.",
        ]
        return out
    out += [
        "",
        "Statements whose time grew with the store, or that read a whole growing table or index "
        f"({', '.join(sorted(GROWING))}); every other statement is an indexed lookup:",
    ]
    for probe, plan in flagged:
        if plan.statement.sql in shown:
            continue
        shown.add(plan.statement.sql)
        what = []
        if (probe.kind, probe.subject, plan.statement.origin) in grown:
            what.append("grew")
        if plan.scans:
            what.append("scans " + ", ".join(sorted(scanned_tables(plan))))
        out += [
            "",
            f"- `{plan.statement.origin}` (first seen in `{probe.kind}`, {probe.subject}; {' and '.join(what)}):",
            "",
            "  ```sql",
            "  " + _shorten(plan.statement.sql),
            "  ```",
            "",
            "  ```text",
            *("  " + line for line in plan.lines),
            "  ```",
        ]
    return out


def answer_index() -> tuple[str, str]:
    """The assertions index that leads with (subject_id, metric_id), as the models declare it, whatever its name."""
    for index in table_of(Assertion).indexes:
        columns = [column.name for column in index.columns]
        if columns[:2] == ["subject_id", "metric_id"]:
            return str(index.name), ", ".join(columns)
    return "(no index on subject_id, metric_id)", ""


def revision() -> str:
    """The commit measured, and whether the code (anything outside bench/) differed from it."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", "-C", str(HERE.parent), *args], capture_output=True, text=True, check=True, timeout=30
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = [line for line in git("status", "--porcelain").splitlines() if not line[3:].startswith("bench/")]
    return f"{commit} with uncommitted changes to {len(changed)} file(s)" if changed else commit


def _shorten(sql: str) -> str:
    sql = re.sub(r"\s+", " ", sql).strip()
    return re.sub(r"SELECT (.{60,}?) FROM", lambda m: "SELECT " + m.group(1)[:60] + " … FROM", sql, count=1)


def write_results(path: Path, backend: str, section: str) -> None:
    """Replace this backend's section of the results file, keeping the other backend's."""
    begin, end = f"<!-- bench.answers {backend} -->", f"<!-- /bench.answers {backend} -->"
    text = path.read_text(encoding="utf-8") if path.exists() else _RESULTS_HEADER
    block = f"{begin}\n{section}{end}"
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


_RESULTS_HEADER = """# Benchmark results: answers against the size of the store

Written by `.venv/bin/python -m bench.answers`; see `bench/README.md` for how to read them. Each backend's
section is replaced by its latest run.
"""


# --- the command -------------------------------------------------------------------------------------


def parse_options(argv: Sequence[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(prog="python -m bench.answers", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1000,100000,1000000", help="synthetic assertions per database, comma-separated"
    )
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--repeats", type=int, default=50, help="timed requests per request kind and size (default 50)")
    parser.add_argument("--per-subject", type=int, default=20, help="synthetic assertions per subject (default 20)")
    parser.add_argument(
        "--budget-seconds",
        type=float,
        default=120.0,
        help="stop timing one request kind at one size after this long (default 120)",
    )
    parser.add_argument(
        "--analyze",
        action="store_true",
        help="SQLite: run ANALYZE after loading (factdesk itself never does; PostgreSQL is always analyzed)",
    )
    parser.add_argument("--output", default=str(RESULTS), help="results file to update ('-' for none)")
    args = parser.parse_args(argv)
    sizes = sorted({int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()})
    if not sizes or sizes[0] < 1 or args.repeats < 1 or args.per_subject < 2:
        parser.error("sizes and --repeats must be positive, --per-subject at least 2")
    return Options(
        sizes=sizes,
        backend=args.backend,
        repeats=args.repeats,
        per_subject=args.per_subject,
        budget_seconds=args.budget_seconds,
        analyze=args.analyze,
        output=None if args.output == "-" else Path(args.output),
    )


async def run(options: Options) -> str:
    started = dt.datetime.now(dt.UTC)
    code = revision()
    results = []
    for size in options.sizes:
        _say(
            f"{options.backend}: {size:,} synthetic assertions ({subject_count(size, options.per_subject):,} subjects)"
        )
        results.append(await measure_size(options, size, explain_plans=size == options.sizes[-1]))
    if revision() != code:  # migrations are read per size: a commit landing mid-run mixes two schemas
        code = f"{code}, which CHANGED during the run to {revision()}: run again"
    report = render(options, results, version=results[0].version, started=started, code=code)
    if options.output is not None:
        write_results(options.output, options.label, report)
    return report


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    # One INFO line per request (httpx) or per migration (alembic, once the app has set up logging) would
    # drown the progress lines.
    for name in ("httpx", "alembic"):
        logging.getLogger(name).setLevel(logging.WARNING)
    print(asyncio.run(run(parse_options(argv))))


if __name__ == "__main__":
    main()
