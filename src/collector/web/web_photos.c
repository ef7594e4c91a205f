/* SPDX-License-Identifier: MIT */
/*
 * Progress photos: the gallery on a patient's page (thumbnails grouped by
 * body area, each with its session and date), the side-by-side compare
 * page (two photos chosen with radio buttons in a GET form, no script),
 * and the decrypted bytes themselves at /photos/UUID/thumb and /image.
 *
 * The bytes are opened with the clinic's key for each request and never
 * cached (the server sends Cache-Control: no-store); their Content-Type
 * comes from their magic bytes, not from anything a kiosk said. Every
 * photo served writes a view-photo audit row.
 */
#include "web.h"
#include "core.h"

#include <stdlib.h>
#include <string.h>

#define RECORDS_MAX 2000
#define AREAS 5

static const char *sniff(const uint8_t *p, size_t n)
{
	if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return "image/jpeg";
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		return "image/webp";
	return "application/octet-stream";
}

void web_photo(web_ctx *x, const char *uuid, int which)
{
	uint8_t *plain = NULL, *copy;
	size_t n = 0;
	int rc;
	if (!x->c->have_keys) {
		cresp_text(x->w, 404, NULL, "This collector has no clinic key (--key): photos cannot "
			   "be shown.\n");
		return;
	}
	rc = cstore_open_photo(x->c->db, x->c->pk, x->c->sk, uuid, which, &plain, &n);
	if (rc < 0) {
		cresp_text(x->w, rc == MK_ENOTFOUND ? 404 : 500, NULL,
			   rc == MK_ENOTFOUND ? "No such photo\n" : "The photo could not be opened\n");
		return;
	}
	/* cresp_take wants malloc'd bytes it wipes and frees; the store's own
	 * buffer goes back through its wiping free. */
	copy = malloc(n ? n : 1);
	if (!copy) {
		cstore_plain_free(plain, n);
		cresp_text(x->w, 500, NULL, "Out of memory\n");
		return;
	}
	memcpy(copy, plain, n);
	cstore_plain_free(plain, n);
	web_audit(x, "view-photo", uuid, which ? "thumbnail" : "image");
	cresp_take(x->w, 200, sniff(copy, n), copy, n);
}

/* The indices of the photos among r, by session then time; their count. */
static int photo_order(const cstore_row *r, int n, int *idx)
{
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (strcmp(r[i].kind, "photo") != 0)
			continue;
		int j = k++;
		for (; j > 0; j--) {
			const cstore_row *a = &r[idx[j - 1]];
			if (a->session < r[i].session ||
			    (a->session == r[i].session && a->created_at <= r[i].created_at))
				break;
			idx[j] = idx[j - 1];
		}
		idx[j] = i;
	}
	return k;
}

static void photo_caption(wbuf *b, const cstore_row *r)
{
	char d[16];
	web_date(d, r->created_at);
	wb_fmt(b, "Session %d · <time>", r->session);
	wb_esc(b, d);
	wb_raw(b, "</time>");
}

static void thumb(wbuf *b, const cstore_row *r)
{
	char d[16];
	web_date(d, r->created_at);
	wb_raw(b, "<img src=\"/photos/");
	wb_url(b, r->uuid);
	wb_raw(b, "/thumb\" alt=\"");
	wb_esc(b, web_area_name(r->area));
	wb_fmt(b, ", session %d, ", r->session);
	wb_esc(b, d);
	wb_raw(b, "\">");
}

void web_photos_section(wbuf *b, web_ctx *x, const cstore_patient *p, const cstore_row *r, int n)
{
	int *idx = malloc(sizeof *idx * (size_t)(n ? n : 1)), count;
	(void)x;
	if (!idx) {
		b->failed = 1;
		return;
	}
	count = photo_order(r, n, idx);
	wb_fmt(b, "<h2>Photos (%d)</h2>\n", count);
	if (count == 0)
		wb_raw(b, "<p class=\"muted\">No photos yet.</p>");
	if (count > 1) {
		wb_raw(b, "<p><a href=\"/patients/");
		wb_url(b, p->code);
		wb_raw(b, "/compare\">Compare two photos side by side</a></p>");
	}
	for (int a = 0; a < AREAS; a++) {
		int any = 0;
		for (int k = 0; k < count; k++) {
			const cstore_row *ph = &r[idx[k]];
			int area = ph->area >= 0 && ph->area < AREAS ? ph->area : AREAS - 1;
			if (area != a)
				continue;
			if (!any) {
				wb_raw(b, "<h3>");
				wb_esc(b, web_area_name(a));
				wb_raw(b, "</h3><div class=\"photos\">");
			}
			any = 1;
			wb_raw(b, "<figure class=\"photo\"><a href=\"/photos/");
			wb_url(b, ph->uuid);
			wb_raw(b, "/image\">");
			thumb(b, ph);
			wb_raw(b, "</a><figcaption>");
			photo_caption(b, ph);
			wb_raw(b, "</figcaption></figure>");
		}
		if (any)
			wb_raw(b, "</div>\n");
	}
	free(idx);
}

/* The photo row named by uuid among the patient's records, or NULL. */
static const cstore_row *find_photo(const cstore_row *r, int n, const char *uuid)
{
	for (int i = 0; uuid && i < n; i++)
		if (strcmp(r[i].kind, "photo") == 0 && strcmp(r[i].uuid, uuid) == 0)
			return &r[i];
	return NULL;
}

static void side(wbuf *b, const cstore_row *r)
{
	wb_raw(b, "<figure><img src=\"/photos/");
	wb_url(b, r->uuid);
	wb_raw(b, "/image\" alt=\"");
	wb_esc(b, web_area_name(r->area));
	wb_raw(b, "\"><figcaption>");
	wb_esc(b, web_area_name(r->area));
	wb_raw(b, " · ");
	photo_caption(b, r);
	wb_raw(b, "</figcaption></figure>");
}

static void chooser(wbuf *b, const cstore_patient *p, const cstore_row *r, int n,
		    const cstore_row *a, const cstore_row *bb)
{
	int *idx = malloc(sizeof *idx * (size_t)(n ? n : 1)), count;
	if (!idx) {
		b->failed = 1;
		return;
	}
	count = photo_order(r, n, idx);
	wb_raw(b, "<h2>Choose two photos</h2><form method=\"get\" action=\"/patients/");
	wb_url(b, p->code);
	wb_raw(b, "/compare\"><div class=\"photos\">");
	for (int i = 0; i < count; i++) {
		const cstore_row *ph = &r[idx[i]];
		wb_raw(b, "<figure class=\"photo\">");
		thumb(b, ph);
		wb_raw(b, "<figcaption>");
		wb_esc(b, web_area_name(ph->area));
		wb_raw(b, " · ");
		photo_caption(b, ph);
		for (int k = 0; k < 2; k++) {
			wb_raw(b, k ? "<label><input type=\"radio\" name=\"b\" value=\""
				    : "<label><input type=\"radio\" name=\"a\" value=\"");
			wb_esc(b, ph->uuid);
			wb_raw(b, (k ? bb : a) == ph ? "\" checked>" : "\">");
			wb_raw(b, k ? " Right</label>" : " Left</label>");
		}
		wb_raw(b, "</figcaption></figure>");
	}
	wb_raw(b, "</div><p><button type=\"submit\">Compare</button></p></form>\n");
	free(idx);
}

void web_compare(web_ctx *x, const char *code)
{
	cstore_patient p;
	cstore_row *r = calloc(RECORDS_MAX, sizeof *r);
	const cstore_row *a, *bb;
	int n = 0, rc;
	char title[48];
	wbuf b = { 0 };
	rc = r ? cstore_patient_get(x->c->db, code, &p) : MK_ENOMEM;
	if (rc == 0)
		rc = cstore_records(x->c->db, p.uuid, "photo", 0, 0, r, RECORDS_MAX, &n);
	if (rc < 0) {
		free(r);
		web_message(x, rc == MK_ENOTFOUND ? 404 : 500, "Compare photos",
			    rc == MK_ENOTFOUND ? "There is no patient with that code."
					       : "This patient's photos could not be read.");
		return;
	}
	web_audit(x, "view-patient", p.code, "compare photos");
	a = find_photo(r, n, creq_arg(x->r, "a"));
	bb = find_photo(r, n, creq_arg(x->r, "b"));
	snprintf(title, sizeof title, "Compare photos of %s", p.code);
	web_page_begin(&b, x, title, "patients");
	wb_raw(&b, "<p><a href=\"/patients/");
	wb_url(&b, p.code);
	wb_raw(&b, "\">Back to the patient</a></p>");
	if (a && bb) {
		wb_raw(&b, "<div class=\"compare\">");
		side(&b, a);
		side(&b, bb);
		wb_raw(&b, "</div>\n");
	} else if (n < 2) {
		wb_raw(&b, "<p class=\"message\">This patient needs at least two photos to compare."
			   "</p>");
	} else {
		wb_raw(&b, "<p>Pick one photo for the left and one for the right, then Compare.</p>");
	}
	if (n > 0)
		chooser(&b, &p, r, n, a, bb);
	web_page_end(&b);
	free(r);
	web_send(x, &b, 200);
}
