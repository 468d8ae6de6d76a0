/*
 * Major projects (DESIGN.md module 10), the pure part: investment written
 * in 万元 with up to two decimals held exactly in fen, capacity read from
 * the free text a project list writes (「建设床位300张，建筑面积13350平方米」),
 * a schedule as a span of years or a duration, the order of life-cycle
 * milestones and a project's traffic light on a day.
 */
#ifndef LX_CORE_PROJECT_H
#define LX_CORE_PROJECT_H

#include "core/error.h"

#include <stddef.h>

/* 1 万元 = 10 000 元 = 1 000 000 fen. */
enum { PROJECT_FEN_PER_WAN = 1000000 };

/* "21005.72" (spaces and thousands commas, ASCII or full width, are
 * ignored, so "21 005.72" reads too) → 2 100 572 000 fen. At most two
 * decimals; -1 on anything else or on overflow. */
int project_wan_parse(const char *s, long long *fen);

/* fen as 万元 text, exactly: "4800", "21005.72", "3620.69"; trailing zeros
 * of the fraction dropped; more places when fen is not a whole hundredth
 * of 万元 (never rounded). out needs 32 bytes. */
char *project_wan_format(long long fen, char *out, size_t n);

/* Capacity found in free text. floor_area is exact text in m² ("" when
 * none); understood is 0 when the text mentions beds, places or floor area
 * in a way not read, so the person importing must look. */
struct project_capacity {
	long long beds, slots;
	char floor_area[32];
	int understood;
};

void project_capacity_read(const char *text, struct project_capacity *out);

/* A schedule cell: "2021-2023" (start 2021, end 2023), "2025" (both 2025),
 * "2 年"/"2年" (duration 2, years unknown). 0 on success, -1 when not
 * understood. Years are 0 when unknown. */
struct project_schedule {
	int start_year, end_year, duration_years;
};

int project_schedule_read(const char *text, struct project_schedule *out);

/* Milestones in policy order: actual[i] is the actual date of stage i
 * ("YYYY-MM-DD" or NULL/""). Returns -1 when every given date is on or
 * after every earlier stage's given date, else the index of the first
 * stage dated before an earlier one. */
int project_milestone_order(const char *const *actual, size_t n);

enum project_light { PROJECT_GREEN = 0, PROJECT_YELLOW, PROJECT_RED };

/* The light on day today: a stage whose planned date has passed without
 * an actual date is yellow, red once more than red_after_days days late;
 * the worst stage wins. *late_stage is that stage's index (-1 green). */
enum project_light project_light_on(const char *const *planned,
                                    const char *const *actual, size_t n,
                                    const char *today, long red_after_days,
                                    int *late_stage);

const char *project_light_name(enum project_light l);

#endif
