#!/usr/bin/env python3
"""The HTML report in headless Chromium (Debian's `chromium`), driven over the DevTools protocol
(with a small WebSocket client on the standard library alone).

usage: html_report.py BUILD/policyforge ARTIFACT_DIR   (run from the source tree)

For a sample with flows and lifecycles, in both languages: the page loads with no console
error, no exception and no request beyond the file itself; it holds one diagram per flow and
lifecycle with failure points and defective transitions marked; the filters hide exactly the
items the page's data says they should; a screenshot is kept in ARTIFACT_DIR. Also: without
Graphviz the command says so and exits 2 with no output.
"""
import base64
import html.parser
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

PF, ARTIFACTS = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SAMPLE = "samples/ticketing/model.yaml"
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


class Items(html.parser.HTMLParser):
    """The filterable elements of the page as the HTML states them (not as the script sees them)."""

    def __init__(self):
        super().__init__()
        self.items = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "item" in (a.get("class") or "").split():
            self.items.append((a.get("data-surface", "").split(), a["data-severity"], a["data-status"]))


def expected(items, surfaces, severities, statuses):
    return sum(1 for own, sev, st in items
               if (not own or any(s in surfaces for s in own)) and sev in severities and st in statuses)


class WebSocket:
    """The least of RFC 6455 a DevTools client needs: text frames out (masked), frames in."""

    def __init__(self, url, timeout=60):
        u = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((u.hostname, u.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {u.path} HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
                          .encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise RuntimeError("the browser closed the connection during the handshake")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError(f"handshake refused: {head!r}")

    def _exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise RuntimeError("the browser closed the connection")
            data += chunk
        return data

    def _frame(self, opcode, payload):
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([0x80 | opcode])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        self.sock.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def send(self, text):
        self._frame(0x1, text.encode())

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            mask = self._exact(4) if b1 & 0x80 else None
            payload = self._exact(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = b0 & 0x0F
            if opcode == 0x9:
                self._frame(0xA, payload)
                continue
            if opcode == 0x8:
                raise RuntimeError("the browser closed the connection")
            message += payload
            if b0 & 0x80:
                return message.decode()


class Browser:
    def __init__(self, profile):
        self.proc = subprocess.Popen(
            [shutil.which("chromium"), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--hide-scrollbars", "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().count("\n") >= 1:
                break
            time.sleep(0.1)
        port = open(port_file).read().split("\n")[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = WebSocket(page["webSocketDebuggerUrl"])
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_for(self, method, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for e in self.events:
                if e.get("method") == method:
                    return e
            self.events.append(json.loads(self.ws.recv()))
        raise RuntimeError(f"no {method} within {timeout}s")

    def js(self, expression):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def set_boxes(b, group, values):
    """Checks exactly `values` in a filter group by clicking, as a user would."""
    b.js(f"""document.querySelectorAll('#filters input[data-group="{group}"]').forEach(function (box) {{
               if (box.checked !== {json.dumps(sorted(values))}.includes(box.value)) box.click(); }})""")


def visible(b):
    return b.js("document.querySelectorAll('.item:not([hidden])').length")


def run_page(b, page, lang):
    items = Items()
    items.feed(open(page, encoding="utf-8").read())
    all_surfaces = {str(s) for s in range(1, 13)}
    all_sev = {"1", "2", "3", "4"}
    all_status = {st for _, _, st in items.items}
    b.events.clear()
    b.call("Page.navigate", url="file://" + page)
    b.wait_for("Page.loadEventFired")
    errors = [e for e in b.events if e.get("method") == "Runtime.exceptionThrown"
              or (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] in ("error", "assert"))
              or (e.get("method") == "Log.entryAdded" and e["params"]["entry"]["level"] == "error")]
    check(not errors, f"{lang}: console errors on load: {json.dumps(errors)[:2000]}")
    requests = [e["params"]["request"]["url"] for e in b.events if e.get("method") == "Network.requestWillBeSent"]
    check(all(u.startswith("file://" + page) for u in requests), f"{lang}: requests beyond the page: {requests}")

    total = len(items.items)
    check(total > 20, f"{lang}: only {total} items")
    check(b.js("document.querySelectorAll('.item').length") == total, f"{lang}: items in the DOM differ from the HTML")
    check(visible(b) == total, f"{lang}: not every item is visible at first")
    check(b.js("document.getElementById('shown').dataset.shown") == str(total), f"{lang}: the count is not {total}")
    check(b.js("document.querySelectorAll('#top-risk tbody tr').length") >= 5, f"{lang}: top-risk table too short")
    check(b.js("document.querySelectorAll('#contents .surfaces > li').length") == 12,
          f"{lang}: the contents do not list the 12 surfaces")
    flows = b.js("document.querySelectorAll('#flows figure svg').length")
    lifecycles = b.js("document.querySelectorAll('#lifecycles figure svg').length")
    check(flows >= 3 and lifecycles >= 1, f"{lang}: {flows} flow and {lifecycles} lifecycle diagrams")
    check(b.js("document.querySelectorAll('#flows g.failure-point').length") > 0, f"{lang}: no failure point marked")
    check(b.js("document.querySelectorAll('#lifecycles g.defective').length") > 0,
          f"{lang}: no defective transition marked")
    check(b.js("Array.from(document.querySelectorAll('#flows g.failure-point a')).every("
               "function (a) { var h = a.getAttribute('xlink:href') || a.getAttribute('href');"
               " return h && document.getElementById(h.slice(1)) !== null; })"),
          f"{lang}: a failure point links nowhere")

    # Filters: each change hides exactly what the page's data says.
    cases = [({"4"}, all_surfaces, all_status), ({"3", "4"}, all_surfaces - {"6"}, all_status),
             (all_sev, {"10"}, all_status), (all_sev, all_surfaces, set()), (all_sev, all_surfaces, all_status)]
    for sev, surf, status in cases:
        set_boxes(b, "severity", sev)
        set_boxes(b, "surface", surf)
        set_boxes(b, "status", status)
        want = expected(items.items, surf, sev, status)
        got = visible(b)
        check(got == want, f"{lang}: severity {sorted(sev)}, {len(surf)} surfaces, status {sorted(status)}: "
                           f"{got} visible, expected {want}")
        check(b.js("document.getElementById('shown').dataset.shown") == str(want), f"{lang}: the count disagrees")
    check(0 < expected(items.items, all_surfaces, {"4"}, all_status) < total, f"{lang}: severity filter trivially true")

    set_boxes(b, "severity", {"3", "4"})
    shot = b.call("Page.captureScreenshot", format="png")
    with open(os.path.join(ARTIFACTS, f"html-report-{lang}.png"), "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    b.js("document.getElementById('flows').scrollIntoView()")
    shot = b.call("Page.captureScreenshot", format="png")
    with open(os.path.join(ARTIFACTS, f"html-report-{lang}-flows.png"), "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    errors = [e for e in b.events if e.get("method") in ("Runtime.exceptionThrown",)]
    check(not errors, f"{lang}: exceptions while filtering: {errors}")


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    if not shutil.which("chromium"):
        print("FAIL: Debian's chromium is not installed (.ci/install-deps installs it)", file=sys.stderr)
        return 1

    # Without Graphviz: a clear error, exit 2, no page.
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "page.html")
        r = subprocess.run([PF, "generate", SAMPLE, "--format", "html", "-o", out], capture_output=True, text=True,
                           env={**os.environ, "PATH": tmp})
        check(r.returncode == 2, f"without dot: exit {r.returncode}")
        check("Graphviz" in r.stderr and "dot" in r.stderr, f"without dot: unclear error: {r.stderr}")
        check(not os.path.exists(out) and r.stdout == "", "without dot: a page was written")

    pages = {}
    for lang in ("ko", "en"):
        page = os.path.join(ARTIFACTS, f"html-report-{lang}.html")
        subprocess.run([PF, "generate", SAMPLE, "--format", "html", "--lang", lang, "-o", page], check=True)
        again = subprocess.run([PF, "generate", SAMPLE, "--format", "html", "--lang", lang], check=True,
                               capture_output=True).stdout
        check(open(page, "rb").read() == again, f"{lang}: two runs differ")
        pages[lang] = page

    profile = tempfile.mkdtemp(prefix="pf-chromium-")
    b = Browser(profile)
    try:
        for method in ("Runtime.enable", "Log.enable", "Network.enable", "Page.enable"):
            b.call(method)
        b.call("Emulation.setDeviceMetricsOverride", width=1280, height=1000, deviceScaleFactor=1, mobile=False)
        for lang, page in pages.items():
            run_page(b, page, lang)
    finally:
        b.close()
        shutil.rmtree(profile, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failures", file=sys.stderr)
        return 1
    print(f"html report: ok (screenshots in {ARTIFACTS})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
