"""Runs one piece of user code under a deadline and turns whatever goes wrong into a failure report.

The deadline here is the soft one: SIGALRM raises HandlerTimeout inside the user's code, so the
report can carry the output so far and a traceback pointing at the line that was running. Code that
catches it, blocks signals or sits in a long C call meets Node's hard deadline instead (a kill).

Syscalls are the dearest part of a call, so nothing here makes one per call in the steady state: the
alarm is re-armed only when the armed one would fire after the new call's deadline (a fire that finds
no call late just re-arms for the running call, or does nothing between calls), and RLIMIT_CPU's soft
limit is moved at most once a second, with a second of slack.
"""

import _signal  # signal.getsignal() wraps its answer in an enum lookup dearer than the check it serves
import math
import resource
import signal
import time
import traceback  # imported up front: a MemoryError's traceback is formatted when memory is short

import checks
import returns
from capture import OutputLimitExceeded

monotonic = time.monotonic
# How long a CPU soft limit stays armed before it is moved up; also the slack it is armed with.
CPU_WINDOW_SECONDS = 1


class HandlerTimeout(BaseException):
    """A BaseException so that a handler's `except Exception` does not swallow it."""

    __module__ = 'builtins'  # the traceback's last line then reads "HandlerTimeout: …"

    def __str__(self):
        return 'the deadline passed here'


class Guard:
    def __init__(self, cpu_seconds_per_worker):
        self._cpu_hard = cpu_seconds_per_worker
        self._deadline = None  # monotonic time the running call must end by; None between calls
        self._alarm_at = None  # monotonic time the armed ITIMER_REAL fires; None when none is armed
        self._cpu_budget = 0  # CPU seconds per call the armed soft limit allows for
        self._cpu_recheck_at = 0.0
        self.cpu_low = False  # the worker's CPU hard limit is near: it should be replaced
        self._on_alarm = self._alarm  # one bound method, so getsignal() can tell it is still ours
        signal.signal(signal.SIGALRM, self._on_alarm)

    def run(self, work, argument, timeout_ms):
        """Returns (value, error, retire): the value of work(argument), or a failure report."""
        try:
            try:
                self._arm(timeout_ms)
                return work(argument), None, False
            finally:
                self._deadline = None
        except HandlerTimeout as error:
            return None, describe('timeout', f'the code did not finish within {timeout_ms} ms', error), True
        except OutputLimitExceeded as error:
            return None, describe('output-limit', str(error)), False
        except returns.ResultTooLarge as error:
            return None, describe('output-limit', str(error)), False
        except returns.BadReturn as error:
            return None, describe('bad-return', str(error)), False
        except checks.BadEntrypoint as error:
            return None, describe('exception', str(error)), False
        except BaseException as error:  # noqa: B036 - user code may raise anything, SystemExit included
            # After MemoryError or an escaped BaseException the interpreter's state is suspect: retire.
            retire = isinstance(error, MemoryError) or not isinstance(error, Exception)
            return None, describe('exception', f'{type(error).__name__}: {error}', error), retire

    def _arm(self, timeout_ms):
        now = monotonic()
        deadline = now + max(timeout_ms, 1) / 1000
        self._deadline = deadline
        if _signal.getsignal(signal.SIGALRM) is not self._on_alarm:
            signal.signal(signal.SIGALRM, self._on_alarm)  # a previous call replaced it
            self._alarm_at = None
        if self._alarm_at is None or self._alarm_at > deadline:
            self._set_alarm(now, deadline)
        budget = math.ceil(timeout_ms / 1000) + 1
        if now >= self._cpu_recheck_at or budget > self._cpu_budget:
            self._arm_cpu(now, budget)

    def _set_alarm(self, now, at):
        self._alarm_at = at
        signal.setitimer(signal.ITIMER_REAL, max(at - now, 0.001))

    def _alarm(self, _signum, _frame):
        self._alarm_at = None
        deadline = self._deadline
        if deadline is None:
            return  # between calls: the next call arms its own alarm
        now = monotonic()
        if now >= deadline:
            raise HandlerTimeout()
        self._set_alarm(now, deadline)  # armed for an earlier call: wait for this one's deadline

    def _arm_cpu(self, now, budget):
        # RLIMIT_CPU counts over the worker's whole life, so its soft limit follows the CPU used so far.
        # Armed with a window of slack, it needs moving only once a window: a single thread cannot use
        # more than a window's CPU between two moves, so every call still gets its whole budget. The hard
        # limit (set once, it cannot be raised again) bounds the worker, which retires before reaching it.
        used = time.process_time()
        soft = min(int(used) + budget + CPU_WINDOW_SECONDS, self._cpu_hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, self._cpu_hard))
        self._cpu_budget = budget
        self._cpu_recheck_at = now + CPU_WINDOW_SECONDS
        self.cpu_low = used + 2 * budget + CPU_WINDOW_SECONDS >= self._cpu_hard


def describe(kind, message, error=None):
    report = {'kind': kind, 'message': message}
    text = user_traceback(error) if error is not None else None
    if text:
        report['traceback'] = text
    return report


def user_traceback(error):
    """Only the user's frames: the runner's own are noise to the user (and the timeout's alarm frame)."""
    try:
        frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == checks.FILENAME]
        if not frames and not isinstance(error, SyntaxError):
            return None
        head = 'Traceback (most recent call last):\n' if frames else ''
        stack = ''.join(traceback.StackSummary.from_list(frames).format())
        return head + stack + ''.join(traceback.format_exception_only(type(error), error))
    except BaseException:  # noqa: B036 - a traceback we cannot format must not take the worker down
        return None
