/* Departments with aliases (see task_directory.h). */
#include "app/task_directory.h"

#include "app/inspect_scope.h"
#include "core/role.h"
#include "store/region_store.h"
#include "store/task_store.h"

#include <stdio.h>
#include <string.h>

static const char *const kinds[] = { "department", "government", "zone",
	                             "other", NULL };

static int kind_ok(const char *k)
{
	for (int i = 0; kinds[i]; i++)
		if (!strcmp(k, kinds[i]))
			return 1;
	return 0;
}

static int grow(struct app_ctx *ctx, struct task_directory *d)
{
	if (d->n < d->cap)
		return 0;
	size_t cap = d->cap ? d->cap * 2 : 32;
	long long *ids = arena_alloc(ctx->arena, cap * sizeof(*ids));
	char **names = arena_alloc(ctx->arena, cap * sizeof(*names));
	if (d->n) {
		memcpy(ids, d->ids, d->n * sizeof(*ids));
		memcpy(names, d->names, d->n * sizeof(*names));
	}
	d->ids = ids;
	d->names = names;
	d->cap = cap;
	return 0;
}

int task_directory_load(struct app_ctx *ctx, const char *region,
                        struct task_directory *d)
{
	struct task_dept_rec *ds;
	struct task_alias_rec *as;
	size_t nd, na;

	memset(d, 0, sizeof(*d));
	d->region = region;
	if (task_store_dept_list(ctx->db, ctx->arena, region, &ds, &nd,
	                         &ctx->err) ||
	    task_store_alias_list(ctx->db, ctx->arena, region, &as, &na,
	                          &ctx->err))
		return -1;
	for (size_t i = 0; i < nd; i++) {
		/* the subtree list holds the counties' too: only this one */
		if (strcmp(ds[i].region, region))
			continue;
		grow(ctx, d);
		d->ids[d->n] = ds[i].id;
		d->names[d->n] = ds[i].name;
		d->n++;
	}
	d->aliases = arena_alloc(ctx->arena, (na + 1) * sizeof(*d->aliases));
	for (size_t i = 0; i < na; i++)
		for (size_t k = 0; k < d->n; k++)
			if (d->ids[k] == as[i].department_id) {
				d->aliases[d->n_aliases].alias = as[i].alias;
				d->aliases[d->n_aliases].name = d->names[k];
				d->n_aliases++;
			}
	return 0;
}

int task_directory_resolve(struct app_ctx *ctx, struct task_directory *d,
                           const char *name, enum task_role role, long long *id,
                           int *created)
{
	*created = 0;
	for (size_t k = 0; k < d->n; k++)
		if (!strcmp(d->names[k], name)) {
			*id = d->ids[k];
			return 0;
		}
	struct task_dept_rec r = { 0, (char *)d->region, (char *)name,
		                   "department" };
	if (role == TASK_ROLE_LOCAL)
		r.kind = strstr(name, "管委会") ? "zone" : "government";
	if (task_store_dept_add(ctx->db, &r, &ctx->err))
		return -1;
	grow(ctx, d);
	d->ids[d->n] = r.id;
	d->names[d->n] = arena_strdup(ctx->arena, name);
	d->n++;
	*id = r.id;
	*created = 1;
	return 0;
}

json_t *app_task_departments(struct app_ctx *ctx, json_t *params)
{
	const char *region;
	struct task_dept_rec *ds;
	struct task_alias_rec *as;
	size_t nd, na;

	if (inspect_scope_region(ctx, params, &region) ||
	    task_store_dept_list(ctx->db, ctx->arena, region, &ds, &nd,
	                         &ctx->err))
		return NULL;
	json_t *items = json_array();
	const char *last = NULL;
	for (size_t i = 0; i < nd; i++) {
		/* aliases are per jurisdiction: load them once per region */
		if (!last || strcmp(last, ds[i].region)) {
			if (task_store_alias_list(ctx->db, ctx->arena,
			                          ds[i].region, &as, &na,
			                          &ctx->err)) {
				json_decref(items);
				return NULL;
			}
			last = ds[i].region;
		}
		json_t *al = json_array();
		for (size_t k = 0; k < na; k++)
			if (as[k].department_id == ds[i].id)
				json_array_append_new(al,
				                      json_string(as[k].alias));
		json_array_append_new(
		    items, json_pack("{s:I, s:s, s:s, s:s, s:o}", "id",
		                     (json_int_t)ds[i].id, "region",
		                     ds[i].region, "name", ds[i].name, "kind",
		                     ds[i].kind, "aliases", al));
	}
	return json_pack("{s:s?, s:o}", "region", region, "items", items);
}

struct create {
	json_t *body, *out;
};

static const char *str_field(json_t *body, const char *k)
{
	json_t *v = json_object_get(body, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int create_tx(struct app_ctx *ctx, void *arg)
{
	struct create *c = arg;
	const char *region = str_field(c->body, "region");
	const char *name = str_field(c->body, "name");
	const char *kind = str_field(c->body, "kind");
	json_t *aliases = json_object_get(c->body, "aliases");
	char clean[TASK_DUTY_NAME];
	struct task_directory d;
	long long id = 0;
	int created = 0;

	if (!region || !region_store_exists(ctx->db, region) ||
	    !principal_sees_region(ctx->who, region))
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "a region in your scope is required");
	if (!name || task_duty_clean_name(name, clean, sizeof clean) ||
	    !clean[0])
		return lx_fail(&ctx->err, LX_EINVALID, "name",
		               "a department name is required");
	if (kind && !kind_ok(kind))
		return lx_fail(&ctx->err, LX_EINVALID, "kind",
		               "kind must be department, government, zone or "
		               "other");
	if (aliases && !json_is_array(aliases))
		return lx_fail(&ctx->err, LX_EINVALID, "aliases",
		               "aliases must be a list of names");
	if (task_directory_load(ctx, region, &d))
		return -1;
	for (size_t k = 0; k < d.n; k++)
		if (!strcmp(d.names[k], clean))
			id = d.ids[k];
	if (!id) {
		struct task_dept_rec r = { 0, (char *)region, clean,
			                   (char *)(kind ? kind
			                                 : "department") };
		if (task_store_dept_add(ctx->db, &r, &ctx->err))
			return -1;
		id = r.id;
		created = 1;
	}
	size_t i;
	json_t *a;
	json_array_foreach(aliases, i, a)
	{
		char ca[TASK_DUTY_NAME];
		if (!json_is_string(a) ||
		    task_duty_clean_name(json_string_value(a), ca, sizeof ca) ||
		    !ca[0])
			return lx_fail(&ctx->err, LX_EINVALID, "aliases",
			               "alias %zu is not a name", i + 1);
		for (size_t k = 0; k < d.n; k++)
			if (!strcmp(d.names[k], ca))
				return lx_fail(
				    &ctx->err, LX_EINVALID, "aliases",
				    "'%s' is a department's own name", ca);
		if (task_store_alias_add(ctx->db, region, ca, id, &ctx->err)) {
			if (ctx->err.code == LX_ECONFLICT)
				lx_fail(&ctx->err, LX_ECONFLICT, "aliases",
				        "'%s' is already an alias", ca);
			return -1;
		}
	}
	c->out = json_pack("{s:I, s:s, s:s, s:b, s:O?}", "id", (json_int_t)id,
	                   "region", region, "name", clean, "created", created,
	                   "aliases", aliases);
	char ids[24];
	snprintf(ids, sizeof ids, "%lld", id);
	return app_audit(ctx, created ? "create" : "update", "department", ids,
	                 NULL, c->out);
}

json_t *app_task_department_create(struct app_ctx *ctx, json_t *body)
{
	struct create c = { body, NULL };

	if (app_transaction(ctx, create_tx, &c)) {
		json_decref(c.out);
		return NULL;
	}
	return c.out;
}
