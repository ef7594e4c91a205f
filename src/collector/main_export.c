/* SPDX-License-Identifier: MIT */
/*
 * mesokiosk-collector export: the records opened with the clinic's key
 * pair, as a FHIR R4 transaction Bundle or CSV (export.h), for one patient
 * or all, over a range of days. --from and --to are whole UTC days, both
 * included, so "--from 2026-01-01 --to 2026-01-31" is January. The output
 * holds health data: a file is created 0600 and removed again when the
 * export fails half-way, and the audit log records that an export was
 * made, by whom ("cli") and of what, never its content.
 */
#include "collector.h"
#include "core.h"
#include "crypto.h"
#include "export.h"
#include "main_int.h"
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* "YYYY-MM-DD" as Unix seconds at 00:00 UTC; -1 when it is not a date. */
static int64_t parse_day(const char *s)
{
	struct tm tm = { 0 }, back;
	int y, m, d;
	char tail;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	time_t t = timegm(&tm);
	if (t == (time_t)-1 || !gmtime_r(&t, &back) || back.tm_year != y - 1900 ||
	    back.tm_mon != m - 1 || back.tm_mday != d)
		return -1;
	return (int64_t)t;
}

static int check_args(const main_args *a, export_query *q)
{
	const char *bad = NULL;
	memset(q, 0, sizeof *q);
	q->patient = a->patient;
	if (!a->key)
		bad = "--key FILE.key is needed to open the records";
	else if (!a->format || (strcmp(a->format, "fhir") && strcmp(a->format, "csv")))
		bad = "--format fhir or --format csv is needed";
	else if (a->from && (q->from = parse_day(a->from)) < 0)
		bad = "--from: expected a date YYYY-MM-DD";
	else if (a->to && (q->to = parse_day(a->to)) < 0)
		bad = "--to: expected a date YYYY-MM-DD";
	if (bad)
		return fprintf(stderr, "%s: export: %s (see %s --help)\n", MAIN_NAME, bad, MAIN_NAME), 2;
	if (a->to)
		q->to += 24 * 3600; /* the last day is included */
	else if (a->from)
		q->to = INT64_MAX;
	if (q->from && q->to && q->from >= q->to)
		return fprintf(stderr, "%s: export: --from is after --to\n", MAIN_NAME), 2;
	return 0;
}

static FILE *open_out(const char *path)
{
	if (!path || !strcmp(path, "-"))
		return stdout;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f && fd >= 0)
		close(fd);
	return f;
}

static int run(cstore *cs, const main_args *a, export_query *q)
{
	FILE *out = open_out(a->out);
	int rc, to_file = out && out != stdout;
	if (!out)
		return fprintf(stderr, "%s: export: %s: cannot create it\n", MAIN_NAME, a->out), 1;
	rc = !strcmp(a->format, "fhir") ? export_fhir(cs, q, out) : export_csv(cs, q, out);
	if (fflush(out) != 0 && rc == 0)
		rc = mk_err(MK_EIO, "cannot write the export (disk full?)");
	if (to_file && fclose(out) != 0 && rc == 0)
		rc = mk_err(MK_EIO, "cannot write the export (disk full?)");
	if (rc) {
		if (to_file)
			unlink(a->out);
		if (rc == MK_EPERM)
			fprintf(stderr, "%s: export: the key %s does not open these records\n",
				MAIN_NAME, a->key);
		else
			fprintf(stderr, "%s: export: %s\n", MAIN_NAME, mk_err_msg());
		return 1;
	}
	char detail[120];
	snprintf(detail, sizeof detail, "%s from=%s to=%s", a->format, a->from ? a->from : "-",
		 a->to ? a->to : "-");
	cstore_audit(cs, "cli", !strcmp(a->format, "fhir") ? "export-fhir" : "export-csv",
		     a->patient ? a->patient : "", detail, (int64_t)time(NULL));
	return 0;
}

int main_export(const main_args *a)
{
	export_query q;
	uint8_t pk[32], sk[32];
	cstore *cs = NULL;
	int rc = check_args(a, &q);
	if (rc)
		return rc;
	if ((rc = main_read_keys(a->key, pk, sk)) != 0)
		return rc;
	q.pk = pk;
	q.sk = sk;
	if (cstore_open(&cs, a->db) != 0) {
		fprintf(stderr, "%s: %s: %s\n", MAIN_NAME, a->db, mk_err_msg());
		rc = 1;
	} else {
		rc = run(cs, a, &q);
	}
	if (cs)
		cstore_close(cs);
	mkc_wipe(sk, sizeof sk);
	return rc;
}
