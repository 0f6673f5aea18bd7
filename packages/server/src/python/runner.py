"""Understudy's trusted side of a Python worker (see sandbox/ for the Node side).

Node starts it inside the sandbox as `python3 -I -B runner.py '<settings json>'`. Before any user code
exists it closes stray fds, sets its rlimits and moves fds 1 and 2 into captures. Then it serves one
request at a time on fd 3, as frames (4-byte big-endian length + JSON), so user output cannot corrupt
them:
  {"op": "validate", "code", "entrypoint"}                 -> {"ok"} | {"ok": false, "problem", "line", "column"}
  {"op": "load", "code", "entrypoint", "timeoutMs"}        -> outcome
  {"op": "call", "body", "headers", "request", "timeoutMs"} -> outcome
An outcome is {"ok": true, "value", "stdout", "stderr", "retire"} or
{"ok": false, "error": {"kind", "message", "traceback"}, "stdout", "stderr", "retire"}; `retire` asks
Node to replace this worker (after a timeout, a MemoryError, or when its CPU budget runs low).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # -I leaves our folder off sys.path

import builtins  # noqa: E402
import json  # noqa: E402
import linecache  # noqa: E402
import resource  # noqa: E402

import checks  # noqa: E402
import returns  # noqa: E402
from capture import CappedStream, FdCapture  # noqa: E402
from guard import Guard  # noqa: E402

FRAME_FD = 3


def set_limits(settings):
    """Limits first, user code later: nothing the user writes runs before these hold."""
    wanted = [
        (resource.RLIMIT_AS, settings['memoryBytes']),
        (resource.RLIMIT_CPU, settings['cpuSecondsPerWorker']),
        (resource.RLIMIT_NOFILE, settings['openFiles']),
        (resource.RLIMIT_FSIZE, settings['fileSizeBytes']),
        (resource.RLIMIT_CORE, 0),
    ]
    if settings.get('processes') is not None:
        wanted.append((resource.RLIMIT_NPROC, settings['processes']))
    for limit, value in wanted:
        _, hard = resource.getrlimit(limit)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(limit, (value, value))


class Channel:
    def __init__(self, fd):
        self._fd = fd
        self._buffer = bytearray()

    def read(self):
        while True:
            if len(self._buffer) >= 4:
                end = 4 + int.from_bytes(self._buffer[:4], 'big')
                if len(self._buffer) >= end:
                    frame = bytes(self._buffer[4:end])
                    del self._buffer[:end]
                    return json.loads(frame)
            chunk = os.read(self._fd, 1 << 16)
            if not chunk:
                return None  # Node closed the channel: we are done
            self._buffer += chunk

    def write(self, text):
        data = text.encode('ascii')
        view = memoryview(len(data).to_bytes(4, 'big') + data)
        while view:
            view = view[os.write(self._fd, view):]


class Worker:
    def __init__(self, settings):
        self._limit = settings['outputLimitBytes']
        self._max_result = settings['maxResultBytes']
        self._guard = Guard(settings['cpuSecondsPerWorker'])
        self._fds = {1: FdCapture(1, self._limit), 2: FdCapture(2, self._limit)}
        self._pid = os.getpid()
        self._function = None
        self._arity = 2
        self._convert = returns.to_http_response

    def handle(self, request):
        op = request.get('op')
        if op == 'validate':
            return json.dumps(checks.validate(request['code'], request['entrypoint']))
        if op == 'load':
            return self._run(lambda: self._load(request), request['timeoutMs'])
        if op == 'call':
            return self._run(lambda: self._call(request), request['timeoutMs'])
        return json.dumps({'ok': False, 'error': {'kind': 'crashed', 'message': f'unknown op {op!r}'}})

    def _load(self, request):
        code, entrypoint = request['code'], request['entrypoint']
        # Tracebacks then show the user's source lines, not just line numbers.
        linecache.cache[checks.FILENAME] = (len(code), None, code.splitlines(True), checks.FILENAME)
        namespace = {'__name__': '__handler__', '__builtins__': builtins}
        exec(compile(code, checks.FILENAME, 'exec', dont_inherit=True), namespace)
        self._function, self._arity = checks.entrypoint_arity(namespace, entrypoint)
        self._convert = returns.to_http_response if entrypoint == 'handler' else returns.to_messages
        return 'null'

    def _call(self, request):
        if self._function is None:
            raise checks.BadEntrypoint('no code was loaded')
        args = (request['body'], request['headers'], request.get('request'))[: self._arity]
        value = self._convert(self._function(*args))
        return returns.encode_json(value, self._max_result)

    def _run(self, work, timeout_ms):
        out, err = CappedStream(self._limit, 1), CappedStream(self._limit, 2)
        sys.stdout, sys.stderr = out, err
        try:
            value, error, retire = self._guard.run(work, timeout_ms)
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        if os.getpid() != self._pid:
            os._exit(0)  # a child the user's code forked must never reach the frame channel
        stdout = out.getvalue() + self._fds[1].drain()
        stderr = err.getvalue() + self._fds[2].drain()
        if out.exceeded or err.exceeded or self._fds[1].exceeded or self._fds[2].exceeded:
            self._fds[1].exceeded = self._fds[2].exceeded = False
            error = {'kind': 'output-limit', 'message': f'the output went past the cap of {self._limit} characters'}
        retire = retire or self._guard.cpu_running_low()
        if error is not None:
            return json.dumps({'ok': False, 'error': error, 'stdout': stdout, 'stderr': stderr, 'retire': retire})
        rest = json.dumps({'stdout': stdout, 'stderr': stderr, 'retire': retire})
        return '{"ok":true,"value":' + value + ',' + rest[1:]


def main():
    settings = json.loads(sys.argv[1])
    # Only fds 0-3 are ours; anything else was inherited by accident and could reach the host.
    os.closerange(FRAME_FD + 1, resource.getrlimit(resource.RLIMIT_NOFILE)[1])
    set_limits(settings)
    worker = Worker(settings)
    channel = Channel(FRAME_FD)
    while (request := channel.read()) is not None:
        channel.write(worker.handle(request))


if __name__ == '__main__':
    main()
