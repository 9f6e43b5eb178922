"""What the consultation tests share: a small consultation, a member, a signed-in client.

A module that needs a different consultation (other questions, results published)
declares its own `consultation` fixture; the full demo is only for demo, browser and
smoke tests.
"""

import pytest

from tests.factories import make_consultation


@pytest.fixture
def consultation(db):
    """An open consultation with one question of each kind (tests/factories.py)."""
    return make_consultation()


@pytest.fixture
def member(make_member):
    return make_member("amina@example.org", display_name="Amina")


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client
