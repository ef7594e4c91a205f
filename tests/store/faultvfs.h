/* SPDX-License-Identifier: MIT */
/*
 * A SQLite VFS that fails on purpose: registered as the default, it passes
 * everything to the real one except the Nth read, write or sync of any of
 * the store's files (database, WAL, journal), which fails as a failing
 * disk would, or, for a short write, writes half and reports the disk
 * full. faultvfs_hits() tells whether the armed fault was reached.
 */
#ifndef MK_FAULTVFS_H
#define MK_FAULTVFS_H

#include <sqlite3.h>
#include <string.h>

enum { FAULT_NONE, FAULT_READ, FAULT_WRITE, FAULT_SHORT, FAULT_SYNC };

static sqlite3_vfs *fv_real;
static int fv_mode, fv_at, fv_count, fv_hit;

typedef struct {
	sqlite3_file base;
	sqlite3_file *real;
} fv_file;

#define REAL(f) (((fv_file *)(f))->real)

/* 1 when this call is the one to fail. */
static int fv_strike(int mode)
{
	if (fv_mode != mode)
		return 0;
	if (++fv_count != fv_at)
		return 0;
	fv_hit = 1;
	return 1;
}

static int fv_close(sqlite3_file *f)
{
	int rc = REAL(f)->pMethods->xClose(REAL(f));
	f->pMethods = NULL;
	return rc;
}

static int fv_read(sqlite3_file *f, void *b, int n, sqlite3_int64 off)
{
	if (fv_strike(FAULT_READ))
		return SQLITE_IOERR_READ;
	return REAL(f)->pMethods->xRead(REAL(f), b, n, off);
}

static int fv_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 off)
{
	if (fv_strike(FAULT_WRITE))
		return SQLITE_IOERR_WRITE;
	if (fv_strike(FAULT_SHORT)) {
		REAL(f)->pMethods->xWrite(REAL(f), b, n / 2, off);
		return SQLITE_FULL;
	}
	return REAL(f)->pMethods->xWrite(REAL(f), b, n, off);
}

static int fv_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int fv_sync(sqlite3_file *f, int flags)
{
	if (fv_strike(FAULT_SYNC))
		return SQLITE_IOERR_FSYNC;
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int fv_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int fv_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int fv_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int fv_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int fv_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int fv_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int fv_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}
static int fv_shm_map(sqlite3_file *f, int pg, int sz, int ext, void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, ext, p);
}
static int fv_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}
static void fv_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int fv_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}
static int fv_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
	*p = NULL; /* no memory map: every read goes through fv_read */
	(void)f, (void)off, (void)n;
	return SQLITE_OK;
}
static int fv_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	(void)f, (void)off, (void)p;
	return SQLITE_OK;
}

static const sqlite3_io_methods fv_io = {
	3, fv_close, fv_read, fv_write, fv_truncate, fv_sync, fv_size, fv_lock, fv_unlock,
	fv_reserved, fv_control, fv_sector, fv_device, fv_shm_map, fv_shm_lock, fv_shm_barrier,
	fv_shm_unmap, fv_fetch, fv_unfetch,
};

static int fv_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
	fv_file *p = (fv_file *)f;
	(void)v;
	p->real = (sqlite3_file *)(p + 1);
	int rc = fv_real->xOpen(fv_real, name, p->real, flags, out);
	p->base.pMethods = p->real->pMethods ? &fv_io : NULL;
	return rc;
}

static int fv_delete(sqlite3_vfs *v, const char *n, int sync)
{
	(void)v;
	return fv_real->xDelete(fv_real, n, sync);
}
static int fv_access(sqlite3_vfs *v, const char *n, int flags, int *out)
{
	(void)v;
	return fv_real->xAccess(fv_real, n, flags, out);
}
static int fv_full(sqlite3_vfs *v, const char *n, int size, char *out)
{
	(void)v;
	return fv_real->xFullPathname(fv_real, n, size, out);
}
static int fv_random(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return fv_real->xRandomness(fv_real, n, out);
}
static int fv_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return fv_real->xSleep(fv_real, us);
}
static int fv_time(sqlite3_vfs *v, double *t)
{
	(void)v;
	return fv_real->xCurrentTime(fv_real, t);
}
static int fv_last_error(sqlite3_vfs *v, int n, char *b)
{
	(void)v;
	return fv_real->xGetLastError(fv_real, n, b);
}
static int fv_time64(sqlite3_vfs *v, sqlite3_int64 *t)
{
	(void)v;
	return fv_real->xCurrentTimeInt64(fv_real, t);
}

static sqlite3_vfs fv_vfs;

/* Makes the failing VFS the default; call once, before store_open. */
static inline void faultvfs_install(void)
{
	sqlite3_initialize();
	fv_real = sqlite3_vfs_find(NULL);
	fv_vfs = (sqlite3_vfs){
		.iVersion = 2, .szOsFile = (int)sizeof(fv_file) + fv_real->szOsFile,
		.mxPathname = fv_real->mxPathname, .zName = "mk-fault",
		.xOpen = fv_open, .xDelete = fv_delete, .xAccess = fv_access,
		.xFullPathname = fv_full, .xDlOpen = NULL, .xRandomness = fv_random,
		.xSleep = fv_sleep, .xCurrentTime = fv_time, .xGetLastError = fv_last_error,
		.xCurrentTimeInt64 = fv_time64,
	};
	sqlite3_vfs_register(&fv_vfs, 1);
}

/* Fails the nth call of this kind from now on (mode FAULT_NONE: none). */
static inline void faultvfs_arm(int mode, int nth)
{
	fv_mode = mode, fv_at = nth, fv_count = 0, fv_hit = 0;
}

static inline int faultvfs_hit(void)
{
	return fv_hit;
}

#endif
