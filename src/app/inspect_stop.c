#include "app/inspect_stop.h"

#include "core/text.h"
#include "store/inspect_hazard_store.h"

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
		*reason = arena_printf(ctx->arena,
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
