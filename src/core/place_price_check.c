#include "core/place_price_check.h"

#include "core/date.h"

#include <string.h>

int place_price_review_date(const char *effective, long long years,
                            char out[11])
{
	struct lx_date d;
	int last;

	if (years <= 0 || years > 100 || date_parse(effective, &d))
		return -1;
	d.y += (int)years;
	last = date_days_in_month(d.y, d.m);
	if (d.d > last)
		d.d = last;
	date_format(d, out);
	return 0;
}

void place_price_check(const struct place_price *p,
                       const struct place_price_rules *r, const char *as_of,
                       struct place_price_flags *out)
{
	memset(out, 0, sizeof(*out));
	if (p->kind == PRICE_CLASS && r->has_cap &&
	    (p->affordable || r->caps_bind_all) && p->amount_fen > r->cap_fen) {
		out->over_cap = 1;
		out->cap_fen = r->cap_fen;
		out->excess_fen = p->amount_fen - r->cap_fen;
	}
	if (p->affordable && r->review_years > 0 &&
	    !place_price_review_date(p->effective_date, r->review_years,
	                             out->review_due_on))
		out->review_due = strcmp(as_of, out->review_due_on) >= 0;
}
