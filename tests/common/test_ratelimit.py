"""The rate limit behind anonymous answers, format requests and live actions, on the real cache."""

import time

from coproduction.common.ratelimit import allow


def wait_for_the_next_second():
    time.sleep(1 - time.time() % 1 + 0.02)


def test_the_limit_holds_across_a_window_boundary():
    wait_for_the_next_second()
    assert [allow("burst", 10, 1) for _ in range(10)] == [True] * 10
    assert allow("burst", 10, 1) is False
    # Just into the next window, the last one still counts almost fully: no second burst.
    wait_for_the_next_second()
    assert allow("burst", 10, 1) is False
    assert allow("another-person", 10, 1) is True


def test_refusals_are_not_counted_so_waiting_gets_through():
    wait_for_the_next_second()
    for _ in range(50):
        allow("eager", 10, 1)
    time.sleep(2.05)  # two windows on, none of the earlier events weigh any more
    assert [allow("eager", 10, 1) for _ in range(10)] == [True] * 10
