"""Runs one piece of user code under a deadline and turns whatever goes wrong into a failure report.

The deadline here is the soft one: SIGALRM raises HandlerTimeout inside the user's code, so the
report can carry the output so far and a traceback pointing at the line that was running. Code that
catches it, blocks signals or sits in a long C call meets Node's hard deadline instead (a kill).
"""

import math
import resource
import signal
import time
import traceback

import checks
import returns
from capture import OutputLimitExceeded


class HandlerTimeout(BaseException):
    """A BaseException so that a handler's `except Exception` does not swallow it."""

    __module__ = 'builtins'  # the traceback's last line then reads "HandlerTimeout: …"

    def __str__(self):
        return 'the deadline passed here'


def _on_alarm(_signum, _frame):
    raise HandlerTimeout()


class Guard:
    def __init__(self, cpu_seconds_per_worker):
        self._cpu_hard = cpu_seconds_per_worker
        self._budget = 1
        signal.signal(signal.SIGALRM, _on_alarm)

    def run(self, work, timeout_ms):
        """Returns (value, error, retire): the value of work(), or a failure report."""
        try:
            try:
                self._arm(timeout_ms)
                return work(), None, False
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
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

    def cpu_running_low(self):
        return time.process_time() + 2 * self._budget >= self._cpu_hard

    def _arm(self, timeout_ms):
        # RLIMIT_CPU counts over the worker's whole life, so the soft limit is re-armed per call; the hard
        # limit (set once, it cannot be raised again) bounds the worker, which retires before reaching it.
        self._budget = math.ceil(timeout_ms / 1000) + 1
        soft = min(int(time.process_time()) + self._budget, self._cpu_hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, self._cpu_hard))
        signal.setitimer(signal.ITIMER_REAL, max(timeout_ms, 1) / 1000)


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
