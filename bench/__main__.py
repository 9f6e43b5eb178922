"""`make bench`: the three benchmarks with small N, in one table (docs/performance.md).

    .venv/bin/python -m bench

Each module's `run(small=True)` returns its rows. The live fan-out benchmark
(`bench.fanout`) is run when it is there; if it cannot be imported, this says so and
goes on with the others.
"""

import importlib
import time

from bench.table import print_table

MODULES = ("bench.fanout", "bench.votes", "bench.pages")


def main():
    rows = []
    began = time.perf_counter()
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError as error:
            print(f"{name}: not run, it cannot be imported ({error}).")
            continue
        started = time.perf_counter()
        print(f"{name}: running with small N...", flush=True)
        module_rows = module.run(small=True)
        print(f"{name}: done in {time.perf_counter() - started:.0f} s.", flush=True)
        rows += [{"module": name.removeprefix("bench."), **row} for row in module_rows]
    print()
    print_table(rows)
    print(f"\nAll benchmarks took {time.perf_counter() - began:.0f} s.")


if __name__ == "__main__":
    main()
