#include "app/plan_figures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *plan_figure_json(struct exact v)
{
	char buf[EXACT_TEXT_MAX];

	return json_string(
	    exact_format_plain(v, PLAN_FIGURE_PLACES, NULL, buf));
}

json_t *plan_ratio_json(const struct plan_ratio *r)
{
	char buf[EXACT_TEXT_MAX];
	int whole;

	exact_format_plain(r->value, PLAN_FIGURE_PLACES, &whole, buf);
	return json_pack("{s:s, s:b, s:o, s:o}", "value", buf, "exact", whole,
	                 "numerator", plan_figure_json(r->num), "denominator",
	                 plan_figure_json(r->den));
}

json_t *plan_rounded_json(struct exact v, int rule, int places)
{
	struct exact r;
	char buf[EXACT_TEXT_MAX];

	if (plan_round(v, (enum exact_rounding)rule, places, &r))
		return json_null();
	if (places <= 0)
		return json_integer(r.num / r.den);
	return json_string(exact_format(r, places, EXACT_HALF_UP, buf));
}

void plan_rule_set(json_t *o, int rule, int places)
{
	char en[96], zh[96];

	plan_rounding_describe((enum exact_rounding)rule, places, 0, en,
	                       sizeof(en));
	plan_rounding_describe((enum exact_rounding)rule, places, 1, zh,
	                       sizeof(zh));
	json_object_set_new(o, "rule", json_string(en));
	json_object_set_new(o, "rule_zh", json_string(zh));
}

/* Digits and exponent of "%.*e" rebuilt as plain decimal text, so that
 * neither the locale nor an exponent reaches exact_parse. */
static int plain_text(double d, int sig, char *out, size_t n)
{
	char e[48], digits[24];
	int nd = 0, exp10, neg = d < 0, point;
	const char *s = e;
	size_t k = 0;

	snprintf(e, sizeof(e), "%.*e", sig - 1, d);
	if (*s == '-')
		s++;
	for (; *s && *s != 'e'; s++)
		if (*s >= '0' && *s <= '9' && nd < 20)
			digits[nd++] = *s;
	exp10 = *s == 'e' ? (int)strtol(s + 1, NULL, 10) : 0;
	if (exp10 > 15 || exp10 < -12)
		return -1;
	point = exp10 + 1; /* digits before the decimal point */
	if (neg)
		out[k++] = '-';
	if (point <= 0) {
		out[k++] = '0';
		out[k++] = '.';
		for (int i = point; i < 0; i++)
			out[k++] = '0';
		for (int i = 0; i < nd; i++)
			out[k++] = digits[i];
	} else {
		for (int i = 0; i < point || i < nd; i++) {
			if (i == point)
				out[k++] = '.';
			out[k++] = i < nd ? digits[i] : '0';
		}
	}
	out[k] = '\0';
	/* trailing zeros after a point say nothing */
	if (strchr(out, '.')) {
		while (k > 0 && out[k - 1] == '0')
			out[--k] = '\0';
		if (k > 0 && out[k - 1] == '.')
			out[--k] = '\0';
	}
	return k < n ? 0 : -1;
}

int plan_exact_from_double(double d, struct exact *out)
{
	char text[64];

	if (!isfinite(d))
		return -1;
	if (d == 0) {
		*out = exact_int(0);
		return 0;
	}
	for (int sig = 15; sig <= 17; sig++) {
		if (plain_text(d, sig, text, sizeof(text)))
			return -1;
		if (strtod(text, NULL) == d || sig == 17)
			return exact_parse(text, out);
	}
	return -1;
}
