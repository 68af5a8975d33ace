"""``duizhao serve``: the review workbench in the browser, on the library the CLI uses."""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DuizhaoError, UsageError
from ._app import app, fail

LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Directories (or files) the workbench may open and save under (default: ./corpus).")] = None,
    glossary: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="Glossary file or directory (default: ./glossary).")] = None,
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8765,
    host: Annotated[str | None, typer.Option(
        "--host", help="Address to listen on (default 127.0.0.1; anything else exposes your files to the network)."),
    ] = None,
    max_upload_mb: Annotated[int, typer.Option("--max-upload-mb", help="Largest upload accepted.")] = 20,
) -> None:
    """Review in the browser: paste or open a draft, see findings in context, fix, re-check, export."""
    try:
        import uvicorn

        from ..glossary import load_glossary
        from ..runner import DEFAULT_CORPUS, refuse_broken_glossary, resolve_glossary
        from ..workbench.app import create_app
        from ..workbench.session import Workspace
        from ._check_options import settle

        # The project's configuration as `check` reads it: corpus, glossary, rules, severities, checklists.
        settled = settle(paths=paths, glossary=glossary, select=None, ignore=None, fail_on=None, config_file=None,
                         baseline=None)
        roots = list(settled.paths or [DEFAULT_CORPUS])
        for root in roots:
            if not root.exists():
                raise UsageError(f"{root}: no such file or directory")
        glossary_path = resolve_glossary(settled.glossary)
        loaded = load_glossary(glossary_path) if glossary_path else None
        if loaded is not None:
            refuse_broken_glossary(loaded)
        else:
            print("duizhao: no glossary: term rules off", file=sys.stderr)
        bind = host or "127.0.0.1"
        if not 0 < port < 65536:
            raise UsageError(f"--port must be between 1 and 65535, not {port}")
        workspace = Workspace(roots, loaded, select=settled.select, ignore=settled.ignore,
                              severities=settled.severities, rule_options=settled.config.rule_options,
                              proposed_severity=settled.proposed_severity, max_upload=max_upload_mb * 1024 * 1024)
        allowed = ["127.0.0.1", "localhost", "[::1]"] if is_loopback(bind) else ["*"]
        if not is_loopback(bind):
            print(f"duizhao: warning: listening on {bind}: anyone who can reach it can read and change "
                  "the files under " + ", ".join(str(r) for r in roots), file=sys.stderr)
        first = next((str(r.name) for r in roots if r.is_file()), "")
        application = create_app(workspace, allowed_hosts=allowed, open_first=first)
        print(f"duizhao workbench on http://{'localhost' if is_loopback(bind) else bind}:{port}/ "
              "(Ctrl-C to stop)", file=sys.stderr)
        try:
            uvicorn.run(application, host=bind, port=port, log_level="warning")
        finally:
            workspace.close()
    except DuizhaoError as error:
        raise fail(error) from None
    except OSError as error:
        raise fail(UsageError(f"cannot listen on {host or '127.0.0.1'}:{port}: {error.strerror or error}")) from None
