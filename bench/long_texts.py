"""Does reading a long text stay linear? Extraction and the independence check on 50,000 and 500,000 characters,
the ratio of the two measured in the same run (linear is about 10x; quadratic would be about 100x).

    .venv/bin/python -m bench.long_texts [--repeats N]

These were wall-clock limits inside tests; a loaded machine made them fail for no fault of the code, and speed
is measured here, not asserted there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable

from reasoning.evidence import Lexicon, MetricInfo, Term
from reasoning.extraction import ExtractionSettings, extract
from reasoning.independence import compare_texts, fingerprint
from reasoning.types import MetricKind

_ARTICLE = (
    "Metro Transit said on Friday it had added 42 new buses, bringing its fleet to about 300. "
    "The agency plans to purchase 50 more next year, a spokesman said. "
    "Officials in Springfield reported that 1,245 residents had been moved from the flooded district. "
)


_LEXICON = Lexicon(
    entities=(Term(key="metro", name="Metro Transit", aliases=("Metro Transit",)),),
    metrics=(Term(key="buses", name="Buses", aliases=("buses", "fleet")),),
    metric_info=(MetricInfo(key="buses", name="Buses", unit="buses", kind=MetricKind.stock),),
)


def _extract(size: int) -> Callable[[], object]:
    text = (_ARTICLE * (size // len(_ARTICLE) + 1))[:size]
    # No cap on proposals: the cap would stop the long text early and hide how reading grows with it.
    settings = ExtractionSettings(max_proposals=1_000_000)
    return lambda: extract(text, lexicon=_LEXICON, source_date=dt.date(2031, 5, 2), settings=settings)


def _compare(size: int) -> Callable[[], object]:
    text = _words(size)
    return lambda: (compare_texts(text, text.upper()), fingerprint(text))


def _words(size: int) -> str:
    rng = random.Random(7)
    words = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(2, 9))) for _ in range(size // 5)]
    return " ".join(words)[:size]


def _timed(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print("| work | 50k chars (s) | 500k chars (s) | ratio |")
    print("|---|---:|---:|---:|")
    for name, make in (("extraction", _extract), ("independence", _compare)):
        small, large = (_timed(make(size), args.repeats) for size in (50_000, 500_000))
        print(f"| {name} | {small:.2f} | {large:.2f} | {large / small:.1f}x |")


if __name__ == "__main__":
    main()
