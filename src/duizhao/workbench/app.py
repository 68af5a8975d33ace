"""The workbench's HTTP face: a Starlette application over one ``Workspace``.

One server-rendered page (``page.py``: HTML, CSS and a little JavaScript, no build step) and a
small JSON API it calls. Every state-changing request must carry the session token the page was
served with (``X-Duizhao-Token``), so another web site open in the same browser cannot drive
the workbench; requests whose ``Host`` is not the address the server was started on are
refused (DNS rebinding). Errors a user can cause come back as ``{"error": "..."}`` with 400.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..errors import DuizhaoError
from .page import page_html
from .session import Workspace

Handler = Callable[[Request], Awaitable[Response]]


def create_app(workspace: Workspace, *, allowed_hosts: list[str] | None = None, token: str | None = None,
               open_first: str = "") -> Starlette:
    """The ASGI application; ``allowed_hosts`` are the ``Host`` values accepted (default: loopback names)."""
    session_token = token or secrets.token_urlsafe(24)

    def guarded(handler: Callable[[Request], Awaitable[Any]], *, changes: bool = False) -> Handler:
        async def endpoint(request: Request) -> Response:
            if changes and request.headers.get("x-duizhao-token") != session_token:
                return JSONResponse({"error": "missing or wrong session token: reload the page"}, status_code=403)
            try:
                result = await handler(request)
            except DuizhaoError as error:
                return JSONResponse({"error": str(error)},
                                    status_code=400)
            except (ValueError, KeyError, TypeError) as error:
                return JSONResponse({"error": f"bad request: {error}"}, status_code=400)
            return result if isinstance(result, Response) else JSONResponse(result)
        return endpoint

    async def index(request: Request) -> Response:
        return HTMLResponse(page_html(session_token, open_first))

    async def documents(request: Request) -> Any:
        return {"open": [{"key": d.key, "name": d.name} for d in workspace.documents.values()],
                "files": workspace.openable()}

    async def open_file(request: Request) -> Any:
        body = await request.json()
        return workspace.view(workspace.open_path(str(body["path"])).key)

    async def upload(request: Request) -> Any:
        length = int(request.headers.get("content-length") or 0)
        if length > workspace.max_upload + 64 * 1024:
            return JSONResponse({"error": "upload too large"}, status_code=413)
        form = await request.form(max_files=1, max_fields=5)
        item = form.get("file")
        if item is None or isinstance(item, str):
            return JSONResponse({"error": "no file in the upload"}, status_code=400)
        data = await item.read(workspace.max_upload + 1)
        return workspace.view(workspace.open_upload(item.filename or "upload", data).key)

    async def paste(request: Request) -> Any:
        body = await request.json()
        return workspace.view(workspace.open_paste(str(body["zh"]), str(body["en"])).key)

    async def view(request: Request) -> Any:
        return workspace.view(request.path_params["key"])

    async def edit(request: Request) -> Any:
        body = await request.json()
        key = request.path_params["key"]
        workspace.edit(key, int(request.path_params["index"]), str(body["en"]))
        return workspace.view(key)

    async def undo(request: Request) -> Any:
        key = request.path_params["key"]
        workspace.undo(key)
        return workspace.view(key)

    async def decide(request: Request) -> Any:
        body = await request.json()
        key = request.path_params["key"]
        workspace.decide(key, str(body["fingerprint"]), str(body.get("reason", "")))
        return workspace.view(key)

    async def fix(request: Request) -> Any:
        body = await request.json()
        key = request.path_params["key"]
        workspace.accept_fix(key, str(body["fingerprint"]))
        return workspace.view(key)

    async def save(request: Request) -> Any:
        path = workspace.save(request.path_params["key"])
        return {"saved": path.name, "backup": path.name + ".bak"}

    async def export(request: Request) -> Response:
        name, data = workspace.export(request.path_params["key"], request.query_params.get("format", "tsv"))
        return Response(data, media_type="application/octet-stream", headers=_attachment(name))

    async def report(request: Request) -> Response:
        format_name = request.query_params.get("format", "json")
        text = workspace.report(request.path_params["key"], format_name)
        suffix = {"text": "txt", "github": "txt", "junit": "xml", "markdown": "md", "codequality": "json"}
        name = f"duizhao-report.{suffix.get(format_name, format_name)}"
        return Response(text.encode("utf-8"), media_type="application/octet-stream", headers=_attachment(name))

    async def baseline(request: Request) -> Response:
        text = workspace.baseline(request.path_params["key"])
        return Response(text.encode("utf-8"), media_type="application/json",
                        headers=_attachment("duizhao-baseline.json"))

    async def glossary(request: Request) -> Any:
        return {"terms": workspace.search_glossary(request.query_params.get("q", ""))}

    async def term(request: Request) -> Any:
        found = workspace.term(request.query_params.get("zh", ""))
        return found if found is not None else JSONResponse({"error": "no such entry"}, status_code=404)

    routes = [
        Route("/", guarded(index)),
        Route("/api/documents", guarded(documents)),
        Route("/api/open", guarded(open_file, changes=True), methods=["POST"]),
        Route("/api/upload", guarded(upload, changes=True), methods=["POST"]),
        Route("/api/paste", guarded(paste, changes=True), methods=["POST"]),
        Route("/api/doc/{key}", guarded(view)),
        Route("/api/doc/{key}/pair/{index:int}", guarded(edit, changes=True), methods=["POST"]),
        Route("/api/doc/{key}/undo", guarded(undo, changes=True), methods=["POST"]),
        Route("/api/doc/{key}/decide", guarded(decide, changes=True), methods=["POST"]),
        Route("/api/doc/{key}/fix", guarded(fix, changes=True), methods=["POST"]),
        Route("/api/doc/{key}/save", guarded(save, changes=True), methods=["POST"]),
        Route("/api/doc/{key}/export", guarded(export)),
        Route("/api/doc/{key}/report", guarded(report)),
        Route("/api/doc/{key}/baseline", guarded(baseline)),
        Route("/api/glossary", guarded(glossary)),
        Route("/api/term", guarded(term)),
    ]
    hosts = allowed_hosts or ["127.0.0.1", "localhost", "[::1]"]
    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts)])


def _attachment(name: str) -> dict[str, str]:
    from urllib.parse import quote

    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
