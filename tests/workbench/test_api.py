"""The workbench's HTTP API in process (Starlette's TestClient): tokens, hosts, errors, downloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from duizhao.glossary import load_glossary
from duizhao.workbench.app import create_app
from duizhao.workbench.session import Workspace

REPO = Path(__file__).resolve().parents[2]
TOKEN = "t0k3n"


@pytest.fixture
def client(tmp_path: Path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.tsv").write_text("id\tzh\ten\ns1\t新增就业1.4万人。\tThere were 140,000 new jobs.\n",
                                               encoding="utf-8")
    workspace = Workspace([tmp_path / "corpus"], load_glossary(REPO / "glossary"))
    with TestClient(create_app(workspace, token=TOKEN), base_url="http://127.0.0.1") as test_client:
        yield test_client
    workspace.close()


def post(client: TestClient, url: str, body: dict):
    return client.post(url, json=body, headers={"X-Duizhao-Token": TOKEN})


def test_the_page_carries_its_token_and_lists_the_files(client) -> None:
    page = client.get("/")
    assert page.status_code == 200 and f'data-token="{TOKEN}"' in page.text
    assert client.get("/api/documents").json()["files"] == ["a.tsv"]


def test_changes_need_the_token(client) -> None:
    assert client.post("/api/open", json={"path": "a.tsv"}).status_code == 403
    assert post(client, "/api/open", {"path": "a.tsv"}).status_code == 200


def test_a_foreign_host_header_is_refused(client) -> None:
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


def test_open_edit_recheck_and_export(client) -> None:
    view = post(client, "/api/open", {"path": "a.tsv"}).json()
    assert [f["rule"] for f in view["pairs"][0]["findings"]] == ["number-mismatch"]
    view = post(client, f"/api/doc/{view['key']}/pair/0", {"en": "There were 14,000 new jobs."}).json()
    assert view["pairs"][0]["findings"] == [] and view["undo"] == 1
    exported = client.get(f"/api/doc/{view['key']}/export?format=tmx")
    assert exported.status_code == 200 and b"14,000" in exported.content
    assert "attachment" in exported.headers["content-disposition"]


def test_user_errors_are_one_json_line_not_a_crash(client) -> None:
    response = post(client, "/api/open", {"path": "../../etc/passwd"})
    assert response.status_code == 400 and "directories" in response.json()["error"]
    assert post(client, "/api/paste", {"zh": "", "en": "x"}).status_code == 400
    assert client.get("/api/doc/nope").status_code == 400
    assert client.get("/api/doc/nope/export?format=exe").status_code == 400


def test_upload_goes_through_the_readers(client) -> None:
    files = {"file": ("draft.tsv", "加快发展新质生产力。\tWe will speed up new quality productivity.\n".encode())}
    view = client.post("/api/upload", files=files, headers={"X-Duizhao-Token": TOKEN}).json()
    assert [f["rule"] for f in view["pairs"][0]["findings"]] == ["term-forbidden"]
