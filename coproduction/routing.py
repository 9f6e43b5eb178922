"""WebSocket routes, collected from each app's `routing.py`.

An app that serves WebSockets adds its module to WEBSOCKET_ROUTING_MODULES.
"""

from importlib import import_module

WEBSOCKET_ROUTING_MODULES = ["coproduction.live.routing"]

websocket_urlpatterns = []
for module_name in WEBSOCKET_ROUTING_MODULES:
    websocket_urlpatterns += import_module(module_name).websocket_urlpatterns
