#include "app/service_links.h"

#include "app/params.h"
#include "app/pii.h"
#include "core/id_number.h"
#include "core/person.h"
#include "store/person_store.h"
#include "store/service_offer_store.h"

#include <ctype.h>
#include <string.h>

const char *const service_relations[] = {
	"本人",   "配偶",     "子女",   "儿媳",     "女婿",
	"孙子女", "父母",     "祖父母", "外祖父母", "兄弟姐妹",
	"监护人", "其他亲属", NULL,
};

static int relation_known(const char *s)
{
	for (size_t i = 0; s && service_relations[i]; i++)
		if (!strcmp(s, service_relations[i]))
			return 1;
	return 0;
}

struct add {
	long long person;
	const char *relation, *name;
};

static int add_in_tx(struct app_ctx *ctx, void *arg)
{
	struct add *x = arg;
	json_t *after;
	int ret;

	if (service_link_store_add(ctx->db, ctx->who->account_id, x->person,
	                           x->relation, ctx->now, &ctx->err))
		return -1;
	after = json_pack("{s:I, s:s}", "person_id", (json_int_t)x->person,
	                  "relation", x->relation);
	ret = app_audit(ctx, "create", "service_link",
	                arena_printf(ctx->arena, "%lld:%lld",
	                             ctx->who->account_id, x->person),
	                NULL, after);
	json_decref(after);
	return ret;
}

static const char *masked(struct app_ctx *ctx, const unsigned char *sealed,
                          size_t len)
{
	char *plain, *out = arena_alloc(ctx->arena, 19);

	if (!ctx->keys || !sealed ||
	    !(plain = pii_open(ctx->keys, ctx->arena, sealed, len)) ||
	    id_number_mask(plain, out, 19))
		return "******************";
	return out;
}

static json_t *link_json(struct app_ctx *ctx, const struct service_link_row *l)
{
	int age = person_age_on(l->birth_date, ctx->today);

	return json_pack(
	    "{s:I, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:b}", "person_id",
	    (json_int_t)l->person_id, "name", l->name ? l->name : "",
	    "id_masked", masked(ctx, l->id_sealed, l->id_sealed_len), "kind",
	    l->kind, "age", age, "region", l->region, "region_name",
	    l->region_name ? l->region_name : "", "relation",
	    l->relation ? l->relation : "", "deceased", l->deceased_on[0] != 0);
}

json_t *app_service_link_add(struct app_ctx *ctx, json_t *body)
{
	static const char *const keys[] = { "id_number", "name", "relation",
		                            NULL };
	const char *number, *name, *relation;
	unsigned char h[PII_HASH_BYTES];
	struct person p;
	struct add x = { 0 };
	struct service_link_row *v;
	size_t n;
	long long id;
	char *norm;

	if (ctx->who->role != ROLE_FAMILY)
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only a family account links a person it "
		               "orders for"),
		       NULL;
	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object"),
		       NULL;
	if (body_only(body, keys, &ctx->err))
		return NULL;
	number = json_string_value(json_object_get(body, "id_number"));
	name = json_string_value(json_object_get(body, "name"));
	relation = json_string_value(json_object_get(body, "relation"));
	if (!number || !*number || !name || !*name)
		return lx_fail(&ctx->err, LX_EINVALID,
		               !number || !*number ? "id_number" : "name",
		               "give the person's ID number and name"),
		       NULL;
	if (!relation_known(relation))
		return lx_fail(
		           &ctx->err, LX_EINVALID, "relation",
		           "'relation' is one of 本人, 配偶, 子女, 儿媳, "
		           "女婿, 孙子女, 父母, 祖父母, 外祖父母, 兄弟姐妹, "
		           "监护人, 其他亲属"),
		       NULL;
	if (!ctx->keys)
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "the personal-data key is not loaded"),
		       NULL;
	norm = arena_strdup(ctx->arena, number);
	for (char *c = norm; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	pii_hash(ctx->keys, norm, h);
	id = person_store_find_hash(ctx->db, h);
	/* one answer for "no such number", "another name" and "not in your
	 * area", so the form cannot be used to look people up */
	if (!id || person_store_get(ctx->db, ctx->arena, id, &p, NULL) ||
	    strcmp(p.name, name) || !principal_sees_region(ctx->who, p.region))
		return lx_fail(&ctx->err, LX_EINVALID, "id_number",
		               "no registered person with this ID number and "
		               "name in your area"),
		       NULL;
	if (p.deceased_on[0])
		return lx_fail(&ctx->err, LX_EINVALID, "id_number",
		               "no registered person with this ID number and "
		               "name in your area"),
		       NULL;
	x.person = id;
	x.relation = relation;
	if (app_transaction(ctx, add_in_tx, &x))
		return NULL;
	if (service_link_store_list(ctx->db, ctx->arena, ctx->who->account_id,
	                            &v, &n, &ctx->err))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (v[i].person_id == id)
			return link_json(ctx, &v[i]);
	return lx_fail(&ctx->err, LX_EINTERNAL, "", "the link was not kept"),
	       NULL;
}

json_t *app_service_link_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { NULL };
	struct service_link_row *v;
	size_t n;
	json_t *items;

	if (param_only(params, allowed, &ctx->err))
		return NULL;
	if (service_link_store_list(ctx->db, ctx->arena, ctx->who->account_id,
	                            &v, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, link_json(ctx, &v[i]));
	return json_pack("{s:o}", "items", items);
}

struct rm {
	long long person;
};

static int rm_in_tx(struct app_ctx *ctx, void *arg)
{
	struct rm *x = arg;

	if (service_link_store_remove(ctx->db, ctx->who->account_id, x->person,
	                              &ctx->err))
		return -1;
	return app_audit(ctx, "delete", "service_link",
	                 arena_printf(ctx->arena, "%lld:%lld",
	                              ctx->who->account_id, x->person),
	                 NULL, NULL);
}

json_t *app_service_link_remove(struct app_ctx *ctx, long long person_id)
{
	struct rm x = { person_id };

	if (app_transaction(ctx, rm_in_tx, &x))
		return NULL;
	return json_pack("{s:I, s:b}", "person_id", (json_int_t)person_id,
	                 "removed", 1);
}
