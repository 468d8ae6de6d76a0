#include "core/inspect_hazard.h"

#include <string.h>

const char *const hazard_severity_names[HS__MAX] = { "general", "serious",
	                                             "major" };
const char *const hazard_severity_labels[HS__MAX] = { "一般", "较大", "重大" };
const char *const hazard_status_names[HZ__MAX] = { "found", "ordered",
	                                           "answered", "closed" };
const char *const hazard_status_labels[HZ__MAX] = { "已发现", "整改中",
	                                            "待复查", "已销号" };
const char *const hazard_level_names[HL__MAX] = { "", "county", "city" };
const char *const hazard_level_labels[HL__MAX] = { "", "已报县级", "已报市级" };

int hazard_lookup(const char *const *names, int n, const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

int hazard_next(int status, int step)
{
	switch (step) {
	case HST_ORDER:
		return status == HZ_FOUND ? HZ_ORDERED : -1;
	case HST_ANSWER:
		return status == HZ_ORDERED ? HZ_ANSWERED : -1;
	case HST_RECHECK_PASS:
		return status == HZ_ANSWERED ? HZ_CLOSED : -1;
	case HST_RECHECK_FAIL:
		return status == HZ_ANSWERED ? HZ_ORDERED : -1;
	default:
		return -1;
	}
}

int hazard_step_sets_deadline(int step)
{
	return step == HST_ORDER || step == HST_RECHECK_FAIL;
}

long hazard_deadline(long from_day, long days)
{
	return from_day + days;
}

int hazard_overdue(int status, long deadline, long today)
{
	return (status == HZ_FOUND || status == HZ_ORDERED) && today > deadline;
}

int hazard_level_due(int status, long deadline, long today, long city_after)
{
	if (!hazard_overdue(status, deadline, today))
		return HL_NONE;
	return today - deadline > city_after ? HL_CITY : HL_COUNTY;
}
