"""Live preview that shows every problem as a Norwegian page, recovers by itself and rebuilds quickly.

The supervisor holds the preview's address for as long as it runs, so the browser never meets a
closed port or a request that hangs. Behind it runs ``mkdocs serve --dirty`` on a private port;
while all is well the supervisor passes requests on to it. On every change in docs/,
curriculum/, overrides/, macros/ or mkdocs.yml it runs the checks of ``make check`` in a fresh
process (so changed code counts too). While they find problems, or MkDocs could not build, every
address answers with a Norwegian page listing the same ``file:line: melding (hvordan rette)``
lines as ``make check``, and the terminal shows those lines; MkDocs' own output (English log
lines, tracebacks) is kept out of the terminal. The page reloads itself when the problems change
or are gone, and a page the browser already shows switches to it by itself.

MkDocs' server keeps running through a failed rebuild (its requests wait until a build
succeeds), so after a fix only what changed is built again. It tells the supervisor how its
builds end through a small status file (``started``, ``before_build``, ``build_failed``, called
from the hooks in ``macros/engines/mkdocs_preview.py``): that is how problems only MkDocs finds reach the
page too. A change in the Python code restarts it, and so does any change after it stopped.

It runs with ``--dirty``: saving a page rebuilds that page only (and its search entries;
Material keeps the rest of the index). Whatever other pages show as well (the data, the
theme, the list of pages and their titles, the notices, the start page) makes the next
rebuild a full one: ``before_build`` empties the preview's folder, so every page is new.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import http.client
import http.server
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NoReturn

import jinja2

from .problems import summary

WATCHED = ("macros", "curriculum", "mkdocs.yml")
CHECKED = (*WATCHED, "docs", "overrides")  # a change here runs the checks again
STATUS = "LEDERPORTAL_FORHANDSVISNING"  # the status file MkDocs' hooks write to, when supervised
PAGE = Path(__file__).resolve().parents[1] / "overrides" / "forhandsvisning.html"
LIVERELOAD = re.compile(r"/livereload/([0-9]+)/[0-9]+")
TICK = 0.25  # seconds between two looks at the files, the checks and MkDocs
CHECKER = "import sys; from macros.serve import check_worker; check_worker(sys.argv[1])"


def snapshot(root: Path, names: tuple[str, ...] = WATCHED) -> dict[Path, float]:
    """Modification time of every file in ``names`` (files or folders below ``root``)."""
    files: dict[Path, float] = {}
    for name in names:
        path = root / name
        candidates = [path] if path.is_file() else path.rglob("*")
        for file in candidates:
            try:
                if file.is_file() and "__pycache__" not in file.parts:
                    files[file] = file.stat().st_mtime
            except OSError:
                pass  # deleted between listing and looking: the next look sees it gone
    return files


def changed(before: dict[Path, float], after: dict[Path, float]) -> set[Path]:
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


# ---------------------------------------------------------------------------------------------
# What the browser is shown


@dataclass(frozen=True)
class Shown:
    """What every address of the preview shows: MkDocs' site (``ok``, on ``port``), a page
    listing problems (``feil``; ``source`` says who found them) or a wait (``bygger``)."""

    kind: str
    lines: tuple[str, ...] = ()
    source: str = "sjekk"  # "sjekk" (make check's lines), "mkdocs" or "programfeil"
    port: int = 0


BUILDING = Shown("bygger")


@functools.cache
def template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(PAGE.parent), autoescape=True)
    return env.get_template(PAGE.name)


def page_for(shown: Shown) -> bytes:
    return template().render(shown=shown).encode("utf-8")


def terminal_lines(shown: Shown) -> list[str]:
    if shown.source == "sjekk":
        return [*shown.lines, summary(len(shown.lines))]
    heading = (
        "MkDocs kunne ikke bygge forhåndsvisningen:"
        if shown.source == "mkdocs"
        else "Sjekken stoppet med en programfeil (ikke en feil i det du skrev):"
    )
    return [heading, *shown.lines]


def timestamp() -> int:
    """MkDocs' live-reload clock (milliseconds of the system's monotonic clock)."""
    return round(time.monotonic() * 1000)


class Preview:
    """What the supervisor shows, shared with the threads that answer the browser."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.shown = BUILDING
        self.version = 0
        self.upstream: set[http.client.HTTPConnection] = set()

    def show(self, shown: Shown) -> bool:
        """Show `shown` from now on; requests waiting on MkDocs are cut, so the browser reloads."""
        with self.lock:
            if shown == self.shown:
                return False
            self.shown, self.version = shown, self.version + 1
            for connection in self.upstream:
                with contextlib.suppress(AttributeError, OSError):
                    connection.sock.shutdown(socket.SHUT_RDWR)
            self.lock.notify_all()
            return True

    def current(self) -> tuple[Shown, int]:
        with self.lock:
            return self.shown, self.version

    def wait_for_change(self, version: int, seconds: float) -> bool:
        with self.lock:
            return self.lock.wait_for(lambda: self.version != version, timeout=seconds)

    def forward(
        self, method: str, path: str, port: int, version: int
    ) -> tuple[int, list[tuple[str, str]], bytes] | None:
        """MkDocs' answer to this request, or None when it has none (stopped, or cut because
        what is shown changed meanwhile)."""
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            connection.connect()
            with self.lock:
                if version != self.version:
                    return None
                self.upstream.add(connection)
            connection.request(method, path)
            response = connection.getresponse()
            body = response.read()
            headers = [(k, v) for k, v in response.getheaders() if k.lower() in ("content-type", "location")]
            return response.status, headers, body
        except (OSError, http.client.HTTPException):
            return None
        finally:
            with self.lock:
                self.upstream.discard(connection)
            connection.close()


class Handler(http.server.BaseHTTPRequestHandler):
    """The preview's address: MkDocs' answer while all is well, else the page for what is shown.

    Live reload speaks MkDocs' protocol: a page asks ``/livereload/<epoch>/<id>`` and reloads when
    the answer is a larger number. The problem page asks with epoch 1, so MkDocs' first answer
    reloads it; while problems are shown, the supervisor answers when they change."""

    preview: Preview

    def do_GET(self) -> None:
        live = LIVERELOAD.fullmatch(self.path.split("?")[0])
        shown, version = self.preview.current()
        if shown.kind == "ok":
            answer = self.preview.forward(self.command, self.path, shown.port, version)
            if answer is not None:
                return self.answer(*answer)
            if live:  # cut because what is shown changed, or MkDocs is not there (yet)
                news = self.preview.wait_for_change(version, 5)
                return self.answer(
                    200, [("Content-Type", "text/plain")], str(timestamp() if news else 0).encode()
                )
            shown, version = self.preview.current()
            if shown.kind == "ok":
                shown = BUILDING  # MkDocs is between two builds or stopping; the page waits
        if live:
            news = self.preview.wait_for_change(version, 30)
            return self.answer(
                200, [("Content-Type", "text/plain")], str(timestamp() if news else 0).encode()
            )
        self.answer(
            503,
            [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")],
            page_for(shown),
        )

    do_HEAD = do_GET

    def answer(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        try:
            self.send_response(status)
            for key, value in headers:
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except OSError:
            pass  # the browser went away (a reload, a closed tab)

    def log_message(self, format: str, *args: object) -> None:
        pass


# ---------------------------------------------------------------------------------------------
# The supervisor


def check_worker(root: str) -> None:
    """The supervisor's checker (``Checker``): for each line read, the checks' problems as one
    JSON line. Between two checks its caches keep what has not changed."""
    from .project_checks import run_checks

    answers, sys.stdout = sys.stdout, sys.stderr  # what the checks might print stays out of the answers
    for _ in sys.stdin:
        try:
            _, problems = run_checks(Path(root))
            answer = {"problems": [str(p) for p in sorted(set(problems))]}
        except Exception:  # a bug in the checks: the end of the traceback says where
            answer = {"crash": traceback.format_exc().strip().splitlines()[-6:]}
        answers.write(json.dumps(answer, ensure_ascii=False) + "\n")
        answers.flush()


class Checker:
    """The checks of ``make check`` in a process of their own: its caches make the next check
    fast (0.2-0.4 s against 1-2 s in a new process), it is started again when the code changes,
    and a bug in it cannot stop the preview."""

    def __init__(self, root: Path, log: Path) -> None:
        self.root, self.log = root, log
        self.process: subprocess.Popen[str] | None = None
        self.answers: queue.Queue[str] = queue.Queue()

    def problems(self) -> Shown | None:
        """The checks' problems on a page, or None when there are none."""
        answer = self.ask() or self.ask()  # once more in a new process, if this one had died
        if answer is None:
            lines = self.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-6:]
            return Shown("feil", ("Sjekken stoppet uten å svare.", *lines), "programfeil")
        if "crash" in answer:
            return Shown("feil", tuple(answer["crash"]), "programfeil")
        return Shown("feil", tuple(answer["problems"])) if answer["problems"] else None

    def ask(self) -> dict[str, Any] | None:
        if self.process is None or self.process.poll() is not None:
            self.start()
        assert self.process is not None and self.process.stdin and self.process.stdout
        try:
            self.process.stdin.write("sjekk\n")
            self.process.stdin.flush()
            answer: dict[str, Any] = json.loads(self.answers.get(timeout=300))  # "" when it stopped
            return answer
        except (OSError, ValueError, queue.Empty):
            pass
        self.stop()
        return None

    def start(self) -> None:
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", CHECKER, str(self.root)],
                cwd=self.root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                encoding="utf-8",
                errors="replace",
            )
        self.answers = queue.Queue()
        threading.Thread(target=answered, args=(self.process.stdout, self.answers), daemon=True).start()

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
        self.process = None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Supervisor:
    """Runs the checks on every change and MkDocs' server behind the preview's address."""

    def __init__(self, root: Path, preview: Preview, folder: Path) -> None:
        self.root, self.preview, self.status = root, preview, folder / "status.json"
        self.checker = Checker(root, folder / "sjekk.log")
        self.problems: Shown | None = None  # what the checks found
        self.process: subprocess.Popen[str] | None = None
        self.port = 0
        self.ready = False  # MkDocs' first build is done and it answers
        self.stopped: Shown | None = None  # why MkDocs stopped by itself
        self.output: collections.deque[str] = collections.deque(maxlen=80)  # MkDocs' last lines
        self.changed_at = 0.0  # when a change was last seen (time.time())
        self.started_at = 0.0  # when MkDocs was last started
        self.reader: threading.Thread | None = None
        self.problems_shown = False  # the terminal's last word was a list of problems

    def run(self) -> NoReturn:
        seen: dict[Path, float] | None = None
        while True:
            now = snapshot(self.root, CHECKED)
            diff, first, seen = changed(seen or {}, now), seen is None, now
            if diff:
                self.changed_at = time.time()
                if any(p.suffix == ".py" for p in diff) and not first:
                    print("Endring i koden; starter forhåndsvisningen på nytt.", file=sys.stderr, flush=True)
                    self.stop()
                self.problems = self.checker.problems()
                self.stopped = None  # a change may have fixed what stopped it: start it again
            self.look_after_mkdocs()
            shown = self.what_to_show()
            if self.preview.show(shown):
                self.announce(shown)
            time.sleep(TICK)

    def announce(self, shown: Shown) -> None:
        """The terminal's side of a change: the problems' lines, or that they are gone."""
        if shown.kind == "feil":
            print("\n".join(terminal_lines(shown)), file=sys.stderr, flush=True)
            self.problems_shown = True
        elif shown.kind == "ok" and self.problems_shown:
            print("Ingen feil lenger; forhåndsvisningen vises igjen.", file=sys.stderr, flush=True)
            self.problems_shown = False

    def look_after_mkdocs(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            if self.changed_at <= self.started_at:  # else it may have stopped at what is fixed now
                self.stopped = self.build_failure(0.0) or Shown("feil", self.last_output(), "mkdocs")
            self.process = None
        if self.process is None and self.problems is None and self.stopped is None:
            self.start()
        if self.process is not None and not self.ready:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                self.ready = True
            except OSError:
                pass

    def what_to_show(self) -> Shown:
        if self.problems is not None:
            return self.problems
        if self.process is None:
            return self.stopped or BUILDING
        # A failure from before the last change is being built again by now
        failure = self.build_failure(self.changed_at)
        if failure is not None:
            return failure
        return Shown("ok", port=self.port) if self.ready else BUILDING

    def build_failure(self, since: float) -> Shown | None:
        try:
            status = json.loads(self.status.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not status.get("failed") or status.get("time", 0) < since:
            return None
        return Shown("feil", tuple(status["problems"]), status.get("source", "mkdocs"))

    def last_output(self) -> tuple[str, ...]:
        """MkDocs' own words when it stopped before it could say more: its error lines, else
        its last lines."""
        if self.reader is not None:
            self.reader.join(timeout=2)  # MkDocs has stopped: its last lines are on the way
        lines = list(self.output)
        errors = [line.split("-", 1)[1].strip() for line in lines if line.startswith(("ERROR", "WARNING"))]
        return tuple(errors or lines[-8:] or ["MkDocs stoppet uten å si hvorfor."])

    def start(self) -> None:
        self.port, self.ready, self.started_at = free_port(), False, time.time()
        self.status.unlink(missing_ok=True)
        self.output.clear()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", STATUS: str(self.status)}
        command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            command,
            cwd=self.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        self.reader = threading.Thread(target=keep, args=(self.process.stdout, self.output), daemon=True)
        self.reader.start()

    def stop(self) -> None:
        """Stop MkDocs and the checker (the next check and build start them with fresh code)."""
        self.checker.stop()
        if self.process is not None:
            stop(self.process)
        self.process, self.ready = None, False


def answered(stream: IO[str], answers: queue.Queue[str]) -> None:
    """The checker's answers, one line each, then "" when it stops."""
    try:
        for line in stream:
            answers.put(line)
    except (OSError, ValueError):
        pass
    answers.put("")


def keep(stream: IO[str], lines: collections.deque[str]) -> None:
    """Read MkDocs' output (so it never blocks on a full pipe) and keep its last lines."""
    try:
        for line in stream:
            lines.append(line.rstrip())
    except (OSError, ValueError):
        pass


def serve(root: Path, address: str = "127.0.0.1:8000") -> int:
    host, _, port = address.rpartition(":")
    preview = Preview()
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    try:
        httpd = http.server.ThreadingHTTPServer((host.strip("[]") or "127.0.0.1", int(port)), handler)
    except (OSError, ValueError) as err:
        reason = err.strerror if isinstance(err, OSError) else "ugyldig adresse"
        print(
            f"Forhåndsvisningen kan ikke bruke adressen {address} ({reason}). Avslutt den andre "
            "forhåndsvisningen, eller velg en annen adresse med --adresse.",
            file=sys.stderr,
        )
        return 1
    signal.signal(signal.SIGTERM, interrupt)  # stopped by a service manager or a test: as Ctrl+C
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    folder = Path(tempfile.mkdtemp(prefix="lederportal-forhandsvisning-"))
    supervisor = Supervisor(root.resolve(), preview, folder)
    print(f"Forhåndsvisning på http://{address}/ (Ctrl+C avslutter).", flush=True)
    try:
        supervisor.run()
    except KeyboardInterrupt:
        return 0
    finally:
        supervisor.stop()  # never leave the MkDocs server running without its supervisor
        httpd.shutdown()
        httpd.server_close()
        shutil.rmtree(folder, ignore_errors=True)


def interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def stop(process: subprocess.Popen[str]) -> None:
    if process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()  # the checker's end
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
