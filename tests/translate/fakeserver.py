"""A local HTTP server speaking LibreTranslate, DeepL and OpenAI chat completions.

``script`` is a list of status codes answered (in order) before normal answers, so tests can
send 429s and 500s; ``delay`` makes every answer slow (timeouts). Each request is recorded.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

WORDS = {
    "가방": "bag",
    "빨간": "red",
    "신발": "shoes",
    "검정": "black",
    "좋은": "good",
    "색상": "color",
    "블랙": "black",
}


def fake_translate(text: str) -> str:
    for ko, en in WORDS.items():
        text = text.replace(ko, en)
    return text


class FakeServer:
    def __init__(self) -> None:
        self.script: list[int] = []
        #: source segment -> answer, instead of the word table (a wrong translation on purpose)
        self.override: dict[str, str] = {}
        #: answer HTTP 400 to a JSON-schema response_format (servers without schema support)
        self.reject_schema = False
        self.delay = 0.0
        self.requests: list[dict[str, Any]] = []
        self.files: dict[str, bytes] = {}
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                data = server.files.get(self.path)
                if data is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with server.lock:
                    server.requests.append(
                        {"path": self.path, "body": body, "headers": dict(self.headers)}
                    )
                    status = server.script.pop(0) if server.script else 200
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                if server.delay:
                    time.sleep(server.delay)
                with (
                    server.lock
                ):  # leave before answering: the client's next request may follow at once
                    server.in_flight -= 1
                schema = (body.get("response_format") or {}).get("type") == "json_schema"
                if server.reject_schema and schema:
                    status = 400
                if status != 200:
                    self._send(status, {"error": "scripted"})
                else:
                    self._send(200, server.answer(self.path, body))

            def _send(self, status: int, payload: Any) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def translate(self, text: str) -> str:
        return self.override.get(text, fake_translate(text))

    def answer(self, path: str, body: dict[str, Any]) -> Any:
        if path == "/translate":
            q = body["q"]
            return {
                "translatedText": [self.translate(t) for t in q]
                if isinstance(q, list)
                else self.translate(q)
            }
        if path == "/v2/glossaries":
            count = len(body["entries"].splitlines())
            return {"glossary_id": f"g-{len(self.requests)}", "entry_count": count, "ready": True}
        if path == "/v2/translate":
            return {
                "translations": [
                    {"detected_source_language": "KO", "text": self.translate(t)}
                    for t in body["text"]
                ]
            }
        if path.endswith("/chat/completions"):
            segments = json.loads(body["messages"][-1]["content"])["segments"]
            content = json.dumps(
                {"translations": [self.translate(s) for s in segments]}, ensure_ascii=False
            )
            return {
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}],
                "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
            }
        return {}

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
