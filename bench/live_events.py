"""How long building and serialising live events takes for a 1,000-member broadcast.

    .venv/bin/python -m bench.live_events

Two shapes of broadcast, each as the server does it:

- "one event to everyone": one `caption` event is built, then its message is serialised
  once per connection (each consumer sends its own text frame);
- "one event each": a `floor`-like event is built and serialised for each of the members
  (the shape of per-person messages, the worst case for building).

The engine's typed classes (dataclasses with a type check in __post_init__) are compared
with pydantic models with extra="forbid", when pydantic is installed. Figures are the
median of several runs, in milliseconds per broadcast.
"""

import json
import platform
import statistics
import time

from coproduction.live.events import Caption, Floor

MEMBERS = 1_000
RUNS = 15
LINE = {
    "id": 301,
    "text": "Item 2: the draft strategy, and what it means for transport.",
    "at": "2027-03-11T18:04:12+00:00",
}


def dataclass_one_to_everyone():
    event = Caption(line=LINE)
    message = {"type": event.type, "seq": 58, **event.payload()}
    for _ in range(MEMBERS):
        json.dumps(message)


def dataclass_one_each():
    for n in range(MEMBERS):
        event = Floor(hand_id=n + 1)
        json.dumps({"type": event.type, "seq": 58, **event.payload()})


def pydantic_cases():
    try:
        from typing import Literal

        from pydantic import BaseModel, ConfigDict
    except ImportError:
        return {}

    class Strict(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class PydanticCaption(Strict):
        type: Literal["caption"] = "caption"
        seq: int
        line: dict

    class PydanticFloor(Strict):
        type: Literal["floor"] = "floor"
        seq: int
        hand_id: int

    def one_to_everyone():
        event = PydanticCaption(seq=58, line=LINE)
        for _ in range(MEMBERS):
            event.model_dump_json()

    def one_each():
        for n in range(MEMBERS):
            PydanticFloor(seq=58, hand_id=n + 1).model_dump_json()

    import pydantic

    return {
        f"pydantic {pydantic.VERSION}, one event to everyone": one_to_everyone,
        f"pydantic {pydantic.VERSION}, one event each": one_each,
    }


def median_ms(case):
    case()  # warm up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        case()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    cases = {
        "dataclasses, one event to everyone": dataclass_one_to_everyone,
        "dataclasses, one event each": dataclass_one_each,
        **pydantic_cases(),
    }
    python = f"Python {platform.python_version()} on {platform.machine()}"
    print(f"{MEMBERS:,} members, median of {RUNS} runs; {python}")
    if len(cases) == 2:
        print("pydantic is not installed: only the dataclasses are measured")
    for name, case in cases.items():
        print(f"  {name:<45} {median_ms(case):7.2f} ms")


if __name__ == "__main__":
    main()
