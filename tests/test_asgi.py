"""The ASGI application end to end: daphne serves pages; the channel layer is the real one."""

import os
import re

import pytest
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator

from coproduction.asgi import application


def test_daphne_serves_the_home_page(demo_site):
    status, html = demo_site.get("/")
    assert status == 200
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html) == ["Castlebridge Centre for Independent Living"]


def test_daphne_serves_static_files(demo_site):
    status, css = demo_site.get("/static/home/css/site.css")
    assert status == 200
    assert "--colour-focus" in css


def test_channel_layer_is_the_configured_back_end():
    layer = get_channel_layer()
    expected = "RedisPubSubChannelLayer" if os.environ.get("REDIS_URL") else "SweepingInMemoryChannelLayer"
    assert type(layer).__name__ == expected


async def test_channel_layer_delivers_a_group_message():
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add("foundation-check", channel)
    await layer.group_send("foundation-check", {"type": "note", "text": "hello"})
    message = await layer.receive(channel)
    await layer.group_discard("foundation-check", channel)
    assert message == {"type": "note", "text": "hello"}


@pytest.mark.django_db
async def test_websocket_from_a_foreign_origin_is_refused():
    communicator = WebsocketCommunicator(
        application, "/ws/anything/", headers=[(b"origin", b"https://attacker.example")]
    )
    connected, _ = await communicator.connect()
    assert not connected
    await communicator.disconnect()
