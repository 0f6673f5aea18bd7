"""Turns what user code returned into the JSON-safe shapes Node expects (see core/ports/handler-runner.ts).

This happens here, not in Node, because only Python can tell a tuple from a list, bytes from str, or
name the type that cannot be sent; by the time a value is JSON those distinctions are gone.
"""

import json
import re

HANDLER_SHAPES = 'a dict, list, str, number or bytes, (status, body) or (status, body, headers)'
MAPPER_SHAPES = 'a body, a (body, headers) tuple, a list of those, or None to drop the message'
CONTENT_TYPES = {
    'json': 'application/json; charset=utf-8',
    'text': 'text/plain; charset=utf-8',
    'bytes': 'application/octet-stream',
}
HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
# The C encoder behind json.dumps(ensure_ascii=True, allow_nan=False, separators=(',', ':')), made
# once: ensure_ascii keeps lone surrogates (legal in a Python str) valid in the frame. `markers` finds
# cycles; an encoding cut short by any exception (a dict subclass's items() runs user code, a timeout
# can land mid-way) leaves its entries behind, holding those objects alive, so it is cleared then.
markers = {}
ENCODE = json.encoder.c_make_encoder(
    markers, json.JSONEncoder().default, json.encoder.encode_basestring_ascii, None, ':', ',', False, False, False
)


class BadReturn(Exception):
    """The user's code returned something we cannot turn into a response or message."""


JSON_RESPONSE = '{"status":200,"headers":{"content-type":"%s"},"body":{"type":"json","value":' % CONTENT_TYPES['json']


def http_response_json(returned, max_bytes):
    """The handler's return value as the JSON of an HTTP response (see to_http_response)."""
    kind = type(returned)
    if kind is dict or kind is list:  # the common case, encoded without building the response first
        return JSON_RESPONSE + encode_json(returned, max_bytes) + '}}'
    return encode_json(to_http_response(returned), max_bytes)


def messages_json(returned, max_bytes):
    return encode_json(to_messages(returned), max_bytes)


def to_http_response(returned):
    if isinstance(returned, tuple):
        if len(returned) not in (2, 3):
            raise BadReturn(f'the handler returned a tuple of {len(returned)} items; return {HANDLER_SHAPES}')
        status, body, headers = (returned + ({},))[:3]
        payload = to_payload(body, 'the response body', HANDLER_SHAPES, allow_none=True)
    else:
        if returned is None:
            raise BadReturn(f'the handler returned None (is a return statement missing?); return {HANDLER_SHAPES}')
        status, headers = 200, {}
        payload = to_payload(returned, 'the return value', HANDLER_SHAPES, allow_none=False)
    # int subclasses such as http.HTTPStatus.CREATED are fine; bool (also an int) is a mistake.
    if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
        raise BadReturn(f'the status must be an int from 100 to 599, not {status!r}')
    status = int(status)
    headers = to_headers(headers, 'the response headers')
    if payload is not None and 'content-type' not in headers:
        headers['content-type'] = CONTENT_TYPES[payload['type']]
    return {'status': status, 'headers': headers, 'body': payload}


def to_messages(returned):
    if returned is None:
        return {'messages': []}
    items = returned if isinstance(returned, list) else [returned]
    return {'messages': [to_message(item) for item in items]}


def to_message(item):
    body, headers = item, {}
    if isinstance(item, tuple):
        if len(item) != 2:
            raise BadReturn(f'the mapper returned a tuple of {len(item)} items; return {MAPPER_SHAPES}')
        body, headers = item
    payload = to_payload(body, 'a message body', MAPPER_SHAPES, allow_none=False)
    return {'body': payload, 'headers': to_headers(headers, 'message headers')}


def to_payload(value, what, shapes, allow_none):
    if value is None and allow_none:
        return None
    if isinstance(value, str):
        return {'type': 'text', 'value': value}
    if isinstance(value, (bytes, bytearray, memoryview)):
        import base64  # rare: a worker that never returns bytes starts without it

        return {'type': 'bytes', 'base64': base64.b64encode(value).decode('ascii')}
    if isinstance(value, (dict, list, tuple, int, float)):
        return {'type': 'json', 'value': value}
    raise BadReturn(f'{what} is a {type(value).__name__}, which cannot be sent; return {shapes}')


def to_headers(headers, what):
    if not isinstance(headers, dict):
        raise BadReturn(f'{what} must be a dict, not a {type(headers).__name__}')
    result = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not HEADER_NAME.match(name):
            raise BadReturn(f'{what}: {name!r} is not a valid header name')
        if type(value) not in (str, int, float):
            raise BadReturn(f'{what}: the value of {name!r} must be a str or number, not {type(value).__name__}')
        text = str(value)
        if '\r' in text or '\n' in text or '\0' in text:
            raise BadReturn(f'{what}: the value of {name!r} contains a line break or NUL')
        result[name.lower()] = text
    return result


def encode_json(value, max_bytes):
    """The one JSON encoding of a return value; errors name what JSON could not carry."""
    try:
        text = ''.join(ENCODE(value, 0))
    except (TypeError, ValueError, RecursionError) as error:
        raise BadReturn(f'the return value cannot be sent as JSON: {error}') from None
    finally:
        if markers:
            markers.clear()
    if len(text) > max_bytes:
        raise ResultTooLarge(f'the return value is {len(text)} bytes of JSON; the limit is {max_bytes}')
    return text


class ResultTooLarge(Exception):
    pass
