"""Adding a plan from Telegram, end to end over the Bot API stand-in on 127.0.0.1.

The real PTB Application long-polls the stand-in; the engine is the real one (model, FAISS,
BM25) over a private copy of knowledge/. Admin upload → summary → answers about the new
province; a non-admin is refused; a broken or empty file is refused with the index as it
was; two uploads at once are queued; undo removes the plan again.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from botapi_files import FileBotApiStub  # noqa: E402

from bot.plan_upload import UploadError, check_file, plan_id_for, slug  # noqa: E402
from bot.settings import Settings, load_settings  # noqa: E402
from bot.telegram.app import build_application  # noqa: E402

ADMIN, USER = 111, 222
STEP = 240.0
FIXTURES = Path(__file__).parent / "data" / "plans"


@pytest.fixture(scope="module")
def upload_env(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Any]:
    """A private knowledge copy with a built index and the real engine."""
    import shutil

    from bot.engine import Engine
    from tests.conftest import KNOWLEDGE

    base = tmp_path_factory.mktemp("upload")
    shutil.copytree(KNOWLEDGE, base / "knowledge")
    settings = load_settings(
        env={},
        knowledge_dir=base / "knowledge",
        index_dir=base / "index",
        data_dir=base / "data",
    )
    return settings, Engine.load(settings, build_if_missing=True)


@contextlib.asynccontextmanager
async def running(settings: Settings, engine: Any) -> AsyncIterator[FileBotApiStub]:
    with FileBotApiStub() as stub:
        live = settings.model_copy(
            update={
                "telegram_bot_token": stub.token,
                "telegram_api_base_url": stub.base_url,
                "admin_ids": frozenset({ADMIN}),
            }
        )
        app = build_application(live, engine)
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=dtm.timedelta(seconds=1))
        try:
            yield stub
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
            if app.post_shutdown:
                await app.post_shutdown(app)


def _texts(stub: FileBotApiStub, chat: int) -> list[str]:
    sent = [str(c.params.get("text", "")) for c in stub.messages(chat)]
    edits = [
        str(c.params.get("text", ""))
        for c in stub.calls_of("editMessageText")
        if str(c.params.get("chat_id")) == str(chat)
    ]
    return sent + edits


async def _final(stub: FileBotApiStub, chat: int, n: int = 1) -> list[Any]:
    """The n-th finished upload reports (✅ or ❌ edits of the status message)."""

    def done() -> list[Any]:
        return [
            c
            for c in stub.calls_of("editMessageText")
            if str(c.params.get("text", "")).startswith(("✅", "❌"))
        ]

    await stub.wait_until(lambda: len(done()) >= n, STEP, f"{n} upload reports")
    return done()


def _current(settings: Settings) -> str:
    return (settings.index_dir / "CURRENT").read_text(encoding="utf-8")


async def test_upload_round_trip(upload_env: tuple[Settings, Any]) -> None:
    settings, engine = upload_env
    plan = (FIXTURES / "tune" / "lang-son.txt").read_bytes()
    async with running(settings, engine) as stub:
        # A non-admin's document: a polite refusal, nothing saved.
        stub.push_document(USER, plan, "lang-son.txt")
        (reply,) = await stub.wait_messages(USER, 1, STEP)
        assert "quản trị" in reply.params["text"]
        assert not (settings.plans_dir / "lang-son.txt").exists()

        # The admin's upload: progress, then what was found, with an undo button.
        stub.push_document(ADMIN, plan, "QD 1245 ke hoach do luong.txt", mime_type="text/plain")
        (report,) = await _final(stub, ADMIN)
        text = report.params["text"]
        assert text.startswith("✅"), text
        for expected in (
            "tỉnh Lạng Sơn",
            "lang-son.txt",
            "1245/QĐ-UBND",
            "28/6/2021",
            "2021–2025",
            "Mục tiêu: 6 (6 có số liệu)",
            "Sở Tài chính",
            "chưa được rà soát",
        ):
            assert expected in text, expected
        assert any("Đang xây dựng lại chỉ mục" in t for t in _texts(stub, ADMIN))
        undo_data = report.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        assert (settings.plans_dir / "lang-son.txt").is_file()

        # Answers about the new province use its drafted facts.
        before = len(stub.messages(ADMIN))
        stub.push_text(ADMIN, "Lạng Sơn đào tạo bao nhiêu lượt người về đo lường đến năm 2025?")
        answer = (await stub.wait_messages(ADMIN, before + 1, STEP))[before]
        assert "80" in answer.params["text"][:250]

        # Undo: the plan is gone again, from disk and from the engine.
        message = stub._sent[(ADMIN, report.params["message_id"])]
        before = len(stub.messages(ADMIN))
        stub.push_callback(ADMIN, message, undo_data)
        (undone,) = (await stub.wait_messages(ADMIN, before + 1, STEP))[before:]
        assert "Đã hoàn tác" in undone.params["text"]
        assert not (settings.plans_dir / "lang-son.txt").exists()
        assert "lang-son" not in {p.id for p in engine.plans()}


async def test_broken_and_empty_files_leave_the_index_as_it_was(
    upload_env: tuple[Settings, Any],
) -> None:
    settings, engine = upload_env
    current, plans = _current(settings), sorted(p.id for p in engine.plans())
    async with running(settings, engine) as stub:
        stub.push_document(ADMIN, b"%PDF-1.4 broken", "ke-hoach.pdf")
        stub.push_document(ADMIN, b"   \n", "trong.txt")
        stub.push_document(ADMIN, b"MZ\x90\x00", "virus.exe")
        # A new text for a province whose curated facts it does not match: undone.
        other = (FIXTURES / "heldout" / "kh-996-2022.txt").read_text(encoding="utf-8")
        kon_tum = ("KẾ HOẠCH đo lường trên địa bàn tỉnh Kon Tum\n" + other).encode()
        stub.push_document(ADMIN, kon_tum, "kon-tum-moi.txt")
        reports = await _final(stub, ADMIN, 3)
        reasons = [r.params["text"] for r in reports]
        assert all("Chỉ mục giữ nguyên" in r for r in reasons)
        assert any("Không đọc được tệp" in r for r in reasons)
        assert any("rỗng" in r or "trống" in r or "không có chữ" in r for r in reasons)
        assert any("knowledge/facts/kon-tum.yaml" in r for r in reasons)
        await stub.wait_until(
            lambda: any(".exe" in t for t in _texts(stub, ADMIN)), STEP, "type refusal"
        )
    assert _current(settings) == current
    assert sorted(p.id for p in engine.plans()) == plans
    assert sorted(p.name for p in settings.plans_dir.iterdir()) == sorted(
        p.name for p in (Path(__file__).parent.parent / "knowledge" / "plans").iterdir()
    )


async def test_two_uploads_at_once_are_queued(upload_env: tuple[Settings, Any]) -> None:
    settings, engine = upload_env
    async with running(settings, engine) as stub:
        for name in ("can-tho.txt", "thai-nguyen.txt"):
            stub.push_document(ADMIN, (FIXTURES / "heldout" / name).read_bytes(), name)
        reports = await _final(stub, ADMIN, 2)
        assert all(r.params["text"].startswith("✅") for r in reports)
        assert any("xếp hàng" in t for t in _texts(stub, ADMIN))
    ids = {p.id for p in engine.plans()}
    assert {"can-tho", "thai-nguyen"} <= ids
    info = {p.id: p for p in engine.plans()}
    assert info["can-tho"].province == "Cần Thơ" and info["can-tho"].facts_drafted
    for name in ("can-tho.txt", "thai-nguyen.txt"):
        (settings.plans_dir / name).unlink()
    await asyncio.get_running_loop().run_in_executor(None, engine.reload)


def test_file_checks_and_plan_ids() -> None:
    assert check_file("Kế hoạch.PDF", 1000) == ".pdf"
    with pytest.raises(UploadError, match="không được hỗ trợ"):
        check_file("plan.exe", 10)
    with pytest.raises(UploadError, match="quá lớn"):
        check_file("plan.pdf", 50 * 1024 * 1024)
    assert slug("Thừa Thiên Huế") == "thua-thien-hue" and slug("../../etc/passwd") == "etc-passwd"

    class Doc:
        province, province_source, plan_id = "Đà Nẵng", "text", "upload"

    assert plan_id_for(Doc()) == "da-nang"  # type: ignore[arg-type]
    Doc.province, Doc.province_source, Doc.plan_id = "Upload", "", "ke-hoach-x"
    assert plan_id_for(Doc()) == "ke-hoach-x"  # type: ignore[arg-type]


async def test_a_page_photo_is_read_with_ocr(upload_env: tuple[Settings, Any]) -> None:
    import io

    from bot.ocr import ocr_unavailable_reason
    from tests.page_images import render_pages

    if ocr_unavailable_reason():
        pytest.skip(f"OCR not installed: {ocr_unavailable_reason()}")
    settings, engine = upload_env
    text = (FIXTURES / "heldout" / "thai-nguyen.txt").read_text(encoding="utf-8")
    page = render_pages(text)[0]  # the first page: header, decision, targets
    buffer = io.BytesIO()
    page.convert("RGB").save(buffer, "JPEG", quality=90)
    async with running(settings, engine) as stub:
        stub.push_photo(ADMIN, buffer.getvalue())
        (report,) = await _final(stub, ADMIN)
        assert report.params["text"].startswith("✅"), report.params["text"]
        assert "tỉnh Thái Nguyên" in report.params["text"]
        assert any("OCR page 1" in t for t in _texts(stub, ADMIN))
    assert (settings.plans_dir / "thai-nguyen.jpg").is_file()
    (settings.plans_dir / "thai-nguyen.jpg").unlink()
    await asyncio.get_running_loop().run_in_executor(None, engine.reload)
