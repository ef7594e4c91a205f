/* SPDX-License-Identifier: MIT */
/*
 * Answers in the words the patient saw. A kiosk sends, beside each score,
 * the English words of the answer chosen ("Yes", "3 to 6 days") and the
 * question's short name, and with a red flag the title of the screen that
 * told the patient what to do. The dashboard shows those; a record from an
 * older kiosk has only scores, and then the score is named on the severity
 * scale with its number, which is all that can honestly be said of it.
 */
#include "web.h"

#include <jansson.h>
#include <string.h>

void web_answer(wbuf *b, json_t *rec, const char *id, int score)
{
	const char *word = json_string_value(json_object_get(json_object_get(rec, "words"), id));
	const char *name = json_string_value(json_object_get(json_object_get(rec, "names"), id));
	char fallback[64];
	if (!name || !*name) {
		web_item_name(fallback, sizeof fallback, id);
		name = fallback;
	}
	wb_raw(b, "<li>");
	wb_esc(b, name);
	wb_raw(b, ": <strong>");
	wb_esc(b, word && *word ? word : web_score_word(score));
	wb_raw(b, "</strong>");
	if (!(word && *word) && score >= 0)
		wb_fmt(b, " (%d)", score);
	wb_raw(b, "</li>");
}

const char *web_told(json_t *alert, int level)
{
	const char *told = json_string_value(json_object_get(alert, "told"));
	if (told && *told)
		return told;
	/* What the kiosk's red-flag screens say at each level. */
	return level >= 2 ? "Please tell the front desk now"
			  : "Please tell the front desk before your session";
}
