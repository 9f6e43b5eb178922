"""The live engine's services, one module per job, named here for the consumer and the views.

- roles.py: who someone is in a session (`role_for`, `Role`);
- actions.py: `perform` and the `UnitOfWork` (lock, seq numbers, broadcast after commit);
- handlers.py: the engine's own actions, each declared once beside its handler;
- log.py: the event log, replay (`events_after`, `head_seq`) and the broadcast;
- snapshots.py: the payloads, the snapshot and the session record;
- presence.py: who is here.
"""

from .actions import UnitOfWork, perform
from .log import REPLAY_LIMIT, broadcast, event_message, events_after, group_name, head_seq
from .presence import (
    PRESENCE_TIMEOUT,
    join,
    leave,
    others_at,
    place_allowed,
    presence,
    presence_count,
    present_names,
    seen,
)
from .roles import Role, role_for
from .snapshots import SNAPSHOT_CAPTIONS, session_record, signal_counts, snapshot

__all__ = [
    "PRESENCE_TIMEOUT",
    "REPLAY_LIMIT",
    "SNAPSHOT_CAPTIONS",
    "Role",
    "UnitOfWork",
    "broadcast",
    "event_message",
    "events_after",
    "group_name",
    "head_seq",
    "join",
    "leave",
    "others_at",
    "perform",
    "place_allowed",
    "presence",
    "presence_count",
    "present_names",
    "role_for",
    "seen",
    "session_record",
    "signal_counts",
    "snapshot",
]
