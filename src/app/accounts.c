#include "app/accounts.h"

#include "core/region_code.h"
#include "core/text.h"
#include "store/account_store.h"
#include "store/region_store.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int app_crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

static json_t *account_to_json(const struct account *acc)
{
	json_t *fac = json_array();

	for (size_t i = 0; i < acc->nfacilities; i++)
		json_array_append_new(fac, json_integer(acc->facilities[i]));
	return json_pack(
	    "{s:I, s:s, s:s, s:s, s:s?, s:b, s:o}", "id", (json_int_t)acc->id,
	    "username", acc->username, "display_name",
	    acc->display_name ? acc->display_name : "", "role",
	    role_name(acc->role), "region", acc->region[0] ? acc->region : NULL,
	    "disabled", acc->disabled, "facilities", fac);
}

static int require_admin(struct app_ctx *ctx)
{
	if (!principal_is_admin(ctx->who))
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "",
		               "only administrators manage accounts");
	return 0;
}

json_t *app_account_list(struct app_ctx *ctx)
{
	struct account *v;
	size_t n;
	json_t *items;

	if (require_admin(ctx) ||
	    account_store_list(ctx->db, ctx->arena, &v, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, account_to_json(&v[i]));
	return json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n);
}

static int hash_password(struct app_ctx *ctx, const char *password, char **out)
{
	char hash[crypto_pwhash_STRBYTES];

	if (text_utf8_length(password) < PASSWORD_MIN_CHARS)
		return lx_fail(&ctx->err, LX_EINVALID, "password",
		               "'password' must have at least %d characters",
		               PASSWORD_MIN_CHARS);
	if (strlen(password) > 1024)
		return lx_fail(&ctx->err, LX_EINVALID, "password",
		               "'password' is too long");
	if (crypto_pwhash_str(hash, password, strlen(password),
	                      crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		return lx_fail(&ctx->err, LX_EINTERNAL, "",
		               "out of memory hashing the password");
	*out = arena_strdup(ctx->arena, hash);
	return 0;
}

/* Applies an account body; on create every required field must be there. */
static int account_from_json(struct app_ctx *ctx, json_t *body,
                             struct account *acc, int create)
{
	const char *key;
	json_t *v;

	if (!json_is_object(body))
		return lx_fail(&ctx->err, LX_EMALFORMED, "",
		               "the body must be a JSON object");
	json_object_foreach(body, key, v)
	{
		if (!strcmp(key, "username") && create && json_is_string(v)) {
			acc->username =
			    arena_strdup(ctx->arena, json_string_value(v));
		} else if (!strcmp(key, "password") && json_is_string(v)) {
			if (hash_password(ctx, json_string_value(v),
			                  &acc->password_hash))
				return -1;
		} else if (!strcmp(key, "display_name") && json_is_string(v)) {
			acc->display_name =
			    arena_strdup(ctx->arena, json_string_value(v));
		} else if (!strcmp(key, "role") && json_is_string(v)) {
			if ((acc->role = role_parse(json_string_value(v))) < 0)
				return lx_fail(&ctx->err, LX_EINVALID, "role",
				               "unknown role '%.30s'",
				               json_string_value(v));
		} else if (!strcmp(key, "region") &&
		           (json_is_string(v) || json_is_null(v))) {
			const char *r =
			    json_is_null(v) ? "" : json_string_value(v);

			if (*r && (!region_code_valid(r) ||
			           !region_store_exists(ctx->db, r)))
				return lx_fail(&ctx->err, LX_EINVALID, "region",
				               "no region '%.20s'", r);
			snprintf(acc->region, sizeof(acc->region), "%s", r);
		} else if (!strcmp(key, "disabled") && json_is_boolean(v)) {
			acc->disabled = json_is_true(v);
		} else if (!strcmp(key, "facilities") && json_is_array(v)) {
			size_t i;
			json_t *id;

			acc->nfacilities = json_array_size(v);
			acc->facilities =
			    arena_alloc(ctx->arena, (acc->nfacilities + 1) *
			                                sizeof(long long));
			json_array_foreach(v, i, id)
			{
				if (!json_is_integer(id))
					return lx_fail(&ctx->err, LX_EINVALID,
					               "facilities",
					               "'facilities' must be a "
					               "list of facility ids");
				acc->facilities[i] = json_integer_value(id);
			}
		} else {
			static const char *const known[] = {
				"username", "password", "display_name", "role",
				"region",   "disabled", "facilities"
			};
			for (size_t i = 0; i < 7; i++)
				if (!strcmp(known[i], key) && (create || i > 0))
					return lx_fail(
					    &ctx->err, LX_EINVALID, key,
					    "'%s' has the wrong type", key);
			return lx_fail(&ctx->err, LX_EINVALID, key,
			               "unknown field '%s'", key);
		}
	}
	if (create) {
		if (!acc->username || !*acc->username)
			return lx_fail(&ctx->err, LX_EINVALID, "username",
			               "'username' is required");
		if (strlen(acc->username) > 60)
			return lx_fail(&ctx->err, LX_EINVALID, "username",
			               "'username' is too long");
		if (!acc->password_hash)
			return lx_fail(&ctx->err, LX_EINVALID, "password",
			               "'password' is required");
		if (acc->role < 0)
			return lx_fail(&ctx->err, LX_EINVALID, "role",
			               "'role' is required");
	}
	if (acc->role != ROLE_ADMIN && !acc->region[0])
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "every role but admin needs a 'region' scope");
	return 0;
}

static int audit_account(struct app_ctx *ctx, const char *action,
                         const struct account *acc, json_t *before)
{
	json_t *after = account_to_json(acc);
	char id[24];
	int ret;

	snprintf(id, sizeof(id), "%lld", acc->id);
	ret = app_audit(ctx, action, "account", id, before, after);
	json_decref(after);
	return ret;
}

static int create_in_tx(struct app_ctx *ctx, void *arg)
{
	struct account *acc = arg;

	if (account_store_insert(ctx->db, acc, ctx->now, &ctx->err))
		return -1;
	return audit_account(ctx, "create", acc, NULL);
}

json_t *app_account_create(struct app_ctx *ctx, json_t *body)
{
	struct account acc = { .role = -1 };

	if (require_admin(ctx) || account_from_json(ctx, body, &acc, 1) ||
	    app_transaction(ctx, create_in_tx, &acc))
		return NULL;
	return account_to_json(&acc);
}

struct account_change {
	struct account acc;
	json_t *before;
};

static int update_in_tx(struct app_ctx *ctx, void *arg)
{
	struct account_change *c = arg;

	if (account_store_update(ctx->db, &c->acc, &ctx->err))
		return -1;
	return audit_account(ctx, "update", &c->acc, c->before);
}

json_t *app_account_update(struct app_ctx *ctx, long long id, json_t *body)
{
	struct account_change c;
	json_t *out = NULL;

	if (require_admin(ctx) ||
	    account_store_get(ctx->db, ctx->arena, id, NULL, &c.acc, &ctx->err))
		return NULL;
	c.before = account_to_json(&c.acc);
	if (!account_from_json(ctx, body, &c.acc, 0) &&
	    !app_transaction(ctx, update_in_tx, &c))
		out = account_to_json(&c.acc);
	json_decref(c.before);
	return out;
}

static void token_hash(const char *token, unsigned char *hash)
{
	crypto_generichash(hash, TOKEN_HASH_BYTES, (const unsigned char *)token,
	                   strlen(token), NULL, 0);
}

static void random_token(char *out, size_t len)
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, len, raw, sizeof(raw),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static void principal_from(struct app_ctx *ctx, const struct account *acc,
                           struct principal *p)
{
	memset(p, 0, sizeof(*p));
	p->account_id = acc->id;
	snprintf(p->username, sizeof(p->username), "%s", acc->username);
	p->role = acc->role;
	memcpy(p->region, acc->region, sizeof(p->region));
	p->nfacilities = acc->nfacilities;
	p->facilities = acc->facilities;
	(void)ctx;
}

json_t *app_login(struct app_ctx *ctx, const char *username,
                  const char *password, char cookie[64])
{
	struct account acc;
	unsigned char hash[TOKEN_HASH_BYTES], raw[32];
	char csrf[65], expires[21];
	time_t t = time(NULL) + SESSION_HOURS * 3600;
	struct tm tm;
	json_t *out;

	if (!username || !password ||
	    account_store_get(ctx->db, ctx->arena, 0, username, &acc, NULL) ||
	    acc.disabled ||
	    crypto_pwhash_str_verify(acc.password_hash, password,
	                             strlen(password)))
		return lx_fail(&ctx->err, LX_EAUTH, "password",
		               "wrong username or password"),
		       NULL;
	random_token(cookie, 64);
	token_hash(cookie, hash);
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(csrf, sizeof(csrf), raw, sizeof(raw));
	gmtime_r(&t, &tm);
	strftime(expires, sizeof(expires), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (session_store_insert(ctx->db, hash, acc.id, csrf, ctx->now, expires,
	                         &ctx->err))
		return NULL;
	out = json_pack("{s:o, s:s}", "user", account_to_json(&acc),
	                "csrf_token", csrf);
	{
		/* logins are recorded like writes: who and when */
		struct principal who = { .account_id = acc.id,
			                 .role = acc.role };
		const struct principal *prev = ctx->who;

		snprintf(who.username, sizeof(who.username), "%s",
		         acc.username);
		ctx->who = &who;
		app_audit(ctx, "login", "session",
		          arena_printf(ctx->arena, "%lld", acc.id), NULL, NULL);
		ctx->who = prev;
	}
	return out;
}

void app_logout(struct app_ctx *ctx, const char *cookie)
{
	unsigned char hash[TOKEN_HASH_BYTES];

	if (!cookie)
		return;
	token_hash(cookie, hash);
	session_store_delete(ctx->db, hash);
}

int app_authenticate(struct app_ctx *ctx, const char *cookie,
                     const char *bearer, struct principal *out, char *csrf)
{
	unsigned char hash[TOKEN_HASH_BYTES];
	struct account *acc = arena_alloc(ctx->arena, sizeof(*acc));
	long long id;

	csrf[0] = '\0';
	if (bearer) {
		token_hash(bearer, hash);
		if (token_store_lookup(ctx->db, hash, &id))
			return -1;
	} else if (cookie) {
		token_hash(cookie, hash);
		if (session_store_lookup(ctx->db, hash, ctx->now, &id, csrf))
			return -1;
	} else {
		return -1;
	}
	if (account_store_get(ctx->db, ctx->arena, id, NULL, acc, NULL) ||
	    acc->disabled || acc->role < 0)
		return -1;
	principal_from(ctx, acc, out);
	return 0;
}

json_t *app_session_info(struct app_ctx *ctx, const char *csrf)
{
	struct account acc;

	if (account_store_get(ctx->db, ctx->arena, ctx->who->account_id, NULL,
	                      &acc, &ctx->err))
		return NULL;
	return json_pack("{s:o, s:s}", "user", account_to_json(&acc),
	                 "csrf_token", csrf ? csrf : "");
}

struct new_token {
	const char *name;
	char token[64];
	long long id;
};

static int token_in_tx(struct app_ctx *ctx, void *arg)
{
	struct new_token *t = arg;
	unsigned char hash[TOKEN_HASH_BYTES];
	json_t *after;
	int ret;

	random_token(t->token, sizeof(t->token));
	token_hash(t->token, hash);
	if (token_store_insert(ctx->db, ctx->who->account_id, t->name, hash,
	                       ctx->now, &t->id, &ctx->err))
		return -1;
	after = json_pack("{s:s}", "name", t->name);
	ret = app_audit(ctx, "create", "api_token",
	                arena_printf(ctx->arena, "%lld", t->id), NULL, after);
	json_decref(after);
	return ret;
}

json_t *app_token_create(struct app_ctx *ctx, json_t *body)
{
	struct new_token t = { 0 };
	json_t *name = json_object_get(body, "name");

	if (!json_is_object(body) || json_object_size(body) != 1 ||
	    !json_is_string(name) || !*json_string_value(name))
		return lx_fail(&ctx->err, LX_EINVALID, "name",
		               "the body must be {\"name\": \"...\"}"),
		       NULL;
	if (!ctx->who->account_id)
		return lx_fail(&ctx->err, LX_EINVALID, "",
		               "tokens belong to accounts"),
		       NULL;
	t.name = json_string_value(name);
	if (app_transaction(ctx, token_in_tx, &t))
		return NULL;
	return json_pack("{s:I, s:s, s:s}", "id", (json_int_t)t.id, "name",
	                 t.name, "token", t.token);
}

static int add_in_tx(struct app_ctx *ctx, void *arg)
{
	return create_in_tx(ctx, arg);
}

int app_account_add(struct app_ctx *ctx, const char *username,
                    const char *password, const char *role, const char *region)
{
	json_t *body =
	    json_pack("{s:s, s:s, s:s, s:s?}", "username", username, "password",
	              password, "role", role, "region", region);
	struct account acc = { .role = -1 };
	int ret;

	ret = account_from_json(ctx, body, &acc, 1) ||
	      app_transaction(ctx, add_in_tx, &acc);
	json_decref(body);
	return ret ? -1 : 0;
}

int app_account_set_password(struct app_ctx *ctx, const char *username,
                             const char *password)
{
	struct account_change c;
	int ret = -1;

	if (account_store_get(ctx->db, ctx->arena, 0, username, &c.acc,
	                      &ctx->err) ||
	    hash_password(ctx, password, &c.acc.password_hash))
		return -1;
	c.before = NULL;
	ret = app_transaction(ctx, update_in_tx, &c);
	return ret;
}

int app_bootstrap_admin(struct app_ctx *ctx, char *password, size_t len)
{
	unsigned char raw[12];

	if (account_store_count(ctx->db) > 0)
		return 0;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(password, len, raw, sizeof(raw),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	if (app_account_add(ctx, "admin", password, "admin", NULL))
		return -1;
	return 1;
}
