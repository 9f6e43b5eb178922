"""Live fan-out: how long one caption takes to reach the last of N members.

    .venv/bin/python -m bench.fanout                 # N = 100, 250, 500, 1000
    .venv/bin/python -m bench.fanout -n 100 -n 500   # chosen sizes
    .venv/bin/python -m bench.fanout --captions 40 --setups memory

For each N, N members (real WebSocket clients written with the `websockets` library, in a
process of their own) join one live session 50 at a time; the seating time and every
refused handshake are counted. A captioner then sends captions at 2 lines a second, and
for each caption the time from its send to the LAST member's receipt is taken: p50, p95
and p99 over the captions, and the frames delivered per second. Each member checks it got
every caption once, in seq order.

Setups, each served by `python -m coproduction.server` (daphne) as in production:
- memory: one process, the in-memory channel layer, SQLite (what `make run` serves);
- redis: two processes sharing Redis (`REDIS_URL`) and PostgreSQL (`BENCH_DATABASE_URL`,
  else `DATABASE_URL` if it is PostgreSQL); members alternate between them, the
  captioner is on the first. Skipped when either is missing.
- floor: a minimal broadcast server written directly with `websockets` (no Django),
  serving the same clients and load in the same run; each setup's p95 is given as a
  ratio to it.

`run(small=True)` (for `make bench`) measures N = 50 with a few captions.
"""

import argparse
import asyncio
import hashlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.site import first_free_port, signed_in_cookie
from tests.servers import wait_for_port

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".bench-cache"
SIZES = (100, 250, 500, 1000)
ARRIVING_AT_ONCE = 50
CAPTIONS_PER_SECOND = 2
PORTS = range(8450, 8600)
SETTINGS = "coproduction.settings.dev"


# Servers ---------------------------------------------------------------------------------


def free_port():
    port = first_free_port(PORTS)
    if port is None:
        raise RuntimeError("No free port between 8450 and 8599")
    return port


def start(command, env, log):
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own commands
        [sys.executable, *command(port)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    wait_for_port(port, process)
    return port, process


def stop(processes):
    for process in processes:
        # SIGINT, as Ctrl+C: daphne stops the same way, and pyinstrument writes its report.
        process.send_signal(signal.SIGINT)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def daphne(port):
    server = [
        "-m",
        "coproduction.server",
        "-b",
        "127.0.0.1",
        "-p",
        str(port),
        "coproduction.asgi:application",
    ]
    profile_dir = os.environ.get("BENCH_PROFILE")
    if profile_dir:  # pyinstrument's text report of each server process, written when it stops
        report = Path(profile_dir) / f"daphne-{port}-{time.time_ns()}.txt"
        return [
            "-m",
            "pyinstrument",
            "--renderer",
            "text",
            "--outfile",
            str(report),
            "--interval",
            "0.005",
            *server,
        ]
    return server


def floor_server(port):
    return ["-m", "bench.fanout", "--floor", str(port)]


# Databases -------------------------------------------------------------------------------


def migrations_key():
    """Changes whenever a migration does: a cached, migrated database is used only while it is current."""
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("*/migrations/*.py")) + sorted(ROOT.glob("*/*/migrations/*.py")):
        digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )  # noqa: S603


def base_env(**extra):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "PYTHONUNBUFFERED": "1", **extra}
    env.setdefault("ACCOUNT_LIMITS_PER_CONNECTION", "off")
    return env


def sqlite_database(workdir):
    """A migrated SQLite file, copied from one migrated once per set of migrations."""
    CACHE.mkdir(exist_ok=True)
    template = CACHE / f"fanout-{migrations_key()}.sqlite3"
    if not template.exists():
        building = template.with_suffix(".building")
        building.unlink(missing_ok=True)
        manage(base_env(DATABASE_URL=f"sqlite:///{building}", REDIS_URL=""), "migrate", "--noinput")
        building.rename(template)
    path = Path(workdir) / "fanout.sqlite3"
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


def postgres_database():
    """A fresh PostgreSQL database copied from one migrated once per set of migrations, or None."""
    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")) or not os.environ.get("REDIS_URL"):
        return None
    import psycopg

    parts = urlsplit(base)
    name = (parts.path.lstrip("/") or "coproduction") + "_fanout"
    template = f"{name}_{migrations_key()}"
    with psycopg.connect(base, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{template}"')
            url = urlunsplit(parts._replace(path="/" + template))
            manage(base_env(DATABASE_URL=url), "migrate", "--noinput")
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return urlunsplit(parts._replace(path="/" + name))


def seed(env, members):
    """A live session, a captioner and `members` members signed in; their cookies and its path."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.fanout", "--seed", str(members)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def seed_database(members):
    """Runs inside the seeding process, with the benchmark's database in DATABASE_URL."""
    import django

    django.setup()
    from coproduction.live.models import LiveSession
    from coproduction.members.models import Profile, User
    from tests.factories import make_consultation, make_live_session

    def person(email, name):
        user = User(email=email)
        user.set_unusable_password()
        return user, name

    people = [person(f"member{n}@fanout.example", f"Member {n}") for n in range(members)]
    people.append(person("captioner@fanout.example", "Captioner"))
    User.objects.bulk_create([user for user, _name in people])
    users = {u.email: u for u in User.objects.filter(email__endswith="@fanout.example")}
    Profile.objects.bulk_create(Profile(user=users[user.email], display_name=name) for user, name in people)
    captioner = users["captioner@fanout.example"]
    page = make_consultation(title="Fan-out benchmark", slug="fanout-benchmark")
    session = make_live_session(page, captioner, captioner, title="Fan-out benchmark")
    LiveSession.objects.filter(pk=session.pk).update(state="live")

    member_cookies = [signed_in_cookie(users[f"member{n}@fanout.example"]) for n in range(members)]
    return {
        "path": f"/ws/live/{session.pk}/",
        "captioner": signed_in_cookie(captioner),
        "members": member_cookies,
    }


# The floor: a broadcast server with nothing but `websockets` ----------------------------


async def serve_floor(port):
    from websockets.asyncio.server import broadcast, serve

    members = set()
    seq = 0

    async def handler(ws):
        nonlocal seq
        members.add(ws)
        try:
            async for text in ws:
                message = json.loads(text)
                if message["type"] == "hello":
                    await ws.send(json.dumps({"type": "snapshot", "seq": seq}))
                elif message["type"] == "caption":
                    seq += 1
                    event = {"type": "caption", "seq": seq, "line": {"id": seq, "text": message["text"]}}
                    broadcast(members, json.dumps(event))
                    await ws.send(json.dumps({"type": "ack", "id": message["id"]}))
        finally:
            members.discard(ws)

    async with serve(handler, "127.0.0.1", port, max_size=1024 * 1024):
        await asyncio.Future()


# The clients -----------------------------------------------------------------------------


class Member:
    """One member's socket: when each caption arrived, and every seq in the order it came."""

    def __init__(self):
        self.ws = None
        self.received = {}  # caption number -> time of first receipt
        self.copies = 0
        self.seqs = []
        self.seated = asyncio.Event()


async def clients(config):
    from websockets.asyncio.client import connect

    captions = config["captions"]
    n = config["n"]
    loop = asyncio.get_running_loop()
    all_in = asyncio.Event()
    members = [Member() for _ in range(n)]
    remaining = {"captions": n * captions}
    refused = []

    async def listen(member):
        async for text in member.ws:
            message = json.loads(text)
            if message["type"] == "snapshot":
                member.seated.set()
            elif message["type"] == "caption":
                number = int(message["line"]["text"].split()[1])
                member.seqs.append(message["seq"])
                if number in member.received:
                    member.copies += 1
                    continue
                member.received[number] = loop.time()
                remaining["captions"] -= 1
                if remaining["captions"] == 0:
                    all_in.set()

    async def seat(index, member):
        url = config["urls"][index % len(config["urls"])]
        cookie = config["members"][index] if config["members"] else ""
        try:
            member.ws = await connect(
                url + config["path"],
                origin=url.replace("ws://", "http://"),
                additional_headers={"Cookie": cookie},
                open_timeout=30,
                max_size=2 * 1024 * 1024,
            )
        except Exception as error:  # a refused or reset handshake: counted, not fatal
            refused.append(type(error).__name__)
            return
        tasks.append(asyncio.create_task(listen(member)))
        await member.ws.send(json.dumps({"type": "hello", "last_seq": None}))

    tasks = []
    started = loop.time()
    for first in range(0, n, ARRIVING_AT_ONCE):
        batch = members[first : first + ARRIVING_AT_ONCE]
        await asyncio.gather(*(seat(first + i, m) for i, m in enumerate(batch)))
    seated = [m for m in members if m.ws is not None]
    try:
        async with asyncio.timeout(120):
            await asyncio.gather(*(m.seated.wait() for m in seated))
    except TimeoutError:
        pass
    seat_seconds = loop.time() - started
    unseated = sum(1 for m in seated if not m.seated.is_set())
    remaining["captions"] = len(seated) * captions

    url = config["urls"][0]
    captioner = await connect(
        url + config["path"],
        origin=url.replace("ws://", "http://"),
        additional_headers={"Cookie": config["captioner"]},
    )
    await captioner.send(json.dumps({"type": "hello", "last_seq": None}))
    while json.loads(await captioner.recv())["type"] != "snapshot":
        pass

    async def drain():
        async for _text in captioner:
            pass

    draining = asyncio.create_task(drain())
    sent = {}
    # Action ids are never reused: a repeated id is acknowledged as done and not logged again.
    run_id = uuid.uuid4().hex
    phase = loop.time()
    for number in range(captions):
        await asyncio.sleep(max(0, phase + number / CAPTIONS_PER_SECOND - loop.time()))
        text = f"Caption {number} of the benchmark, as a captioner would type it."
        sent[number] = loop.time()
        await captioner.send(json.dumps({"type": "caption", "id": f"{run_id}-{number}", "text": text}))
    try:
        async with asyncio.timeout(60):
            await all_in.wait()
    except TimeoutError:
        pass
    duration = max([t for m in seated for t in m.received.values()] or [loop.time()]) - phase

    latencies = []
    for number, at in sent.items():
        receipts = [m.received[number] for m in seated if number in m.received]
        if len(receipts) == len(seated) and receipts:
            latencies.append((max(receipts) - at) * 1000)
    delivered = sum(len(m.received) + m.copies for m in seated)
    result = {
        "seated": len(seated) - unseated,
        "refused": len(refused) + unseated,
        "seat_s": seat_seconds,
        "latencies_ms": latencies,
        "delivered": delivered,
        "duration_s": duration,
        "lost": len(seated) * captions - sum(len(m.received) for m in seated),
        "duplicated": sum(m.copies for m in seated),
        "out_of_order": sum(1 for m in seated for a, b in zip(m.seqs, m.seqs[1:], strict=False) if b <= a),
    }
    draining.cancel()
    for task in tasks:
        task.cancel()
    await captioner.close()
    await asyncio.gather(*(m.ws.close() for m in seated), return_exceptions=True)
    return result


def measure(urls, people, n, captions):
    """Run the clients in a process of their own; what they measured."""
    config = {
        "urls": urls,
        "path": people["path"],
        "members": people["members"][:n],
        "captioner": people["captioner"],
        "n": n,
        "captions": captions,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(config, f)
    try:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "bench.fanout", "--clients", f.name],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        os.unlink(f.name)
    return json.loads(result.stdout.strip().splitlines()[-1])


def percentile(values, q):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def row(setup, n, measured, floor_p95=None):
    latencies = measured["latencies_ms"]
    p95 = percentile(latencies, 95)
    return {
        "benchmark": "fanout",
        "setup": setup,
        "n": n,
        "seated": measured["seated"],
        "refused": measured["refused"],
        "seat_s": round(measured["seat_s"], 2),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(p95, 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "msgs_per_s": round(measured["delivered"] / measured["duration_s"])
        if measured["duration_s"] > 0
        else 0,
        "x_floor": round(p95 / floor_p95, 1) if floor_p95 else None,
        "lost": measured["lost"],
        "duplicated": measured["duplicated"],
        "out_of_order": measured["out_of_order"],
    }


# The run ---------------------------------------------------------------------------------


def setups(workdir, sizes, names):
    """(name, env, number of daphne processes) for each setup that can run here."""
    found = []
    if "memory" in names:
        env = base_env(DATABASE_URL=sqlite_database(workdir), REDIS_URL="")
        found.append(("one daphne, in-memory layer, SQLite", env, 1))
    if "redis" in names:
        url = postgres_database()
        if url is None:
            print("redis: skipped (needs REDIS_URL and a PostgreSQL DATABASE_URL or BENCH_DATABASE_URL)")
        else:
            found.append(("two daphne, Redis pub/sub, PostgreSQL", base_env(DATABASE_URL=url), 2))
            if "core" in names:
                env = base_env(DATABASE_URL=url, REDIS_CHANNEL_LAYER="core")
                found.append(("two daphne, RedisChannelLayer, PostgreSQL", env, 2))
    return found


def run(small=False, sizes=None, captions=None, names=("memory", "redis"), progress=None):
    """Rows of figures, one per setup and N (the floor first for each N); `progress(row)`
    is called with each as soon as it is measured."""
    sizes = sizes or ((50,) if small else SIZES)
    captions = captions or (8 if small else 40)
    workdir = Path(tempfile.mkdtemp(prefix="fanout-"))
    rows = []
    log = open(workdir / "servers.log", "ab")  # noqa: SIM115 - closed below
    try:
        ready, seeded = [], {}
        for name, env, processes in setups(workdir, sizes, names):
            if env["DATABASE_URL"] not in seeded:  # pub/sub and core share one database
                seeded[env["DATABASE_URL"]] = seed(env, max(sizes))
            ready.append((name, env, processes, seeded[env["DATABASE_URL"]]))
        for n in sizes:
            port, process = start(floor_server, base_env(), log)
            try:
                any_people = ready[0][3] if ready else {"path": "/", "members": [], "captioner": ""}
                floor = row(
                    "floor: bare websockets", n, measure([f"ws://127.0.0.1:{port}"], any_people, n, captions)
                )
            finally:
                stop([process])
            rows.append(floor)
            if progress:
                progress(floor)
            for name, env, processes, people in ready:
                started = [start(daphne, env, log) for _ in range(processes)]
                try:
                    urls = [f"ws://127.0.0.1:{port}" for port, _process in started]
                    rows.append(row(name, n, measure(urls, people, n, captions), floor["p95_ms"]))
                    if progress:
                        progress(rows[-1])
                finally:
                    stop([process for _port, process in started])
    finally:
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)
    return rows


COLUMNS = (
    ("setup", 38),
    ("n", 5),
    ("seated", 6),
    ("refused", 7),
    ("seat_s", 7),
    ("p50_ms", 8),
    ("p95_ms", 8),
    ("p99_ms", 8),
    ("msgs_per_s", 10),
    ("x_floor", 7),
    ("lost", 6),
    ("duplicated", 10),
    ("out_of_order", 12),
)


def print_table(rows):
    print(" ".join(f"{name:>{width}}" if name != "setup" else f"{name:<{width}}" for name, width in COLUMNS))
    for r in rows:
        cells = []
        for name, width in COLUMNS:
            value = "" if r[name] is None else r[name]
            cells.append(f"{value:<{width}}" if name == "setup" else f"{value!s:>{width}}")
        print(" ".join(cells))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "-n", type=int, action="append", help="members (repeat for several); default 100 250 500 1000"
    )
    parser.add_argument("--captions", type=int, default=None, help="captions per N (default 40)")
    parser.add_argument(
        "--setups",
        default="memory,redis",
        help="memory, redis (pub/sub), and core (RedisChannelLayer, measured beside redis), comma-separated",
    )
    parser.add_argument("--small", action="store_true", help="N = 50 and 8 captions, as `make bench` runs it")
    parser.add_argument("--floor", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--clients", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        asyncio.run(serve_floor(args.floor))
        return
    if args.clients:
        print(json.dumps(asyncio.run(clients(json.loads(Path(args.clients).read_text())))))
        return
    if args.seed:
        print(json.dumps(seed_database(args.seed)))
        return
    load = os.getloadavg()
    print(
        f"{os.cpu_count()} cores, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f};",
        f"Python {platform.python_version()}",
    )
    started = time.monotonic()
    rows = run(
        small=args.small,
        sizes=args.n,
        captions=args.captions,
        names=args.setups.split(","),
        progress=lambda r: print(json.dumps(r), flush=True),
    )
    print_table(rows)
    seconds = time.monotonic() - started
    print(
        f"{seconds:.0f} s in all; captions at {CAPTIONS_PER_SECOND}/s, {ARRIVING_AT_ONCE} arriving at a time"
    )
    if any(r["lost"] or r["duplicated"] or r["out_of_order"] for r in rows):
        print("Some events were lost, duplicated or out of order: see the table.")


if __name__ == "__main__":
    main()
