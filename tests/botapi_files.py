"""The Bot API stand-in with file downloads: getFile and /file/bot<token>/<path>.

Kept apart from botapi_stub.py: a test registers bytes under a file id with add_file() and
pushes a document or photo message that names it (push_document / push_photo).
"""

from __future__ import annotations

import re
import threading
from typing import Any
from urllib.parse import unquote, urlsplit

from botapi_stub import BotApiStub, _Handler, _Server


class FileBotApiStub(BotApiStub):
    """BotApiStub that also serves files."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.files: dict[str, bytes] = {}
        self._file_ids = iter(range(1, 10**6))

    def add_file(self, data: bytes) -> str:
        file_id = f"file-{next(self._file_ids)}"
        self.files[file_id] = data
        return file_id

    def _dispatch(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getFile":
            file_id = str(params["file_id"])
            if file_id not in self.files:
                return {"file_id": file_id, "file_unique_id": "u" + file_id}
            return {
                "file_id": file_id,
                "file_unique_id": "u" + file_id,
                "file_size": len(self.files[file_id]),
                "file_path": f"documents/{file_id}",
            }
        return super()._dispatch(method, params)

    def push_document(
        self, user_id: int, data: bytes, file_name: str, *, mime_type: str = "", size: int = 0
    ) -> int:
        file_id = self.add_file(data)
        document = {
            "file_id": file_id,
            "file_unique_id": "u" + file_id,
            "file_name": file_name,
            "mime_type": mime_type or "application/octet-stream",
            "file_size": size or len(data),
        }
        message = self._user_message(user_id, None, "private", None, document=document)
        return self.push_update({"message": message})

    def push_photo(self, user_id: int, data: bytes) -> int:
        file_id = self.add_file(data)
        photo = [
            {
                "file_id": file_id,
                "file_unique_id": "u" + file_id,
                "width": 1654,
                "height": 2339,
                "file_size": len(data),
            }
        ]
        message = self._user_message(user_id, None, "private", None, photo=photo)
        return self.push_update({"message": message})

    def start(self) -> FileBotApiStub:
        stub = self

        class Handler(_FileHandler):
            owner = stub

        server = _Server(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.block_on_close = False
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, args=(0.05,), name="botapi-stub", daemon=True
        )
        self._thread.start()
        return self


class _FileHandler(_Handler):
    owner: FileBotApiStub

    def _serve(self) -> None:
        path = urlsplit(self.path).path
        match = re.fullmatch(r"/file/bot([^/]+)/documents/(.+)", path)
        if not match:
            super()._serve()
            return
        data = self.owner.files.get(unquote(match.group(2)))
        if unquote(match.group(1)) != self.owner.token or data is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
