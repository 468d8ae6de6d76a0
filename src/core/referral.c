#include "core/referral.h"

#include "core/date.h"

#include <stdio.h>
#include <string.h>

static const char *const status_names[REFERRAL_STATUS__MAX] = {
	"assigned", "accepted", "handled", "fed_back", "closed",
};
static const char *const step_names[REFERRAL_STEP__MAX] = {
	"accept", "handle", "feedback", "close", "reopen",
};
static const char *const step_records[REFERRAL_STEP__MAX] = {
	"accepted", "handled", "fed_back", "closed", "reopened",
};
static const char *const to_names[REFERRAL_TO__MAX] = {
	"department",
	"facility",
	"service",
};

static int parse(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

const char *referral_status_name(enum referral_status s)
{
	return (unsigned)s < REFERRAL_STATUS__MAX ? status_names[s] : "";
}

int referral_status_parse(const char *s)
{
	return parse(status_names, REFERRAL_STATUS__MAX, s);
}

const char *referral_step_name(enum referral_step s)
{
	return (unsigned)s < REFERRAL_STEP__MAX ? step_names[s] : "";
}

int referral_step_parse(const char *s)
{
	return parse(step_names, REFERRAL_STEP__MAX, s);
}

const char *referral_step_record(enum referral_step s)
{
	return (unsigned)s < REFERRAL_STEP__MAX ? step_records[s] : "";
}

const char *referral_to_name(enum referral_to t)
{
	return (unsigned)t < REFERRAL_TO__MAX ? to_names[t] : "";
}

int referral_to_parse(const char *s)
{
	return parse(to_names, REFERRAL_TO__MAX, s);
}

int referral_next(enum referral_status from, enum referral_step step)
{
	/* one row per step: the status it needs and the one it gives */
	static const struct {
		enum referral_status from, to;
	} moves[REFERRAL_STEP__MAX] = {
		[REFERRAL_ACCEPT] = { REFERRAL_ASSIGNED, REFERRAL_ACCEPTED },
		[REFERRAL_HANDLE] = { REFERRAL_ACCEPTED, REFERRAL_HANDLED },
		[REFERRAL_FEEDBACK] = { REFERRAL_HANDLED, REFERRAL_FED_BACK },
		[REFERRAL_CLOSE] = { REFERRAL_FED_BACK, REFERRAL_CLOSED },
		[REFERRAL_REOPEN] = { REFERRAL_CLOSED, REFERRAL_ASSIGNED },
	};

	if ((unsigned)step >= REFERRAL_STEP__MAX || moves[step].from != from)
		return -1;
	return (int)moves[step].to;
}

const struct referral_need *
referral_policy_need(const struct referral_policy *p, const char *code)
{
	for (size_t i = 0; p && code && i < p->nneeds; i++)
		if (!strcmp(p->needs[i].code, code))
			return &p->needs[i];
	return NULL;
}

const struct referral_severity *
referral_policy_severity(const struct referral_policy *p, const char *code)
{
	for (size_t i = 0; p && code && i < p->nseverities; i++)
		if (!strcmp(p->severities[i].code, code))
			return &p->severities[i];
	return NULL;
}

static const char *const levels[] = { "township", "county", "city", NULL };

int referral_policy_check(const struct referral_policy *p, struct lx_error *err)
{
	char at[64];

	if (!p->nneeds)
		return lx_fail(err, LX_EINVALID, "needs",
		               "must list at least one need");
	if (!p->nseverities)
		return lx_fail(err, LX_EINVALID, "severities",
		               "must list at least one severity");
	for (size_t i = 0; i < p->nneeds; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(p->needs[i].code, p->needs[j].code)) {
				snprintf(at, sizeof(at), "needs[%zu].code", i);
				return lx_fail(err, LX_EINVALID, at,
				               "'%s' is listed twice",
				               p->needs[i].code);
			}
	for (size_t i = 0; i < p->nseverities; i++) {
		const struct referral_severity *s = &p->severities[i];

		for (size_t j = 0; j < i; j++)
			if (!strcmp(s->code, p->severities[j].code)) {
				snprintf(at, sizeof(at), "severities[%zu].code",
				         i);
				return lx_fail(err, LX_EINVALID, at,
				               "'%s' is listed twice", s->code);
			}
		if (s->hours < 1 || s->hours > REFERRAL_HOURS_MAX) {
			snprintf(at, sizeof(at), "severities[%zu].hours", i);
			return lx_fail(err, LX_EINVALID, at,
			               "must be from 1 to %d hours",
			               REFERRAL_HOURS_MAX);
		}
	}
	for (size_t i = 0; i < p->nescalate; i++) {
		const struct referral_escalation *e = &p->escalate[i];
		int known = 0;

		for (const char *const *l = levels; *l; l++)
			known |= !strcmp(*l, e->level);
		snprintf(at, sizeof(at), "escalate[%zu].level", i);
		if (!known)
			return lx_fail(err, LX_EINVALID, at,
			               "must be 'township', 'county' or "
			               "'city'");
		snprintf(at, sizeof(at), "escalate[%zu].after_hours", i);
		if (e->after_hours < 0 || e->after_hours > REFERRAL_HOURS_MAX)
			return lx_fail(err, LX_EINVALID, at,
			               "must be from 0 to %d hours",
			               REFERRAL_HOURS_MAX);
		if (i && e->after_hours <= p->escalate[i - 1].after_hours)
			return lx_fail(err, LX_EINVALID, at,
			               "must be later than the level before");
	}
	return 0;
}

static int is_area_worker(const struct principal *p)
{
	return p->role == ROLE_ADMIN || p->role == ROLE_CITY_OFFICIAL ||
	       p->role == ROLE_COUNTY_OFFICIAL || p->role == ROLE_TOWNSHIP;
}

static int owns_facility(const struct principal *p, long long id)
{
	for (size_t i = 0; id > 0 && i < p->nfacilities; i++)
		if (p->facilities[i] == id)
			return 1;
	return 0;
}

int referral_may_see(const struct principal *p, const struct referral_facts *f)
{
	switch (p->role) {
	case ROLE_ADMIN:
	case ROLE_CITY_OFFICIAL:
	case ROLE_COUNTY_OFFICIAL:
	case ROLE_TOWNSHIP:
	case ROLE_READONLY:
		return principal_sees_region(p, f->region);
	case ROLE_DEPT_OFFICIAL:
		return f->to_kind == REFERRAL_TO_DEPARTMENT &&
		       principal_sees_region(p, f->region);
	case ROLE_OPERATOR:
		return f->to_kind == REFERRAL_TO_FACILITY &&
		       owns_facility(p, f->to_facility);
	case ROLE_VISITOR:
		return f->created_by > 0 && f->created_by == p->account_id;
	default:
		return 0;
	}
}

int referral_may_raise(const struct principal *p, const char *region)
{
	if (p->role != ROLE_VISITOR && !is_area_worker(p))
		return 0;
	return principal_covers_area(p, region);
}

static int receives(const struct principal *p, const struct referral_facts *f)
{
	if (is_area_worker(p))
		return 1;
	if (p->role == ROLE_DEPT_OFFICIAL)
		return f->to_kind == REFERRAL_TO_DEPARTMENT;
	if (p->role == ROLE_OPERATOR)
		return f->to_kind == REFERRAL_TO_FACILITY &&
		       owns_facility(p, f->to_facility);
	return 0;
}

enum lx_code referral_may_take(const struct principal *p,
                               const struct referral_facts *f,
                               enum referral_step step)
{
	int mine;

	if (!referral_may_see(p, f))
		return LX_ENOTFOUND;
	switch (step) {
	case REFERRAL_ACCEPT:
	case REFERRAL_HANDLE:
	case REFERRAL_FEEDBACK:
		mine = receives(p, f);
		break;
	case REFERRAL_CLOSE:
	case REFERRAL_REOPEN:
		mine = is_area_worker(p);
		break;
	default:
		mine = 0;
	}
	return mine ? LX_OK : LX_EFORBIDDEN;
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int referral_time_parse(const char *s, long long *out)
{
	char day[11];
	struct lx_date d;
	int h, m, sec = 0;
	size_t n = s ? strlen(s) : 0;

	if (n != 17 && n != 20)
		return -1;
	memcpy(day, s, 10);
	day[10] = 0;
	if (date_parse(day, &d) || s[10] != 'T' || digits(s + 11, 2, &h) ||
	    s[13] != ':' || digits(s + 14, 2, &m) || h > 23 || m > 59)
		return -1;
	if (n == 20 && (s[16] != ':' || digits(s + 17, 2, &sec) || sec > 59))
		return -1;
	if (s[n - 1] != 'Z')
		return -1;
	*out = (long long)date_to_days(d) * 86400 + h * 3600 + m * 60 + sec;
	return 0;
}

static void two(char *out, int v)
{
	out[0] = (char)('0' + v / 10 % 10);
	out[1] = (char)('0' + v % 10);
}

void referral_time_format(long long t, char out[21])
{
	long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int rest = (int)(t - days * 86400);

	date_format(date_from_days((long)days), out);
	out[10] = 'T';
	two(out + 11, rest / 3600);
	out[13] = ':';
	two(out + 14, rest / 60 % 60);
	out[16] = ':';
	two(out + 17, rest % 60);
	out[19] = 'Z';
	out[20] = 0;
}

int referral_overdue_at(enum referral_status s, long long due, long long at)
{
	/* once fed back the receiving side has done its part: what is left
	 * (closing) is the township's, and no longer late for the receiver */
	return s < REFERRAL_FED_BACK && at > due;
}

int referral_escalation_at(const struct referral_policy *p,
                           enum referral_status s, long long due, long long at)
{
	int level = -1;

	if (!referral_overdue_at(s, due, at))
		return -1;
	for (size_t i = 0; p && i < p->nescalate; i++)
		if (at > due + (long long)p->escalate[i].after_hours * 3600)
			level = (int)i;
	return level;
}
