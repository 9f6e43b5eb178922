"""Turning one WebSocket text frame into a checked client message, cheaply and safely.

The checks run from the cheapest to the dearest, so a hostile frame costs little:
size, then nesting depth (a scan that never recurses), then JSON parsing, then the
declared schema (protocol.py), then the text in string fields. Each refusal is a
ProtocolError carrying the action's id whenever it can be known.
"""

import json
import re

from coproduction.common.validation import has_control_character

from .protocol import MAX_MESSAGE_BYTES, ProtocolError, validate_client_message

# No message of the protocol nests deeper than 2; 32 leaves room and stops the JSON
# parser long before Python's recursion limit.
MAX_NESTING_DEPTH = 32

# Fields holding text a person wrote: tabs and line breaks are fine there.
MULTI_LINE_FIELDS = frozenset({"note", "text"})

# The id of an oversized frame is read only where it is cheap: `id` is the object's
# first key, or its second after one short plain string (such as "type"), and its
# value is 1 to 64 characters with no quote, backslash or control character.
_LEADING_ID = re.compile(
    r'\s*\{\s*(?:"[a-z_]{1,32}"\s*:\s*"[^"\\\x00-\x1f]{0,64}"\s*,\s*)?'
    r'"id"\s*:\s*"([^"\\\x00-\x1f]{1,64})"'
)
_LEADING_ID_WINDOW = 256  # characters: the longest prefix the pattern above can match
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def leading_id(text):
    """The action id at the start of a frame, or None; see _LEADING_ID for exactly when."""
    match = _LEADING_ID.match(text[:_LEADING_ID_WINDOW])
    return match.group(1) if match else None


def nesting_depth(text):
    """How deeply arrays and objects nest in `text`, brackets inside strings not counted."""
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_STRING.sub('""', text)):
        if bracket.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def check_text(schema, message):
    """Refuse control characters (NUL and the like) in the message's string fields."""
    action_id = message.get("id")
    if isinstance(action_id, str) and has_control_character(action_id):
        # Not echoed back: an id with control characters is not one the client can match.
        raise ProtocolError("wrong_type", "The id must not hold control characters.")
    for name in schema.fields:
        value = message.get(name)
        if isinstance(value, str) and has_control_character(value, multiline=name in MULTI_LINE_FIELDS):
            raise ProtocolError(
                "invalid_value",
                f"The field {name} holds an invisible control character. "
                "It can come in when text is copied and pasted.",
                action_id,
            )


def decode(text_data, bytes_data=None):
    """The (schema, message) of one frame, or ProtocolError saying why it is refused."""
    if bytes_data is not None or text_data is None:
        raise ProtocolError("wrong_type", "Send JSON text, not binary.")
    if len(text_data.encode("utf-8")) > MAX_MESSAGE_BYTES:
        raise ProtocolError("too_large", "The message is larger than 8 KB.", leading_id(text_data))
    if nesting_depth(text_data) > MAX_NESTING_DEPTH:
        raise ProtocolError(
            "wrong_type",
            f"The message nests more than {MAX_NESTING_DEPTH} levels deep.",
            leading_id(text_data),
        )
    try:
        message = json.loads(text_data)
    except ValueError:
        raise ProtocolError("bad_json", "The message is not valid JSON.", leading_id(text_data)) from None
    schema = validate_client_message(message)
    check_text(schema, message)
    return schema, message


ERROR_MESSAGE = "Something went wrong on our side. Try again."


def server_error(action_id=None):
    """The reply to a message that failed on our side; it names the action when it had an id."""
    reply = {"type": "error", "code": "server_error", "message": ERROR_MESSAGE}
    if action_id is not None:
        reply["id"] = action_id
    return reply
