"""WebSocket routes, collected from each app's `routing.py`.

An app that serves WebSockets adds its module to WEBSOCKET_ROUTING_MODULES.
"""

from importlib import import_module

WEBSOCKET_ROUTING_MODULES = ["coproduction.live.routing"]

websocket_urlpatterns = []
for module_name in WEBSOCKET_ROUTING_MODULES:
    websocket_urlpatterns += import_module(module_name).websocket_urlpatterns
# Last: any other path is refused cleanly (close code 4404) rather than with a server error.
websocket_urlpatterns += import_module("coproduction.ws_fallback").websocket_urlpatterns
