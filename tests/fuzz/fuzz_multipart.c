/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target `multipart`: the input is the Content-Type header's value,
 * a newline, then the body of a dashboard form sent as multipart/form-data
 * (the content upload), walked by chttp_multipart as web_content does.
 *
 * Besides crashes and reads past the body: every part's bytes lie inside
 * the body, in order and without overlapping; names are non-empty and hold
 * no control byte; at most CHTTP_MAX_PARTS parts; a refused body always
 * comes with a message.
 */
#include "fuzz.h"
#include "chttp.h"

typedef struct {
	const uint8_t *body, *end, *last;
	int parts;
} seen;

static int each(void *ctx, const chttp_part *p)
{
	seen *s = ctx;
	FUZZ_CHECK(p->data >= s->last && p->data + p->n <= s->end, "a part outside the body");
	FUZZ_CHECK(p->name[0] != '\0', "a part without a name");
	for (const char *c = p->name; *c; c++)
		FUZZ_CHECK((unsigned char)*c >= 0x20, "a control byte in a name");
	for (const char *c = p->filename; *c; c++)
		FUZZ_CHECK((unsigned char)*c >= 0x20, "a control byte in a file name");
	s->last = p->data + p->n;
	FUZZ_CHECK(++s->parts <= CHTTP_MAX_PARTS, "more parts than the limit");
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	char type[256], field[64];
	size_t tl;
	seen s;
	int rc;
	if (!nl || (tl = (size_t)(nl - data)) >= sizeof type)
		return 0;
	memcpy(type, data, tl);
	type[tl] = '\0';
	s = (seen){ nl + 1, data + size, nl + 1, 0 };
	mk_err(MK_OK, "%s", "");
	rc = chttp_multipart(type, s.body, (size_t)(s.end - s.body), each, &s);
	FUZZ_CHECK(rc == 0 || (rc < 0 && mk_err_msg()[0]), "refused without a message");
	rc = chttp_multipart_field(type, s.body, (size_t)(s.end - s.body), "csrf", field,
				   sizeof field);
	FUZZ_CHECK(rc != 0 || strlen(field) < sizeof field, "a field past its buffer");
	return 0;
}
