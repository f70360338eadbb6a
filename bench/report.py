"""Turn the raw wrk results of one bench run into the table and the JSON file ($BENCH_OUT).

    python bench/report.py RAW_JSONL DATASET_JSON OUT_JSON

RAW_JSONL has one line per run: {"name", "concurrency", "workers", ...the BENCH_RESULT fields of mix.lua}.
OUT_JSON is a list: one object per endpoint and concurrency (kind "endpoint"), then the derived checks
(kind "check"). Exit status 1 when any request failed (non-2xx/3xx status or socket error).
"""

import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

TARGETS = {
    # check name: (how it is computed, target, "min" or "max")
    "api_list_vs_baseline": ("requests/s of api_list ÷ baseline at concurrency 16", 0.5, "min"),
    "search_page_p95_ms": ("p95 latency of search_page at concurrency 16, ms", 100.0, "max"),
}


def endpoint_rows(raw_lines: list[dict], dataset: dict) -> list[dict]:
    rows = []
    for raw in raw_lines:
        errors = sum(
            raw[k]
            for k in ("errors_status", "errors_connect", "errors_read", "errors_write", "errors_timeout")
        )
        rows.append(
            {
                "kind": "endpoint",
                "name": raw["name"],
                "dataset": dataset,
                "concurrency": raw["concurrency"],
                "requests_per_s": round(raw["requests_per_s"], 1),
                "p50_ms": round(raw["p50_ms"], 2),
                "p95_ms": round(raw["p95_ms"], 2),
                "p99_ms": round(raw["p99_ms"], 2),
                "errors": errors,
                "errors_detail": {k.removeprefix("errors_"): raw[k] for k in raw if k.startswith("errors_")},
                "requests": raw["requests"],
                "duration_s": raw["duration_s"],
                "workers": raw.get("workers"),
            }
        )
    return rows


def checks(rows: list[dict]) -> list[dict]:
    by_key = {(row["name"], row["concurrency"]): row for row in rows}
    found = []

    def add(name, value, extra=None):
        description, target, direction = TARGETS.get(name, ("", None, ""))
        met = None
        if value is not None and target is not None:
            met = value >= target if direction == "min" else value <= target
        found.append(
            {
                "kind": "check",
                "name": name,
                "description": description or extra,
                "value": value,
                "target": target,
                "direction": direction or None,
                "met": met,
            }
        )

    for concurrency in (16, 1):
        api, base = by_key.get(("api_list", concurrency)), by_key.get(("baseline", concurrency))
        ratio = (
            round(api["requests_per_s"] / base["requests_per_s"], 3)
            if api and base and base["requests_per_s"]
            else None
        )
        if concurrency == 16:
            add("api_list_vs_baseline", ratio)
        else:
            add("api_list_vs_baseline_c1", ratio, "the same at concurrency 1 (for information)")
    nocache, base = by_key.get(("api_list_nocache", 16)), by_key.get(("baseline", 16))
    if nocache and base and base["requests_per_s"]:
        add(
            "api_list_nocache_vs_baseline",
            round(nocache["requests_per_s"] / base["requests_per_s"], 3),
            "the same with the directory cache off, at concurrency 16 (for information)",
        )
    search = by_key.get(("search_page", 16))
    add("search_page_p95_ms", search["p95_ms"] if search else None)
    return found


def table(rows: list[dict], found: list[dict]) -> str:
    lines = [f"{'endpoint':<22}{'conc':>5}{'req/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"]
    for row in rows:
        lines.append(
            f"{row['name']:<22}{row['concurrency']:>5}{row['requests_per_s']:>10.1f}{row['p50_ms']:>9.1f}"
            f"{row['p95_ms']:>9.1f}{row['p99_ms']:>9.1f}{row['errors']:>8}"
        )
    lines.append("")
    for check in found:
        verdict = {True: "met", False: "MISSED", None: "n/a"}[check["met"]]
        target = "" if check["target"] is None else f" (target {'≥' if check['direction'] == 'min' else '≤'}"
        target += "" if check["target"] is None else f" {check['target']})"
        lines.append(f"{check['name']:<28} {check['value']}{target}  {verdict if check['target'] else ''}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    raw_path, dataset_path, out_path = (Path(a) for a in argv[1:4])
    raw_lines = [json.loads(line) for line in raw_path.read_text().splitlines() if line.strip()]
    dataset = json.loads(dataset_path.read_text())
    rows = endpoint_rows(raw_lines, dataset)
    found = checks(rows)
    meta = {
        "kind": "run",
        "name": "run",
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": _cpus(), "python": platform.python_version(), "platform": platform.platform()},
        "dataset": dataset,
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps([*rows, *found, meta], indent=2, ensure_ascii=False) + "\n")
    print(table(rows, found))
    print(f"\nwritten to {out_path}")
    failed = [row for row in rows if row["errors"]]
    if failed:
        for row in failed:
            print(
                f"ERROR: {row['name']} c{row['concurrency']}: {row['errors']} failed requests "
                f"{row['errors_detail']}",
                file=sys.stderr,
            )
        return 1
    return 0


def _cpus() -> int | None:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
