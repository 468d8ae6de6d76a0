/*
 * Orders of home and community services (居家社区养老托育服务), the
 * "子女下单、老年人体验服务" model (000:323; 003:258–262): an order is
 * placed for a person, taken by the provider (accepted, scheduled,
 * checked in, checked out), rated by whoever placed it, or cancelled
 * with a reason. The rules are pure: which step follows which status,
 * which side of the order may take it, the times a step may carry, and
 * the money of an order. Storage is store/service_order_store.c; the
 * use cases are app/service_orders.c.
 */
#ifndef LX_CORE_SERVICE_ORDER_H
#define LX_CORE_SERVICE_ORDER_H

#include "core/error.h"

enum service_order_status {
	SO_PLACED,
	SO_ACCEPTED,
	SO_SCHEDULED,
	SO_STARTED,
	SO_FINISHED,
	SO_RATED,
	SO_CANCELLED,
	SO_STATUS__MAX
};

enum service_order_step {
	SO_ACCEPT,
	SO_SCHEDULE,
	SO_START,  /* check-in (签到) */
	SO_FINISH, /* check-out (签退) */
	SO_RATE,
	SO_CANCEL,
	SO_STEP__MAX
};

/* The sides of an order one principal may stand on, as bits: the one who
 * placed it (a family member, a visitor, an official), the provider (an
 * operator of the order's facility), an official in whose region the
 * order is. One account may be two sides (an official who placed it). */
enum service_order_side {
	SO_SIDE_ORDERER = 1,
	SO_SIDE_PROVIDER = 2,
	SO_SIDE_OFFICIAL = 4,
};

/* Names as stored and in the API; static storage. The parsers return
 * the enum value or -1. */
const char *service_order_status_name(enum service_order_status s);
const char *service_order_status_zh(enum service_order_status s);
int service_order_status_parse(const char *s);
const char *service_order_step_name(enum service_order_step s);
int service_order_step_parse(const char *s);

/* The status step leads to from status from, or -1 when it does not
 * follow (whoever takes it): accept from placed; schedule from accepted
 * (or scheduled again, a new time); start from scheduled; finish from
 * started; rate from finished; cancel from any status before finished. */
int service_order_next(enum service_order_status from,
                       enum service_order_step step);

/* Whether a principal standing on sides (a mask of enum
 * service_order_side, 0 when none) may take step on an order in status
 * from: 0, or -1 with err:
 * - LX_EFORBIDDEN when the step is not for its side: accept, schedule,
 *   start and finish are the provider's; rate is the orderer's; cancel is
 *   the orderer's or the provider's before the service starts, an
 *   official's any time before it is finished;
 * - LX_ECONFLICT naming "status" when the step does not follow from the
 *   status (a second check-in, finishing before starting, rating an
 *   unfinished order, anything on a cancelled one) or when a cancel by
 *   the orderer or provider comes after the service started.
 * A principal on no side gets LX_EFORBIDDEN. */
int service_order_may(unsigned sides, enum service_order_status from,
                      enum service_order_step step, struct lx_error *err);

/* quantity × unit price in fen, into *total: quantity in
 * 1..SERVICE_ORDER_QUANTITY_MAX and unit price in 0..SERVICE_PRICE_MAX,
 * so the product is exact. -1 with err naming "quantity" or
 * "unit_fen". */
enum {
	SERVICE_ORDER_QUANTITY_MAX = 10000,
};
#define SERVICE_PRICE_MAX 100000000LL /* one million yuan a unit */
int service_order_total(long long quantity, long long unit_fen,
                        long long *total, struct lx_error *err);

/* What minutes of service are worth at an hourly price: minutes ×
 * hourly_fen / 60, rounded half up to the fen. minutes ≥ 0, hourly_fen
 * in 0..SERVICE_PRICE_MAX. */
long long service_minutes_fen(long long minutes, long long hourly_fen);

/* A coordinate given at check-in or check-out, as exact decimal text:
 * an optional sign, digits, at most 7 decimals, within ±max (90 for a
 * latitude, 180 for a longitude). 0 or -1. */
int service_coord_check(const char *s, int max);

#endif
