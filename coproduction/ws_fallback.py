"""The last WebSocket route: a path no app serves is refused with a close code, not a 500."""

from channels.generic.websocket import AsyncWebsocketConsumer
from django.urls import re_path

# Close code for a WebSocket path that does not exist (docs/live-protocol.md).
NOT_FOUND = 4404


class UnknownPathConsumer(AsyncWebsocketConsumer):
    """Accepts, then closes with NOT_FOUND, so the client can read why."""

    async def connect(self):
        await self.accept()
        await self.close(code=NOT_FOUND)


websocket_urlpatterns = [re_path(r"", UnknownPathConsumer.as_asgi())]
