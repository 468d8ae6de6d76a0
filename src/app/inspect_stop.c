#include "app/inspect_stop.h"

#include "core/text.h"
#include "store/hold_store.h"
#include "store/inspect_hazard_store.h"

#include <stdio.h>
#include <string.h>

int app_facility_admission_stopped(struct app_ctx *ctx, long long facility,
                                   long long *hazard, const char **reason)
{
	long long id;
	char *what = NULL;

	if (hazard_store_stopping(ctx->db, ctx->arena, facility, &id, &what,
	                          &ctx->err))
		return -1;
	if (hazard)
		*hazard = id;
	if (reason && id) {
		/* an error message holds 255 bytes: the description is cut
		 * between characters so the message stays valid UTF-8 */
		char brief[64];

		text_excerpt(what, 48, brief, sizeof(brief));
		*reason =
		    arena_printf(ctx->arena,
		                 "停止收住：有未销号的重大隐患 %lld（%s），"
		                 "复查销号前不得收住",
		                 id, brief);
	} else if (reason) {
		*reason = NULL;
	}
	return id ? 1 : 0;
}

int app_facility_admission_check(struct app_ctx *ctx, long long facility,
                                 const char *field)
{
	const char *why;
	long long id;
	int rc = app_facility_admission_stopped(ctx, facility, &id, &why);

	if (rc <= 0)
		return rc;
	return lx_fail(&ctx->err, LX_ECONFLICT, field, "%s", why);
}

int app_facilities_stopped(struct app_ctx *ctx, long long **ids, size_t *n)
{
	return hazard_store_stopped_facilities(ctx->db, ctx->arena, ids, n,
	                                       &ctx->err);
}

int app_facility_in(const long long *ids, size_t n, long long id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ids[mid] == id)
			return 1;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static json_t *hold_json(const struct hold_row *h)
{
	return json_pack(
	    "{s:I, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)h->id,
	    "beneficiary_kind", h->beneficiary_kind, "beneficiary_id",
	    (json_int_t)h->beneficiary_id, "from", h->from_date, "reason",
	    h->reason, "lifted_on", h->lifted_on[0] ? h->lifted_on : "");
}

int app_stop_hold(struct app_ctx *ctx, long long hazard, long long facility,
                  const char *region, const char *description)
{
	struct hold_row h;
	char brief[160];
	json_t *after;
	int rc;

	memset(&h, 0, sizeof(h));
	snprintf(h.beneficiary_kind, sizeof(h.beneficiary_kind), "%s",
	         "institution");
	h.beneficiary_id = facility;
	snprintf(h.region, sizeof(h.region), "%s", region);
	memcpy(h.from_date, ctx->today, sizeof(h.from_date));
	text_excerpt(description, 120, brief, sizeof(brief));
	h.reason = arena_printf(ctx->arena,
	                        "重大事故隐患（隐患 %lld：%s）停止收住，"
	                        "整改复查销号前暂停发放",
	                        hazard, brief);
	if (hold_store_add(ctx->db, &h, ctx->who->account_id, ctx->now,
	                   &ctx->err) ||
	    hazard_store_set_hold(ctx->db, hazard, h.id, &ctx->err))
		return -1;
	after = hold_json(&h);
	rc = app_audit(ctx, "hold", "subsidy_hold",
	               arena_printf(ctx->arena, "%lld", h.id), NULL, after);
	json_decref(after);
	return rc;
}

int app_stop_lift(struct app_ctx *ctx, long long hazard, long long hold)
{
	struct hold_row after;
	json_t *a;
	int rc;

	if (hold_store_lift(
	        ctx->db, hold, ctx->today, 0,
	        arena_printf(ctx->arena, "隐患 %lld 复查销号", hazard),
	        ctx->who->account_id, ctx->now, &ctx->err) ||
	    hold_store_get(ctx->db, ctx->arena, hold, &after, &ctx->err))
		return -1;
	a = hold_json(&after);
	rc = app_audit(ctx, "lift", "subsidy_hold",
	               arena_printf(ctx->arena, "%lld", hold), NULL, a);
	json_decref(a);
	return rc;
}
