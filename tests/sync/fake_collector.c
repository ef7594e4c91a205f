/* SPDX-License-Identifier: MIT */
/*
 * The fake collector (see fake_collector.h). One thread per connection, so
 * a hanging request holds only its own thread; one mutex over everything
 * it remembers. UUIDs go in a fixed open-addressing table big enough for
 * the 10,000-record backlog test.
 */
#include "fake_int.h"
#include "core.h"
#include "store.h"
#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- Faults */

static int take_fault(fake *f, const char *url)
{
	for (int i = 0; i < f->n_faults; i++) {
		fault_t *t = &f->faults[i];
		if (t->n > 0 && !strncmp(url, t->prefix, strlen(t->prefix))) {
			t->n--;
			return t->fault;
		}
	}
	return 0;
}

/* ---- Answers */

static enum MHD_Result reply(struct MHD_Connection *c, int status, const char *body)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), (void *)body,
								  MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc;
	MHD_add_response_header(r, "Content-Type", "application/json");
	rc = MHD_queue_response(c, (unsigned)status, r);
	MHD_destroy_response(r);
	return rc;
}

typedef struct {
	char *body;
	size_t n, sent;
} dropping;

static ssize_t drop_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	dropping *d = cls;
	size_t half = d->n / 2;
	(void)pos;
	if (d->sent >= half)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	size_t k = half - d->sent < max ? half - d->sent : max;
	memcpy(buf, d->body + d->sent, k);
	d->sent += k;
	return (ssize_t)k;
}

static void drop_free(void *cls)
{
	dropping *d = cls;
	free(d->body);
	free(d);
}

/* Half of the answer, then the connection breaks. */
static enum MHD_Result reply_dropped(struct MHD_Connection *c, const char *body)
{
	dropping *d = calloc(1, sizeof *d);
	struct MHD_Response *r;
	enum MHD_Result rc;
	d->body = strdup(body);
	d->n = strlen(body);
	r = MHD_create_response_from_callback(d->n, 1024, drop_reader, d, drop_free);
	rc = MHD_queue_response(c, 200, r);
	MHD_destroy_response(r);
	return rc;
}

/* ---- Requests */

static enum MHD_Result hang(fake *f)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 60;
	pthread_mutex_lock(&f->mu);
	f->hanging++;
	while (!f->releasing && pthread_cond_timedwait(&f->cond, &f->mu, &ts) == 0)
		;
	f->hanging--;
	pthread_mutex_unlock(&f->mu);
	return MHD_NO; /* close without an answer */
}

static enum MHD_Result finish(fake *f, struct MHD_Connection *c, const char *url,
			      const char *method, const req *r)
{
	const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	char *answer = NULL;
	uint64_t seq;
	int fault, status;
	enum MHD_Result rc;
	pthread_mutex_lock(&f->mu);
	f->requests++;
	seq = ++f->seq;
	fault = take_fault(f, url);
	pthread_mutex_unlock(&f->mu);
	if (fault == FAKE_HANG)
		return hang(f);
	if (!auth || strcmp(auth, f->auth))
		return reply(c, 401, "{\"error\":\"unknown kiosk\"}");
	if (!strcmp(method, "GET") &&
	    (!strncmp(url, "/api/v1/content/", 16) || !strncmp(url, "/api/v1/package/", 16)))
		return fake_content_get(f, c, url, fault);
	if (fault == 429)
		return fake_reply_later(f, c, 429);
	if (fault >= 100) {
		if (!strcmp(url, "/api/v1/records")) { /* still a batch tried */
			json_t *root = json_loadb(r->buf ? r->buf : "", r->n, 0, NULL);
			pthread_mutex_lock(&f->mu);
			fake_log_batch(f, json_object_get(root, "records"), r->n, fault);
			pthread_mutex_unlock(&f->mu);
			json_decref(root);
		}
		return reply(c, fault, "{\"error\":\"fault\"}");
	}
	if (!strcmp(method, "POST") && !strcmp(url, "/api/v1/records"))
		status = fake_records(f, r, seq, &answer);
	else if (!strcmp(method, "PUT") && !strncmp(url, "/api/v1/photos/", 15))
		status = fake_photo(f, c, url, r, seq);
	else if (!strcmp(method, "POST") && !strcmp(url, "/api/v1/heartbeat")) {
		if ((status = fake_heartbeat_in(f, r)) == 200)
			answer = fake_beat_answer(f);
	} else if (!strcmp(method, "PUT") && !strncmp(url, "/api/v1/screenshot/", 19))
		status = fake_screenshot_in(f, c, url, r);
	else
		status = 404;
	if (!answer)
		answer = strdup(status == 200 ? "{\"ok\":true}" : "{\"error\":\"no\"}");
	rc = fault == FAKE_DROP ? reply_dropped(c, answer) : reply(c, status, answer);
	free(answer);
	return rc;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *upload,
			      size_t *upload_size, void **con_cls)
{
	req *r = *con_cls;
	(void)version;
	if (!r) {
		*con_cls = calloc(1, sizeof(req));
		return *con_cls ? MHD_YES : MHD_NO;
	}
	if (*upload_size) {
		if (r->n + *upload_size > BODY_MAX)
			return MHD_NO;
		if (r->n + *upload_size + 1 > r->cap) {
			r->cap = (r->n + *upload_size + 1) * 2;
			r->buf = realloc(r->buf, r->cap);
		}
		memcpy(r->buf + r->n, upload, *upload_size);
		r->n += *upload_size;
		r->buf[r->n] = 0;
		*upload_size = 0;
		return MHD_YES;
	}
	return finish(cls, c, url, method, r);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
		      enum MHD_RequestTerminationCode code)
{
	req *r = *con_cls;
	(void)cls, (void)c, (void)code;
	if (r) {
		free(r->buf);
		free(r);
		*con_cls = NULL;
	}
}

/* ---- Life */

fake *fake_start(const char *token, int port)
{
	return fake_start_tls(token, port, NULL, NULL);
}

fake *fake_start_tls(const char *token, int port, const char *cert_pem, const char *key_pem)
{
	fake *f = calloc(1, sizeof *f);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	const union MHD_DaemonInfo *info;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	f->slots = calloc(SLOTS, sizeof *f->slots);
	pthread_mutex_init(&f->mu, NULL);
	pthread_cond_init(&f->cond, NULL);
	snprintf(f->auth, sizeof f->auth, "Bearer %s", token);
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD;
	if (cert_pem)
		f->d = MHD_start_daemon(flags | MHD_USE_TLS, 0, NULL, NULL, handle, f,
					MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
					MHD_OPTION_NOTIFY_COMPLETED, completed, f,
					MHD_OPTION_HTTPS_MEM_CERT, cert_pem, MHD_OPTION_HTTPS_MEM_KEY,
					key_pem, MHD_OPTION_END);
	else
		f->d = MHD_start_daemon(flags, 0, NULL, NULL, handle, f, MHD_OPTION_SOCK_ADDR, &sa,
					MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u,
					MHD_OPTION_NOTIFY_COMPLETED, completed, f, MHD_OPTION_END);
	if (!f->d) {
		free(f->slots);
		pthread_cond_destroy(&f->cond);
		pthread_mutex_destroy(&f->mu);
		free(f);
		return NULL;
	}
	info = MHD_get_daemon_info(f->d, MHD_DAEMON_INFO_BIND_PORT);
	f->port = info ? info->port : port;
	snprintf(f->url, sizeof f->url, "%s://127.0.0.1:%d", cert_pem ? "https" : "http", f->port);
	return f;
}

void fake_stop(fake *f)
{
	if (!f)
		return;
	pthread_mutex_lock(&f->mu);
	f->releasing = 1;
	pthread_cond_broadcast(&f->cond);
	pthread_mutex_unlock(&f->mu);
	MHD_stop_daemon(f->d);
	for (int i = 0; i < f->n_beats; i++)
		free(f->beats[i]);
	free(f->beats);
	free(f->batches);
	free(f->slots);
	fake_content_free(f);
	pthread_cond_destroy(&f->cond);
	pthread_mutex_destroy(&f->mu);
	free(f);
}

int fake_port(fake *f) { return f->port; }
const char *fake_url(fake *f) { return f->url; }

#define LOCKED(f, stmt) do { pthread_mutex_lock(&(f)->mu); stmt; pthread_mutex_unlock(&(f)->mu); } while (0)

void fake_fault(fake *f, int fault, int n, const char *prefix)
{
	LOCKED(f, if (f->n_faults < 16) {
		fault_t *t = &f->faults[f->n_faults++];
		t->fault = fault;
		t->n = n;
		snprintf(t->prefix, sizeof t->prefix, "%s", prefix ? prefix : "");
	});
}

void fake_clear(fake *f) { LOCKED(f, f->n_faults = 0); }
void fake_limit(fake *f, size_t max) { LOCKED(f, f->limit = max); }
void fake_lose_parts(fake *f, int n) { LOCKED(f, f->lose_parts = n); }

void fake_reject(fake *f, const char *uuid, const char *reason)
{
	pthread_mutex_lock(&f->mu);
	for (int i = 0; i < f->n_rejects; i++)
		if (!strcmp(f->rejects[i].uuid, uuid))
			f->rejects[i--] = f->rejects[--f->n_rejects];
	if (reason && f->n_rejects < 16) {
		snprintf(f->rejects[f->n_rejects].uuid, 37, "%s", uuid);
		snprintf(f->rejects[f->n_rejects++].reason, 100, "%s", reason);
	}
	pthread_mutex_unlock(&f->mu);
}

int fake_accepted_count(fake *f)
{
	int n = 0;
	LOCKED(f, for (int i = 0; i < SLOTS; i++) n += f->slots[i].accepted);
	return n;
}

#define SLOT_FIELD(f, uuid, expr, type) \
	type v = 0; \
	pthread_mutex_lock(&(f)->mu); \
	slot *s = fake_find(f, uuid, 0); \
	if (s) v = (type)(expr); \
	pthread_mutex_unlock(&(f)->mu); \
	return v

int fake_is_accepted(fake *f, const char *uuid) { SLOT_FIELD(f, uuid, s->accepted, int); }
int fake_received(fake *f, const char *uuid) { SLOT_FIELD(f, uuid, s->received, int); }
int fake_puts(fake *f, const char *uuid, int part) { SLOT_FIELD(f, uuid, s->puts[part], int); }
uint64_t fake_first_put(fake *f, const char *uuid, int part)
{
	SLOT_FIELD(f, uuid, s->first_put[part], uint64_t);
}
uint64_t fake_first_post(fake *f, const char *uuid) { SLOT_FIELD(f, uuid, s->first_post, uint64_t); }

int fake_batch_get(fake *f, int i, fake_batch *out)
{
	int rc = -1;
	LOCKED(f, if (i >= 0 && i < f->n_batches) { *out = f->batches[i]; rc = 0; });
	return rc;
}

int fake_batches(fake *f) { int n; LOCKED(f, n = f->n_batches); return n; }

char *fake_heartbeat(fake *f, int i)
{
	char *b = NULL;
	LOCKED(f, if (i >= 0 && i < f->n_beats) b = strdup(f->beats[i]));
	return b;
}

int fake_heartbeats(fake *f) { int n; LOCKED(f, n = f->n_beats); return n; }
int fake_hanging(fake *f) { int n; LOCKED(f, n = f->hanging); return n; }
int fake_requests(fake *f) { int n; LOCKED(f, n = f->requests); return n; }
