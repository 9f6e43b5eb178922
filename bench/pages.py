"""Benchmark 3, pages: requests a second and p95 at 20 concurrent clients, daphne against uvicorn.

    .venv/bin/python -m bench.pages                 # 10 s per page and server
    .venv/bin/python -m bench.pages --seconds 3

The demo site (bench/site.py), on the back-ends DATABASE_URL and REDIS_URL choose, is
served by daphne (as `make serve` runs it), then by uvicorn serving the same ASGI
application. For each of the home page, a consultation page, an event page, a
reflection document and a static file from the same server (the floor), a load
generator in another process keeps 20 clients busy: each is a thread with one kept-alive
HTTP/1.1 connection (`http.client`), sending its next request as soon as the last one is
answered, as a visitor who is not signed in. Every answer must be 200; the row counts
any that are not.

The public page cache (coproduction/common/page_cache.py) is on where the cache is shared
(REDIS_URL): the first request of each page stores it, the rest are served from it.
`--no-cache` measures the pages made every time.
"""

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import threading
import time

from bench import site

CLIENTS = 20
SECONDS = 10.0
SMALL_SECONDS = 2.0
STATIC = "/static/home/images/favicon.svg"


def page_paths():
    """The pages to load, found in the demo database (run with Django set up)."""
    import django

    django.setup()
    from consultations.models import ConsultationPage
    from events.models import EventPage
    from reflections.models import ReflectionDocumentPage

    def first_url(model):
        page = model.objects.live().public().order_by("path").first()
        return page.url if page is not None else None

    return {
        "home page": "/",
        "consultation page": first_url(ConsultationPage),
        "event page": first_url(EventPage),
        "reflection document": first_url(ReflectionDocumentPage),
        "static file (floor)": STATIC,
    }


def load(port, path, seconds, clients):
    """Keep `clients` connections busy on one path for `seconds`; the latencies and failures."""
    latencies = []
    failures = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, bad = [], []
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": "text/html"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    bad.append(response.status)
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                bad.append(type(error).__name__)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            mine.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(mine)
            failures.extend(bad)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return {"requests": len(latencies), "elapsed": elapsed, "latencies": latencies, "failures": failures}


def summarise(result):
    latencies = sorted(result["latencies"])
    if not latencies:
        return {"req/s": 0, "p50 (ms)": None, "p95 (ms)": None, "p99 (ms)": None}

    def percentile(p):
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1)

    return {
        "req/s": round(result["requests"] / result["elapsed"], 1),
        "p50 (ms)": round(1000 * statistics.median(latencies), 1),
        "p95 (ms)": percentile(0.95),
        "p99 (ms)": percentile(0.99),
        "not 200": len(result["failures"]),
    }


def load_in_another_process(port, path, seconds, clients):
    output = subprocess.run(
        [sys.executable, "-m", "bench.pages", "load", str(port), path, str(seconds), str(clients)],
        cwd=site.ROOT,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure(seconds, servers=("daphne", "uvicorn"), cache=True, log=print):
    database = site.fresh_copy("pages", log)
    rows = []
    try:
        paths = site.django_step(database, "bench.pages", "paths")
        setup = f"{site.backend_name()}, page cache {'on' if cache and site.page_cache_on() else 'off'}"
        for server_name in servers:
            server = site.Server(database, server=server_name, log_name=f"pages-{server_name}")
            if not cache:
                server.extra_env = {"PAGE_CACHE_SECONDS": "0"}
            with server:
                for label, path in paths.items():
                    if path is None:
                        continue
                    status, _body = server.get(path)  # warm up (and store the page)
                    result = load_in_another_process(server.port, path, seconds, CLIENTS)
                    rows.append(
                        {
                            "benchmark": "pages",
                            "server": server_name,
                            "setup": setup,
                            "page": label,
                            "clients": CLIENTS,
                            **summarise(result),
                            "target": "p95 <= 100 ms" if "floor" not in label else "(floor)",
                        }
                    )
    finally:
        site.drop_copy(database)
    for row in rows:
        row["met"] = None if row["target"] == "(floor)" else (row["p95 (ms)"] or 1e9) <= 100
    return rows


def run(small=False, log=print):
    """The benchmark's rows: one per server and page."""
    if small:
        return measure(SMALL_SECONDS, servers=("daphne",), log=log)
    return measure(SECONDS, log=log)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", nargs="?", default="bench", choices=["bench", "paths", "load"])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--seconds", type=float, default=SECONDS)
    parser.add_argument("--server", action="append", choices=["daphne", "uvicorn"])
    parser.add_argument("--no-cache", action="store_true", help="serve every page without the page cache")
    parser.add_argument("--small", action="store_true")
    options = parser.parse_args(argv)
    if options.step == "paths":
        print(json.dumps(page_paths()))
    elif options.step == "load":
        port, path, seconds, clients = options.args
        result = load(int(port), path, float(seconds), int(clients))
        result["latencies"] = [round(x, 5) for x in result["latencies"]]
        print(json.dumps(result))
    else:
        from bench.table import print_table

        if options.small:
            rows = run(small=True)
        else:
            rows = measure(
                options.seconds,
                servers=tuple(options.server or ("daphne", "uvicorn")),
                cache=not options.no_cache,
            )
        print_table(rows)


if __name__ == "__main__":
    main()
