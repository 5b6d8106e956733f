"""The roles' journeys in a real browser (Debian's chromium through Playwright), waiting on conditions.

1. a leader opens the app and sees the headline figures;
2. an analyst signs in, uploads a Windows-1258 semicolon CSV, corrects a mapping, sends it for
   review and sees the rankings of the private workspace while a second browser still sees the
   published figures;
3. an administrator publishes the proposal, the second browser sees the new figures after a
   refresh, and a rollback brings the old ones back;
4. a viewer sees no upload, publish or settings control;
5. hostile names render as text, with no injected element on the page;
and signing in through OIDC (``st.login``) against a local provider on loopback.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

from sangkien.demo.common import to_cp1258
from sangkien.ingest.staging import stage_bytes
from sangkien.store.versions import Store

from .browser import browser, choose, free_port, rerun_after, screenshot, serve, wait_for_app, wait_for_http
from .conftest import ADMIN

pytestmark = pytest.mark.browser
PASSWORDS = {"SANGKIEN_ADMIN_PASSWORD": "quản trị 2023", "SANGKIEN_ANALYST_PASSWORD": "phân tích 2023"}
PUBLISHED = "LĐLĐ thành phố Hà Nội xếp thứ 2/82 với 201.129 sáng kiến"
HOSTILE = "<img src=x onerror=alert(1)>"


def export_1258() -> bytes:
    """An export as the programme's software writes it on an old Windows: Windows-1258, semicolons."""
    header = (
        "Mã sáng kiến;Tên sáng kiến;Tác giả;Công đoàn cơ sở;Công đoàn cấp trên trực tiếp cơ sở;"
        "LĐLĐ tỉnh, thành phố;Ngày cập nhật;Tiền tiết kiệm được;Trạng thái\n"
    )
    rows = "".join(
        f"HN-{i:03d};Cải tiến dây chuyền số {i};Nguyễn Văn {i};Công đoàn cơ sở Công ty Cơ khí Đông Anh;"
        f"LĐLĐ huyện Đông Anh;LĐLĐ thành phố Hà Nội;{1 + i % 28:02d}/06/2023;1.000.000.000;Hợp lệ\n"
        for i in range(40)
    )
    return to_cp1258(header + rows)


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def app_url(demo_store, tmp_path_factory):
    store = tmp_path_factory.mktemp("journeys") / "store"
    shutil.copytree(demo_store, store)
    with serve(store, env=PASSWORDS) as url:
        yield url, store


def open_page(chromium, url, width=1440):
    page = chromium.new_context(viewport={"width": width, "height": 1400}, locale="vi-VN").new_page()
    page.goto(url)
    wait_for_app(page)
    page.locator('[data-testid="stSidebarNavLink"]').first.wait_for()
    wait_for_app(page)
    return page


def heading(page) -> str:
    return page.locator("h1").first.inner_text()


def sign_in_in_sidebar(page, name, password):
    page.locator('[data-testid="stSidebar"] [data-testid="stPopover"] button').first.click()
    body = page.locator('[data-testid="stPopoverBody"]')
    body.get_by_label("Họ tên").fill(name)
    body.get_by_label("Mật khẩu").fill(password)
    rerun_after(page, lambda: body.get_by_role("button", name="Đăng nhập").click())
    page.locator('[data-testid="stSidebar"]').get_by_text("Đăng nhập:").wait_for()


def test_1_a_leader_sees_the_headline_figures(chromium, app_url):
    url, _ = app_url
    page = open_page(chromium, url)
    page.locator('[data-testid="stMetricValue"]').first.wait_for()
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert values[:3] == ["201.129", "2/82", "230%"]
    assert "Đang xem với vai trò Người xem" in page.locator('[data-testid="stSidebar"]').inner_text()
    page.context.close()


def test_2_3_analyst_workspace_review_publish_and_rollback(chromium, app_url, tmp_path):
    url, store = app_url
    export = tmp_path / "xuat_tu_phan_mem.csv"
    export.write_bytes(export_1258())

    analyst = open_page(chromium, f"{url}/data")
    main = analyst.locator('[data-testid="stMain"]')
    main.get_by_label("Họ tên").fill("Trần Minh")
    main.get_by_label("Mật khẩu").fill(PASSWORDS["SANGKIEN_ANALYST_PASSWORD"])
    rerun_after(analyst, lambda: main.get_by_role("button", name="Đăng nhập").click())
    analyst.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(export))
    analyst.get_by_text("Kiểm tra trước khi xuất bản").wait_for()
    wait_for_app(analyst)
    main.locator('[data-testid="stExpander"] summary', has_text="xuat_tu_phan_mem.csv").click()
    main.get_by_text("Cột không dùng: Tiền tiết kiệm được.").wait_for()
    # the analyst maps the unknown column to the benefit
    choose(analyst, main.get_by_label("Tiền tiết kiệm được"), "(benefit_vnd)", typed="benefit_vnd")
    # a changed mapping re-reads the file in a second rerun (st.rerun), so wait on its outcome
    main.get_by_text("Cột không dùng: Tiền tiết kiệm được.").wait_for(state="detached", timeout=60_000)
    analyst.get_by_text("Kiểm tra trước khi xuất bản").wait_for()
    wait_for_app(analyst)
    assert "Cột không dùng: Tiền tiết kiệm được." not in main.inner_text()
    main.get_by_label("Nhãn hoặc ghi chú").fill("Số liệu Đông Anh tháng 6")
    rerun_after(analyst, lambda: main.get_by_role("button", name="Gửi duyệt").click())
    analyst.get_by_text("Đã gửi duyệt").wait_for()
    assert main.get_by_role("button", name="Xuất bản").count() == 0  # not an administrator
    rerun_after(analyst, lambda: main.get_by_role("button", name="Xem trước").click())
    analyst.get_by_text("Dữ liệu riêng của bạn, chưa xuất bản").first.wait_for()
    screenshot(analyst, "journey_workspace_data")

    viewer = open_page(chromium, f"{url}/rankings")
    rerun_after(analyst, lambda: analyst.locator('[data-testid="stSidebarNavLink"]', has_text="Xếp hạng").click())
    analyst.get_by_text("với 40 sáng kiến").first.wait_for()
    assert "Dữ liệu riêng của bạn, chưa xuất bản" in analyst.locator('[data-testid="stMain"]').inner_text()
    assert heading(viewer) == PUBLISHED
    screenshot(analyst, "journey_workspace_rankings")

    admin = open_page(chromium, f"{url}/store")
    sign_in_in_sidebar(admin, "Phạm Lan", PASSWORDS["SANGKIEN_ADMIN_PASSWORD"])
    proposal = admin.locator('[data-testid="stExpander"]', has_text="password:Trần Minh")
    proposal.locator("summary").click()
    rerun_after(admin, lambda: proposal.get_by_role("button", name="Xuất bản").click())
    admin.get_by_text("Đã xuất bản phiên bản v0003").wait_for()
    manifest = json.loads((store / "manifest.json").read_text())
    assert (manifest["current"], manifest["versions"][-1]["by"]) == ("v0003", "password:Phạm Lan")
    screenshot(admin, "journey_admin_store")

    viewer.reload()
    wait_for_app(viewer)
    viewer.get_by_text("với 40 sáng kiến").first.wait_for()

    choose(admin, admin.get_by_label("Quay lại phiên bản"), "v0002", rerun=False)
    rerun_after(admin, lambda: admin.get_by_role("button", name="Quay lại", exact=True).click())
    admin.get_by_text("Đã quay lại phiên bản v0002").wait_for()
    viewer.reload()
    wait_for_app(viewer)
    viewer.get_by_role("heading", name=PUBLISHED).wait_for()
    for page in (analyst, viewer, admin):
        page.context.close()


def test_4_a_viewer_has_no_upload_publish_or_settings_control(chromium, app_url):
    url, _ = app_url
    page = open_page(chromium, f"{url}/data")
    main = page.locator('[data-testid="stMain"]')
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert main.get_by_role("button", name="Xuất bản").count() == 0
    rerun_after(page, lambda: page.locator('[data-testid="stSidebarNavLink"]', has_text="Kho dữ liệu").click())
    page.get_by_text("Các phiên bản").wait_for()
    for name in ("Lưu cài đặt", "Quay lại", "Lưu tên gọi khác và xuất bản"):
        assert page.get_by_role("button", name=name).count() == 0
    assert page.locator('[data-testid="stDataFrame"]').count() >= 2  # the versions and the log are there to read
    screenshot(page, "journey_viewer_store")
    page.context.close()


def test_5_hostile_names_render_as_text(chromium, demo_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(demo_store, store)
    data = (
        "Tên sáng kiến;Công đoàn cơ sở;Công đoàn cấp trên trực tiếp cơ sở;LĐLĐ tỉnh, thành phố;Ngày cập nhật;"
        "Giá trị làm lợi\n"
        f'{HOSTILE};"x\'); DROP TABLE t;--";{HOSTILE};LĐLĐ thành phố Hà Nội;01/06/2023;5.000.000.000\n'
    ).encode()
    Store(store).publish(stage_bytes("doc_hai.csv", data), actor=ADMIN)
    with serve(store) as url:
        page = open_page(chromium, url)
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in ("", "rankings", "benefits"):
            page.goto(f"{url}/{path}")
            wait_for_app(page)
            page.locator('[data-testid="stSidebarNavLink"]').first.wait_for()
            wait_for_app(page)
            assert page.locator("img[src='x']").count() == 0
            assert page.locator('[data-testid="stException"]').count() == 0
        page.goto(f"{url}/benefits")
        wait_for_app(page)
        page.get_by_text(HOSTILE).first.wait_for()  # the upper-level unit's name is on the charts, as text
        assert dialogs == []
        screenshot(page, "journey_hostile_names")
        page.context.close()


def test_oidc_sign_in_against_a_local_provider(chromium, demo_store, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(demo_store, store)
    idp_port, app_port = free_port(), free_port()
    claims = json.dumps({"sub": "lan", "email": "lan@ldld.vn", "name": "Phạm Lan"})
    idp = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--port", str(idp_port), "--user-claims", claims],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        wait_for_http(idp, f"http://127.0.0.1:{idp_port}/.well-known/openid-configuration", 90)
        secrets = tmp_path / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
            f'cookie_secret = "{"k" * 40}"\n'
            'client_id = "sangkien"\n'
            'client_secret = "bi-mat-thu"\n'
            f'server_metadata_url = "http://127.0.0.1:{idp_port}/.well-known/openid-configuration"\n'
            "[roles]\n"
            'admins = ["lan@ldld.vn"]\n',
            encoding="utf-8",
        )
        with serve(store, port=app_port, args=["--secrets.files", str(secrets)]) as url:
            page = open_page(chromium, url)
            sidebar = page.locator('[data-testid="stSidebar"]')
            sidebar.get_by_role("button", name="Đăng nhập").click()
            page.get_by_role("button", name="lan").click()  # the provider's predefined user
            page.wait_for_url(f"{url}/**")
            wait_for_app(page)
            sidebar.get_by_text("Đăng nhập:").wait_for()
            assert "lan@ldld.vn · Quản trị viên" in sidebar.inner_text()
            screenshot(page, "journey_oidc")
            page.context.close()
    finally:
        idp.terminate()
        idp.wait(timeout=10)
