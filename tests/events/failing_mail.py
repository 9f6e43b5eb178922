"""A mail backend whose server is down: every send raises, as an unreachable SMTP host does."""

from django.core.mail.backends.base import BaseEmailBackend


class UnreachableMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("The mail server refused the connection")
