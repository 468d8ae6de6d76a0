/*
 * A responsibility cell of a plan's task-division table (责任单位) read
 * into (department, role) pairs, the way departments write it:
 * 「市卫生健康委牵头，市民政局、市发展改革委参加；各县（市、区）人民政府
 * 负责」, 「牵头单位:市民政局、市卫健委;责任单位:市发改委,各县(市、区)人民
 * 政府」, 〔责任单位：…〕 brackets, 「A、B按职责分工负责」. PDF spaces and
 * line breaks inside names, and half- or full-width punctuation, do not
 * change the result. Names are mapped through an alias table the caller
 * gives (the department directory), so 市卫健委 and 市卫生健康委 are one.
 * Pure: no I/O, no globals.
 */
#ifndef LX_CORE_TASK_DUTY_H
#define LX_CORE_TASK_DUTY_H

#include <stddef.h>

/* lead 牵头; participate 参加/配合; joint 按职责分工负责 with no single
 * lead; local a county government or zone that carries the task out. */
enum task_role {
	TASK_ROLE_LEAD,
	TASK_ROLE_PARTICIPATE,
	TASK_ROLE_JOINT,
	TASK_ROLE_LOCAL,
	TASK_ROLE__MAX
};

/* "lead", "participate", "joint", "local": the stored codes. */
extern const char *const task_role_names[TASK_ROLE__MAX];

/* The role named s, or -1. */
int task_role_parse(const char *s);

/* One alias: alias and name are compared after the same clean-up as a
 * cell (spaces and line breaks dropped), so "市型 健委" matches 市型健委. */
struct task_duty_alias {
	const char *alias, *name;
};

enum { TASK_DUTY_NAME = 192 };

struct task_duty {
	char name[TASK_DUTY_NAME]; /* canonical name (after aliases) */
	enum task_role role;
};

/* Reads cell into at most cap pairs at out, in the order written, each
 * (name, role) once. *n gets the count. Returns 0, or -1 when the cell
 * names more than cap pairs or a name is longer than TASK_DUTY_NAME - 1
 * bytes. An empty cell, or one that names nobody (「按职责分工负责」), gives
 * 0 pairs. */
int task_duty_parse(const char *cell, const struct task_duty_alias *aliases,
                    size_t n_aliases, struct task_duty *out, size_t cap,
                    size_t *n);

/* Cleans a name the way the parser does (spaces and line breaks dropped,
 * half-width brackets made full-width) into out of size cap. Returns 0, or
 * -1 when it does not fit. */
int task_duty_clean_name(const char *name, char *out, size_t cap);

/* 1 when a cleaned name is a local government or a zone (各县（区）人民
 * 政府, 经开区管委会, …). */
int task_duty_is_local(const char *name);

#endif
