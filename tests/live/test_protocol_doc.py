"""docs/live-protocol.md states the numbers the code uses: close codes, limits, the rate rule."""

import re
from pathlib import Path

from coproduction import server, ws_fallback
from coproduction.live import framing, membership
from coproduction.live.protocol import ACTIONS_PER_SECOND, MAX_MESSAGE_BYTES

DOC = (Path(__file__).resolve().parents[2] / "docs" / "live-protocol.md").read_text()


def close_code_rows():
    section = DOC.split("## Close codes", 1)[1].split("\n## ", 1)[0]
    return {int(code) for code in re.findall(r"^\| \**(\d{4})\**", section, re.MULTILINE)}


def test_the_close_code_table_lists_every_code_the_server_sends():
    sent = {membership.NOT_ALLOWED, ws_fallback.NOT_FOUND, server.TOO_SLOW, 1007, 1009}
    assert sent == {4403, 4404, 4408, 1007, 1009}
    assert sent <= close_code_rows()


def test_the_limits_in_the_doc_are_the_limits_in_the_code():
    assert f"at most **{MAX_MESSAGE_BYTES // 1024} KB**" in DOC
    assert f"nested at most **{framing.MAX_NESTING_DEPTH}** levels" in DOC
    assert f"more than **{server.SLOW_CLIENT_BUFFER // 2**20} MiB**" in DOC
    assert f"more than {ACTIONS_PER_SECOND} actions in any one second" in DOC
    assert "sliding window" in DOC


def test_the_doc_says_when_an_error_carries_the_id():
    assert "`server_error` and `rate_limited`\nincluded" in DOC
    assert "first 256 characters" in DOC and framing._LEADING_ID_WINDOW == 256
