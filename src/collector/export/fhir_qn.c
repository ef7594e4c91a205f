/* SPDX-License-Identifier: MIT */
/*
 * The Questionnaires' items, one ordered set of linkIds per content
 * version, built from the reports as they are exported (the collector does
 * not have the kiosks' Lua content, so the reports are the only source).
 *
 * A report gives its ids in the questionnaire's order; an id not seen yet
 * goes before the next of the report's ids that is listed, else at the
 * end. Each set is a doubly linked list of nodes with a hash index from
 * linkId to node, and a report's ids are taken from the last to the first:
 * then "the next listed id" is always the one just handled, so adding a
 * report costs one lookup and at most one insertion per id. (The first
 * version searched the list for every id and every later id, which made
 * one report of N ids cost N^3: a crafted report stalled the export for
 * hours.)
 */
#include "core.h"
#include "export_int.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NIL SIZE_MAX

typedef struct {
	json_t *names;    /* node -> linkId (json strings) */
	json_t *index;    /* linkId -> node */
	size_t *next, *prev, n, cap, head, tail;
} qn_list;

struct fhir_qn {
	json_t *versions; /* content version -> list number */
	qn_list *lists;
	size_t n, cap;
};

int fhir_qn_new(fhir_qn **out)
{
	*out = calloc(1, sizeof **out);
	if (!*out || !((*out)->versions = json_object())) {
		free(*out);
		*out = NULL;
		return mk_err(MK_ENOMEM, "out of memory");
	}
	return 0;
}

void fhir_qn_free(fhir_qn *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->n; i++) {
		json_decref(q->lists[i].names);
		json_decref(q->lists[i].index);
		free(q->lists[i].next);
		free(q->lists[i].prev);
	}
	free(q->lists);
	json_decref(q->versions);
	free(q);
}

static qn_list *list_of(fhir_qn *q, const char *version)
{
	json_t *at = json_object_get(q->versions, version);
	if (at)
		return &q->lists[json_integer_value(at)];
	if (q->n == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 4;
		qn_list *l = realloc(q->lists, cap * sizeof *l);
		if (!l)
			return NULL;
		q->lists = l;
		q->cap = cap;
	}
	qn_list *l = &q->lists[q->n];
	memset(l, 0, sizeof *l);
	l->head = l->tail = NIL;
	l->names = json_array();
	l->index = json_object();
	if (!l->names || !l->index ||
	    json_object_set_new(q->versions, version, json_integer((json_int_t)q->n))) {
		json_decref(l->names);
		json_decref(l->index);
		return NULL;
	}
	q->n++;
	return l;
}

/* A new node for id, before node `before` (NIL: at the end). */
static size_t insert(qn_list *l, const char *id, size_t before)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		size_t *next = realloc(l->next, cap * sizeof *next);
		if (next)
			l->next = next;
		size_t *prev = next ? realloc(l->prev, cap * sizeof *prev) : NULL;
		if (!prev)
			return NIL;
		l->prev = prev;
		l->cap = cap;
	}
	size_t k = l->n;
	if (json_array_append_new(l->names, json_string(id)) ||
	    json_object_set_new(l->index, id, json_integer((json_int_t)k)))
		return NIL;
	l->n++;
	l->next[k] = before;
	l->prev[k] = before == NIL ? l->tail : l->prev[before];
	if (l->prev[k] == NIL)
		l->head = k;
	else
		l->next[l->prev[k]] = k;
	if (before == NIL)
		l->tail = k;
	else
		l->prev[before] = k;
	return k;
}

int fhir_qn_add(fhir_qn *q, const char *version, json_t *ids)
{
	qn_list *l = list_of(q, version);
	size_t anchor = NIL;
	if (!l)
		return mk_err(MK_ENOMEM, "out of memory");
	for (size_t i = json_array_size(ids); i-- > 0;) {
		const char *id = json_string_value(json_array_get(ids, i));
		json_t *at = json_object_get(l->index, id);
		anchor = at ? (size_t)json_integer_value(at) : insert(l, id, anchor);
		if (anchor == NIL)
			return mk_err(MK_ENOMEM, "out of memory");
	}
	return 0;
}

json_t *fhir_qn_items(const fhir_qn *q)
{
	json_t *all = json_object(), *at;
	const char *version;
	json_object_foreach(q->versions, version, at) {
		const qn_list *l = &q->lists[json_integer_value(at)];
		json_t *ids = json_array();
		for (size_t k = l->head; ids && k != NIL; k = l->next[k])
			if (json_array_append(ids, json_array_get(l->names, k)))
				break;
		if (!ids || json_array_size(ids) != l->n || json_object_set_new(all, version, ids)) {
			json_decref(all);
			return NULL;
		}
	}
	return all;
}
