"""Benchmark 2, a vote burst: N members vote in one live poll within one second.

    .venv/bin/python -m bench.votes            # N = 500 (and 100)
    .venv/bin/python -m bench.votes --members 50

A real served site (daphne, as `make serve` runs it, on the back-ends DATABASE_URL and
REDIS_URL choose) holds the demo's live session. N members and the chair connect as real
WebSocket clients (the `websockets` library) in another process. The chair opens a quick
poll and shows its results to everyone; then every member sends one vote, at a moment
spread evenly over one second. Measured from the first vote sent:

- **stored**: when the last vote's `ack` came back (the ack is sent after the vote's
  transaction commits);
- **final counts to all**: when the last member received a results event counting all N
  votes.

Then the database is asked how many live votes the poll's question holds: **lost** is N
minus that, and members who never saw the final count are reported too.
"""

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import time

from bench import site

SIZES = (100, 500)
SMALL_SIZES = (25,)
SECONDS = 1.0
JOIN_BATCH = 25
JOIN_ATTEMPTS = 8
TIMEOUT = 120.0


# In the server's database (run with Django set up: `python -m bench.votes prepare N`) -----


def prepare(members):
    """Make N members with signed-in browser sessions, and make the demo session live."""
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password

    from consultations.models import LivePoll
    from coproduction.live.models import LiveSession
    from coproduction.members.models import Profile, User

    session = LiveSession.objects.order_by("pk").first()
    session.state = "live"
    session.save()
    LivePoll.objects.filter(session=session).update(state="closed")
    chair = session.chairs.order_by("pk").first()
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"voter{n}@bench.example", password=unusable) for n in range(members)
    )
    users = list(User.objects.filter(email__endswith="@bench.example").order_by("pk"))
    Profile.objects.bulk_create(Profile(user=user, display_name=f"Voter {n}") for n, user in enumerate(users))
    return {
        "session_id": session.pk,
        "chair": site.signed_in_cookie(chair),
        "members": [site.signed_in_cookie(user) for user in users],
    }


def stored_votes(poll_id):
    """How many members' votes the poll's question holds as counted live votes."""
    import django

    django.setup()
    from consultations.models import Answer, LivePoll

    question = LivePoll.objects.get(pk=poll_id).question
    return {"stored": Answer.objects.filter(question=question, is_sent=True, cast_live=True).count()}


# In the clients' process (`python -m bench.votes clients`, the plan on stdin) -------------


class Member:
    """One WebSocket client: it reads every message, keeping the times that matter."""

    def __init__(self, socket, clock):
        self.socket = socket
        self.clock = clock
        self.replies = {}
        self.waiting = {}
        self.poll = None
        self.final_at = None
        self.expected = None
        self.reader = asyncio.create_task(self.read())

    async def read(self):
        async for text in self.socket:
            message = json.loads(text)
            kind = message["type"]
            if kind in ("ack", "error") and message.get("id") in self.waiting:
                self.replies[message["id"]] = (message, self.clock())
                self.waiting.pop(message["id"]).set()
            elif kind == "poll":
                self.poll = message["poll"]
            elif kind in ("poll_results", "chair_poll_results"):
                if self.expected is not None and message["results"]["answered"] >= self.expected:
                    if self.final_at is None:
                        self.final_at = self.clock()

    async def act(self, action_id, **fields):
        done = asyncio.Event()
        self.waiting[action_id] = done
        await self.socket.send(json.dumps({"id": action_id, **fields}))
        await asyncio.wait_for(done.wait(), TIMEOUT)
        return self.replies[action_id][0]


RETRIED = []


async def join(url, origin, cookie, clock):
    """Connect and wait for the snapshot; a refused handshake is tried again, as live.js does."""
    from websockets.asyncio.client import connect

    for attempt in range(JOIN_ATTEMPTS):
        try:
            socket = await connect(url, origin=origin, additional_headers={"Cookie": cookie}, max_queue=None)
            break
        except Exception as error:  # noqa: BLE001 - any refused or reset handshake
            RETRIED.append(type(error).__name__)
            await asyncio.sleep(0.5 * (attempt + 1))
    else:
        return None  # could not join: counted, and the burst goes on with the others
    await socket.send(json.dumps({"type": "hello", "last_seq": None}))
    while json.loads(await socket.recv())["type"] != "snapshot":
        pass
    return Member(socket, clock)


async def burst(plan):
    clock = time.perf_counter
    url = plan["url"].replace("http://", "ws://") + f"/ws/live/{plan['session_id']}/"
    chair = await join(url, plan["url"], plan["chair"], clock)
    seating = clock()
    members = []
    for start in range(0, len(plan["members"]), JOIN_BATCH):
        cookies = plan["members"][start : start + JOIN_BATCH]
        members += await asyncio.gather(*(join(url, plan["url"], c, clock) for c in cookies))
    not_joined = sum(1 for m in members if m is None)
    members = [m for m in members if m is not None]
    n = len(members)
    seated_s = clock() - seating
    opened = await chair.act(
        "quick",
        type="open_quick_poll",
        text="Shall we take a ten minute break now?",
        option_1="Yes, now",
        option_2="In half an hour",
        option_3="No break needed",
    )
    assert opened["type"] == "ack", opened
    poll_id = opened["result"]["poll_id"]
    shown = await chair.act("show", type="show_poll_results", poll_id=poll_id, shown=True)
    assert shown["type"] == "ack", shown
    async with asyncio.timeout(TIMEOUT):
        while any(m.poll is None or m.poll["id"] != poll_id for m in members):
            await asyncio.sleep(0.05)
    values = [option["value"] for option in members[0].poll["options"]]
    for member in [*members, chair]:
        member.expected = n

    rng = random.Random(11)
    start = clock()

    async def vote(number, member):
        await asyncio.sleep(SECONDS * number / n)
        sent = clock()
        reply = await member.act(f"vote-{number}", type="vote", poll_id=poll_id, answer=rng.choice(values))
        return reply["type"], sent

    replies = await asyncio.gather(*(vote(number, member) for number, member in enumerate(members)))
    acked = [
        m.replies[f"vote-{k}"][1] for k, m in enumerate(members) if m.replies[f"vote-{k}"][0]["type"] == "ack"
    ]
    deadline = clock() + 30
    while clock() < deadline and any(m.final_at is None for m in [*members, chair]):
        await asyncio.sleep(0.02)
    finals = [m.final_at - start for m in members if m.final_at is not None]
    for member in [*members, chair]:
        await member.socket.close()
    errors = [kind for kind, _sent in replies if kind != "ack"]
    return {
        "poll_id": poll_id,
        "members": n,
        "not_joined": not_joined,
        "acked": len(acked),
        "refused": len(errors),
        "last_stored_s": round(max(acked) - start, 3) if acked else None,
        "final_to_all_s": round(max(finals), 3) if len(finals) == n else None,
        "final_p50_s": round(statistics.median(finals), 3) if finals else None,
        "saw_final": len(finals),
        "seated_s": round(seated_s, 1),
        "handshakes_retried": len(RETRIED),
    }


def clients():
    plan = json.loads(sys.stdin.read())
    print(json.dumps(asyncio.run(burst(plan))))


# The benchmark --------------------------------------------------------------------


def measure(members, log=print):
    database = site.fresh_copy(f"votes_{members}", log)
    try:
        plan = site.django_step(database, "bench.votes", "prepare", str(members))
        with site.Server(database, log_name=f"votes-{members}") as server:
            plan["url"] = server.url
            started = time.perf_counter()
            output = subprocess.run(
                [sys.executable, "-m", "bench.votes", "clients"],
                cwd=site.ROOT,
                input=json.dumps(plan),
                stdout=subprocess.PIPE,
                text=True,
                check=True,
            ).stdout
            result = json.loads(output.strip().splitlines()[-1])
            result["run_s"] = round(time.perf_counter() - started, 1)
        stored = site.django_step(database, "bench.votes", "stored", str(result["poll_id"]))["stored"]
    finally:
        site.drop_copy(database)
    return {
        "benchmark": "vote burst",
        "setup": f"one daphne, {site.backend_name()}",
        "N": members,
        "could not join": result["not_joined"],
        "stored": stored,
        "lost": result["members"] - stored,
        "all stored (s)": result["last_stored_s"],
        "final count to all (s)": result["final_to_all_s"],
        "final count p50 (s)": result["final_p50_s"],
        "saw final count": result["saw_final"],
        "seating (s)": result["seated_s"],
        "handshakes retried": result["handshakes_retried"],
        "target": "0 lost, final to all <= 2 s",
        "met": result["not_joined"] == 0
        and members == stored
        and result["final_to_all_s"] is not None
        and result["final_to_all_s"] <= 2.0,
    }


def run(small=False, log=print):
    """The benchmark's rows: one per size of crowd."""
    return [measure(n, log) for n in (SMALL_SIZES if small else SIZES)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", nargs="?", default="bench", choices=["bench", "prepare", "stored", "clients"])
    parser.add_argument("value", nargs="?", type=int)
    parser.add_argument("--members", type=int, action="append", help="N (repeat for several)")
    parser.add_argument("--small", action="store_true")
    args = parser.parse_args(argv)
    if args.step == "prepare":
        print(json.dumps(prepare(args.value)))
    elif args.step == "stored":
        print(json.dumps(stored_votes(args.value)))
    elif args.step == "clients":
        clients()
    else:
        from bench.table import print_table

        rows = [measure(n) for n in args.members] if args.members else run(small=args.small)
        print_table(rows)


if __name__ == "__main__":
    main()
