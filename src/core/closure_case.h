/*
 * A closure case (机构退出): the rules that keep a closing facility from
 * losing anyone. Each member (a resident of an elderly institution, a child
 * enrolled in a childcare facility) needs a destination — another open
 * institution of a fitting kind, home, or the successor taking the whole
 * institution over — before the case may close. Pure: the app layer
 * (app/closure_cases.c) reads and writes the rows.
 */
#ifndef LX_CORE_CLOSURE_CASE_H
#define LX_CORE_CLOSURE_CASE_H

#include "core/error.h"

#include <stddef.h>

enum closure_destination {
	CD_INSTITUTION, /* another institution, named by its id */
	CD_HOME,        /* home or the family's care */
	CD_SUCCESSOR,   /* the institution taking over the whole one */
	CD__MAX
};

enum closure_status { CS_OPEN, CS_CLOSED, CS_WITHDRAWN, CS__MAX };

/* Machine name ↔ enum; parse gives -1 for an unknown name. Labels are
 * Chinese. */
int closure_destination_parse(const char *s);
const char *closure_destination_name(int d);
const char *closure_destination_label(int d);
int closure_status_parse(const char *s);
const char *closure_status_name(int s);
const char *closure_status_label(int s);

/* What the rules need of one member. */
struct closure_place {
	long long person_id;
	int destination; /* enum closure_destination, -1 when not yet set */
	long long destination_facility; /* 0 for none */
};

/* Whether a member is placed: a destination, and for an institution the
 * institution's id. */
int closure_placed(const struct closure_place *m);

/* Counts the members without a place; the first max of their indices go
 * to idx (may be NULL). */
size_t closure_unplaced(const struct closure_place *m, size_t n, size_t *idx,
                        size_t max);

/* Whether a case in status may close with these members: open, and no
 * one unplaced. 0, or -1 with err (LX_ECONFLICT on "status" when not
 * open, LX_EINVALID (422) on "members" saying how many lack a
 * destination). */
int closure_may_close(int status, const struct closure_place *m, size_t n,
                      struct lx_error *err);

/* Checks a destination for a member of the case of facility closing
 * (successor 0 when none): an institution needs another facility's id,
 * home needs none, the successor needs the case to have one. The kinds
 * are checked by closure_kind_fits. 0, or -1 with err naming the field. */
int closure_destination_check(int destination, long long facility,
                              long long closing, long long successor,
                              struct lx_error *err);

/* Whether a facility of kind (enum facility_kind) can take a person of
 * this kind ("elderly" residents to institutions with beds, "infant"
 * children to childcare facilities). */
int closure_kind_fits(const char *person_kind, int facility_kind);

/* The residence a person has after settling to destination (person
 * kind "elderly"): "institution" or "home". */
const char *closure_residence_after(int destination);

/* A name shown where the person need not be known in full (a refusal
 * listing who is left): its first character, then one '*' for each
 * other UTF-8 character. out gets at most outlen - 1 bytes. */
void closure_mask_name(const char *name, char *out, size_t outlen);

#endif
