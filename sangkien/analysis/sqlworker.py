"""The SQL box's worker process: runs one user query at a time on a version file, locked down.

Started by ``sqlbox`` as ``python -m sangkien.analysis.sqlworker``; it reads requests on stdin and
writes answers on stdout, each a 4-byte length and a body (JSON, then Arrow IPC bytes). Its
address space is capped (``RLIMIT_AS``) so a query that builds a huge string or list fails
with DuckDB's out-of-memory error instead of growing the server, and its CPU time per query
is capped too. Whatever it does, the parent can SIGKILL it; nothing it holds is shared.
"""

from __future__ import annotations

import json
import os
import resource
import struct
import sys

import duckdb
import pyarrow as pa

WORKER_MEMORY_BYTES = 3 * 1024**3


def read_frame(stream) -> bytes | None:
    head = stream.read(4)
    if len(head) < 4:
        return None
    (size,) = struct.unpack(">I", head)
    body = stream.read(size)
    return body if len(body) == size else None


def write_frame(stream, body: bytes) -> None:
    stream.write(struct.pack(">I", len(body)))
    stream.write(body)


def open_sandbox(version_path: str, memory_limit: str = "1GB", threads: int = 2) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory connection with the version file attached read-only as ``v``, locked down.

    Order matters (checked with DuckDB 2.0.1): with enable_external_access=false, ATTACH of any
    file is refused, so the version file is attached first; a file attached before the switch
    stays readable, every other path is refused. Locking last keeps anyone from switching back.
    ``temp_directory=''``: nothing spills to disk.
    """
    con = duckdb.connect(
        ":memory:",
        config={
            "threads": threads,
            "memory_limit": memory_limit,
            "temp_directory": "",
            "autoload_known_extensions": False,
            "autoinstall_known_extensions": False,
        },
    )
    try:
        con.execute("ATTACH ? AS v (READ_ONLY)", [str(version_path)])
        con.execute("USE v")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def _scrub(text: str, secrets: list[str]) -> str:
    """The server's paths never reach the user: the version file is called by its database name."""
    for secret in secrets:
        text = text.replace(secret, "v")
    return text


def _limit_cpu(seconds: float) -> None:
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = used.ru_utime + used.ru_stime
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = int(spent + seconds) + 1
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def answer(request: dict) -> tuple[dict, bytes]:
    """Run the request's query; (header, Arrow IPC bytes of at most ``show`` rows)."""
    path = request["path"]
    secrets = {path, os.path.dirname(path), os.path.dirname(os.path.dirname(path))}
    secrets = sorted((s for s in secrets if len(s) > 4), key=len, reverse=True)
    _limit_cpu(request["cpu_s"])
    try:
        con = open_sandbox(path, request["memory_limit"], request["threads"])
    except duckdb.Error as exc:
        return {"ok": False, "kind": "open", "message": _scrub(str(exc), secrets)}, b""
    try:
        statements = duckdb.extract_statements(request["sql"])
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            return {"ok": False, "kind": "refused", "message": ""}, b""
        reader = con.sql(statements[0]).limit(request["cap"] + 1).arrow()
        kept, rows, size = [], 0, 0
        for batch in reader:
            if rows < request["show"] and size < request["cap_bytes"]:
                part = batch.slice(0, request["show"] - rows)
                kept.append(part)
                size += part.nbytes
            rows += batch.num_rows
        table = pa.Table.from_batches(kept, schema=reader.schema)
    except duckdb.Error as exc:
        return {"ok": False, "kind": type(exc).__name__, "message": _scrub(str(exc), secrets)}, b""
    except MemoryError:
        return {"ok": False, "kind": "OutOfMemoryException", "message": "MemoryError"}, b""
    finally:
        con.close()
    cut = None
    if table.nbytes > request["cap_bytes"]:  # a few wide rows: keep as many as fit
        per_row = max(table.nbytes / max(table.num_rows, 1), 1)
        table = table.slice(0, int(request["cap_bytes"] / per_row))
        cut = "bytes"
    table = _scrub_table(table, secrets)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as out:
        out.write_table(table)
    header = {"ok": True, "rows": min(rows, request["cap"]), "truncated": rows > request["cap"], "cut": cut}
    return header, sink.getvalue().to_pybytes()


def _scrub_table(table: pa.Table, secrets: list[str]) -> pa.Table:
    import pyarrow.compute as pc

    for i, field in enumerate(table.schema):
        if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
            column = table.column(i)
            for secret in secrets:
                column = pc.replace_substring(column, secret, "v")
            table = table.set_column(i, field, column)
    return table


def main() -> int:
    limit = int(os.environ.get("SANGKIEN_SQL_WORKER_MEMORY", WORKER_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        body = read_frame(stdin)
        if body is None:  # the app went away
            return 0
        try:
            header, payload = answer(json.loads(body))
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which makes the message
            header, payload = {"ok": False, "kind": type(exc).__name__, "message": str(exc)}, b""
        write_frame(stdout, json.dumps(header).encode())
        write_frame(stdout, payload)
        stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
