"""Understudy's trusted side of a Python worker (see sandbox/ for the Node side).

Node starts it inside the sandbox as `python3 -I -B runner.py '<settings json>'`. Before any user code
exists it closes stray fds, sets its rlimits and moves fds 1 and 2 into captures. Then it serves one
request at a time on fd 3, as frames (4-byte big-endian length + JSON), so user output cannot corrupt
them. It first says {"ready": true}; then every request carries a sequence number `seq` that its
reply repeats:
  {"op": "validate", "seq", "code", "entrypoint"}                  -> {"seq", "ok"} | {"seq", "ok": false, "problem", "line", "column"}
  {"op": "load", "seq", "code", "entrypoint", "timeoutMs"}         -> outcome, value {"arity"}
  {"op": "call", "seq", "timeoutMs", "body", "headers", "request"} -> outcome ("request" only for arity 3)
An outcome is {"seq", "ms", "ok": true, "value", "stdout", "stderr", "retire"} or
{"seq", "ms", "ok": false, "error": {"kind", "message", "traceback"}, "stdout", "stderr", "retire"}, where
`ms` is how long the code ran as the runner saw it (the pool sizes its pipelining by it); `retire`
asks Node to replace this worker (after a timeout, a MemoryError, or when its CPU budget runs low), and
the runner exits right after sending it. Node may send the next request before this one is answered
(it pipelines calls to a busy worker); they are served in order, one at a time.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # -I leaves our folder off sys.path

import builtins  # noqa: E402
import json  # noqa: E402
import linecache  # noqa: E402
import resource  # noqa: E402
import struct  # noqa: E402
import time  # noqa: E402

import checks  # noqa: E402
import returns  # noqa: E402
from capture import CappedStream, FdCapture  # noqa: E402
from guard import Guard  # noqa: E402

FRAME_FD = 3
LENGTH = struct.Struct('>I')
QUIET_TAIL = ',"stdout":"","stderr":"","retire":false}'
# The C scanner behind json.loads, called straight: Node's frames have no whitespace to skip around.
scan_json = json.JSONDecoder().scan_once
clock = time.perf_counter
forked = False


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


def mark_forked():
    global forked
    forked = True


class Channel:
    """Frames on fd 3, read into one buffer that lives as long as the worker; a read may bring several."""

    def __init__(self, fd):
        self._fd = fd
        self._buffer = bytearray(1 << 16)
        self._view = memoryview(self._buffer)
        self._start = 0  # the first byte not consumed yet
        self._end = 0  # the end of what was read

    def read(self):
        """The next frame's text, or None once Node has closed the channel."""
        while True:
            start, end = self._start, self._end
            if end - start >= 4:
                stop = start + 4 + LENGTH.unpack_from(self._buffer, start)[0]
                if stop <= end:
                    self._start, self._end = (0, 0) if stop == end else (stop, end)
                    return str(self._view[start + 4 : stop], 'utf-8')
                if stop - start > len(self._buffer):
                    self._move(stop - start)
            if self._end == len(self._buffer):
                self._move(len(self._buffer))
            count = os.readv(self._fd, [self._view[self._end :]])
            if count == 0:
                return None  # Node closed the channel: we are done
            self._end += count

    def _move(self, size):
        """Moves the unconsumed bytes to the front of a buffer of at least `size` bytes."""
        rest = self._view[self._start : self._end]
        if size > len(self._buffer):
            buffer = bytearray(size)
            buffer[: len(rest)] = rest
            self._buffer, self._view = buffer, memoryview(buffer)
        else:
            self._buffer[: len(rest)] = bytes(rest)
        self._start, self._end = 0, len(rest)

    def write(self, text):
        data = text.encode('ascii')
        frame = LENGTH.pack(len(data)) + data
        sent = os.write(self._fd, frame)
        if sent < len(frame):  # a signal cut the write short
            view = memoryview(frame)[sent:]
            while view:
                view = view[os.write(self._fd, view) :]


class Worker:
    def __init__(self, settings):
        self._limit = settings['outputLimitBytes']
        self._max_result = settings['maxResultBytes']
        self._guard = Guard(settings['cpuSecondsPerWorker'])
        self._fds = (FdCapture(1, self._limit), FdCapture(2, self._limit))
        self._out, self._err = CappedStream(self._limit, 1), CappedStream(self._limit, 2)
        self._function = None
        self._arity = 2
        self._encode = returns.http_response_json
        self.retiring = False
        # A child the user's code forked must never reach the frame channel (see _run).
        os.register_at_fork(after_in_child=mark_forked)

    def handle(self, text):
        request = scan_json(text, 0)[0]
        head = '{"seq":' + str(int(request.get('seq', 0))) + ','
        op = request.get('op')
        if op == 'call':
            return head + self._run(self._call, request)
        if op == 'load':
            return head + self._run(self._load, request)
        if op == 'validate':
            return head + json.dumps(checks.validate(request['code'], request['entrypoint']))[1:]
        return head + json.dumps({'ok': False, 'error': {'kind': 'crashed', 'message': f'unknown op {op!r}'}})[1:]

    def _load(self, request):
        code, entrypoint = request['code'], request['entrypoint']
        # Tracebacks then show the user's source lines, not just line numbers.
        linecache.cache[checks.FILENAME] = (len(code), None, code.splitlines(True), checks.FILENAME)
        namespace = {'__name__': '__handler__', '__builtins__': builtins}
        exec(compile(code, checks.FILENAME, 'exec', dont_inherit=True), namespace)
        self._function, self._arity = checks.entrypoint_arity(namespace, entrypoint)
        self._encode = returns.http_response_json if entrypoint == 'handler' else returns.messages_json
        return '{"arity":%d}' % self._arity

    def _call(self, request):
        if self._function is None:
            raise checks.BadEntrypoint('no code was loaded')
        if self._arity == 2:
            returned = self._function(request['body'], request['headers'])
        else:
            returned = self._function(request['body'], request['headers'], request.get('request'))
        return self._encode(returned, self._max_result)

    def _run(self, work, request):
        """The outcome of work(request) as the JSON text of a reply, without its opening brace."""
        out, err = self._out, self._err
        if sys.stdout is not out or out.closed:  # the previous call replaced or closed it
            out = self._out = CappedStream(self._limit, 1)
        if sys.stderr is not err or err.closed:
            err = self._err = CappedStream(self._limit, 2)
        sys.stdout, sys.stderr = out, err
        started = clock()
        value, error, retire = self._guard.run(work, request, request['timeoutMs'])
        if forked:
            os._exit(0)
        ran = '"ms":%.4f,' % ((clock() - started) * 1000)
        exceeded = out.exceeded or err.exceeded
        stdout, stderr = out.take(), err.take()
        fd_out, fd_err = self._fds
        raw_out, raw_err = fd_out.drain(), fd_err.drain()
        if raw_out or raw_err:
            stdout, stderr = stdout + raw_out, stderr + raw_err
        if exceeded or fd_out.exceeded or fd_err.exceeded:
            fd_out.exceeded = fd_err.exceeded = False
            error = {'kind': 'output-limit', 'message': f'the output went past the cap of {self._limit} characters'}
        retire = retire or self._guard.cpu_low
        self.retiring = retire
        if error is not None:
            rest = {'ok': False, 'error': error, 'stdout': stdout, 'stderr': stderr, 'retire': retire}
            return ran + json.dumps(rest)[1:]
        if not (stdout or stderr or retire):
            return ran + '"ok":true,"value":' + value + QUIET_TAIL
        rest = json.dumps({'stdout': stdout, 'stderr': stderr, 'retire': retire})
        return ran + '"ok":true,"value":' + value + ',' + rest[1:]


def main():
    settings = json.loads(sys.argv[1])
    # Only fds 0-3 are ours; anything else was inherited by accident and could reach the host.
    os.closerange(FRAME_FD + 1, resource.getrlimit(resource.RLIMIT_NOFILE)[1])
    set_limits(settings)
    worker = Worker(settings)
    channel = Channel(FRAME_FD)
    channel.write('{"ready":true}')  # Node sends nothing before this: the sandbox around us is complete
    while (request := channel.read()) is not None:
        channel.write(worker.handle(request))
        if worker.retiring:
            # Node replaces this worker; requests it pipelined behind must not start here.
            os._exit(0)


if __name__ == '__main__':
    main()
