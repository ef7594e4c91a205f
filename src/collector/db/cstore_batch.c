/* SPDX-License-Identifier: MIT */
/*
 * A kiosk's batch of records stored in one transaction. On a disk that
 * syncs a few hundred times a second, a transaction per record caps
 * ingestion at about that many records a second for the whole clinic; one
 * per batch of 50 stores fifty times as many for the same syncs. Each
 * record runs in a savepoint of its own, exactly what cstore_record_put
 * runs (cs_record_in_tx), so a record refused for good or pending is
 * rolled back alone, and one that lost a race with another connection
 * (CSTORE_RETRY) runs again from its savepoint. A server failure rolls the
 * whole batch back: the kiosk sends it again and every record of it is
 * then stored once.
 */
#include "cstore_int.h"
#include "core.h"
#include <string.h>

typedef struct {
	const char *kiosk;
	const cstore_record *const *r;
	int n;
	int64_t now;
	int *results;
	char (*reasons)[CSTORE_REASON];
} batch;

/* A verdict for the kiosk rather than a failure of the server. */
static int verdict(int rc, const char *reason)
{
	return rc == 0 || rc == MK_EINVAL || (rc == MK_EAGAIN && reason[0]);
}

static int one(cdb *db, batch *b, int i)
{
	int rc = CSTORE_RETRY, foreign = 0;
	for (int attempt = 0; attempt < 5 && rc == CSTORE_RETRY; attempt++) {
		if ((rc = cs_run(db, NULL, "SAVEPOINT rec", NULL)) != 0)
			return rc;
		rc = cs_record_in_tx(db, b->kiosk, b->r[i], b->now, b->reasons[i], &foreign);
		int end = rc == 0 ? cs_run(db, NULL, "RELEASE SAVEPOINT rec", NULL)
				  : cs_run(db, NULL, "ROLLBACK TO SAVEPOINT rec", NULL);
		if (!end && rc)
			end = cs_run(db, NULL, "RELEASE SAVEPOINT rec", NULL);
		if (end)
			return end;
		/* another kiosk's patient: said in the log and the audit, with the
		 * batch (the record itself was rolled back above) */
		if (foreign && (end = cs_refused_in_tx(db, b->kiosk, b->r[i]->uuid, b->reasons[i],
						       b->now)) != 0)
			return end;
	}
	if (rc == CSTORE_RETRY)
		return mk_err(MK_EAGAIN, "the database stayed too busy; try again");
	if (rc == CSTORE_REPLAY) /* stored before: a replay changes nothing */
		rc = 0;
	b->results[i] = rc;
	return verdict(rc, b->reasons[i]) ? 0 : rc;
}

static int batch_tx(cdb *db, void *arg)
{
	batch *b = arg;
	int rc = 0;
	for (int i = 0; i < b->n && !rc; i++)
		rc = one(db, b, i);
	return rc;
}

int cstore_records_put(cstore *cs, const char *kiosk_id, const cstore_record *const *r, int n,
		       int64_t now, int *results, char (*reasons)[CSTORE_REASON])
{
	batch b = { kiosk_id, r, n, now, results, reasons };
	if (n <= 0)
		return 0;
	cdb *db = cs_take(cs);
	int rc = cs_tx(db, batch_tx, &b);
	cs_give(cs, db);
	if (rc)
		for (int i = 0; i < n; i++)
			results[i] = rc;
	return rc;
}
