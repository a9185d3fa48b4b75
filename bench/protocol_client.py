"""A Streamlit session without a browser, for load benches.

Speaks what a browser tab speaks to the server: the WebSocket at ``/_stcore/stream`` (``BackMsg`` out,
``ForwardMsg`` in, Streamlit's own protobuf classes), the cookies from ``/_stcore/health`` (Streamlit's XSRF
token and, behind ``deploy/haproxy.cfg``, the proxy's choice of process, sent with every request) and the file
upload (``file_urls_request``, then a multipart ``PUT`` and the uploader's widget state in the next rerun). It
draws nothing, so 20 of them cost the machine a few percent of a core where 20 headless Chromium tabs held two
cores' load at 24-32 and competed with the very server the bench measures.

A page "takes" the time from the rerun request to the server's ``script_finished`` with every element of the run
received: the server's whole share of a page, without the browser's drawing.
"""
from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.Common_pb2 import FileURLsRequest, UploadedFileInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

XSRF_COOKIE = "_streamlit_xsrf"
DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}
TEXT_ELEMENTS = ("markdown", "heading", "text", "alert", "exception", "code")


@dataclass
class Run:
    """What one script run showed: its texts (headings, Markdown, captions, alerts, exceptions, labels of
    expanders and status boxes) in order,
    whether an exception was among them, and the file uploaders' widget ids."""

    texts: list[str] = field(default_factory=list)
    exception: bool = False
    uploaders: list[str] = field(default_factory=list)

    def take(self, element) -> None:
        kind = element.WhichOneof("type")
        if kind in TEXT_ELEMENTS:
            inner = getattr(element, kind)
            self.texts.append(getattr(inner, "body", "") or getattr(inner, "message", "") or getattr(inner, "code_text", ""))
            self.exception = self.exception or kind == "exception"
        elif kind == "file_uploader":
            self.uploaders.append(element.file_uploader.id)


class Session:
    """One browser-less session of the app at ``url`` (``async with Session(url) as session``)."""

    def __init__(self, url: str, timeout_s: float = 600.0):
        self.url = url.rstrip("/")
        self.timeout_s = timeout_s
        self.http = requests.Session()
        self.pages: dict[str, str] = {}  # page name -> page script hash, from the server's navigation message
        self.session_id = ""
        self.page = ""  # the page script hash of the last run, as a browser keeps the page it shows
        self.widgets: dict[str, WidgetState] = {}  # widget states this session set, sent again while shown
        self._socket = None
        self._inbox: asyncio.Queue[ForwardMsg] = asyncio.Queue()
        self._reader = None

    async def __aenter__(self) -> Session:
        await asyncio.to_thread(self.http.get, f"{self.url}/_stcore/health", timeout=60)
        cookies = "; ".join(f"{name}={value}" for name, value in self.http.cookies.items())  # the proxy's too
        self._socket = await websockets.connect(
            self.url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit", self.http.cookies.get(XSRF_COOKIE, "")],
            additional_headers={"Cookie": cookies}, max_size=None, open_timeout=self.timeout_s)
        self._reader = asyncio.create_task(self._read())
        return self

    async def __aexit__(self, *exc) -> None:
        self._reader.cancel()
        await self._socket.close()
        self.http.close()

    async def _read(self) -> None:
        async for data in self._socket:
            message = ForwardMsg()
            message.ParseFromString(data)
            await self._inbox.put(message)

    async def run(self, page: str | None = None, query_string: str = "") -> Run:
        """Run ``page`` (a name of the app's navigation; None: the page shown, at first the default one) and wait
        until the server says the run is over; what it showed."""
        if page is not None:
            self.page = self.pages[page]
        state = ClientState(query_string=query_string, page_script_hash=self.page)
        state.widget_states.CopyFrom(WidgetStates(widgets=list(self.widgets.values())))
        await self._socket.send(BackMsg(rerun_script=state).SerializeToString())
        return await asyncio.wait_for(self._until_finished(), self.timeout_s)

    async def _until_finished(self) -> Run:
        run = Run()
        while True:
            message = await self._inbox.get()
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.session_id = message.new_session.initialize.session_id or self.session_id
                self._learn_pages(message.new_session.app_pages)
            elif kind == "navigation":
                self._learn_pages(message.navigation.app_pages)
                self.page = message.navigation.page_script_hash or self.page
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                run.take(message.delta.new_element)
            elif kind == "delta" and message.delta.WhichOneof("type") == "add_block":
                run.texts.append(message.delta.add_block.expandable.label)  # an expander's or status' label
            elif kind == "script_finished" and message.script_finished in DONE:
                self.widgets = {key: value for key, value in self.widgets.items() if key in run.uploaders}
                return run
            elif kind == "script_finished" and message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                run = Run()  # the server started the run again (st.rerun, a page switch): only the last one counts

    def _learn_pages(self, pages) -> None:
        for page in pages:
            self.pages[page.page_name] = page.page_script_hash

    async def upload(self, uploader: str, path: Path) -> Run:
        """Put ``path`` in the file uploader ``uploader`` (a widget id of the last run) the way a browser does:
        ask for an upload URL, PUT the file, then rerun with the uploader's state naming it."""
        request_id = uuid.uuid4().hex
        await self._socket.send(BackMsg(file_urls_request=FileURLsRequest(
            request_id=request_id, file_names=[path.name], session_id=self.session_id)).SerializeToString())
        urls = await asyncio.wait_for(self._file_urls(request_id), self.timeout_s)
        data = path.read_bytes()
        response = await asyncio.to_thread(
            self.http.put, f"{self.url}{urls.upload_url}", files={"file": (path.name, data)},
            headers={"X-Xsrftoken": self.http.cookies.get(XSRF_COOKIE, "")}, timeout=self.timeout_s)
        response.raise_for_status()
        state = WidgetState(id=uploader)
        state.file_uploader_state_value.uploaded_file_info.append(
            UploadedFileInfo(name=path.name, size=len(data), file_id=urls.file_id, file_urls=urls))
        self.widgets[uploader] = state
        return await self.run()

    async def _file_urls(self, request_id: str):
        while True:
            message = await self._inbox.get()
            if message.WhichOneof("type") == "file_urls_response" and message.file_urls_response.response_id == request_id:
                if message.file_urls_response.error_msg:
                    raise RuntimeError(message.file_urls_response.error_msg)
                return message.file_urls_response.file_urls[0]
