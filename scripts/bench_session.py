# SPDX-License-Identifier: MIT
"""The kiosk as a real kiosk runs it, for scripts/bench.

`mesokiosk session` (what the systemd unit starts) runs cage with the app;
here cage uses wlroots' headless backend with the pixman renderer (no GPU,
as on a GPU-less kiosk or a VM) and one 1920x1080 output (the test rig's
vmonitor.so, as in tests/kiosk/test_session.sh). The environment is the
unit's own Environment= lines. Measured from the moment the session is
started until systemd would hear READY=1 (the app's first frame, through
cage), and the app's peak memory. Run as root, the session runs as nobody
(cage refuses root).
"""
import os, re, shutil, socket, subprocess, tempfile, time


def unit_env(src, run_dir, cache_dir):
    env = {}
    for line in open(os.path.join(src, "kiosk", "mesokiosk.service")):
        if line.startswith("Environment="):
            k, v = line[len("Environment="):].strip().split("=", 1)
            env[k] = v.replace("%t", run_dir).replace("%C", cache_dir)
    return env


def one_start(binary, src, vmon, tmp):
    run_dir, cache = os.path.join(tmp, "run"), os.path.join(tmp, "cache")
    env = unit_env(src, run_dir, cache)
    rt = env["XDG_RUNTIME_DIR"]
    data, home, binp = os.path.join(tmp, "data"), os.path.join(tmp, "home"), os.path.join(tmp, "bin")
    for d in (run_dir, cache, rt, data, home, binp):
        os.makedirs(d, exist_ok=True)
    cage = shutil.which("cage")
    with open(os.path.join(binp, "cage"), "w") as f:
        f.write("#!/bin/sh\nLD_PRELOAD=%s exec %s \"$@\"\n" % (vmon, cage))
    os.chmod(os.path.join(binp, "cage"), 0o755)
    sock_path = os.path.join(tmp, "notify.sock")
    if os.path.exists(sock_path):
        os.unlink(sock_path)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(sock_path)
    os.chmod(sock_path, 0o666)
    as_user = []
    if os.getuid() == 0:
        for d in (run_dir, cache, rt, data, home):
            os.chown(d, 65534, 65534)
        os.chmod(tmp, 0o755)
        as_user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
    os.chmod(rt, 0o700)
    env.update(PATH=binp + ":/usr/bin:/bin", HOME=home, NOTIFY_SOCKET=sock_path,
               WLR_BACKENDS="headless", WLR_RENDERER="pixman", WLR_HEADLESS_OUTPUTS="1",
               WLR_LIBINPUT_NO_DEVICES="1", MK_TEST_OUTPUT="1920x1080")
    log = open(os.path.join(tmp, "session.log"), "w")
    t0 = time.monotonic()
    p = subprocess.Popen(as_user + [binary, "session", "--data", data], env=env,
                         stdout=log, stderr=subprocess.STDOUT)
    sock.settimeout(60)
    ready = float("nan")
    try:
        while True:
            msg = sock.recv(4096).decode(errors="replace")
            if "READY=1" in msg.split("\n"):
                ready = (time.monotonic() - t0) * 1000
                break
    except socket.timeout:
        pass
    time.sleep(1.0)  # the app settles; its peak memory is reached by now
    rss = float("nan")
    out = subprocess.run(["pgrep", "-f", "^%s --lockdown" % re.escape(binary)],
                         capture_output=True, text=True).stdout.split()
    if out:
        with open("/proc/%s/status" % out[0]) as f:
            m = re.search(r"VmHWM:\s+(\d+)", f.read())
            rss = int(m.group(1)) / 1024 if m else rss
    p.terminate()
    try:
        p.wait(15)
    except subprocess.TimeoutExpired:
        p.kill()
    sock.close()
    text = open(os.path.join(tmp, "session.log")).read()
    m = re.search(r"event=first-frame ms=([0-9.]+)", text)
    first = float(m.group(1)) if m else float("nan")
    return ready, first, rss


def run(binary, src, vmon, runs):
    if not shutil.which("cage"):
        return []
    ready, first, rss = [], [], []
    for _ in range(runs):
        tmp = tempfile.mkdtemp(prefix="mkbench-session")
        r, f, m = one_start(binary, src, vmon, tmp)
        shutil.rmtree(tmp, ignore_errors=True)
        ready.append(r)
        first.append(f)
        rss.append(m)
    return [
        ("cage session start to READY=1 (ms)", ready, "-"),
        ("  app start to first frame in cage (ms)", first, "-"),
        ("  app peak RSS in cage (MiB)", rss, "-"),
    ]
