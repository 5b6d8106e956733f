"""Small writing helpers shared by the store's writers: the lock, the clock, atomic JSON, fault injection."""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import signal
import time
from contextlib import contextmanager
from pathlib import Path

from sangkien.i18n import N_
from sangkien.store.messages import CodedError

FAULT_ENV = "SANGKIEN_FAULT"  # tests: the step of a publish at which the process kills itself


def fault(step: str) -> None:
    """Stop the process dead at ``step`` when the environment asks for it (fault-injection tests)."""
    if os.environ.get(FAULT_ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def disk_full(exc: BaseException) -> bool:
    return getattr(exc, "errno", None) == errno.ENOSPC or "No space left" in str(exc) or "disk is full" in str(exc)


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def write_json_atomic(path: Path, payload: object, fault_step: str | None = None) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(payload, ensure_ascii=False, indent=1, default=str))
            fh.flush()
            os.fsync(fh.fileno())
        if fault_step:
            fault(fault_step)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class Busy(CodedError):
    """Another writer held the store's lock for longer than we could wait (message for the user)."""


@contextmanager
def writer_lock(root: Path, timeout: float = 120.0):
    """The store's one writer lock (``<root>/.lock``): publishing, rolling back, settings, upgrades."""
    with open(root / ".lock", "w") as fh:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise Busy(N_("store.busy")) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
