# SPDX-License-Identifier: MIT
"""Collector benchmarks for scripts/bench (imported by bench.py).

Ingestion: 20 simulated kiosks at once (tests/collector/bench_ingest.c, one
thread and token each) POST batches of 50 records to a real
mesokiosk-collector on loopback, against SQLite and against a PostgreSQL
server started for the run (tests/collector/pg_server.sh); records per
second accepted; and the same 20 kiosks per collector against two
collectors serving one PostgreSQL database at once (README, "Several
collectors, one PostgreSQL"), all records over the slower one's time.
Drain: a kiosk store with 10,000 reports in its outbox (a week offline)
and the real outbox worker (tests/collector/bench_drain.c);
seconds until the outbox is empty. Sign-in: the first unknown user name
after start against a wrong password for a real user, on a fresh collector
(one POST /signin each, the form's token from GET /signin first); a ratio
near 1 means the time of an attempt does not tell names apart. Export: the
FHIR export of a report with 2,000 answer keys, and of 500 reports of 48
new keys each (tests/collector/bench_export.c); seconds.

Clinic: a clinic of 10,000 patients, 1,000,000 records and 50 kiosks made up
straight in the database (tests/collector/bench_clinic.c), on SQLite and on
PostgreSQL; the p99 of every dashboard page signed in, idle and while 20
kiosks ingest at full speed (bench_ingest), the ingestion rate meanwhile and
its failed batches, one patient's FHIR export over HTTP, the whole
clinic's FHIR export by the command line with its peak RSS (/usr/bin/time -v),
and the same bundle downloaded from the dashboard with the collector's peak
RSS meanwhile (VmHWM, reset just before through /proc/PID/clear_refs).
scripts/bench_collector.py clinic BUILD SRC [PATIENTS RECORDS] runs only this
part (a smaller clinic for a quick run, e.g. 1000 100000).

Content: a 45 MiB content bundle (three files of random bytes, `mesokiosk
bundle`) published, approved and rolled out with the command line, then
downloaded by a kiosk's token (GET /api/v1/content/1) from a collector on
SQLite: seconds, and the collector's peak RSS meanwhile (VmHWM, reset
first), which stays far below the bundle's size since it is sent a slice
at a time. The same for a package bundle of a 100 MiB stand-in .deb
(`mesokiosk bundle-package`, publish-package, GET /api/v1/package/1).
scripts/bench_collector.py content BUILD runs only this part, `package
BUILD` only the package's.
Preview: `mesokiosk-collector vet` on the shipped guide (every page, 3
languages, 2 orientations, the contact sheet) with the kiosk's own binary in
its sandbox; seconds, and the peak RSS of the kiosk child.
scripts/bench_collector.py vet BUILD SRC [RUNS] runs only this part.

Approve to screen: the end-to-end rollout test (tests/collector/
rollout_e2e.sh) with a 10 s heartbeat: from a second publisher's approval
to the new content on a kiosk's screen. scripts/bench_collector.py approve
BUILD SRC [RUNS] runs only this part.
"""
import http.client, os, re, shutil, socket, subprocess, sys, tempfile, threading, time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def serve(col, db, tmp, key=None):
    port = free_port()
    log = open(os.path.join(tmp, "collector.log"), "a")
    p = subprocess.Popen([col, "serve", "--listen", "127.0.0.1:%d" % port, "--db", db,
                          "--insecure-cookies"] + (["--key", key] if key else []),
                         stderr=log, stdout=log)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return p, "http://127.0.0.1:%d" % port
        except OSError:
            time.sleep(0.1)
    p.kill()
    raise SystemExit("bench: the collector did not start (see %s)" % log.name)


def tokens(col, db, n, path):
    with open(path, "w") as f:
        for i in range(n):
            out = subprocess.run([col, "add-kiosk", "bench-%d" % i, "--db", db], check=True,
                                 capture_output=True, text=True).stdout
            f.write(re.search(r"^token: *(\S+)", out, re.M).group(1) + "\n")


def value(text, key):
    m = re.search(r"\b%s=([0-9.]+)" % key, text)
    if not m:
        raise SystemExit("bench: no %s in:\n%s" % (key, text))
    return float(m.group(1))


def ingest(col, tool, db, tmp, batches=20):
    tok = os.path.join(tmp, "tokens")
    tokens(col, db, 20, tok)
    p, url = serve(col, db, tmp)
    try:
        out = subprocess.run([tool, url, tok, str(batches)], capture_output=True, text=True,
                             timeout=600)
    finally:
        p.terminate()
        p.wait()
    if out.returncode != 0:
        raise SystemExit("bench: ingest failed:\n" + out.stdout + out.stderr)
    return value(out.stdout, "per_second")


def ingest_two(col, tool, db, tmp, batches=20):
    """Two collectors on one database, 20 kiosks each at once: records/s in all."""
    procs, outs = [], []
    try:
        for side in ("a", "b"):
            tok = os.path.join(tmp, "tokens-" + side)
            tokens(col, db, 20, tok)
            procs.append(serve(col, db, tmp) + (tok,))
        runs = [subprocess.Popen([tool, url, tok, str(batches)], stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True) for _, url, tok in procs]
        for r in runs:
            outs.append(r.communicate(timeout=600)[0])
            if r.returncode != 0:
                raise SystemExit("bench: ingest over two collectors failed:\n" + outs[-1])
    finally:
        for p, _, _ in procs:
            p.terminate()
            p.wait()
    records = sum(value(o, "records") for o in outs)
    return records / max(value(o, "seconds") for o in outs)


def drain(col, tool, db, tmp, n=10000):
    tok = os.path.join(tmp, "drain-token")
    tokens(col, db, 1, tok)
    p, url = serve(col, db, tmp)
    try:
        out = subprocess.run([tool, url, open(tok).read().strip(), str(n)], capture_output=True,
                             text=True, timeout=900)
    finally:
        p.terminate()
        p.wait()
    if out.returncode != 0:
        raise SystemExit("bench: drain failed:\n" + out.stdout + out.stderr)
    return value(out.stdout, "seconds")


def signin_ms(url, name, password):
    host = url.split("//", 1)[1]
    c = http.client.HTTPConnection(host, timeout=30)
    c.request("GET", "/signin")
    r = c.getresponse()
    body = r.read().decode()
    pre = re.search(r'name="pre" value="([0-9a-f]+)"', body).group(1)
    form = "pre=%s&name=%s&password=%s" % (pre, name, password)
    t0 = time.monotonic()
    c.request("POST", "/signin", form, {"Cookie": "mk_pre=" + pre,
                                        "Content-Type": "application/x-www-form-urlencoded"})
    c.getresponse().read()
    ms = (time.monotonic() - t0) * 1000
    c.close()
    return ms


def unknown_name(col, db, tmp):
    subprocess.run([col, "add-user", "alice", "--db", db], input="correct horse battery\n",
                   check=True, capture_output=True, text=True)
    p, url = serve(col, db, tmp)
    try:
        first = signin_ms(url, "nobody", "whatever-it-is")
        known = signin_ms(url, "alice", "not-her-password")
    finally:
        p.terminate()
        p.wait()
    return first / known
def export(tool, reports=500):
    """FHIR export seconds: one report of 2,000 answer keys (left out), and
    then REPORTS reports of 48 new keys each (one Questionnaire of 24,000
    items): tests/collector/bench_export.c."""
    out = subprocess.run([tool, str(reports)], capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise SystemExit("bench: export failed:\n" + out.stdout + out.stderr)
    return value(out.stdout, "wide_seconds"), value(out.stdout, "many_seconds")


def p99(ms):
    ms = sorted(ms)
    return ms[min(len(ms) - 1, int(len(ms) * 0.99))]


class Dashboard:
    """GETs dashboard pages on one kept-alive connection, signed in."""

    def __init__(self, url, sid):
        self.host = url.split("//")[1]
        self.cookie = "mk_sid=" + sid
        self.c = http.client.HTTPConnection(self.host, timeout=120)

    def get(self, path):
        t = time.monotonic()
        self.c.request("GET", path, headers={"Cookie": self.cookie})
        r = self.c.getresponse()
        body = r.read()
        ms = (time.monotonic() - t) * 1000
        if r.status != 200:
            raise SystemExit("bench: GET %s answered %d" % (path, r.status))
        return ms, body


def code(k):
    """bench_clinic's code of patient k."""
    a = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "G" + "".join(a[k // 31 ** i % 31] for i in range(6, -1, -1))


def pages(patients):
    mid = code(patients // 2)
    return [("alerts", "/alerts"), ("patients", "/patients"),
            ("patients, last page", "/patients?page=%d" % ((patients + 49) // 50)),
            ("patients, code search", "/patients?code=" + code(patients // 4)[:6]),
            ("patients, open alerts", "/patients?alerts=open"),
            ("patients, kiosk and day", "/patients?kiosk=KIOSK&date=DAY"),
            ("one patient", "/patients/" + mid), ("kiosks", "/kiosks"), ("audit", "/audit"),
            ("export form", "/export")]


def measure(d, paths, n, until=None):
    """p99 ms of each path: GETs of every path in turn, n rounds, or as
    many rounds as fit until until() is true."""
    ms = {name: [] for name, _ in paths}
    rounds = 0
    while (until is None and rounds < n) or (until is not None and not until()):
        for name, path in paths:
            ms[name].append(d.get(path)[0])
        rounds += 1
    if rounds < n:
        print("bench: only %d rounds of pages while the kiosks sent" % rounds, file=sys.stderr)
    return {name: p99(v) for name, v in ms.items() if v}


def first_kiosk(d):
    body = d.get("/patients")[1].decode()
    return re.search(r'<option value="(kiosk-[0-9a-f]+)"', body).group(1)


def whole_export(col, db, key, tmp):
    out = os.path.join(tmp, "all.json")
    r = subprocess.run(["/usr/bin/time", "-v", col, "export", "--key", key, "--db", db,
                        "--format", "fhir", "--out", out], capture_output=True, text=True,
                       timeout=3600)
    if r.returncode != 0:
        raise SystemExit("bench: export failed:\n" + r.stderr)
    rss = float(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    m = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([0-9.]+)", r.stderr)
    secs = float(m.group(1) or 0) * 3600 + float(m.group(2)) * 60 + float(m.group(3))
    size = os.path.getsize(out)
    os.unlink(out)
    return rss / 1024, secs, size / 2**20


def dashboard_download(d, pid):
    """The whole clinic's FHIR bundle from the dashboard's Export, read as it
    comes: the collector's peak RSS meanwhile (VmHWM, reset first through
    /proc/PID/clear_refs), in MiB, the seconds and the MiB received."""
    try:
        with open("/proc/%d/clear_refs" % pid, "w") as f:
            f.write("5")
    except OSError:
        print("bench: cannot reset the collector's peak RSS", file=sys.stderr)
    t = time.monotonic()
    d.c.request("GET", "/export?format=fhir", headers={"Cookie": d.cookie})
    r = d.c.getresponse()
    size = 0
    while True:
        chunk = r.read(1 << 20)
        if not chunk:
            break
        size += len(chunk)
    secs = time.monotonic() - t
    if r.status != 200:
        raise SystemExit("bench: the dashboard's export answered %d" % r.status)
    with open("/proc/%d/status" % pid) as f:
        hwm = float(re.search(r"^VmHWM:\s*(\d+) kB", f.read(), re.M).group(1))
    return hwm / 1024, secs, size / 2**20


def clinic(build, src, db, tmp, patients, records, n=40):
    """One generated clinic in db, measured; returns {row: value}."""
    col = os.path.join(build, "src/collector/mesokiosk-collector")
    gen = os.path.join(build, "tests/collector/bench_clinic")
    ing = os.path.join(build, "tests/collector/bench_ingest")
    key = os.path.join(tmp, "clinic")
    if not os.path.exists(key + ".key"):
        subprocess.run([col, "keygen", key], check=True, capture_output=True)
    out = subprocess.run([gen, db, key + ".pub", tmp, str(patients), str(records), "50"],
                         capture_output=True, text=True, timeout=7200)
    if out.returncode != 0:
        raise SystemExit("bench: bench_clinic failed:\n" + out.stdout + out.stderr)
    res = {"made up (records/s)": value(out.stdout, "per_second")}
    # Before the kiosks send: their made-up records are not sealed to the key.
    rss, secs, mib = whole_export(col, db, key + ".key", tmp)
    res["whole-clinic FHIR export (s)"] = secs
    res["whole-clinic FHIR export peak RSS (MiB)"] = rss
    res["whole-clinic FHIR export size (MiB)"] = mib
    p, url = serve(col, db, tmp, key + ".key")
    try:
        d = Dashboard(url, open(os.path.join(tmp, "cookie")).read().strip())
        day = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 200 * 86400))
        paths = [(a, b.replace("KIOSK", first_kiosk(d)).replace("DAY", day))
                 for a, b in pages(patients)]
        for name, ms in measure(d, paths, n).items():
            res["page %s idle p99 (ms)" % name] = ms
        one = "/export?format=fhir&patient=" + code(patients // 3)
        res["FHIR export, one patient p99 (ms)"] = measure(d, [("x", one)], n // 2)["x"]
        rss, secs, mib = dashboard_download(d, p.pid)
        res["dashboard whole-clinic FHIR download (s)"] = secs
        res["dashboard whole-clinic FHIR download, collector peak RSS (MiB)"] = rss
        tok = os.path.join(tmp, "tokens20")
        with open(os.path.join(tmp, "tokens")) as f, open(tok, "w") as t:
            t.writelines(f.readlines()[:20])
        ingest = subprocess.Popen([ing, url, tok, "60"], stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
        busy = measure(d, paths, n, until=lambda: ingest.poll() is not None)
        text = ingest.communicate(timeout=1800)[0]
        for name, ms in busy.items():
            res["page %s under ingest p99 (ms)" % name] = ms
        res["ingest meanwhile, 20 kiosks (rec/s)"] = value(text, "per_second")
        res["ingest meanwhile, failed batches"] = value(text, "failed_batches")
    finally:
        p.terminate()
        p.wait()
    return res


TARGETS = {"idle p99": "<= 200", "under ingest p99": "<= 500", "one patient p99": "<= 100",
           "meanwhile, 20": ">= 3000 (SQLite)", "failed": "0"}


def clinic_rows(build, src, patients=10000, records=1000000):
    """The clinic rows on SQLite and PostgreSQL: (name, [value], target)."""
    pg = os.path.join(src, "tests/collector/pg_server.sh")
    tmp = tempfile.mkdtemp(prefix="mkbenchclinic")
    pgdir = os.path.join(tmp, "pg")
    subprocess.run([pg, "start", pgdir], check=True, capture_output=True)
    try:
        sq = clinic(build, src, os.path.join(tmp, "clinic.db"), tmp, patients, records)
        pq = clinic(build, src, open(os.path.join(pgdir, "uri")).read().strip(), tmp, patients,
                    records)
    finally:
        subprocess.run([pg, "stop", pgdir], capture_output=True)
    rows = []
    for backend, res in (("SQLite", sq), ("PostgreSQL", pq)):
        for name, v in res.items():
            target = next((t for k, t in TARGETS.items() if k in name), "-")
            rows.append(("clinic %d/%d, %s: %s" % (patients, records, backend, name), [v],
                         target))
    return rows


SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def bundle_file(kiosk, d, mkb, package):
    """A 45 MiB content bundle (the shipped guide and three pictures' worth
    of random bytes, so publish's check passes) or a package bundle of a
    100 MiB stand-in .deb, signed, at mkb."""
    folder = os.path.join(d, "folder")
    if package:
        os.mkdir(folder)
    else:
        shutil.copytree(os.path.join(SRC, "assets/content"), folder)
        os.mkdir(os.path.join(folder, "media"))
    kind = "--software" if package else "--content"
    for who in ("pub", "col"):
        subprocess.run([kiosk, "keygen", kind, os.path.join(d, who)], check=True,
                       capture_output=True)
    if package:
        deb = os.path.join(folder, "mesokiosk_0.2.0+5.gabc1234_amd64.deb")
        with open(deb, "wb") as f:
            f.write(os.urandom(100 << 20))
        cmd = [kiosk, "bundle-package", deb]
    else:
        for i in range(3):
            with open(os.path.join(folder, "media", "picture-%d.png" % i), "wb") as f:
                f.write(os.urandom(15 << 20))
        cmd = [kiosk, "bundle", folder]
    subprocess.run(cmd + [mkb, "--key", os.path.join(d, "pub.key"), "--version", "1"],
                   check=True, capture_output=True)


def content_download(build, tmp, package=False):
    """(seconds, collector peak RSS MiB, MiB received) for one content
    bundle, or one package bundle (GET /api/v1/package/1)."""
    col = os.path.join(build, "src/collector/mesokiosk-collector")
    kiosk = os.path.join(build, "src/app/mesokiosk")
    d = tempfile.mkdtemp(prefix="content", dir=tmp)
    db, mkb = (os.path.join(d, n) for n in ("c.db", "c.mkb"))
    bundle_file(kiosk, d, mkb, package)
    conf = os.path.join(d, "collector.conf")
    with open(conf, "w") as f:
        f.write("db = %s\n%s = %s/pub.pub, %s/col.pub\nkiosk_binary = %s\npreviews = %s/previews\n"
                % (db, "software_keys" if package else "content_keys", d, d, kiosk, d))
    tok = os.path.join(d, "token")
    tokens(col, db, 1, tok)
    for name in ("ana", "ben"):
        subprocess.run([col, "add-user", name, "--publisher", "--config", conf], check=True,
                       capture_output=True, input=name + "'s long password\n", text=True)
    pkg = ["--package"] if package else []
    for args in (["publish-package" if package else "publish", mkb, "--as", "ana"],
                 ["approve", "1", "--as", "ben"] + pkg, ["rollout", "1", "all"] + pkg):
        subprocess.run([col] + args + ["--config", conf], check=True, capture_output=True)
    p, url = serve(col, db, tmp)
    try:
        with open("/proc/%d/clear_refs" % p.pid, "w") as f:
            f.write("5")
        c = http.client.HTTPConnection(url.split("//")[1], timeout=600)
        t = time.monotonic()
        c.request("GET", "/api/v1/%s/1" % ("package" if package else "content"),
                  headers={"Authorization": "Bearer " + open(tok).read().strip()})
        r = c.getresponse()
        size = 0
        while True:
            chunk = r.read(1 << 20)
            if not chunk:
                break
            size += len(chunk)
        secs = time.monotonic() - t
        if r.status != 200 or size != os.path.getsize(mkb):
            raise SystemExit("bench: the content download answered %d, %d bytes" % (r.status, size))
        with open("/proc/%d/status" % p.pid) as f:
            hwm = float(re.search(r"^VmHWM:\s*(\d+) kB", f.read(), re.M).group(1))
    finally:
        p.terminate()
        p.wait()
    subprocess.run(["rm", "-rf", d])
    return secs, hwm / 1024, size / 2**20


def content_rows(build, runs=3, kinds=("content", "package")):
    tmp = tempfile.mkdtemp(prefix="mkbenchcontent")
    rows = []
    for kind in kinds:
        res = [content_download(build, tmp, kind == "package") for _ in range(runs)]
        rows += [
            ("%s download by a kiosk, a %.0f MiB bundle, SQLite (s)" % (kind, res[0][2]),
             [r[0] for r in res], "-"),
            ("%s download: the collector's peak RSS meanwhile (MiB)" % kind,
             [r[1] for r in res], "-"),
        ]
    subprocess.run(["rm", "-rf", tmp])
    return rows


def run(build, src, runs):
    """Returns rows (name, values, target) for bench.py's table."""
    col = os.path.join(build, "src/collector/mesokiosk-collector")
    ing = os.path.join(build, "tests/collector/bench_ingest")
    drn = os.path.join(build, "tests/collector/bench_drain")
    exp = os.path.join(build, "tests/collector/bench_export")
    pg = os.path.join(src, "tests/collector/pg_server.sh")
    tmp = tempfile.mkdtemp(prefix="mkbenchcol")
    sq, pq, p2, dr, un, wide, many = [], [], [], [], [], [], []
    pgdir = os.path.join(tmp, "pg")
    subprocess.run([pg, "start", pgdir], check=True, capture_output=True)
    try:
        base = open(os.path.join(pgdir, "uri")).read().strip()
        for r in range(runs):
            sq.append(ingest(col, ing, os.path.join(tmp, "ingest%d.db" % r), tmp))
            name = "mk_bench_%d" % r
            subprocess.run(["psql", "-q", base, "-c", "DROP DATABASE IF EXISTS %s" % name], check=True,
                           capture_output=True)
            subprocess.run(["psql", "-q", base, "-c", "CREATE DATABASE %s" % name], check=True,
                           capture_output=True)
            pq.append(ingest(col, ing, base.rsplit("/", 1)[0] + "/" + name, tmp))
            name2 = name + "_two"
            subprocess.run(["psql", "-q", base, "-c", "DROP DATABASE IF EXISTS %s" % name2],
                           check=True, capture_output=True)
            subprocess.run(["psql", "-q", base, "-c", "CREATE DATABASE %s" % name2], check=True,
                           capture_output=True)
            p2.append(ingest_two(col, ing, base.rsplit("/", 1)[0] + "/" + name2, tmp))
            dr.append(drain(col, drn, os.path.join(tmp, "drain%d.db" % r), tmp))
            un.append(unknown_name(col, os.path.join(tmp, "signin%d.db" % r), tmp))
            w, m = export(exp)
            wide.append(w)
            many.append(m)
    finally:
        subprocess.run([pg, "stop", pgdir], capture_output=True)
    return [
        ("collector ingest, 20 kiosks, SQLite (rec/s)", sq, "-"),
        ("collector ingest, 20 kiosks, PostgreSQL (rec/s)", pq, "-"),
        ("collector ingest, 2 collectors x 20 kiosks, one PostgreSQL (rec/s)", p2, "-"),
        ("kiosk drains 10,000 records (s)", dr, "-"),
        ("collector sign-in: first unknown name / wrong password (ratio)", un, "<= 1.2"),
        ("FHIR export, a report of 2,000 answer keys (s)", wide, "-"),
        ("FHIR export, 500 reports of 48 new keys each (s)", many, "-"),
    ] + content_rows(build, min(runs, 3)) + clinic_rows(build, src)


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] in ("content", "package"):
    kinds = ("content", "package") if sys.argv[1] == "content" else ("package",)
    for name, v, target in content_rows(sys.argv[2], kinds=kinds):
        print("%-78s %10.1f   %s" % (name, sorted(v)[len(v) // 2], target))


def vet_rows(build, src, runs):
    """The dashboard's preview of the shipped guide: `mesokiosk-collector vet`
    renders every page in 3 languages and 2 orientations with the kiosk's own
    binary in its sandbox, plus the contact sheet; the render time it reports
    and the kiosk child's peak RSS (wait4's ru_maxrss, as /usr/bin/time -v
    shows it), medians over runs."""
    kiosk = os.path.join(build, "src/app/mesokiosk")
    col = os.path.join(build, "src/collector/mesokiosk-collector")
    tmp = tempfile.mkdtemp(prefix="mkbenchvet")
    subprocess.run([kiosk, "keygen", "--content", os.path.join(tmp, "ck")], check=True, capture_output=True)
    bundle = os.path.join(tmp, "guide.mkb")
    subprocess.run([kiosk, "bundle", os.path.join(src, "assets/content"), bundle, "--key",
                    os.path.join(tmp, "ck.key"), "--version", "1"], check=True, capture_output=True)
    secs, rss, shots = [], [], 0
    for r in range(runs):
        out = subprocess.run([col, "vet", bundle, os.path.join(tmp, "p%d" % r), "--keys",
                              os.path.join(tmp, "ck.pub"), "--kiosk-bin", kiosk],
                             check=True, capture_output=True, text=True).stdout
        m = re.search(r"preview: \d+ pages, (\d+) pictures in .* \(([\d.]+) s, the kiosk's peak memory "
                      r"([\d.]+) MiB\)", out)
        shots, secs, rss = int(m.group(1)), secs + [float(m.group(2))], rss + [float(m.group(3))]
    subprocess.run(["rm", "-rf", tmp])
    return [
        ("preview of the shipped guide, %d pictures + sheet (s)" % shots, secs, "-"),
        ("  peak RSS of the kiosk drawing it (MiB)", rss, "-"),
    ]


def approve_rows(build, src, runs):
    """Approve to screen: tests/collector/rollout_e2e.sh with the kiosks'
    heartbeat_s at 10, the real collector and two real kiosks: seconds from
    a second publisher's approval of version 2 (then `rollout 2 kiosk ID`)
    to kiosk one's log line content-bundle-shown for it. One heartbeat
    period is the most a kiosk waits to hear of it; download, check,
    unpack and the switch at the attract screen follow."""
    script = os.path.join(src, "tests/collector/rollout_e2e.sh")
    secs = []
    for _ in range(runs):
        p = subprocess.run(["bash", script, os.path.join(build, "src/collector/mesokiosk-collector"),
                            os.path.join(build, "src/app/mesokiosk"), os.path.join(src, "assets/content")],
                           capture_output=True, text=True, env=dict(os.environ, MK_E2E_HEARTBEAT="10"),
                           timeout=900)
        m = re.search(r"approve to screen: ([\d.]+) s", p.stdout)
        if p.returncode != 0 or not m:
            sys.exit("bench: rollout_e2e.sh failed:\n" + p.stdout[-2000:] + p.stderr[-2000:])
        secs.append(float(m.group(1)))
    return [("content approved to a kiosk's screen, heartbeat 10 s (s)", secs, "<= 15")]


if __name__ == "__main__" and len(sys.argv) in (4, 5) and sys.argv[1] == "approve":
    for name, v, target in approve_rows(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) == 5 else 3):
        print("%-60s %8.2f %8.2f %8.2f %4d %s" % (name, sorted(v)[len(v) // 2], min(v), max(v), len(v), target))

if __name__ == "__main__" and len(sys.argv) in (4, 5) and sys.argv[1] == "vet":
    for name, v, target in vet_rows(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) == 5 else 3):
        print("%-60s %8.2f %8.2f %8.2f %4d %s" % (name, sorted(v)[len(v) // 2], min(v), max(v), len(v), target))

if __name__ == "__main__" and len(sys.argv) in (4, 6) and sys.argv[1] == "clinic":
    size = [int(a) for a in sys.argv[4:6]] or [10000, 1000000]
    for name, v, target in clinic_rows(sys.argv[2], sys.argv[3], *size):
        print("%-78s %10.1f   %s" % (name, v[0], target))
