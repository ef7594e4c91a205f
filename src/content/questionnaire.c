/* SPDX-License-Identifier: MIT */
/*
 * questionnaire.c: the read-only questions the kiosk asks of a loaded
 * symptom questionnaire — which item has this id, is this item asked for
 * these answers, which red flag do these answers raise.
 *
 * Kept apart from lapi_questionnaire.c (which builds the model from Lua)
 * because these run while a patient answers, long after Lua is done, and
 * they must be obviously right: a red flag that fails to fire is the one
 * mistake this kiosk cannot make. So they are plain loops over small
 * arrays, and anything unanswered (-1) never meets a condition.
 */
#include "content.h"
#include <string.h>

int content_item_index(const content_questionnaire *q, const char *id)
{
	for (int i = 0; q && id && i < q->n_items; i++)
		if (q->items[i].id && strcmp(q->items[i].id, id) == 0)
			return i;
	return -1;
}

/* Asking too much is better than missing a symptom: with no area marked,
 * site items are asked too. */
int content_item_applies(const content_questionnaire *q, int i, unsigned areas, const int *scores)
{
	if (!q || i < 0 || i >= q->n_items)
		return 0;
	const content_item *it = &q->items[i];
	if (it->areas && areas && !(it->areas & areas))
		return 0;
	if (it->show_if_item >= 0) {
		int s = scores ? scores[it->show_if_item] : -1;
		if (s < it->show_if_min) /* min >= 0: unanswered never counts */
			return 0;
	}
	return 1;
}

/* Every `when` condition and, when it has any, one `any` condition. A
 * minimum is at least 0, so an unanswered item (-1) never counts. */
static int rule_holds(const content_rule *r, const int *scores)
{
	int any = r->n_any == 0;
	for (int k = 0; k < r->n_all; k++)
		if (scores[r->all[k].item] < r->all[k].min)
			return 0;
	for (int k = 0; k < r->n_any && !any; k++)
		any = scores[r->any[k].item] >= r->any[k].min;
	return any && r->n_all + r->n_any > 0;
}

int content_flag_match(const content_questionnaire *q, const int *scores)
{
	int best = -1;
	for (int i = 0; q && scores && i < q->n_rules; i++)
		if (rule_holds(&q->rules[i], scores) &&
		    (best < 0 || q->rules[i].level > q->rules[best].level))
			best = i;
	return best;
}
