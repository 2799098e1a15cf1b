"""`riskscan serve`: the page on 127.0.0.1, on a free port, until Ctrl-C.

The first line on standard output is the address to open, `http://127.0.0.1:PORT/?token=…`;
the browser is opened on it unless --no-browser. The server's private folder (uploads, and the
demo's throwaway store) is removed when it stops.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sys
import tempfile
import threading
import webbrowser
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from scanner.errors import ScanError
from scanner.web.guard import ASGIApp
from scanner.web.state import ServerState

HOST = "127.0.0.1"


def bind(port: int | None) -> socket.socket:
    """A listening socket on 127.0.0.1: the port asked for, or a free one."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((HOST, port or 0))
    except OSError:
        sock.close()
        raise ScanError(f"port {port} is already in use on this computer: choose another "
                        "with --port, or leave --port out to pick a free one.") from None
    sock.listen(64)
    return sock


@dataclass
class Prepared:
    """A server ready to run: its socket, its state and the application."""

    sock: socket.socket
    state: ServerState
    app: ASGIApp

    def close(self) -> None:
        self.state.jobs.stop()
        self.sock.close()
        shutil.rmtree(self.state.work, ignore_errors=True)


def prepare(port: int | None = None, demo: bool = False) -> Prepared:
    """Bind the socket, make the private folder and the keys, build the application."""
    from scanner.web.app import build_app
    from scanner.web.guard import Keys
    from scanner.web.uploads import UploadArea, upload_limit

    sock = bind(port)
    work = Path(tempfile.mkdtemp(prefix="riskscan-serve-"))  # 0700
    try:
        keys = Keys(sock.getsockname()[1])
        state = ServerState(keys, UploadArea(work / "uploads", upload_limit()), work, demo=demo)
        if demo:
            _start_demo(state, work)
        return Prepared(sock, state, build_app(state))
    except BaseException:
        sock.close()
        shutil.rmtree(work, ignore_errors=True)
        raise


def uvicorn_server(prepared: Prepared) -> uvicorn.Server:
    config = uvicorn.Config(prepared.app, log_level="warning", access_log=False,
                            lifespan="off", server_header=False)
    return uvicorn.Server(config)


def serve(port: int | None = None, open_browser: bool = True, demo: bool = False) -> int:
    prepared = prepare(port, demo)
    try:
        address = prepared.state.keys.address
        print(address, flush=True)
        print("riskscan is running on this computer only; nothing you add leaves it. Open the "
              "address above in your web browser. Press Ctrl-C here to stop.", flush=True)
        if open_browser:
            threading.Timer(0.5, webbrowser.open, args=(address,)).start()
        with contextlib.suppress(KeyboardInterrupt):  # uvicorn passes Ctrl-C on once it has
            uvicorn_server(prepared).run(sockets=[prepared.sock])  # shut down: that is the end
        if prepared.state.jobs.stop():
            print("The scan that was running was stopped; nothing from it was saved.",
                  file=sys.stderr)
    finally:
        prepared.close()
    print("riskscan stopped.", file=sys.stderr)
    return 0


def _start_demo(state: ServerState, work: Path) -> None:
    """The fictional teacher's exports, already added, and a throwaway store: the demo never
    touches the person's own history."""
    from scanner.app.demo import make_demo_exports
    from scanner.web.uploads import Batch

    os.environ["RISKSCAN_DATABASE_URL"] = f"sqlite:///{work / 'demo-store.sqlite3'}"
    area = state.uploads
    folder = area.root / "demo"
    folder.mkdir(mode=0o700)
    made = []
    for path in make_demo_exports(work / "demo"):
        made.append(folder / path.name)
        shutil.move(path, made[-1])
    size = sum(path.stat().st_size for path in made)
    area.batches.append(Batch(0, folder, [p.name for p in made], size,
                              "Demo: Jo Whitmore's exports (a fictional Year 5 teacher): X, "
                              "Facebook, Instagram and LinkedIn"))
    state.tell("This is the demo: the exports of Jo Whitmore, a fictional teacher at the "
               "fictional Oakwood Primary School, are already added. Press Start the scan. "
               "Nothing is kept after you stop riskscan.")
