#include "app/inspect_staff_tally.h"

#include "core/facility.h"

#include <string.h>

/* One staff member's part of the shares on day, from its events e[0..n). */
void inspect_staff_tally_one(const struct staff_rec *s,
                             const struct staff_policy *p,
                             const struct staff_event *e, size_t n,
                             const char *day, struct staff_tally *one)
{
	const struct staff_occupation *o =
	    staff_policy_occupation(p, s->occupation);
	char start[11];
	int pre = 0, checks = 0, trainings = 0;

	memset(one, 0, sizeof(*one));
	one->staff = 1;
	if (o && o->certified) {
		one->cert_den = 1;
		one->cert_num = s->certificate && s->certificate[0];
	}
	if (staff_window_start(day, p->health.window_months, start))
		start[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(e[i].on, day) > 0)
			continue;
		if (!strcmp(e[i].kind, p->pre_job_kind))
			pre = 1;
		if (!staff_in_window(e[i].on, start, day))
			continue;
		if (!strcmp(e[i].kind, "health_check"))
			checks++;
		else if (!strcmp(e[i].kind, p->health.training_kind))
			trainings++;
	}
	one->trained = pre;
	if (facility_kind_is_childcare(s->facility_kind)) {
		one->ch_den = 1;
		one->ch_num = checks >= p->health.min_checks &&
		              trainings >= p->health.min_trainings;
	}
}
