# SPDX-License-Identifier: MIT
"""Benchmarks for the kiosk, run by scripts/bench.

Patient tracking: the sign-in time (dominated by Argon2id at the kiosk's
cost, STORE_PIN_COST: 3 passes over 128 MiB), the time to save a report
durably (encrypt, one SQLite transaction with synchronous=FULL), and the
time to lay out and draw My progress for a 25-session course; for photos,
the time to store a 12 MP JPEG (decode, thumbnail, SHA-256, encrypt,
write and fsync), the peak memory while doing it, and the time to open
the timeline of 25 photos (decrypting their thumbnails).

Every measurement runs the real binary headless at 1920x1080 with the
software renderer, several times; the table shows the median (and the
spread) next to the target from the issue. Nothing here asserts: numbers
are for people to read and compare between commits.
"""
import os, re, shutil, statistics, subprocess, sys, tempfile, time

BIN, CONTENT, RUNS = sys.argv[1], sys.argv[2], int(sys.argv[3])
BUILD, SRC = sys.argv[4], sys.argv[5]
# "kiosk": only the kiosk's own rows (a quick comparison between commits);
# "all" adds the collector, the soak and the real session.
PART = sys.argv[6] if len(sys.argv) > 6 else "all"
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_collector  # noqa: E402
import bench_session  # noqa: E402
import soak  # noqa: E402
TMP = tempfile.mkdtemp(prefix="mkbench")
os.chmod(TMP, 0o755)  # the kiosk session runs as nobody and reads the content here
ENV = dict(os.environ, XDG_CONFIG_HOME=TMP, SDL_VIDEODRIVER="dummy")


def kiosk(args, **kw):
    return [BIN, "--headless", "--windowed", "1920x1080", "--data", os.path.join(TMP, "data")] + args


def drive(script, content=CONTENT, extra=()):
    path = os.path.join(TMP, "bench.drive")
    with open(path, "w") as f:
        f.write(script)
    p = subprocess.run(kiosk(["--content", content, "--drive", path] + list(extra)), env=ENV,
                       capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        sys.exit("bench: kiosk failed:\n" + p.stderr[-2000:])
    return p.stdout, p.stderr


def field(text, event, key):
    """key=value from the line of a log event, or of a driver report."""
    m = re.search(r"(?:event=|^)%s .*?%s=([0-9.]+)" % (event, key), text, re.M)
    return float(m.group(1)) if m else float("nan")


def last_field(text, event, key):
    """The same from the last such line (a later event of several)."""
    m = re.findall(r"(?:event=|^)%s .*?%s=([0-9.]+)" % (event, key), text, re.M)
    return float(m[-1]) if m else float("nan")


def long_content():
    """The shipped content plus a long page as the start page."""
    d = os.path.join(TMP, "long")
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(CONTENT, d)
    man = open(os.path.join(d, "manifest.lua")).read()
    man = re.sub(r'start\s*=\s*"[^"]*"', 'start = "bench-long"', man)
    open(os.path.join(d, "manifest.lua"), "w").write(man)
    langs = re.search(r"languages\s*=\s*{([^}]*)}", man).group(1)
    codes = re.findall(r'"([a-z]+)"', langs)
    t = lambda s: "{ " + ", ".join('%s = "%s"' % (c, s) for c in codes) + " }"
    body = ["page \"bench-long\" {", "  title = %s," % t("A long page")]
    for i in range(40):
        body.append("  heading %s," % t("Section %d" % i))
        body.append("  paragraph %s," % t("Paragraph %d. " % i + "Mesotherapy is given as a course of sessions, and results vary from person to person. " * 3))
        if i % 5 == 0:
            body.append("  callout { style = \"info\", text = %s }," % t("A note for section %d." % i))
    body.append("}")
    open(os.path.join(d, "pages", "zz-bench-long.lua"), "w").write("\n".join(body) + "\n")
    return d


def narrated_content():
    """The shipped content plus a page read from a recording: a minute of
    Opus (made by opus_tone, about 490 KiB) for its 61 words, in every
    language, so Listen opens, checks and decodes a file of that size."""
    d = os.path.join(TMP, "narrated")
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(CONTENT, d)
    os.makedirs(os.path.join(d, "audio"))
    subprocess.run([os.path.join(BUILD, "tests", "narration", "opus_tone"),
                    os.path.join(d, "audio", "bench.opus"), "60000"], check=True)
    codes = re.findall(r'"([a-z]+)"', re.search(r"languages\s*=\s*{([^}]*)}",
                       open(os.path.join(d, "manifest.lua")).read()).group(1))
    t = lambda s: "{ " + ", ".join('%s = "%s"' % (c, s) for c in codes) + " }"
    text = "Mesotherapy is given as a course of sessions, and results vary from person to person. " * 4
    open(os.path.join(d, "pages", "zz-bench-narrated.lua"), "w").write(
        'page "bench-narrated" {\n  title = %s,\n  audio = %s,\n  paragraph %s,\n}\n'
        % (t("A recorded page"), t("audio/bench.opus"), t(text.strip())))
    return d


def sending_conf():
    """A kiosk that sends (libcurl loaded, its worker running) to a port
    where nothing listens, so it keeps trying."""
    conf = os.path.join(TMP, "send.conf")
    with open(conf, "w") as f:
        f.write("collector_url = http://127.0.0.1:9\ncollector_token = k1.%064d\n" % 7)
    return conf


def proc_cpu(pid):
    with open("/proc/%d/stat" % pid) as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


def wait_line(p, pattern, timeout=10):
    end = time.time() + timeout
    while time.time() < end:
        line = p.stderr.readline()
        if not line:
            break
        if re.search(pattern, line):
            return line
    raise SystemExit("bench: timed out waiting for %r" % pattern)


def cpu_over(args, after, settle, seconds):
    """One core's percent the kiosk (run with args) spends over `seconds`,
    from `settle` seconds after the log line matching `after`."""
    p = subprocess.Popen(kiosk(args), env=ENV, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        wait_line(p, after, 30)
        time.sleep(settle)
        c0, t0 = proc_cpu(p.pid), time.time()
        time.sleep(seconds)
        c1, t1 = proc_cpu(p.pid), time.time()
        return 100.0 * (c1 - c0) / (t1 - t0)
    finally:
        p.kill()
        p.wait()


def idle_cpu():
    return cpu_over(["--content", CONTENT], "event=first-frame", 1, 10)


def reload_times(n):
    d = os.path.join(TMP, "reload")
    shutil.rmtree(d, ignore_errors=True)
    shutil.copytree(CONTENT, d)
    p = subprocess.Popen(kiosk(["--content", d]), env=ENV, stderr=subprocess.PIPE, text=True)
    out = []
    try:
        wait_line(p, "event=first-frame")
        time.sleep(0.3)
        target = os.path.join(d, "strings.lua")
        base = open(target).read()
        for i in range(n):
            t0 = time.time()
            with open(target, "w") as f:
                f.write(base + "\n-- bench edit %d\n" % i)
            wait_line(p, "event=content-shown")
            out.append((time.time() - t0) * 1000)
            time.sleep(0.2)
    finally:
        p.kill()
        p.wait()
    return out


TRACK_SCRIPT = """hold 20,20 5.5
type 1234
tap OK
tap Enrol a patient
tap Thighs, grade 2: 12 sessions, once a week
tap Enrol with this plan
type 135792
tap OK
type 135792
tap OK
copy patient-code
tap Done
expect Staff PIN
type 1234
tap OK
tap Close staff mode
tap My treatment course: sign in
type-copied
tap Next
type 135792
tap OK
tap I agree
seed 25
tap My progress
time-layout chart
"""


PHOTO_SCRIPT = TRACK_SCRIPT.split("seed 25")[0] + """seed-photos 25
tap My photos
time-layout timeline cold
"""


def tracking_setup():
    """A clinic key and the staff PIN 1234, as run_drive.sh makes them."""
    conf = os.path.join(TMP, "track.conf")
    if not os.path.exists(conf):
        subprocess.run([BIN, "keygen", os.path.join(TMP, "clinic")], check=True, capture_output=True)
        subprocess.run([BIN, "--set-staff-pin", "--config", conf], input="1234\n", text=True,
                       check=True, capture_output=True)
        with open(conf, "a") as f:
            f.write("clinic_public_key = %s\n" % os.path.join(TMP, "clinic.pub"))
    return conf


def patient_run(name, script, wrap=()):
    """Runs a driver script with the clinic key and staff PIN over a fresh
    data folder (wrap: a command that runs the kiosk's); returns (stdout,
    stderr)."""
    conf = tracking_setup()
    path = os.path.join(TMP, name + ".drive")
    with open(path, "w") as f:
        f.write(script)
    data = os.path.join(TMP, name + "-data")
    shutil.rmtree(data, ignore_errors=True)
    p = subprocess.run(list(wrap) + [BIN, "--headless", "--windowed", "1920x1080", "--config", conf,
                                     "--data", data, "--content", CONTENT, "--drive", path],
                       env=ENV, capture_output=True, text=True, timeout=300)
    shutil.rmtree(data, ignore_errors=True)
    if p.returncode != 0:
        sys.exit("bench: %s run failed:\n%s" % (name, p.stderr[-2000:]))
    return p.stdout, p.stderr


def tracking():
    """Sign-in (Argon2id), 25 durable report saves, the 25-session charts."""
    out, err = patient_run("track", TRACK_SCRIPT)
    return (field(err, "signed-in", "ms"), field(out, "seed", "save_p50_ms"),
            field(out, "seed", "save_p99_ms"), field(out, "chart", "layout_ms"),
            field(out, "chart", "draw_ms"), field(err, "staff-mode", "ms"))


def tpm_signin():
    """The same sign-in with a TPM: a software one (swtpm, started and
    stopped by tests/store/tpm_run.sh), so Argon2id plus the TPM's work
    (a salted session, loading and unsealing the patient's object). A
    hardware TPM is slower than swtpm."""
    conf = tracking_setup()
    tconf = os.path.join(TMP, "track-tpm.conf")
    shutil.copy(conf, tconf)
    wrap = [os.path.join(SRC, "tests", "store", "tpm_run.sh"), "sh", "-c",
            'echo "tpm = $MK_TEST_TPM" >>"$0" && exec "$@"', tconf]
    _, err = patient_run("track-tpm", TRACK_SCRIPT.split("seed 25")[0], wrap)
    return field(err, "signed-in", "ms")


def photos():
    """25 photos of 12 MP saved (decode, thumbnail, encrypt, write), the
    peak memory while saving, and opening the timeline with all 25."""
    out, _ = patient_run("photos", PHOTO_SCRIPT)
    return (field(out, "photos", "save_p50_ms"), field(out, "photos", "save_p99_ms"),
            field(out, "photos", "peak_rss_kb") / 1024,
            field(out, "timeline", "layout_ms") + field(out, "timeline", "draw_ms"))


SPEECH_TEXT = {
    "en": "Mesotherapy is given as a course of sessions, and results vary from person to person.",
    "ar": "يعطى العلاج على شكل جلسات، وتختلف النتائج من شخص لآخر.",
    "fr": "La mésothérapie se fait en plusieurs séances, et les résultats varient d'une personne à l'autre.",
}


def speech():
    """Speech (src/speech, espeak-ng), through the speech_wav tool: the time
    from a speak request to its first PCM chunk, the median of 21 requests
    to an engine already open, each after a word in another language (so
    it loads the voice, as when a patient changes language); what loading
    speech and speaking a paragraph adds to the process's peak RSS (VmHWM
    at the end less VmRSS before speech_open); and the CPU synthesis takes
    while speaking (its CPU time over the length of the sound it made, one
    core's percent; playing it is the sound module's). One value per
    language."""
    tool = os.path.join(BUILD, "tests", "speech", "speech_wav")
    first, rss, cpu = [], [], []
    for lang, text in SPEECH_TEXT.items():
        p = subprocess.run([tool, "--lang", lang, "--runs", "21", "--switch", text], env=ENV,
                           capture_output=True, text=True, timeout=120)
        if p.returncode != 0:
            sys.exit("bench: speech_wav failed:\n" + p.stderr[-2000:])
        first.append(field(p.stdout, "speech", "first_chunk_p50_ms"))
        rss.append((field(p.stdout, "speech", "rss_peak_kb") - field(p.stdout, "speech", "rss_before_kb")) / 1024)
        cpu.append(field(p.stdout, "speech", "cpu_pct"))
    return first, rss, cpu


def download():
    """A 16 MiB content bundle downloaded by the real sync worker from a fake
    collector at content_rate 4 MiB/s (tests/sync/bench_download): the
    seconds from the first request to the bundle being ready, and the ms a
    report saved half way waits for its acknowledgement (a download step
    yields to it)."""
    p = subprocess.run([os.path.join(BUILD, "tests/sync/bench_download"), "16", "4096"],
                       capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        sys.exit("bench: bench_download failed:\n" + p.stdout + p.stderr[-2000:])
    return field(p.stdout, "download", "seconds"), field(p.stdout, "download", "report_ms")


def speaking_cpu():
    """The whole kiosk's CPU (one core's percent) over 5 s while Listen reads
    an education page aloud: synthesis on its thread, the mixer, and the
    frames the loop draws, from the first sample heard on."""
    path = os.path.join(TMP, "speak.drive")
    with open(path, "w") as f:
        f.write("go what-is\ntap Listen\nexpect-sound speech 960000\n")
    return cpu_over(["--content", CONTENT, "--drive", path], "event=listen-heard", 0, 5)


def bundle_times():
    """The shipped content as a signed bundle: `mesokiosk bundle` (hash,
    sign, write) and `mesokiosk bundle-check --into` (both passes: verify,
    then unpack and fsync every file), each timed as a whole process; then
    the same bundle offered to a running kiosk at rest (the driver's
    bundle-offer, as if the sender had downloaded it): checked and unpacked
    beside the live content, then loaded on the side and shown, from the
    log's content-bundle-accepted and content-bundle-shown lines."""
    d = tempfile.mkdtemp(dir=TMP)
    subprocess.run([BIN, "keygen", "--content", os.path.join(d, "k")], check=True,
                   capture_output=True)
    out = os.path.join(d, "c.mkb")
    t0 = time.monotonic()
    subprocess.run([BIN, "bundle", CONTENT, out, "--key", os.path.join(d, "k.key"), "--version",
                    "2"], check=True, capture_output=True)
    t1 = time.monotonic()
    subprocess.run([BIN, "bundle-check", out, "--keys", os.path.join(d, "k.pub"), "--into",
                    os.path.join(d, "new")], check=True, capture_output=True)
    t2 = time.monotonic()
    conf = os.path.join(d, "kiosk.conf")
    with open(conf, "w") as f:
        f.write("content_keys = %s\n" % os.path.join(d, "k.pub"))
    _, err = drive("bundle-offer %s 2\nexpect-content-state showing 2 2\n" % out,
                   extra=("--config", conf, "--data", os.path.join(d, "data")))
    shutil.rmtree(d)
    return ((t1 - t0) * 1000, (t2 - t1) * 1000, field(err, "content-bundle-accepted", "ms"),
            field(err, "content-bundle-shown", "ms"))


def table(rows):
    print("%-40s %10s %10s %10s %8s %8s" % ("measure", "median", "min", "max", "runs", "target"))
    for name, v, target in rows:
        print("%-40s %10.2f %10.2f %10.2f %8d %8s" % (name, statistics.median(v), min(v), max(v), len(v), target))


def main():
    first, rss, rss_send, p50, p99, steady, tap, heard, heard_rec, swipe = [], [], [], [], [], [], [], [], [], []
    long_dir = long_content()
    narrated_dir = narrated_content()
    scroll = "mark\n" + "swipe 0 -500\nwait 300\n" * 8 + "swipe 0 900\nwait 300\n" * 3 + "report scroll\n"
    steady_script = "mark\nredraw 60\nreport steady\n"
    for _ in range(RUNS):
        _, err = drive("")
        first.append(field(err, "first-frame", "ms"))
        out, err = drive(scroll + steady_script, long_dir)
        rss.append(field(err, "stop", "max_rss_kb") / 1024)
        p50.append(field(out, "scroll", "p50_ms"))
        p99.append(field(out, "scroll", "p99_ms"))
        steady.append(field(out, "steady", "text_renders_per_frame"))
        _, err = drive(scroll, long_dir, ["--config", sending_conf()])
        rss_send.append(field(err, "stop", "max_rss_kb") / 1024)
        # Taps, each timed from the input event to the present (stop line).
        _, err = drive("tap When to call us\nwait 300\ntap Home\nwait 300\n" * 5)
        tap.append(field(err, "stop", "tap_to_present_p50_ms"))
        # Listen: from the tap to the device taking the first sample of speech.
        _, err = drive("go what-is\ntap Listen\nexpect-sound speech 1\n")
        heard.append(field(err, "listen-heard", "ms"))
        # The same on a page read from a one-minute recording (src/narration).
        _, err = drive("go bench-narrated\ntap Listen\nexpect-sound speech 1\n", narrated_dir)
        heard_rec.append(field(err, "listen-heard", "ms"))
        # Touch reading: from a swipe's lift to the first sample of the
        # control it reached (after the mode's own words are played out).
        _, err = drive("go what-is\nfingers 3 1200\nhush\nfinger-swipe right\nhush\n")
        swipe.append(last_field(err, "listen-heard", "ms"))
    cpu = [idle_cpu() for _ in range(min(RUNS, 3))]
    rel = reload_times(RUNS)
    tr = [tracking() for _ in range(RUNS)]
    signin, save50, save99, lay, drw, staff = (list(c) for c in zip(*tr))
    signin_tpm = [tpm_signin() for _ in range(min(RUNS, 3))]
    ph = [photos() for _ in range(min(RUNS, 3))]
    ph50, ph99, phmem, tl = (list(c) for c in zip(*ph))
    sp = [speech() for _ in range(RUNS)]
    speaking = [speaking_cpu() for _ in range(min(RUNS, 3))]
    sp_first = [v for run in sp for v in run[0]]
    sp_rss = [v for run in sp for v in run[1]]
    sp_cpu = [v for run in sp for v in run[2]]
    bundles = [bundle_times() for _ in range(RUNS)]
    dls = [download() for _ in range(min(RUNS, 3))]
    rows = [
        ("start to first frame (ms)", first, "<= 100"),
        ("peak RSS, long page scrolled (MiB)", rss, "<= 40"),
        ("  the same while sending to a collector", rss_send, "-"),
        ("16 MiB bundle at content_rate 4 MiB/s (s)", [d[0] for d in dls], "~4"),
        ("  a report saved meanwhile, to its ack (ms)", [d[1] for d in dls], "-"),
        ("scroll frame p50 (ms)", p50, "-"),
        ("scroll frame p99 (ms)", p99, "<= 8"),
        ("tap to next presented frame p50 (ms)", tap, "<= 16"),
        ("text renders per steady frame", steady, "0"),
        ("idle CPU over 10 s (%)", cpu, "<= 1"),
        ("saved change to new frame (ms)", rel, "<= 200"),
        ("sign-in, Argon2id t=3 m=128MiB (ms)", signin, "~300"),
        ("  the same with a TPM (swtpm) (ms)", signin_tpm, "-"),
        ("staff PIN check, off the loop (ms)", staff, "~300"),
        ("report saved durably p50 (ms)", save50, "-"),
        ("report saved durably p99 (ms)", save99, "-"),
        ("charts of 25 sessions: layout (ms)", lay, "-"),
        ("charts of 25 sessions: draw (ms)", drw, "-"),
        ("12 MP photo stored p50 (ms)", ph50, "<= 400"),
        ("12 MP photo stored p99 (ms)", ph99, "-"),
        ("peak RSS while storing photos (MiB)", phmem, "-"),
        ("timeline of 25 photos opened (ms)", tl, "-"),
        ("speak request to first PCM chunk (ms)", sp_first, "<= 150"),
        ("tap on Listen to first sample played (ms)", heard, "<= 150"),
        ("  the same from a 1-minute recording (ms)", heard_rec, "<= 150"),
        ("touch reading: swipe to first sample (ms)", swipe, "<= 150"),
        ("peak RSS added by speech (MiB)", sp_rss, "-"),
        ("CPU synthesising while speaking (%)", sp_cpu, "-"),
        ("kiosk CPU while reading a page aloud (%)", speaking, "-"),
        ("shipped content bundled and signed (ms)", [b[0] for b in bundles], "-"),
        ("  bundle-check, then unpacked (ms)", [b[1] for b in bundles], "-"),
        ("  offered to a kiosk: checked, unpacked (ms)", [b[2] for b in bundles], "-"),
        ("  then loaded on the side and shown (ms)", [b[3] for b in bundles], "-"),
    ]
    if PART == "kiosk":
        table(rows)
        return
    rows += bench_collector.run(BUILD, SRC, min(RUNS, 3))
    rows += bench_collector.vet_rows(BUILD, SRC, min(RUNS, 3))
    rows += bench_collector.approve_rows(BUILD, SRC, min(RUNS, 3))
    # A 5-minute random walk (scripts/soak runs longer ones): what memory
    # does after caches filled, the least RSS per 20 s fitted by a line.
    walk = soak.run(BUILD, CONTENT, 5, quiet=True)
    rows.append(("RSS growth per hour, 5 min soak (MiB)", [walk["growth"] or 0.0], "0 (noise)"))
    rows.append(("  its noise: two standard errors (MiB per hour)", [2 * (walk["growth_se"] or 0.0)],
                 "-"))
    rows.append(("  open files, start to end of the soak", [walk["fds"][1] - walk["fds"][0]], "0"))
    table(rows)
    bench_session.run(BIN, SRC, os.path.join(BUILD, "tests", "kiosk", "vmonitor.so"), long_dir, RUNS,
                      {"first": first, "rss": rss, "tap": tap, "p99": p99})


try:
    main()
finally:
    shutil.rmtree(TMP, ignore_errors=True)
