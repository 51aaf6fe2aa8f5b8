"""The Bot API HTTP client (aiohttp behind PTB's request interface), against the stub."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from botapi_stub import BotApiStub
from telegram import InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.settings import load_settings
from bot.telegram.aiohttp_request import AiohttpRequest
from bot.telegram.app import build_bot


def _data(**params: object) -> RequestData:
    return RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])


@pytest.fixture
async def request_client() -> AsyncIterator[AiohttpRequest]:
    client = AiohttpRequest(connection_pool_size=4, read_timeout=0.5)
    await client.initialize()
    try:
        yield client
    finally:
        await client.shutdown()


async def test_form_parameters_reach_the_api_intact(request_client: AiohttpRequest) -> None:
    with BotApiStub() as stub:
        url = f"{stub.base_url}{stub.token}/sendMessage"
        result = await request_client.post(url, _data(chat_id=7, text="Sở KH&CN chủ trì"))
        assert result["text"] == "Sở KH&CN chủ trì"
        assert stub.messages(7)[0].params["text"] == "Sở KH&CN chủ trì"


async def test_files_go_as_multipart(request_client: AiohttpRequest) -> None:
    with BotApiStub() as stub:
        url = f"{stub.base_url}{stub.token}/sendDocument"
        document = InputFile(b"noi dung", filename="ke-hoach.txt")
        await request_client.post(url, _data(chat_id=7, caption="Kế hoạch", document=document))
        (call,) = stub.calls_of("sendDocument")
        assert call.params["caption"] == "Kế hoạch"
        assert call.params["document"] == "<file ke-hoach.txt>"


async def test_a_server_that_never_answers_times_out(request_client: AiohttpRequest) -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(5)
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        with pytest.raises(TimedOut):
            await request_client.post(f"http://127.0.0.1:{port}/botSECRET/getMe")
    finally:
        server.close()


async def test_transport_errors_are_network_errors_without_the_token(
    request_client: AiohttpRequest,
) -> None:
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    with pytest.raises(NetworkError) as refused:
        await request_client.post(f"http://127.0.0.1:{port}/bot123:SECRET/getMe")
    assert not isinstance(refused.value, TimedOut)
    with pytest.raises(NetworkError) as invalid:
        await request_client.post("http://[bad/bot123:SECRET/getMe")
    for error in (refused.value, invalid.value):
        assert "SECRET" not in str(error)


async def test_closed_client_refuses_and_reopens() -> None:
    client = AiohttpRequest()
    with pytest.raises(RuntimeError, match="not initialized"):
        await client.do_request("http://127.0.0.1:1/x", "GET")
    await client.initialize()
    await client.shutdown()
    await client.initialize()  # a second start after a failed one opens a fresh session
    with BotApiStub() as stub:
        result = await client.post(f"{stub.base_url}{stub.token}/getMe")
        assert result["username"] == stub.bot_username
    await client.shutdown()
    await client.shutdown()  # idempotent


async def test_the_bot_uses_it_for_both_pools() -> None:
    with BotApiStub() as stub:
        settings = load_settings(
            env={}, telegram_bot_token=stub.token, telegram_api_base_url=stub.base_url
        )
        bot = build_bot(settings)
        assert all(isinstance(r, AiohttpRequest) for r in bot._request)
        async with bot:
            message = await bot.send_message(5, "Nguồn: mục II.5")
        assert message.text == "Nguồn: mục II.5"


async def test_proxy_settings_from_the_environment_are_honoured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A proxy that refuses connections: the request must go to it, not to the Bot API.
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    with BotApiStub() as stub:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
        monkeypatch.setenv("NO_PROXY", "")
        client = AiohttpRequest()
        await client.initialize()
        try:
            with pytest.raises(NetworkError):
                await client.post(f"{stub.base_url}{stub.token}/getMe")
        finally:
            await client.shutdown()
        assert not stub.calls_of("getMe")
