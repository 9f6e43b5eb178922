"""The rate limit behind anonymous answers, format requests and live actions, on the real cache.

The clock is given, so the tests cross a window's edge without waiting for one; the
counters live in the real cache (Redis in the PostgreSQL pass).
"""

import time

from coproduction.common.ratelimit import allow


def start_of_a_second():
    return float(int(time.time()))


def test_the_limit_holds_across_a_window_boundary():
    start = start_of_a_second()
    assert [allow("burst", 10, 1, now=start + 0.9) for _ in range(10)] == [True] * 10
    assert allow("burst", 10, 1, now=start + 0.95) is False
    # Just into the next window, the last one still counts almost fully: no second burst.
    assert allow("burst", 10, 1, now=start + 1.05) is False
    assert allow("another-person", 10, 1, now=start + 1.05) is True


def test_the_previous_window_weighs_less_as_it_slides_away():
    start = start_of_a_second()
    assert [allow("steady", 10, 1, now=start + 0.5) for _ in range(10)] == [True] * 10
    # Half-way through the next window, half of the last ten still count: five more pass.
    assert [allow("steady", 10, 1, now=start + 1.5) for _ in range(6)] == [True] * 5 + [False]


def test_refusals_are_not_counted_so_waiting_gets_through():
    start = start_of_a_second()
    for _ in range(50):
        allow("eager", 10, 1, now=start + 0.5)
    # Two windows on, none of the earlier events weigh any more.
    assert [allow("eager", 10, 1, now=start + 2.5) for _ in range(10)] == [True] * 10
