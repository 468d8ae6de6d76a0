#include "core/complaint.h"

#include <string.h>

static const char *const status_names[COMPLAINT_STATUS__MAX] = {
	"received", "assigned", "answered", "called_back", "closed"
};
static const char *const status_labels[COMPLAINT_STATUS__MAX] = {
	"已受理", "已交办", "已答复", "已回访", "已办结"
};
static const char *const step_names[COMPLAINT_STEP__MAX] = {
	"assign", "answer", "callback", "close", "reopen"
};
static const char *const step_labels[COMPLAINT_STEP__MAX] = { "交办", "答复",
	                                                      "回访", "办结",
	                                                      "重新办理" };

const char *complaint_status_name(enum complaint_status s)
{
	return s < COMPLAINT_STATUS__MAX ? status_names[s] : "";
}

const char *complaint_status_label(enum complaint_status s)
{
	return s < COMPLAINT_STATUS__MAX ? status_labels[s] : "";
}

int complaint_status_parse(const char *s)
{
	for (int i = 0; s && i < COMPLAINT_STATUS__MAX; i++)
		if (!strcmp(s, status_names[i]))
			return i;
	return -1;
}

const char *complaint_step_name(enum complaint_step s)
{
	return s < COMPLAINT_STEP__MAX ? step_names[s] : "";
}

const char *complaint_step_label(enum complaint_step s)
{
	return s < COMPLAINT_STEP__MAX ? step_labels[s] : "";
}

int complaint_step_parse(const char *s)
{
	for (int i = 0; s && i < COMPLAINT_STEP__MAX; i++)
		if (!strcmp(s, step_names[i]))
			return i;
	return -1;
}

int complaint_next(enum complaint_status from, enum complaint_step step)
{
	switch (step) {
	case COMPLAINT_ASSIGN:
		/* a wrong department hands it on before answering */
		return from == COMPLAINT_RECEIVED || from == COMPLAINT_ASSIGNED
		           ? COMPLAINT_ASSIGNED
		           : -1;
	case COMPLAINT_ANSWER:
		return from == COMPLAINT_ASSIGNED ? COMPLAINT_ANSWERED : -1;
	case COMPLAINT_CALLBACK:
		return from == COMPLAINT_ANSWERED ? COMPLAINT_CALLED_BACK : -1;
	case COMPLAINT_CLOSE:
		/* every complaint is called back before it is closed */
		return from == COMPLAINT_CALLED_BACK ? COMPLAINT_CLOSED : -1;
	case COMPLAINT_REOPEN:
		return from == COMPLAINT_CALLED_BACK || from == COMPLAINT_CLOSED
		           ? COMPLAINT_ASSIGNED
		           : -1;
	default:
		return -1;
	}
}

static int handles(const struct principal *p, const char *region)
{
	switch (p->role) {
	case ROLE_ADMIN:
	case ROLE_CITY_OFFICIAL:
	case ROLE_COUNTY_OFFICIAL:
	case ROLE_DEPT_OFFICIAL:
	case ROLE_TOWNSHIP:
		return principal_sees_region(p, region);
	default:
		return 0;
	}
}

static int own_filing(const struct principal *p,
                      const struct complaint_facts *f)
{
	return p->role == ROLE_FAMILY && f->filed_by &&
	       f->filed_by == p->account_id;
}

int complaint_may_see(const struct principal *p,
                      const struct complaint_facts *f)
{
	switch (p->role) {
	case ROLE_READONLY:
	case ROLE_INSPECTOR:
		return principal_sees_region(p, f->region);
	case ROLE_OPERATOR:
		for (size_t i = 0; f->facility_id && i < p->nfacilities; i++)
			if (p->facilities[i] == f->facility_id)
				return 1;
		return 0;
	case ROLE_FAMILY:
		return own_filing(p, f);
	case ROLE_VISITOR:
		return 0;
	default:
		return handles(p, f->region);
	}
}

int complaint_may_file(const struct principal *p, const char *region)
{
	return p->role == ROLE_FAMILY || handles(p, region);
}

int complaint_may_see_phone(const struct principal *p,
                            const struct complaint_facts *f)
{
	return handles(p, f->region) || own_filing(p, f);
}

enum lx_code complaint_may_take(const struct principal *p,
                                const struct complaint_facts *f,
                                enum complaint_step step)
{
	if (!complaint_may_see(p, f))
		return LX_ENOTFOUND;
	if (handles(p, f->region))
		return LX_OK;
	if (own_filing(p, f) &&
	    (step == COMPLAINT_CALLBACK || step == COMPLAINT_REOPEN))
		return LX_OK;
	return LX_EFORBIDDEN;
}

int complaint_overdue(enum complaint_status s, long deadline, long today)
{
	return deadline >= 0 &&
	       (s == COMPLAINT_RECEIVED || s == COMPLAINT_ASSIGNED) &&
	       today > deadline;
}

int complaint_on_time(long answered, long deadline)
{
	return answered <= deadline;
}

int complaint_is_satisfied(int level, const int *satisfied, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (satisfied[i] == level)
			return 1;
	return 0;
}

int complaint_may_reopen(int level, const int *satisfied, size_t n,
                         long called_back, long today, int window)
{
	return level >= 1 && !complaint_is_satisfied(level, satisfied, n) &&
	       today >= called_back && today - called_back <= window;
}
