#!/usr/bin/env python3
"""Prints the ratios of BENCHMARKS.md from the estimates of the last `cargo bench` run.

Each row divides a derived case's median time by a hand-written baseline's, both measured in
the same run (criterion keeps them under target/criterion/<group>/<case>/new/estimates.json).
Usage: python3 benches/ratios.py [target dir]
"""

import json
import pathlib
import sys

TARGET = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target")

# (group, case, baseline, target ratio or None)
ROWS = [
    ("unit", "derived", "static_bytes", 1.2),
    ("unit", "derived", "typed_json", None),
    ("unit", "derived", "json_macro", None),
    ("fields", "derived", "buffer", 1.1),
    ("fields", "derived", "json_macro", 0.5),
    ("fields", "derived", "typed_json", None),
    ("problem", "derived", "buffer", 1.15),
    ("transparent", "derived", "static_bytes", None),
    ("masked_5xx", "derived", "static_bytes", None),
    ("boxed", "derived", "static_bytes", None),
    ("layer_success", "with_layer", "without_layer", 1.05),
    ("layer_success", "with_layer_no_id", "without_layer_no_id", None),
    ("layer_success", "noop_layer", "without_layer", None),
    ("layer_success", "with_layer", "noop_layer", None),
    ("layer_success", "with_layer", "tower_http_ids", None),
    ("layer_success", "with_layer_no_id", "tower_http_ids_no_id", None),
    ("layer_success", "around_router", "without_layer", None),
    ("layer_handler", "with_layer", "without_layer", 1.25),
    ("layer_handler", "with_layer_problem", "without_layer", None),
    ("layer_handler", "around_router", "without_layer", None),
    ("layer_no_route", "with_layer", "without_layer", None),
    ("layer_no_route", "with_layer_problem", "without_layer", None),
]


def median_ns(group: str, case: str) -> float:
    path = TARGET / "criterion" / group / case / "new" / "estimates.json"
    return json.loads(path.read_text())["median"]["point_estimate"]


def main() -> int:
    print(f"{'group':<15} {'case':<19} {'time':>9} {'baseline':<20} {'time':>9} {'ratio':>6}  target")
    missed = 0
    for group, case, baseline, target in ROWS:
        try:
            ours, theirs = median_ns(group, case), median_ns(group, baseline)
        except FileNotFoundError as error:
            print(f"{group}: no estimates ({error.filename}); run `cargo bench` first")
            return 1
        ratio = ours / theirs
        verdict = ""
        if target is not None:
            met = ratio <= target
            missed += not met
            verdict = f"<= {target} {'met' if met else 'MISSED'}"
        print(
            f"{group:<15} {case:<19} {ours:>7.1f}ns {baseline:<20} {theirs:>7.1f}ns {ratio:>6.2f}  {verdict}"
        )
    print(f"targets missed: {missed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
