# SPDX-License-Identifier: MIT
"""Collector benchmarks for scripts/bench (imported by bench.py).

Ingestion: 20 simulated kiosks at once (tests/collector/bench_ingest.c, one
thread and token each) POST batches of 50 records to a real
mesokiosk-collector on loopback, against SQLite and against a PostgreSQL
server started for the run (tests/collector/pg_server.sh); records per
second accepted; and the same 20 kiosks per collector against two
collectors serving one PostgreSQL database at once (README, "Several
collectors, one PostgreSQL"), all records over the slower one's time. Drain: a kiosk store with 10,000 reports in its outbox (a
week offline) and the real outbox worker (tests/collector/bench_drain.c);
seconds until the outbox is empty. Sign-in: the first unknown user name
after start against a wrong password for a real user, on a fresh collector
(one POST /signin each, the form's token from GET /signin first); a ratio
near 1 means the time of an attempt does not tell names apart. Export: the
FHIR export of a report with 2,000 answer keys, and of 500 reports of 48
new keys each (tests/collector/bench_export.c); seconds.
"""
import http.client, os, re, socket, subprocess, tempfile, time


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def serve(col, db, tmp):
    port = free_port()
    log = open(os.path.join(tmp, "collector.log"), "a")
    p = subprocess.Popen([col, "serve", "--listen", "127.0.0.1:%d" % port, "--db", db],
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
    ]
