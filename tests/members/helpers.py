"""Steps the member account tests take again and again."""

import re

from django.core import mail

PASSWORD = "correct horse battery"
NEW_PASSWORD = "a long enough phrase"


def link_in(message, path):
    """The link to `path` in an email, as a path on the test server."""
    return re.search(rf"http://testserver({path}\S*)", message.body).group(1)


def sign_in(client, email, password, ip="10.0.0.1"):
    return client.post("/account/sign-in/", {"username": email, "password": password}, REMOTE_ADDR=ip)


def sign_up(client, email, ip="10.0.0.1"):
    return client.post("/account/sign-up/", {"email": email}, REMOTE_ADDR=ip)


def sign_up_link(client, email):
    """Ask to create an account and return the link from the email it sends."""
    sign_up(client, email)
    return link_in(mail.outbox[-1], "/account/sign-up/")


def finish_sign_up(client, link, **changes):
    """Post the emailed link's form: a name, an organisation and the same password twice."""
    details = {
        "display_name": "Jo",
        "organisation": "Castlebridge Carers",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    return client.post(link, {**details, **changes})
