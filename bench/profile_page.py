"""Where a page's time goes: pyinstrument over N renders in one process, and its queries.

    .venv/bin/python -m bench.profile_page /consultations/taking-part-in-board-meetings/
    .venv/bin/python -m bench.profile_page / --member      # as a signed-in member

Runs on a fresh copy of the benchmark database (bench/site.py), with the page cache off,
so every render is measured; prints the number of queries of one render, the mean time
of a render, and pyinstrument's tree (pyinstrument is in requirements-dev.txt).
"""

import argparse
import os
import subprocess
import sys

from bench import site


def profile(path, renders, member):
    import time

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from pyinstrument import Profiler

    from coproduction.members.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    if member:
        client.force_login(User.objects.get(email="member@castlebridge-cil.example"))
    assert client.get(path).status_code == 200
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(path)
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    with profiler:
        for _ in range(renders):
            client.get(path)
    elapsed = (time.perf_counter() - started) / renders
    print(f"{path}: {len(queries)} queries, {1000 * elapsed:.1f} ms a render (mean of {renders}, profiled)")
    print(profiler.output_text(unicode=False, color=False, show_all=False))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--renders", type=int, default=30)
    parser.add_argument("--member", action="store_true", help="signed in as the demo member")
    parser.add_argument("--here", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.here:
        profile(options.path, options.renders, options.member)
        return
    database = site.fresh_copy("profile")
    try:
        args = [options.path, "--renders", str(options.renders), "--here"] + (
            ["--member"] if options.member else []
        )
        env = site.environment(database, PAGE_CACHE_SECONDS="0")
        subprocess.run(
            [sys.executable, "-m", "bench.profile_page", *args], cwd=site.ROOT, env=env, check=True
        )
    finally:
        site.drop_copy(database)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", site.SETTINGS)
    main()
