"""Per-call capture of what a handler prints, capped.

Two layers: print() and sys.stdout/sys.stderr writes land in CappedStream (no syscalls, exact cap);
bytes written to the real fds 1 and 2 (os.write, a subprocess, C extensions) land in memfd files that
FdCapture drains after each call, so they are attributed to the call that wrote them. Both are made
once per worker and emptied after each call: a call that printed nothing costs one lseek per fd.
"""

import io
import os

FD_CAPTURE_KEEP = 'bytes were written; only the first {} are kept'


class OutputLimitExceeded(BaseException):
    """A BaseException so that a handler's `except Exception` does not swallow it."""


class CappedStream(io.TextIOBase):
    """Stands in for sys.stdout / sys.stderr during one call; keeps at most `limit` characters."""

    encoding = 'utf-8'
    errors = 'strict'

    def __init__(self, limit, fd):
        super().__init__()
        self._parts = []
        self._size = 0
        self._limit = limit
        self._fd = fd
        self.exceeded = False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f'write() argument must be str, not {type(text).__name__}')
        room = self._limit - self._size
        if len(text) > room:
            if room > 0:
                self._parts.append(text[:room])
                self._size = self._limit
            # Remember it: the handler may catch even a BaseException, the verdict stands regardless.
            self.exceeded = True
            raise OutputLimitExceeded(f'the handler printed more than {self._limit} characters')
        self._parts.append(text)
        self._size += len(text)
        return len(text)

    def writable(self):
        return True

    def isatty(self):
        return False

    def fileno(self):
        # Code that asks for the fd (faulthandler, subprocess) writes to the memfd: still captured.
        return self._fd

    def getvalue(self):
        return ''.join(self._parts)

    def take(self):
        """What the call printed; the stream is then empty (and within its cap) for the next call."""
        self.exceeded = False
        if not self._parts:
            return ''
        text = ''.join(self._parts)
        self._parts.clear()
        self._size = 0
        return text


class FdCapture:
    """Points fd 1 or 2 at an anonymous in-memory file (bounded by RLIMIT_FSIZE) and drains it."""

    def __init__(self, fd, limit):
        memfd = os.memfd_create(f'fd{fd}', 0)
        os.dup2(memfd, fd)  # dup2 clears close-on-exec, so subprocesses inherit the capture too
        os.close(memfd)
        self._fd = fd
        self._limit = limit
        self.exceeded = False

    def drain(self):
        # SEEK_END answers the file's size (like fstat, whatever offset a writer used) as a plain int.
        size = os.lseek(self._fd, 0, os.SEEK_END)
        if size == 0:
            return ''
        data = os.pread(self._fd, min(size, self._limit), 0)
        os.ftruncate(self._fd, 0)
        os.lseek(self._fd, 0, os.SEEK_SET)
        text = data.decode('utf-8', 'replace')
        if size > self._limit:
            self.exceeded = True
            text += f'\n[{size} {FD_CAPTURE_KEEP.format(self._limit)}]'
        return text
