#include "core/login_guard.h"

const struct login_limits login_limits_default = {
	.free_failures = 5,
	.address_free_failures = 20,
	.base_seconds = 1,
	.max_seconds = 15 * 60,
	.window_seconds = 15 * 60,
	.idle_seconds = 30 * 60,
};

long login_lock_seconds(const struct login_limits *l, long free, long failures)
{
	long s = l->base_seconds;

	if (failures <= free)
		return 0;
	for (long i = free + 1; i < failures; i++) {
		if (s >= l->max_seconds)
			break;
		s *= 2;
	}
	return s < l->max_seconds ? s : l->max_seconds;
}

long login_failures_now(const struct login_limits *l, long failures,
                        long long last_at, long long now)
{
	return now - last_at > l->window_seconds ? 0 : failures;
}
