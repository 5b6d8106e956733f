"""Several app processes on this machine behind Debian's nginx, with sticky sessions.

``python -m sangkien.cluster start [--processes 3] [--port 8080] [--first-port 8601] [--run DIR]``
starts ``--processes`` ``streamlit run app.py`` on loopback ports from ``--first-port``, writes
``deploy/nginx-cluster.conf.in`` into the run folder (``data/cluster`` by default) and starts nginx
on it with ``-c`` and ``-p``; ``stop`` ends exactly the processes that ``start`` recorded in the run
folder (``pids.json``) and that nginx. Published versions are immutable files every process reads;
a session (its workspace, its widgets, its uploads) lives in one process, so nginx sends each
browser to the process its route cookie (set by nginx) hashes to (see the config). Each process gets
``SANGKIEN_INSTANCE`` (its number), which the page carries as a hidden mark for tests.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from sangkien.i18n import t
from sangkien.paths import ROOT

TEMPLATE = ROOT / "deploy" / "nginx-cluster.conf.in"
DEFAULT_RUN = ROOT / "data" / "cluster"
NGINX_PATHS = ("/usr/sbin/nginx", "/usr/bin/nginx")


class ClusterError(Exception):
    """The cluster could not start or stop (message for the operator, in Vietnamese)."""


def nginx_path() -> str:
    for candidate in (*NGINX_PATHS, shutil.which("nginx") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    raise ClusterError(t("cluster.no_nginx"))


def write_config(run: Path, listen: str, ports: list[int]) -> Path:
    upstreams = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in ports)
    text = (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("@RUN@", str(run))
        .replace("@LISTEN@", listen)
        .replace("@UPSTREAMS@", upstreams)
    )
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    conf = run / "nginx.conf"
    conf.write_text(text, encoding="utf-8")
    return conf


def free_port() -> int:
    """A free loopback port (for nginx)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_ports(n: int, start: int = 20000, stop: int = 40000) -> int:
    """The first of ``n`` consecutive free loopback ports (for the app processes)."""
    for first in range(start, stop, n + 1):
        try:
            with contextlib.ExitStack() as stack:
                for p in range(first, first + n):
                    stack.enter_context(socket.socket()).bind(("127.0.0.1", p))
            return first
        except OSError:
            continue
    raise ClusterError(t("cluster.no_port"))


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start(
    processes: int = 3,
    port: int = 8080,
    first_port: int = 8601,
    run: Path = DEFAULT_RUN,
    store: str | None = None,
    timeout: float = 120.0,
    extra_env: dict | None = None,
) -> dict:
    """Start the app processes and nginx; return what was started (also written to ``run/pids.json``)."""
    run = Path(run).resolve()
    run.mkdir(parents=True, exist_ok=True)
    if (run / "pids.json").exists():
        raise ClusterError(t("cluster.running", pids=str(run / "pids.json")))
    nginx = nginx_path()
    ports = [first_port + i for i in range(processes)]
    started: dict = {"run": str(run), "port": port, "apps": [], "nginx": None}
    try:
        for i, p in enumerate(ports):
            env = {**os.environ, "SANGKIEN_INSTANCE": str(i + 1), "PYTHONUNBUFFERED": "1", **(extra_env or {})}
            if store:
                env["SANGKIEN_DB"] = str(store)
            log = open(run / f"app-{i + 1}.log", "wb")  # noqa: SIM115 - the process keeps it
            proc = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(p)]
                + ["--server.address", "127.0.0.1", "--server.headless", "true"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            started["apps"].append({"pid": proc.pid, "port": p})
            _record(run, started)
        conf = write_config(run, f"127.0.0.1:{port}", ports)
        subprocess.run([nginx, "-t", "-q", "-c", str(conf), "-p", str(run)], check=True, capture_output=True)
        subprocess.run([nginx, "-c", str(conf), "-p", str(run)], check=True, capture_output=True)
        started["nginx"] = int((run / "nginx.pid").read_text().strip())
        _record(run, started)
        deadline = time.monotonic() + timeout
        while not all(_healthy(a["port"]) for a in started["apps"]):
            if time.monotonic() > deadline:
                raise ClusterError(t("cluster.not_ready", folder=str(run)))
            time.sleep(0.25)
    except (OSError, subprocess.CalledProcessError, ClusterError) as exc:
        stop(run)
        detail = exc.stderr.decode(errors="replace").strip() if isinstance(exc, subprocess.CalledProcessError) else ""
        raise ClusterError(t("cluster.failed", detail=str(detail or exc))) from None
    return started


def _record(run: Path, started: dict) -> None:
    (run / "pids.json").write_text(json.dumps(started), encoding="utf-8")


def stop(run: Path = DEFAULT_RUN, timeout: float = 20.0) -> list[int]:
    """End what ``start`` recorded in ``run``, and nothing else; the pids ended."""
    run = Path(run).resolve()
    record = run / "pids.json"
    if not record.exists():
        return []
    started = json.loads(record.read_text(encoding="utf-8"))
    ended = []
    if started.get("nginx"):
        with contextlib.suppress(ProcessLookupError):
            os.kill(started["nginx"], signal.SIGQUIT)  # nginx's graceful stop
            ended.append(started["nginx"])
    for app in started.get("apps", []):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(app["pid"], signal.SIGTERM)  # its own session: the app and what it started
            ended.append(app["pid"])
    deadline = time.monotonic() + timeout
    for pid in ended:
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.1)
        if _alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    record.unlink(missing_ok=True)
    return ended


def _alive(pid: int) -> bool:
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)  # our child: reap it
        if done:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (ended, not yet reaped by its parent) has ended
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sangkien.cluster", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("start", help=t("cluster.help_start"))
    p.add_argument("--processes", type=int, default=3)
    p.add_argument("--port", type=int, default=8080, help=t("cluster.help_port"))
    p.add_argument("--first-port", type=int, default=8601)
    p.add_argument("--run", default=str(DEFAULT_RUN))
    p.add_argument("--db", help=t("cluster.help_db"))
    s = sub.add_parser("stop", help=t("cluster.help_stop"))
    s.add_argument("--run", default=str(DEFAULT_RUN))
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            started = start(args.processes, args.port, args.first_port, Path(args.run), args.db)
            ports = ", ".join(str(a["port"]) for a in started["apps"])
            print(t("cluster.started", port=args.port, processes=args.processes, ports=ports))
        else:
            ended = stop(Path(args.run))
            print(t("cluster.stopped", count=len(ended)) if ended else t("cluster.none_running"))
    except ClusterError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
