# SPDX-License-Identifier: MIT
"""The kiosk as a real kiosk runs it, side by side with the headless bench.

`mesokiosk session` (what the systemd unit starts) runs cage with the app;
here cage uses wlroots' headless backend with the pixman renderer (no GPU,
as on a GPU-less kiosk or a VM) and one 1920x1080 output (the test rig's
vmonitor.so, as in tests/kiosk/test_session.sh). The environment is the
unit's own Environment= lines. Each presentation path (present.c) is run:
`software` (SDL's software renderer through X11 shared memory to cage's
Xwayland, what a kiosk without a GPU takes) and `gl` (GL ES on Wayland,
here through Mesa's llvmpipe, what a kiosk with a GPU takes with its
hardware driver).

Measured: from starting the session to systemd's READY=1; the app's own
start to its first frame, with where that time went (its first-frame line);
its peak RSS and biggest mappings (/proc/PID/smaps) after the taps and the
scrolling; and, on the software path, where input can be injected (XTEST
into Xwayland; cage 0.1.4 has no virtual input for Wayland clients), a
click to the next presented frame (the app timestamps the input event and
the present, and reports them in its stop line) and the frame p99 while a
finger drags the long page. Run as root, the session runs as nobody (cage
refuses root).
"""
import os, re, shutil, socket, statistics, subprocess, tempfile, time

NAN = float("nan")


def unit_env(src, run_dir, cache_dir):
    env = {}
    for line in open(os.path.join(src, "kiosk", "mesokiosk.service")):
        if line.startswith("Environment="):
            k, v = line[len("Environment="):].strip().split("=", 1)
            env[k] = v.replace("%t", run_dir).replace("%C", cache_dir)
    return env


def field(text, event, key):
    m = re.search(r"event=%s .*?\b%s=([0-9.]+)" % (event, key), text)
    return float(m.group(1)) if m else NAN


def mappings(pid):
    """The three biggest resident mappings, 'name size' in MiB."""
    rss, name = {}, "?"
    try:
        for line in open("/proc/%d/smaps" % pid):
            if re.match(r"^[0-9a-f]+-", line):
                parts = line.split()
                name = os.path.basename(parts[5]) if len(parts) > 5 else "[anon]"
            elif line.startswith("Rss:"):
                rss[name] = rss.get(name, 0) + int(line.split()[1])
    except OSError:
        return ""
    top = sorted(rss.items(), key=lambda kv: -kv[1])[:3]
    return ", ".join("%s %.1f" % (n, kb / 1024) for n, kb in top)


def app_pid(binary):
    out = subprocess.run(["pgrep", "-f", "^%s --lockdown" % re.escape(binary)],
                         capture_output=True, text=True).stdout.split()
    return int(out[0]) if out else None


class Session:
    def __init__(self, binary, src, vmon, renderer, content):
        self.tmp = tempfile.mkdtemp(prefix="mkbench-session")
        t = self.tmp
        run_dir, cache = os.path.join(t, "run"), os.path.join(t, "cache")
        self.env = unit_env(src, run_dir, cache)
        rt = self.env["XDG_RUNTIME_DIR"]
        data, home, binp = os.path.join(t, "data"), os.path.join(t, "home"), os.path.join(t, "bin")
        for d in (run_dir, cache, rt, data, home, binp):
            os.makedirs(d, exist_ok=True)
        with open(os.path.join(binp, "cage"), "w") as f:
            f.write("#!/bin/sh\nLD_PRELOAD=%s exec %s \"$@\"\n" % (vmon, shutil.which("cage")))
        os.chmod(os.path.join(binp, "cage"), 0o755)
        conf = os.path.join(t, "kiosk.conf")
        with open(conf, "w") as f:
            f.write("renderer = %s\n" % renderer)
        self.as_user = []
        if os.getuid() == 0:
            for d in (run_dir, cache, rt, data, home):
                os.chown(d, 65534, 65534)
            os.chmod(t, 0o755)
            self.as_user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
        os.chmod(rt, 0o700)
        sock_path = os.path.join(t, "notify.sock")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(sock_path)
        os.chmod(sock_path, 0o666)
        self.env.update(PATH=binp + ":/usr/bin:/bin", HOME=home, NOTIFY_SOCKET=sock_path,
                        WLR_BACKENDS="headless", WLR_RENDERER="pixman", WLR_HEADLESS_OUTPUTS="1",
                        WLR_LIBINPUT_NO_DEVICES="1", MK_TEST_OUTPUT="1920x1080")
        self.binary = binary
        self.log_path = os.path.join(t, "session.log")
        self.log = open(self.log_path, "w")
        self.t0 = time.monotonic()
        self.p = subprocess.Popen(self.as_user + [binary, "session", "--data", data, "--config", conf,
                                                  "--content", content],
                                  env=self.env, stdout=self.log, stderr=subprocess.STDOUT)

    def ready_ms(self):
        self.sock.settimeout(60)
        try:
            while True:
                if "READY=1" in self.sock.recv(4096).decode(errors="replace").split("\n"):
                    return (time.monotonic() - self.t0) * 1000
        except socket.timeout:
            return NAN

    def x11(self, *args):
        pid = app_pid(self.binary)
        env = open("/proc/%d/environ" % pid, "rb").read().split(b"\0") if pid else []
        disp = [e[8:].decode() for e in env if e.startswith(b"DISPLAY=")]
        if not disp or not shutil.which("xdotool"):
            return False
        subprocess.run(self.as_user + ["env", "DISPLAY=" + disp[0], "xdotool"] + list(args),
                       capture_output=True)
        return True

    def stop(self):
        self.p.terminate()
        try:
            self.p.wait(15)
        except subprocess.TimeoutExpired:
            self.p.kill()
        self.sock.close()
        self.log.close()
        text = open(self.log_path).read()
        shutil.rmtree(self.tmp, ignore_errors=True)
        return text


def one_run(binary, src, vmon, renderer, content):
    s = Session(binary, src, vmon, renderer, content)
    r = {"ready": s.ready_ms()}
    time.sleep(0.5)
    interactive = renderer == "software"
    if interactive:
        # Twenty clicks in the page's empty margin: each redraws (the
        # pressed state), and each is timed from the event to the present.
        # One xdotool for all of them, so starting processes does not
        # compete with the kiosk for the two cores.
        s.x11(*(["mousemove", "120", "700"] + ["click", "1", "sleep", "0.15"] * 20))
        # A finger dragging the long page up and down, a step a frame.
        drag = []
        for dy in (-1, 1, -1, 1):
            drag += ["mousemove", "960", "540", "mousedown", "1"]
            for step in range(1, 21):
                drag += ["mousemove", "960", str(540 + dy * step * 20), "sleep", "0.016"]
            drag += ["mouseup", "1", "sleep", "0.5"]
        s.x11(*drag)
    pid = app_pid(binary)
    r["rss"], r["maps"] = NAN, ""
    if pid:
        m = re.search(r"VmHWM:\s+(\d+)", open("/proc/%d/status" % pid).read())
        r["rss"] = int(m.group(1)) / 1024 if m else NAN
        r["maps"] = mappings(pid)
    text = s.stop()
    if "event=fatal-screen" in text or "event=first-frame" not in text:
        raise SystemExit("bench: the kiosk session did not start:\n" +
                         "\n".join(l for l in text.splitlines() if "level=error" in l or "mesokiosk:" in l))
    r["first"] = field(text, "first-frame", "ms")
    r["phases"] = re.search(r"event=first-frame ms=[0-9.]+ (.*?) present=", text)
    r["phases"] = r["phases"].group(1) if r["phases"] else ""
    r["tap"] = field(text, "stop", "tap_to_present_p50_ms") if interactive else NAN
    r["tapmax"] = field(text, "stop", "tap_to_present_max_ms") if interactive else NAN
    r["p99"] = field(text, "stop", "frame_p99_ms") if interactive else NAN
    return r


def run(binary, src, vmon, content, runs, headless):
    """headless: {'first': [...], 'rss': [...], 'tap': [...], 'p99': [...]}
    from the headless bench, for the side-by-side table."""
    if not shutil.which("cage"):
        print("(no cage: the kiosk session was not measured)")
        return
    res = {}
    for path in ("software", "gl"):
        res[path] = [one_run(binary, src, vmon, path, content) for _ in range(runs)]
    med = lambda v: statistics.median(v) if v and v == v else NAN  # noqa: E731

    def col(path, key):
        v = [r[key] for r in res[path] if r[key] == r[key]]
        return "%.1f" % statistics.median(v) if v else "-"

    def hcol(key):
        v = [x for x in headless.get(key, []) if x == x]
        return "%.1f" % statistics.median(v) if v else "-"

    rows = [
        ("start to first frame (ms)", "first", "<= 150"),
        ("start to READY=1 (ms)", "ready", "-"),
        ("peak RSS (MiB)", "rss", "<= 60"),
        ("tap to next presented frame p50 (ms)", "tap", "<= 16"),
        ("tap to next presented frame max (ms)", "tapmax", "-"),
        ("scroll frame p99 (ms)", "p99", "<= 8"),
    ]
    print()
    print("the kiosk session, 1920x1080, medians of %d runs (headless: the rows above)" % runs)
    print("%-40s %10s %14s %10s %8s" % ("measure", "headless", "cage software", "cage gl", "target"))
    for name, key, target in rows:
        print("%-40s %10s %14s %10s %8s" % (name, hcol(key), col("software", key), col("gl", key), target))
    for path in ("software", "gl"):
        print("cage %s: where the start went (ms since exec): %s" % (path, res[path][-1]["phases"]))
        print("cage %s: biggest mappings (MiB): %s" % (path, res[path][-1]["maps"]))
    del med
