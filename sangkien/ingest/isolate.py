"""Run a native parser on an untrusted file in a child process with hard limits.

calamine (Rust) aborts the whole process when a corrupt .xls asks it for gigabytes, which
no ``try`` can catch; in the app that would end every session on the server. The child is
forked (cheap: it shares the parent's imported modules), limited in address space and CPU
time, and killed after a wall-clock timeout; whatever it dies of, the parent gets a
``ReadError`` with a message for the user.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import resource
import traceback
from collections.abc import Callable
from typing import Any

from sangkien.i18n import N_
from sangkien.ingest.limits import ReadError
from sangkien.ingest.reasons import Message

# What is being read, as the messages name it.
WHAT = {"file": N_("ingest.what_file"), "excel": N_("ingest.what_excel"), "parquet": N_("ingest.what_parquet")}

CHILD_MEMORY_BYTES = 4 * 1024**3  # address space one reader child may add to what it inherits
CHILD_CPU_SECONDS = 300
CHILD_WALL_SECONDS = 300


def _address_space() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _child(conn, fn: Callable[..., Any], args: tuple) -> None:
    try:
        faulthandler.disable()  # an abort here is expected and reported by the parent
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)  # a native parser's panic message is not for the server's log
        # A forked child starts with its parent's address space: the budget comes on top of it.
        limit = _address_space() + CHILD_MEMORY_BYTES
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (CHILD_CPU_SECONDS, CHILD_CPU_SECONDS))
        try:
            conn.send(("ok", fn(*args)))
        except ReadError as exc:
            conn.send(("read_error", (exc.code, exc.detail, exc.params)))
        except MemoryError:
            conn.send(("memory", None))
        except BaseException:  # noqa: BLE001 - reported to the parent, which makes the message
            conn.send(("error", traceback.format_exc(limit=6)))
        conn.close()
    finally:
        os._exit(0)


def run_isolated(fn: Callable[..., Any], *args: Any, what: str = "file") -> Any:
    """``fn(*args)`` computed in a forked child; its result, or a ``ReadError`` however the child ends."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, args))
    proc.start()
    child.close()
    try:
        if not parent.poll(CHILD_WALL_SECONDS):
            raise ReadError(N_("ingest.read_too_long"), what=Message(WHAT[what]))
        status, payload = parent.recv()
    except EOFError:  # the child died without a word: aborted, killed by a limit or a signal
        proc.join(5)
        raise ReadError(
            N_("ingest.read_crashed"), f"reader process ended with exit code {proc.exitcode}", what=Message(WHAT[what])
        ) from None
    finally:
        parent.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)
    if status == "ok":
        return payload
    if status == "read_error":
        code, detail, params = payload
        raise ReadError(code, detail, **params)
    if status == "memory":
        raise ReadError(N_("ingest.read_out_of_memory"), what=Message(WHAT[what]))
    raise ReadError(N_("ingest.read_corrupt"), payload, what=Message(WHAT[what]))
