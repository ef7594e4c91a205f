# SPDX-License-Identifier: MIT
"""The kiosk under a long random walk (see scripts/soak).

Usage: soak.py BUILD_DIR CONTENT MINUTES [--quiet]
Prints a table of RSS, open files and threads over the run, and the RSS
growth per hour fitted over its second half. As a module, run() returns
those figures (scripts/bench uses it).
"""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

PIN = "135792"


def pages(content):
    ids = []
    for name in sorted(os.listdir(os.path.join(content, "pages"))):
        with open(os.path.join(content, "pages", name), encoding="utf-8") as f:
            ids += re.findall(r'^page "([a-z0-9_-]+)"', f.read(), re.M)
    return ids


def journey():
    """Staff enrol a patient; the patient signs in, reports, looks, leaves."""
    s = ["hold 20,20 5.5", "type 1234", "tap OK", "tap Enrol a patient",
         "tap Thighs, grade 2: 12 sessions, once a week", "tap Enrol with this plan",
         f"type {PIN}", "tap OK", f"type {PIN}", "tap OK", "expect Your patient code",
         "copy patient-code", "tap Done", "expect Staff PIN", "type 1234", "tap OK",
         "tap Close staff mode",
         "tap My treatment course: sign in", "type-copied", "tap Next"]
    s += [f"tap {d}" for d in PIN] + ["tap OK", "tap I agree", "expect My course",
                                      "tap How do I feel", "tap Thighs", "tap Next"]
    s += ["tap No"] * 5 + ["tap Mild", "tap 1 to 2 days", "tap None", "tap Mild", "tap None",
                           "tap None"] + ["tap No"] * 7
    s += ["tap Next", "tap Save and send to the clinic", "expect Your answers are saved",
          "tap Done", "tap My progress", "swipe 0 -800", "idle 91", "idle 21",
          "expect Touch the screen to start", "tap @960,540"]
    return s


def wander(rng, ids):
    s = []
    for _ in range(rng.randint(3, 8)):
        r = rng.random()
        if r < 0.6:
            s.append(f"go {rng.choice(ids)}")
        elif r < 0.75:
            s.append(f"lang {rng.choice(['en', 'ar', 'fr'])}")
        elif r < 0.9:
            s.append(f"swipe 0 {rng.choice([-900, -400, 400])}")
        else:
            s.append("tap @960,540")
        s.append("wait 300")
    s += ["lang en", "idle 91", "idle 21", "tap @960,540"]
    return s


def script(path, content, loops, seed):
    rng = random.Random(seed)
    ids = pages(content)
    lines = ["wait 500"]
    for i in range(loops):
        lines += wander(rng, ids)
        if i % 2 == 0:
            lines += journey()
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def sample(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        st = f.read()
    rss = int(re.search(r"VmRSS:\s+(\d+)", st).group(1)) / 1024
    threads = int(re.search(r"Threads:\s+(\d+)", st).group(1))
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    return rss, fds, threads


def floor(rows, window=20):
    """(t, least RSS) per window of seconds: a sign-in's Argon2id takes
    64 MiB for a moment and gives it back; what stays is the floor."""
    out = {}
    for t, rss, _, _ in rows:
        k = int(t // window)
        if k not in out or rss < out[k][1]:
            out[k] = (t, rss)
    return [out[k] for k in sorted(out)]


def slope_per_hour(points):
    """Least-squares slope of (seconds, MiB) and its standard error, both
    in MiB per hour: the floor wanders by a few MiB as the allocator and
    SQLite's cache settle, so a slope means something only beside its
    error."""
    n = len(points)
    if n < 3:
        return 0.0, 0.0
    mx = sum(t for t, _ in points) / n
    my = sum(v for _, v in points) / n
    den = sum((t - mx) ** 2 for t, _ in points)
    if den == 0:
        return 0.0, 0.0
    b = sum((t - mx) * (v - my) for t, v in points) / den
    res = sum((v - my - b * (t - mx)) ** 2 for t, v in points)
    return b * 3600, (res / (n - 2) / den) ** 0.5 * 3600


def collector_up(col, work, port, log):
    return subprocess.Popen([col, "serve", "--listen", f"127.0.0.1:{port}", "--db",
                             f"{work}/collector.db", "--key", f"{work}/clinic.key",
                             "--insecure-cookies"], stdout=log, stderr=log)


def run(build, content, minutes, quiet=False):
    kiosk = os.path.join(build, "src/app/mesokiosk")
    col = os.path.join(build, "src/collector/mesokiosk-collector")
    work = tempfile.mkdtemp(prefix="mksoak.")
    live = os.path.join(work, "content")
    shutil.copytree(content, live)
    port = 18000 + os.getpid() % 2000
    log = open(os.path.join(work, "soak.log"), "w", encoding="utf-8")
    subprocess.run([kiosk, "keygen", f"{work}/clinic"], check=True, stdout=subprocess.DEVNULL)
    conf = os.path.join(work, "kiosk.conf")
    subprocess.run([kiosk, "--set-staff-pin", "--config", conf], input=b"1234\n", check=True,
                   stderr=subprocess.DEVNULL)
    token = subprocess.run([col, "add-kiosk", "Soak", "--db", f"{work}/collector.db"],
                           check=True, capture_output=True, text=True).stdout
    token = re.search(r"token:\s*(\S+)", token).group(1)
    with open(conf, "a", encoding="utf-8") as f:
        f.write(f"clinic_public_key = {work}/clinic.pub\n"
                f"collector_url = http://127.0.0.1:{port}\ncollector_token = {token}\n")
    drive = os.path.join(work, "soak.drive")
    script(drive, content, max(4, int(minutes * 40)), 15)
    env = dict(os.environ, MK_TEST_CLOCK_SYNC="1")
    server = collector_up(col, work, port, log)
    proc = subprocess.Popen([kiosk, "--headless", "--windowed", "1920x1080", "--config", conf,
                             "--data", f"{work}/data", "--content", live, "--drive", drive],
                            stdout=log, stderr=log, env=env)
    t0 = time.monotonic()
    rows, last_edit, last_outage, edits, outages = [], t0, t0, 0, 0
    page = os.path.join(live, "pages", sorted(os.listdir(os.path.join(live, "pages")))[0])
    try:
        while proc.poll() is None and time.monotonic() - t0 < minutes * 60:
            time.sleep(2)
            now = time.monotonic()
            if proc.poll() is None:
                rows.append((now - t0,) + sample(proc.pid))
            if now - last_edit > 20:  # staff save a page: a hot reload
                with open(page, "a", encoding="utf-8") as f:
                    f.write(f"-- edit {edits}\n")
                edits, last_edit = edits + 1, now
            if now - last_outage > 45:  # the clinic goes away, then comes back
                if server.poll() is None:
                    server.terminate()
                    server.wait()
                else:
                    server = collector_up(col, work, port, log)
                outages, last_outage = outages + 1, now
        walked = proc.poll() is None or proc.returncode == 0
        if proc.poll() is None:  # a driven kiosk does not stop on SIGTERM
            proc.kill()
            proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
        server.terminate()
        log.close()
    low = floor(rows)
    half = [(t, r) for t, r in low if t >= rows[-1][0] / 2] if rows else []
    result = {
        "minutes": (rows[-1][0] if rows else 0) / 60, "samples": len(rows), "walked": walked,
        "rss_first": rows[0][1] if rows else 0, "rss_last": rows[-1][1] if rows else 0,
        "rss_max": max((r for _, r, _, _ in rows), default=0),
        "growth": slope_per_hour(half)[0] if len(half) >= 4 else None,
        "growth_se": slope_per_hour(half)[1] if len(half) >= 4 else None,
        "fds": (rows[0][2], rows[-1][2], max(f for _, _, f, _ in rows)) if rows else (0, 0, 0),
        "threads": (rows[0][3], rows[-1][3], max(t for _, _, _, t in rows)) if rows else (0, 0, 0),
        "edits": edits, "outages": outages, "work": work,
    }
    with open(os.path.join(work, "soak.log"), encoding="utf-8") as f:
        text = f.read()
    for k in ("patient-enrolled", "report-saved", "content-reloaded", "idle-reset"):
        result[k] = text.count(f"event={k} ")
    if not walked:
        result["tail"] = [l for l in text.splitlines() if "level=info" not in l][-15:]
    else:
        shutil.rmtree(work, ignore_errors=True)
    if not quiet:
        report(result)
    return result


def report(r):
    print(f"soak: {r['minutes']:.1f} min, {r['samples']} samples, {r['edits']} content edits, "
          f"{r['outages']} collector outages or returns")
    print(f"the walk: {r['patient-enrolled']} patients enrolled, {r['report-saved']} reports saved, "
          f"{r['content-reloaded']} hot reloads, {r['idle-reset']} idle resets")
    print("| measure | first | last | max |")
    print("| --- | --- | --- | --- |")
    print(f"| RSS (MiB) | {r['rss_first']:.1f} | {r['rss_last']:.1f} | {r['rss_max']:.1f} |")
    print(f"| open files | {r['fds'][0]} | {r['fds'][1]} | {r['fds'][2]} |")
    print(f"| threads | {r['threads'][0]} | {r['threads'][1]} | {r['threads'][2]} |")
    if r["growth"] is None:
        print("RSS growth: too short a run to say (5 minutes or more)")
    else:
        print(f"RSS growth over the second half (least RSS per 20 s): {r['growth']:+.2f} "
              f"± {2 * r['growth_se']:.2f} MiB per hour (two standard errors)")
    if not r["walked"]:
        print("the walk stopped early:")
        print("\n".join(r.get("tail", [])))
        print(f"(everything kept in {r['work']})")


def main():
    build, content, minutes = sys.argv[1], sys.argv[2], float(sys.argv[3])
    r = run(build, content, minutes)
    flat = r["fds"][2] - r["fds"][0] <= 4 and r["threads"][2] - r["threads"][0] <= 4
    # Growth passes when what is left after the noise is under 8 MiB an
    # hour: a real leak of tens of MiB an hour stands out in 10 minutes.
    grew = (r["growth"] or 0) - 2 * (r["growth_se"] or 0)
    ok = r["walked"] and flat and grew < 8 and r["report-saved"] > 0
    print("soak: " + ("passed" if ok else "FAILED"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
