"""The web page's server: a FastAPI app with the page, a JSON API over the engine, and its limits."""

from __future__ import annotations

import argparse
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..config import Config
from ..engine import Options
from .downloads import downloads
from .messages import message
from .results import file_entry
from .service import Busy, CheckService, Limits, PrivateDir

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
CHUNK = 1 << 16


class Refused(Exception):
    """A request the server will not take, with its HTTP status and a message key (see messages.py)."""

    def __init__(self, status: int, key: str, **args: Any) -> None:
        super().__init__(key)
        self.status, self.key, self.args_ = status, key, args


class BodyLimit:
    """ASGI middleware: a request body larger than `limit` bytes is refused with 413 as it streams in."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _send_refusal(scope, send, 413, "too-large-request", mb=self.limit // (1024 * 1024))
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            msg = await receive()
            seen += len(msg.get("body", b""))
            if seen > self.limit:
                raise Refused(413, "too-large-request", mb=self.limit // (1024 * 1024))
            return msg

        await self.app(scope, counted, send)


async def _send_refusal(scope: Scope, send: Send, status: int, key: str, **args: Any) -> None:
    lang = "en" if b"lang=en" in scope.get("query_string", b"") else "zh"
    body = JSONResponse({"error": message(key, lang, **args)}, status_code=status, headers=SECURITY_HEADERS)
    await body(scope, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


def with_accept(page: str) -> str:
    """The page with its file picker's accept list taken from the readers' registry (ingest/readers.py)."""
    from ..formats_list import upload_suffixes

    return re.sub(r'(<input id="picker"[^>]*\baccept=")[^"]*(")', lambda m: m.group(1) + ",".join(upload_suffixes()) + m.group(2), page, count=1)


def _static_dir() -> Path:
    return Path(str(resources.files("selfeval_lint.web") / "static"))


def create_app(config: Config | None = None, limits: Limits | None = None, jobs: int | None = None) -> FastAPI:
    """The app: `/` the page, `/api/check` the JSON API (OpenAPI at /openapi.json), `/rules/CODE` rule docs."""
    config = config or Config()
    limits = limits or Limits(max_file_bytes=config.max_bytes())
    service = CheckService(limits, jobs)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.warm_up()
        yield
        service.close()

    app = FastAPI(
        lifespan=lifespan,
        title="selfeval-lint",
        version=__version__,
        description="绩效自评报告检查 API：上传报告，返回与 `selfeval-lint check --format json` 相同的结果。",
        docs_url=None,  # Swagger UI loads from a CDN: the API is described by /openapi.json and /api instead
        redoc_url=None,
    )
    app.state.service = service
    from ..templates import load_templates

    template_names = {t.id: t.name for t in load_templates(config.rule_dirs())}

    @app.middleware("http")
    async def headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> JSONResponse:
        return JSONResponse({"error": message(exc.key, _lang(request), **exc.args_)}, status_code=exc.status)

    @app.exception_handler(Busy)
    async def busy(request: Request, exc: Busy) -> JSONResponse:
        key = "busy-client" if exc.status == 429 else "busy"
        return JSONResponse({"error": message(key, _lang(request))}, status_code=exc.status, headers={"Retry-After": "5"})

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"error": message("bad-request", _lang(request))}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        key = "not-found" if exc.status_code == 404 else "bad-request"
        return JSONResponse({"error": message(key, _lang(request))}, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:  # never a traceback to the user
        return JSONResponse({"error": message("internal", _lang(request))}, status_code=500)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page() -> HTMLResponse:
        return HTMLResponse(with_accept((_static_dir() / "index.html").read_text(encoding="utf-8")))

    @app.get("/api/templates", summary="可用模板 / the report templates")
    async def templates() -> list[dict[str, str]]:
        return [{"id": tid, "name": name} for tid, name in template_names.items()]

    @app.get("/api/rules", summary="全部规则 / every rule")
    async def rules(lang: str = "zh") -> list[dict[str, str]]:
        from ..registry import all_rules

        return [
            {"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary(_known_lang(lang))}
            for r in all_rules()
        ]

    @app.get("/rules/{code}", response_class=HTMLResponse, summary="规则说明页 / a rule's documentation page")
    async def rule_page(code: str, lang: str = "zh") -> HTMLResponse:
        from .rulepage import rule_html

        page_html = rule_html(code, _known_lang(lang))
        if page_html is None:
            raise StarletteHTTPException(404)
        return HTMLResponse(page_html)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    async def api_page() -> HTMLResponse:
        return HTMLResponse((_static_dir() / "api.html").read_text(encoding="utf-8"))

    @app.post("/api/check", summary="检查上传的报告 / check uploaded reports")
    async def check(
        request: Request,
        files: list[UploadFile] = File(..., description="报告文件（.docx .pdf .doc .wps .txt .xlsx .zip …）"),
        template: str = Form("auto", description="模板 id，或 auto（按标题识别）"),
        lang: str = Form("zh", description="zh 或 en"),
    ) -> dict[str, Any]:
        lang = _known_lang(lang)
        if len(files) > limits.max_files:
            raise Refused(413, "too-many-files", n=limits.max_files)
        options = _options(config, template)
        client = request.client.host if request.client else "?"
        service.admit(client, len(files))
        try:
            with PrivateDir() as tmp:
                entries = []
                for n, upload in enumerate(files):
                    name = _display_name(upload.filename, n)
                    saved = tmp / f"{n}{_suffix(name)}"
                    await _save(upload, saved, limits.max_file_bytes, name)
                    result = await service.check(str(saved), options, name)
                    entry = file_entry(result, lang, template_names)
                    entry["downloads"] = await service.run(downloads, result, str(saved), lang)
                    entries.append(entry)
        finally:
            service.release(client, len(files))
        return {"tool": {"name": "selfeval-lint", "version": __version__}, "files": entries, "summary": _summary(entries)}

    app.mount("/static", StaticFiles(directory=_static_dir()), name="static")
    # the request-size limit applies before any body is parsed (a little room for the form's other fields)
    app.add_middleware(BodyLimit, limit=limits.max_files * limits.max_file_bytes + (1 << 20))
    return app


def _known_lang(lang: str) -> str:
    return "en" if lang == "en" else "zh"


def _lang(request: Request) -> str:
    return _known_lang(request.query_params.get("lang", "zh"))


def _options(config: Config, template: str) -> Options:
    """The same per-file options as `check` builds from the configuration, with the template chosen on the page."""
    from ..cli import UsageError, _options as cli_options

    try:
        return cli_options(argparse.Namespace(select=None, ignore=None, template=template or "auto"), config, ())
    except UsageError:
        raise Refused(400, "unknown-template", template=template) from None


def _display_name(filename: str | None, n: int) -> str:
    """The upload's base name (a browser may send a path); never used to build a path on the server."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name or f"file-{n + 1}"


def _suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if suffix.isascii() and suffix[1:].isalnum() and len(suffix) <= 10 else ""


async def _save(upload: UploadFile, target: Path, limit: int, name: str) -> None:
    """Copy an upload into the private directory, refusing it (413) once it passes `limit` bytes."""
    size = 0
    with open(target, "wb") as out:
        while chunk := await upload.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise Refused(413, "too-large-file", name=name, mb=limit // (1024 * 1024))
            out.write(chunk)
    await upload.close()


def _summary(entries: list[dict[str, Any]]) -> dict[str, int]:
    total = {"files": len(entries), "errors": 0, "warnings": 0, "infos": 0, "unreadable": 0}
    for e in entries:
        for key in ("errors", "warnings", "infos"):
            total[key] += e["counts"][key]
        total["unreadable"] += 1 if e["error"] else 0
    return total


def run_server(host: str, port: int, config: Config | None, jobs: int | None, limits: Limits | None = None) -> None:
    """Serve until interrupted (uvicorn; one process, the checks in its worker pool)."""
    import uvicorn

    uvicorn.run(create_app(config, limits, jobs), host=host, port=port, log_level="warning", access_log=False)
