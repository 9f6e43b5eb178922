from django.urls import path

from .consumers import LiveSessionConsumer

websocket_urlpatterns = [path("ws/live/<int:session_id>/", LiveSessionConsumer.as_asgi())]
