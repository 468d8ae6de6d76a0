/* assess: the GB/T 42195-2022 elderly ability assessment from the shell.
 * 'assess score' needs no database: it scores 26 item scores as given and
 * prints the dimensions, the total, the levels and why they changed. */
#include "cli/cli.h"
#include "core/assessment.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A whole decimal number, optionally signed; 0 if s is not one. */
static int parse_long(const char *s, long *v)
{
	char *end;

	if (!*s || (*s != '-' && *s != '+' && (*s < '0' || *s > '9')))
		return 0;
	errno = 0;
	*v = strtol(s, &end, 10);
	return !*end && !errno;
}

static json_t *level_json(enum assess_level l)
{
	return json_pack("{s:i, s:s, s:s}", "index", (int)l, "zh",
	                 assess_level_zh(l), "en", assess_level_en(l));
}

static json_t *result_json(const struct assess_result *r)
{
	json_t *dims = json_array(), *items = json_array();
	json_t *changes = json_array(), *o;

	for (int d = 0; d < ASSESS_DIM__MAX; d++)
		json_array_append_new(
		    dims,
		    json_pack("{s:s, s:s, s:s, s:i, s:i}", "code",
		              assess_dimension_code(d), "name",
		              assess_dimension_name_zh(d), "name_en",
		              assess_dimension_name_en(d), "score",
		              r->dimension[d], "max", assess_dimension_max(d)));
	for (size_t i = 0; i < ASSESS_ITEM_COUNT; i++) {
		const struct assess_item *it = assess_item(i);
		const char *w = it->wording[r->items[i]];

		json_array_append_new(
		    items,
		    json_pack("{s:s, s:s, s:s, s:i, s:i, s:o}", "code",
		              it->code, "name", it->name_zh, "name_en",
		              it->name_en, "score", r->items[i], "max", it->max,
		              "wording", w ? json_string(w) : json_null()));
	}
	for (size_t i = 0; i < r->nchanges; i++) {
		const struct assess_change *c = &r->changes[i];

		json_array_append_new(
		    changes, json_pack("{s:s, s:b, s:i, s:i, s:s, s:s}", "rule",
		                       assess_rule_name(c->rule), "applied",
		                       c->applied, "from", c->from, "to", c->to,
		                       "reason_zh", c->zh, "reason_en", c->en));
	}
	o = json_pack("{s:s, s:o, s:o, s:i, s:i, s:o, s:o, s:o, s:b, s:b}",
	              "instrument", r->instrument, "dimensions", dims, "items",
	              items, "total", r->total, "max", ASSESS_TOTAL_MAX,
	              "initial_level", level_json(r->initial), "final_level",
	              level_json(r->final), "changes", changes, "stack_changes",
	              r->stack_changes, "stacking_mattered",
	              r->stacking_mattered);
	if (r->stacking_note_en[0])
		json_object_set_new(o, "stacking_note",
		                    json_pack("{s:s, s:s}", "zh",
		                              r->stacking_note_zh, "en",
		                              r->stacking_note_en));
	json_object_set_new(o, "care_category",
	                    json_pack("{s:s, s:s, s:s}", "code",
	                              assess_care_code(r->care), "zh",
	                              assess_care_zh(r->care), "en",
	                              assess_care_en(r->care)));
	return o;
}

static void print_result(const struct assess_result *r)
{
	printf("%s 老年人能力评估\n", r->instrument);
	for (int d = 0; d < ASSESS_DIM__MAX; d++)
		printf("  %s %s (%s): %d / %d\n", assess_dimension_code(d),
		       assess_dimension_name_zh(d), assess_dimension_name_en(d),
		       r->dimension[d], assess_dimension_max(d));
	printf("total 总分: %d / %d\n", r->total, ASSESS_TOTAL_MAX);
	printf("initial level 初步等级: %d %s (%s)\n", (int)r->initial,
	       assess_level_zh(r->initial), assess_level_en(r->initial));
	if (!r->nchanges)
		printf("changes 等级变更: none 无\n");
	for (size_t i = 0; i < r->nchanges; i++)
		printf("change 等级变更: %s\n  %s\n", r->changes[i].zh,
		       r->changes[i].en);
	if (r->stacking_note_en[0])
		printf("stacking 累加: %s\n  %s\n", r->stacking_note_zh,
		       r->stacking_note_en);
	printf("final level 最终等级: %d %s (%s)\n", (int)r->final,
	       assess_level_zh(r->final), assess_level_en(r->final));
	printf("care category 照护类别: %s %s (%s)\n",
	       assess_care_code(r->care), assess_care_zh(r->care),
	       assess_care_en(r->care));
}

/* A score too large or small for an int is out of range all the same. */
static int out_of_range(size_t i, const char *text)
{
	const struct assess_item *it = assess_item(i);

	fprintf(stderr,
	        "laoxiao: item '%s' (%s %s) must be 0–%d, not %s (field "
	        "'items[%zu]')\n",
	        it->name_zh, it->code, it->name_en, it->max, text, i);
	return 1;
}

static int assess_score_cmd(int argc, char **argv)
{
	struct assess_policy pol = assess_policy_default();
	struct assess_background bg = { 0, 0, 0 };
	struct assess_result r;
	struct lx_error err = { 0 };
	long given[ASSESS_ITEM_COUNT];
	const char *text[ASSESS_ITEM_COUNT];
	int scores[ASSESS_ITEM_COUNT];
	size_t n = 0;
	int json = 0, options = 1, bad = 0;
	long v;

	/* Options are read by hand, not by getopt: a score of "-1" is an
	 * out-of-range score to report, not an unknown option. */
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *num = NULL;

		if (options && !strcmp(a, "--json")) {
			json = 1;
		} else if (options && !strcmp(a, "--stack")) {
			pol.stack_changes = 1;
		} else if (options && !strcmp(a, "--coma")) {
			bg.coma = 1;
		} else if (options && !strcmp(a, "--dementia")) {
			bg.diagnosis = 1;
		} else if (options && !strcmp(a, "--risk-events")) {
			if (++i == argc)
				return cli_usage("assess");
			num = argv[i];
		} else if (options && !strncmp(a, "--risk-events=", 14)) {
			num = a + 14;
		} else if (options && !strcmp(a, "--")) {
			options = 0;
		} else if (options && a[0] == '-' && a[1] == '-') {
			fprintf(stderr, "laoxiao: unknown option '%s'\n", a);
			return cli_usage("assess");
		} else if (!parse_long(a, &v)) {
			fprintf(
			    stderr,
			    "laoxiao: score %zu '%s' is not a whole number\n",
			    n + 1, a);
			return cli_usage("assess");
		} else {
			if (n < ASSESS_ITEM_COUNT) {
				given[n] = v;
				text[n] = a;
			}
			n++;
		}
		if (!num)
			continue;
		if (!parse_long(num, &v) || v < 0 || v > INT_MAX) {
			fprintf(
			    stderr,
			    "laoxiao: '--risk-events' takes a count of 0 or "
			    "more, not '%s'\n",
			    num);
			return cli_usage("assess");
		}
		bg.risk_events = (int)v;
	}
	if (n != ASSESS_ITEM_COUNT) {
		fprintf(stderr, "laoxiao: %d item scores are needed, not %zu\n",
		        ASSESS_ITEM_COUNT, n);
		return cli_usage("assess");
	}
	/* the first bad score is reported: by core, unless it is too large
	 * for an int */
	for (size_t i = 0; i < n; i++) {
		if (given[i] < INT_MIN || given[i] > INT_MAX) {
			if (!bad)
				return out_of_range(i, text[i]);
			scores[i] = 0;
			continue;
		}
		scores[i] = (int)given[i];
		if (scores[i] < 0 || scores[i] > assess_item(i)->max)
			bad = 1;
	}
	if (assess_score(scores, n, &bg, &pol, &r, &err))
		return cli_error(&err);
	if (json) {
		json_t *o = result_json(&r);

		json_dumpf(o, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(o);
	} else {
		print_result(&r);
	}
	return 0;
}

int cmd_assess(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "score"))
		return assess_score_cmd(argc - 1, argv + 1);
	if (argc >= 2)
		fprintf(stderr, "laoxiao: 'assess %s' is not a verb\n",
		        argv[1]);
	return cli_usage("assess");
}
