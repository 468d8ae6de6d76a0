/*
 * The services module's data elements for indicators (docs/policy.md
 * "Data elements"): counts the platform computes from its own tables, as
 * of the period's last day, per region and rolled up the tree:
 *
 *   rural_villages            建制村 (村民委员会) open on the day
 *   meal_villages             those with a covering point open in them
 *   guided_infants            registered infants reached by parenting
 *                             guidance in the policy's window
 *   active_family_beds        family care beds active on the day
 *   registered_volunteers     volunteers registered on the day
 *   registered_volunteers.elderly   those aged 60 or more on the day
 *   willing_tekun             persons with a willing (有集中供养意愿)
 *                             application of the always-admit tier, open
 *                             or admitted on the day
 *   willing_tekun_placed      those of them admitted by the day
 *
 * Pure: names, the guidance window and the village-code rule. The counting
 * is store/service_element_store.c.
 */
#ifndef LX_CORE_SERVICE_ELEMENT_H
#define LX_CORE_SERVICE_ELEMENT_H

enum service_element {
	SE_RURAL_VILLAGES,
	SE_MEAL_VILLAGES,
	SE_GUIDED_INFANTS,
	SE_ACTIVE_FAMILY_BEDS,
	SE_VOLUNTEERS,
	SE_ELDERLY_VOLUNTEERS,
	SE_WILLING_TEKUN, /* waiting lists (store: wait_application) */
	SE_WILLING_TEKUN_PLACED,
	SE__MAX
};

/* The age from which a volunteer counts as elderly (老年人: 60, the Law
 * on the Protection of the Rights and Interests of the Elderly, art. 2). */
enum { SE_ELDERLY_AGE = 60 };

/* 1 and *out when name is one of the elements, else 0. */
int service_element_parse(const char *name, enum service_element *out);

/* The element's name (static storage); "" for another value. */
const char *service_element_name(enum service_element e);

/* When an activity counts an infant as reached at a day: the calendar
 * year that holds the day, or the twelve months that end on it. */
enum reach_window { RW_CALENDAR_YEAR, RW_TWELVE_MONTHS, RW__MAX };

/* 0 and *out for "calendar_year" or "twelve_months", else -1. */
int reach_window_parse(const char *s, enum reach_window *out);

/* The window's first day for a window ending on day (YYYY-MM-DD), in
 * out; -1 when day is not a date. */
int reach_window_start(enum reach_window w, const char *day, char out[11]);

/* Whether a 12-digit village-level code's last three digits lie in
 * [from, to] (统计用区划代码: 村民委员会 200-399). 0 for a code that is
 * not 12 digits. */
int village_code_in(const char *code, int from, int to);

#endif
