"""The site as a test serves it, plus one extra door: GET /test-pump/?start=S&count=N logs N
captions in the demo live session from inside the server process, each broadcast as it is
committed through the process's own channel layer (the in-memory one included).

Only the slow-client test serves this module; the site itself never routes to it.
"""

import json
from urllib.parse import parse_qs

from asgiref.sync import sync_to_async

from coproduction.asgi import application as site

PUMP_PATH = "/test-pump/"
CAPTION_LENGTH = 1900  # near the 2,000-character limit: big frames fill buffers quickly


def pump(start, count):
    from django.contrib.auth import get_user_model
    from django.db import connection

    from coproduction.live import services
    from coproduction.live.models import LiveSession
    from coproduction.live.protocol import CLIENT_MESSAGES

    session = LiveSession.objects.order_by("pk").first()
    captioner = get_user_model().objects.get(email="captioner@castlebridge-cil.example")
    chair = session.chairs.first()
    if session.state != "live":
        services.perform(session.pk, chair, CLIENT_MESSAGES["start"], "pump-start", {})
    for n in range(start, start + count):
        text = f"Caption {n:05d} " + "word " * (CAPTION_LENGTH // 5)
        services.perform(session.pk, captioner, CLIENT_MESSAGES["caption"], f"pump-{n}", {"text": text})
    session.refresh_from_db()
    connection.close()
    return {"head": session.last_seq, "last": f"Caption {start + count - 1:05d}"}


async def application(scope, receive, send):
    if scope["type"] != "http" or scope["path"] != PUMP_PATH:
        return await site(scope, receive, send)
    query = parse_qs(scope["query_string"].decode())
    start, count = int(query.get("start", ["0"])[0]), int(query.get("count", ["1"])[0])
    # In a thread of its own, so the sockets' database calls are not queued behind it.
    body = json.dumps(await sync_to_async(pump, thread_sensitive=False)(start, count)).encode()
    headers = [(b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
