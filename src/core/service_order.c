#include "core/service_order.h"

#include <string.h>

static const char *const status_names[SO_STATUS__MAX] = {
	"placed",   "accepted", "scheduled", "started",
	"finished", "rated",    "cancelled",
};

static const char *const status_zh[SO_STATUS__MAX] = {
	"已下单", "已接单", "已排期", "服务中", "已完成", "已评价", "已取消",
};

static const char *const step_names[SO_STEP__MAX] = {
	"accept", "schedule", "start", "finish", "rate", "cancel",
};

const char *service_order_status_name(enum service_order_status s)
{
	return s < SO_STATUS__MAX ? status_names[s] : "";
}

const char *service_order_status_zh(enum service_order_status s)
{
	return s < SO_STATUS__MAX ? status_zh[s] : "";
}

int service_order_status_parse(const char *s)
{
	for (int i = 0; s && i < SO_STATUS__MAX; i++)
		if (!strcmp(s, status_names[i]))
			return i;
	return -1;
}

const char *service_order_step_name(enum service_order_step s)
{
	return s < SO_STEP__MAX ? step_names[s] : "";
}

int service_order_step_parse(const char *s)
{
	for (int i = 0; s && i < SO_STEP__MAX; i++)
		if (!strcmp(s, step_names[i]))
			return i;
	return -1;
}

int service_order_next(enum service_order_status from,
                       enum service_order_step step)
{
	switch (step) {
	case SO_ACCEPT:
		return from == SO_PLACED ? SO_ACCEPTED : -1;
	case SO_SCHEDULE:
		/* a scheduled visit may be moved to another time */
		return from == SO_ACCEPTED || from == SO_SCHEDULED
		           ? SO_SCHEDULED
		           : -1;
	case SO_START:
		return from == SO_SCHEDULED ? SO_STARTED : -1;
	case SO_FINISH:
		return from == SO_STARTED ? SO_FINISHED : -1;
	case SO_RATE:
		return from == SO_FINISHED ? SO_RATED : -1;
	case SO_CANCEL:
		return from <= SO_STARTED ? SO_CANCELLED : -1;
	default:
		return -1;
	}
}

/* The side that owns each step (cancel has three). */
static unsigned owners(enum service_order_step step)
{
	switch (step) {
	case SO_RATE:
		return SO_SIDE_ORDERER;
	case SO_CANCEL:
		return SO_SIDE_ORDERER | SO_SIDE_PROVIDER | SO_SIDE_OFFICIAL;
	default:
		return SO_SIDE_PROVIDER;
	}
}

int service_order_may(unsigned sides, enum service_order_status from,
                      enum service_order_step step, struct lx_error *err)
{
	if (step >= SO_STEP__MAX || from >= SO_STATUS__MAX)
		return lx_fail(err, LX_EINVALID, "step", "unknown step");
	if (!(sides & owners(step)))
		return lx_fail(
		    err, LX_EFORBIDDEN, "",
		    step == SO_RATE ? "only whoever placed the order rates it"
		    : step == SO_CANCEL ? "only whoever placed the order, its "
		                          "provider or an official cancels it"
		                        : "only the provider takes step '%s'",
		    step_names[step]);
	if (from == SO_CANCELLED)
		return lx_fail(err, LX_ECONFLICT, "status",
		               "the order is cancelled");
	if (service_order_next(from, step) < 0)
		return lx_fail(err, LX_ECONFLICT, "status",
		               "the order is '%s': step '%s' does not follow",
		               status_names[from], step_names[step]);
	/* once the service has started, only an official (who may have to
	 * stop a service gone wrong) cancels it */
	if (step == SO_CANCEL && from == SO_STARTED &&
	    !(sides & SO_SIDE_OFFICIAL))
		return lx_fail(err, LX_ECONFLICT, "status",
		               "the service has started: only an official "
		               "cancels it now");
	return 0;
}

int service_order_total(long long quantity, long long unit_fen,
                        long long *total, struct lx_error *err)
{
	if (quantity < 1 || quantity > SERVICE_ORDER_QUANTITY_MAX)
		return lx_fail(err, LX_EINVALID, "quantity",
		               "'quantity' must be a whole number from 1 to %d",
		               SERVICE_ORDER_QUANTITY_MAX);
	if (unit_fen < 0 || unit_fen > SERVICE_PRICE_MAX)
		return lx_fail(err, LX_EINVALID, "unit_fen",
		               "a unit price is from 0 to %lld fen",
		               SERVICE_PRICE_MAX);
	*total = quantity * unit_fen;
	return 0;
}

long long service_minutes_fen(long long minutes, long long hourly_fen)
{
	/* half up: add half the divisor before dividing (all non-negative) */
	return (minutes * hourly_fen * 2 + 60) / 120;
}

int service_coord_check(const char *s, int max)
{
	long long whole = 0;
	int digits = 0, places = 0, frac_nonzero = 0;
	const char *p = s;

	if (!p || !*p)
		return -1;
	if (*p == '-' || *p == '+')
		p++;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 3)
			return -1;
		whole = whole * 10 + (*p - '0');
	}
	if (!digits)
		return -1;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			places++;
			frac_nonzero |= *p != '0';
		}
		if (!places || places > 7)
			return -1;
	}
	if (*p)
		return -1;
	if (whole > max || (whole == max && frac_nonzero))
		return -1;
	return 0;
}
