/* SPDX-License-Identifier: MIT */
/*
 * The preview pictures (/content/N/NAME.png) and kiosk screenshots
 * (/content/shots/ID.png), for signed-in users only, with the dashboard's
 * headers.
 *
 * Nothing from the request reaches the file system unchecked: the version
 * is a number, the name must be one vet_preview could have written
 * (letters, digits and dashes, then ".png": no '/', no "..", no leading
 * dot or dash), and it is opened relative to that version's folder with
 * O_NOFOLLOW, as a regular file of bounded size that starts like a PNG.
 * A screenshot comes from the database by its 32-hex-digit id.
 */
#include "web_content.h"
#include "core.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PNG_MAX ((off_t)64 << 20)

int web_preview_name_ok(const char *name)
{
	size_t n = strlen(name), i;
	if (n < 5 || n > 96 || strcmp(name + n - 4, ".png") != 0)
		return 0;
	for (i = 0; i < n - 4; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0)))
			return 0;
	}
	return 1;
}

static int is_png(const uint8_t *p, size_t n)
{
	return n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0;
}

/* name's bytes from the folder dir, as a regular file under PNG_MAX. */
static int read_at(const char *dir, const char *name, uint8_t **out, size_t *n)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), fd;
	struct stat st;
	uint8_t *buf;
	size_t got = 0;
	if (dfd < 0)
		return MK_ENOTFOUND;
	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	close(dfd);
	if (fd < 0)
		return MK_ENOTFOUND;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > PNG_MAX) {
		close(fd);
		return MK_ENOTFOUND;
	}
	buf = malloc((size_t)st.st_size + 1);
	while (buf && got < (size_t)st.st_size) {
		ssize_t k = read(fd, buf + got, (size_t)st.st_size - got);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	if (!buf || got != (size_t)st.st_size) {
		free(buf);
		return buf ? MK_EIO : MK_ENOMEM;
	}
	*out = buf;
	*n = got;
	return 0;
}

void web_content_png(web_ctx *x, int64_t v, const char *name)
{
	char dir[PATH_MAX];
	uint8_t *png = NULL;
	size_t n = 0;
	int rc = MK_ENOTFOUND;
	if (web_preview_name_ok(name) && web_content_preview_dir(dir, sizeof dir, v) == 0)
		rc = read_at(dir, name, &png, &n);
	if (rc == 0 && !is_png(png, n))
		rc = MK_ENOTFOUND;
	if (rc < 0) {
		free(png);
		if (rc != MK_ENOTFOUND)
			web_content_log("content-picture-failed");
		cresp_text(x->w, rc == MK_ENOTFOUND ? 404 : 500, NULL,
			   rc == MK_ENOTFOUND ? "No such picture\n" : "The picture could not be read\n");
		return;
	}
	cresp_take(x->w, 200, "image/png", png, n);
}

void web_shot_png(web_ctx *x, const char *id)
{
	uint8_t *png = NULL;
	size_t n = 0;
	int rc = MK_ENOTFOUND;
	if (strlen(id) == 32 && strspn(id, "0123456789abcdef") == 32)
		rc = cstore_shot_png(x->c->db, id, &png, &n);
	if (rc == 0 && !is_png(png, n))
		rc = MK_ENOTFOUND;
	if (rc < 0) {
		free(png);
		if (rc != MK_ENOTFOUND)
			web_content_log("content-screenshot-failed");
		cresp_text(x->w, rc == MK_ENOTFOUND ? 404 : 500, NULL,
			   rc == MK_ENOTFOUND ? "No such screenshot\n"
					      : "The screenshot could not be read\n");
		return;
	}
	web_audit(x, "view-screenshot", id, "");
	cresp_take(x->w, 200, "image/png", png, n);
}
