"""Two app processes behind Debian's nginx (``sangkien.cluster``, as ``make serve-cluster`` starts
them): every browser keeps its process across reruns and page changes, and every session sees a
version published while it runs."""

import os
import shutil
import subprocess
import sys

import pytest

from sangkien import cluster

from .browser import browser, rerun_after, wait_for_app
from .conftest import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def cluster_url(demo_store, tmp_path_factory):
    store = tmp_path_factory.mktemp("cluster") / "store"
    shutil.copytree(demo_store, store)
    run = tmp_path_factory.mktemp("cluster-run")
    started = cluster.start(2, cluster.free_port(), cluster.free_ports(2), run=run, store=str(store))
    try:
        yield f"http://127.0.0.1:{started['port']}", store, started
    finally:
        ended = cluster.stop(run)
        assert sorted(ended) == sorted([started["nginx"], *(a["pid"] for a in started["apps"])])
        assert not any(cluster._alive(pid) for pid in ended)


def instance(page) -> str:
    return page.locator(".sk-instance").first.get_attribute("data-instance")


def version_shown(page) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text()


def test_each_browser_keeps_its_process_and_sees_a_new_version(cluster_url):
    url, store, started = cluster_url
    with browser() as chromium:
        pages = []
        for _ in range(16):  # until the two processes each hold a session (each try: 1 in 2; 16 tries miss 1 in 32.768)
            page = chromium.new_context(viewport={"width": 1440, "height": 1200}, locale="vi-VN").new_page()
            page.goto(url)
            wait_for_app(page)
            page.locator(".sk-instance").first.wait_for(state="attached")
            pages.append(page)
            if len({instance(p) for p in pages}) == 2:
                break
        held = {instance(p) for p in pages}
        assert held == {"1", "2"}, held
        first = {id(p): instance(p) for p in pages}
        for p in pages:
            assert "v0002" in version_shown(p)
            for name in ("Xếp hạng", "Tiến độ", "Tổng quan"):  # each a rerun on the session's websocket
                link = p.locator('[data-testid="stSidebarNavLink"]').filter(has_text=name).first
                rerun_after(p, link.click)
                assert instance(p) == first[id(p)], name
        data = "Tên đợt thi đua;Ngày bắt đầu;Ngày kết thúc\nĐợt mới;01/10/2023;31/12/2023\n".encode()
        (store.parent / "dot.csv").write_bytes(data)
        done = subprocess.run(
            [sys.executable, "-m", "sangkien", "load", "--db", str(store), str(store.parent / "dot.csv")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "SANGKIEN_DB": str(store)},
        )
        assert done.returncode == 0, done.stderr
        for p in pages:
            with p.expect_websocket() as opened:  # the session's websocket, through nginx
                p.reload()
            assert opened.value.url == url.replace("http", "ws", 1) + "/_stcore/stream"
            wait_for_app(p)
            p.get_by_text("v0003").first.wait_for()
            assert instance(p) == first[id(p)]
            assert p.locator('[data-testid="stException"]').count() == 0
