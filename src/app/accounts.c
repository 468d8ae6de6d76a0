#include "app/accounts.h"

#include "app/params.h"
#include "app/task_report_account.h"
#include "core/login_guard.h"
#include "core/region_code.h"
#include "core/text.h"
#include "store/account_store.h"
#include "store/login_store.h"
#include "store/region_store.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int app_crypto_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

static json_t *account_to_json(const struct account *acc)
{
	json_t *fac = json_array(), *areas = json_array();

	for (size_t i = 0; i < acc->nfacilities; i++)
		json_array_append_new(fac, json_integer(acc->facilities[i]));
	for (size_t i = 0; i < acc->nareas; i++)
		json_array_append_new(areas, json_string(acc->areas[i]));
	return json_pack(
	    "{s:I, s:s, s:s, s:s, s:s?, s:b, s:o, s:o}", "id",
	    (json_int_t)acc->id, "username", acc->username, "display_name",
	    acc->display_name ? acc->display_name : "", "role",
	    role_name(acc->role), "region", acc->region[0] ? acc->region : NULL,
	    "disabled", acc->disabled, "facilities", fac, "areas", areas);
}

static int cmp_code(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* A visitor's villages and communities: region codes of the village
 * level, each inside the account's scope. */
static int areas_from_json(struct app_ctx *ctx, json_t *v, struct account *acc)
{
	size_t i;
	json_t *code;

	acc->nareas = json_array_size(v);
	acc->areas =
	    arena_alloc(ctx->arena, (acc->nareas + 1) * sizeof(*acc->areas));
	json_array_foreach(v, i, code)
	{
		const char *c = json_string_value(code);

		if (!c || !region_code_valid(c) ||
		    region_code_level(c) != REGION_VILLAGE)
			return lx_fail(&ctx->err, LX_EINVALID, "areas",
			               "'areas' must be a list of village or "
			               "community codes (12 digits)");
		if (!region_store_exists(ctx->db, c))
			return lx_fail(&ctx->err, LX_EINVALID, "areas",
			               "no region '%.20s'", c);
		snprintf(acc->areas[i], sizeof(*acc->areas), "%s", c);
	}
	/* in code order, as the store gives them back */
	qsort(acc->areas, acc->nareas, sizeof(*acc->areas), cmp_code);
	return 0;
}

static int check_areas(struct app_ctx *ctx, const struct account *acc)
{
	if (acc->nareas && acc->role != ROLE_VISITOR)
		return lx_fail(&ctx->err, LX_EINVALID, "areas",
		               "only a visitor account covers villages");
	if (acc->role == ROLE_VISITOR && !acc->nareas)
		return lx_fail(&ctx->err, LX_EINVALID, "areas",
		               "a visitor needs at least one village or "
		               "community in 'areas'");
	for (size_t i = 0; i < acc->nareas; i++)
		if (!region_code_is_within(acc->areas[i], acc->region))
			return lx_fail(&ctx->err, LX_EINVALID, "areas",
			               "%s is outside the account's region %s",
			               acc->areas[i], acc->region);
	if (acc->role == ROLE_TOWNSHIP &&
	    region_code_level(acc->region) != REGION_TOWNSHIP)
		return lx_fail(&ctx->err, LX_EINVALID, "region",
		               "a township officer's region is a township "
		               "(9 digits)");
	return 0;
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
	for (size_t i = 0; i < n; i++) {
		json_t *o = account_to_json(&v[i]);

		task_report_account_json(ctx, o);
		json_array_append_new(items, o);
	}
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
		} else if (!strcmp(key, "areas") && json_is_array(v)) {
			if (areas_from_json(ctx, v, acc))
				return -1;
		} else if (!strcmp(key, "department_id")) {
			/* set after the write (app/task_report_account.c) */
		} else {
			static const char *const known[] = {
				"username", "password", "display_name", "role",
				"region",   "disabled", "facilities",   "areas"
			};
			for (size_t i = 0; i < 8; i++)
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
	return check_areas(ctx, acc);
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

struct account_change {
	struct account acc;
	json_t *before;
	int password_changed;
	json_t *department; /* the body's department_id, or NULL */
};

static int create_in_tx(struct app_ctx *ctx, void *arg)
{
	struct account_change *c = arg;

	if (account_store_insert(ctx->db, &c->acc, ctx->now, &ctx->err) ||
	    task_report_account_set(ctx, c->acc.id, c->acc.role, c->acc.region,
	                            c->department))
		return -1;
	return audit_account(ctx, "create", &c->acc, NULL);
}

json_t *app_account_create(struct app_ctx *ctx, json_t *body)
{
	struct account_change c = { .acc = { .role = -1 } };
	json_t *out;

	c.department = json_object_get(body, "department_id");
	if (require_admin(ctx) || account_from_json(ctx, body, &c.acc, 1) ||
	    app_transaction(ctx, create_in_tx, &c))
		return NULL;
	out = account_to_json(&c.acc);
	task_report_account_json(ctx, out);
	return out;
}

/* A new password ends what the old one opened: the account's other
 * sessions (the one making the change stays, when it is the account's
 * own) and its API tokens. */
static int end_old_credentials(struct app_ctx *ctx, long long account)
{
	int own =
	    ctx->has_session && ctx->who && ctx->who->account_id == account;

	return session_store_delete_account(
	           ctx->db, account, own ? ctx->session : NULL, &ctx->err) ||
	       token_store_revoke_account(ctx->db, account, ctx->now,
	                                  &ctx->err);
}

static int update_in_tx(struct app_ctx *ctx, void *arg)
{
	struct account_change *c = arg;

	if (account_store_update(ctx->db, &c->acc, &ctx->err) ||
	    task_report_account_set(ctx, c->acc.id, c->acc.role, c->acc.region,
	                            c->department))
		return -1;
	if (c->password_changed && end_old_credentials(ctx, c->acc.id))
		return -1;
	return audit_account(ctx, "update", &c->acc, c->before);
}

json_t *app_account_update(struct app_ctx *ctx, long long id, json_t *body)
{
	struct account_change c = { .before = NULL };
	json_t *out = NULL;

	if (require_admin(ctx) ||
	    account_store_get(ctx->db, ctx->arena, id, NULL, &c.acc, &ctx->err))
		return NULL;
	c.before = account_to_json(&c.acc);
	c.password_changed = json_object_get(body, "password") != NULL;
	c.department = json_object_get(body, "department_id");
	if (!account_from_json(ctx, body, &c.acc, 0) &&
	    !app_transaction(ctx, update_in_tx, &c)) {
		out = account_to_json(&c.acc);
		task_report_account_json(ctx, out);
	}
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
	p->nareas = acc->nareas;
	p->areas = (const char(*)[13])acc->areas;
	(void)ctx;
}

/* A password hash to check a wrong name against, so that an unknown
 * account takes as long to refuse as a wrong password. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
	static const char pw[] = "no such account, no such password";

	if (crypto_pwhash_str(dummy_hash, pw, sizeof(pw) - 1,
	                      crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                      crypto_pwhash_MEMLIMIT_INTERACTIVE))
		dummy_hash[0] = '\0';
}

static const char *const guard_scope[2] = { "account", "address" };

/* Seconds left of the longer of the two locks; -1 on error. */
static long locked_for(struct app_ctx *ctx, const char *const key[2],
                       long long now)
{
	long wait = 0;

	for (int i = 0; i < 2; i++) {
		struct login_failures f;

		if (login_store_get(ctx->db, guard_scope[i], key[i], &f,
		                    &ctx->err) < 0)
			return -1;
		/* times are whole seconds: a lock lasts through the second
		 * it ends in, so it is never shorter than it says */
		if (f.locked_until && f.locked_until - now + 1 > wait)
			wait = (long)(f.locked_until - now + 1);
	}
	return wait;
}

struct failed_login {
	const char *const *key;
	long long now, account;
	long wait;
};

static int record_failure_in_tx(struct app_ctx *ctx, void *arg)
{
	struct failed_login *fl = arg;
	const struct login_limits *lim = &login_limits_default;
	struct principal who = { .account_id = fl->account, .role = -1 };
	const struct principal *prev = ctx->who;
	json_t *after;
	int ret;

	for (int i = 0; i < 2; i++) {
		struct login_failures f;
		long lock;

		if (login_store_get(ctx->db, guard_scope[i], fl->key[i], &f,
		                    &ctx->err) < 0)
			return -1;
		f.failures =
		    login_failures_now(lim, f.failures, f.last_at, fl->now) + 1;
		f.last_at = fl->now;
		lock = login_lock_seconds(
		    lim, i ? lim->address_free_failures : lim->free_failures,
		    f.failures);
		f.locked_until = lock ? fl->now + lock : 0;
		if (lock > fl->wait)
			fl->wait = lock;
		if (login_store_put(ctx->db, guard_scope[i], fl->key[i], &f,
		                    &ctx->err))
			return -1;
	}
	snprintf(who.username, sizeof(who.username), "%s", fl->key[0]);
	after = json_pack("{s:s}", "address", fl->key[1]);
	ctx->who = &who;
	ret = app_audit(
	    ctx, "login_failed", "session",
	    fl->account ? arena_printf(ctx->arena, "%lld", fl->account) : "",
	    NULL, after);
	ctx->who = prev;
	json_decref(after);
	return ret;
}

static void throttled(struct app_ctx *ctx, long wait)
{
	lx_fail(&ctx->err, LX_ETHROTTLED, "password",
	        "too many failed logins: try again in %ld seconds", wait);
	json_decref(ctx->details);
	ctx->details = json_pack("{s:I}", "retry_after", (json_int_t)wait);
}

struct new_session {
	const struct account *acc;
	const char *account_key;
	const unsigned char *hash;
	const char *csrf, *expires;
};

static int session_in_tx(struct app_ctx *ctx, void *arg)
{
	struct new_session *ns = arg;
	/* logins are recorded like writes: who and when */
	struct principal who = { .account_id = ns->acc->id,
		                 .role = ns->acc->role };
	const struct principal *prev = ctx->who;
	int ret;

	if (session_store_insert(ctx->db, ns->hash, ns->acc->id, ns->csrf,
	                         ctx->now, ns->expires, &ctx->err) ||
	    login_store_clear(ctx->db, "account", ns->account_key, &ctx->err))
		return -1;
	snprintf(who.username, sizeof(who.username), "%s", ns->acc->username);
	ctx->who = &who;
	ret = app_audit(ctx, "login", "session",
	                arena_printf(ctx->arena, "%lld", ns->acc->id), NULL,
	                NULL);
	ctx->who = prev;
	return ret;
}

json_t *app_login(struct app_ctx *ctx, const char *username,
                  const char *password, const char *addr, char cookie[64])
{
	struct account acc;
	unsigned char hash[TOKEN_HASH_BYTES], raw[32];
	char csrf[65], expires[21], name[64];
	long long now = (long long)time(NULL);
	time_t t = (time_t)now + SESSION_HOURS * 3600;
	const char *key[2] = { name, addr ? addr : "" };
	struct failed_login fl = { key, now, 0, 0 };
	struct new_session ns = { &acc, name, hash, csrf, expires };
	struct tm tm;
	long wait;
	int found, ok;

	if (!username || !password)
		return lx_fail(&ctx->err, LX_EAUTH, "password",
		               "wrong username or password"),
		       NULL;
	/* one count per name however it is typed */
	snprintf(name, sizeof(name), "%s", username);
	for (char *c = name; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	wait = locked_for(ctx, key, now);
	if (wait < 0)
		return NULL;
	if (wait > 0)
		return throttled(ctx, wait), NULL;
	found =
	    !account_store_get(ctx->db, ctx->arena, 0, username, &acc, NULL);
	if (found) {
		ok = strlen(password) <= 1024 &&
		     !crypto_pwhash_str_verify(acc.password_hash, password,
		                               strlen(password)) &&
		     !acc.disabled;
	} else {
		pthread_once(&dummy_once, make_dummy_hash);
		/* the answer is no either way; only the time matters */
		ok = strlen(password) <= 1024 &&
		     !crypto_pwhash_str_verify(dummy_hash, password,
		                               strlen(password)) &&
		     0;
	}
	if (!ok) {
		fl.account = found ? acc.id : 0;
		if (app_transaction(ctx, record_failure_in_tx, &fl))
			return NULL;
		return lx_fail(&ctx->err, LX_EAUTH, "password",
		               "wrong username or password"),
		       NULL;
	}
	random_token(cookie, 64);
	token_hash(cookie, hash);
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(csrf, sizeof(csrf), raw, sizeof(raw));
	gmtime_r(&t, &tm);
	strftime(expires, sizeof(expires), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (app_transaction(ctx, session_in_tx, &ns))
		return NULL;
	return json_pack("{s:o, s:s}", "user", account_to_json(&acc),
	                 "csrf_token", csrf);
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
                     const char *bearer, long idle_seconds,
                     struct principal *out, char *csrf)
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
		long long now = (long long)time(NULL), seen;

		token_hash(cookie, hash);
		if (idle_seconds <= 0)
			idle_seconds = login_limits_default.idle_seconds;
		if (session_store_lookup(ctx->db, hash, ctx->now,
		                         now - idle_seconds, &id, csrf, &seen))
			return -1;
		/* a use is written at most once a minute (more often when
		 * sessions end within minutes) */
		if (now - seen >= (idle_seconds < 240 ? idle_seconds / 4 : 60))
			session_store_touch(ctx->db, hash, now);
		memcpy(ctx->session, hash, sizeof(ctx->session));
		ctx->has_session = 1;
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

json_t *app_token_list(struct app_ctx *ctx, json_t *params)
{
	static const char *const allowed[] = { "account", NULL };
	long account = ctx->who->account_id;
	struct token_row *v;
	size_t n;
	json_t *items;

	if (param_only(params, allowed, &ctx->err))
		return NULL;
	if (principal_is_admin(ctx->who)) {
		if (param_long(params, "account", 0, 0, 1L << 30, &account,
		               &ctx->err))
			return NULL;
	} else if (json_object_get(params, "account")) {
		return lx_fail(&ctx->err, LX_EFORBIDDEN, "account",
		               "only administrators list others' tokens"),
		       NULL;
	}
	if (token_store_list(ctx->db, ctx->arena, account, &v, &n, &ctx->err))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    items,
		    json_pack("{s:I, s:s, s:I, s:s, s:s, s:b, s:s?}", "id",
		              (json_int_t)v[i].id, "name", v[i].name,
		              "account_id", (json_int_t)v[i].account_id,
		              "username", v[i].username, "created_at",
		              v[i].created_at, "revoked", v[i].revoked,
		              "revoked_at", v[i].revoked_at));
	return json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n);
}

struct token_revoke {
	long long id;
	json_t *before;
};

static int revoke_in_tx(struct app_ctx *ctx, void *arg)
{
	struct token_revoke *tr = arg;
	json_t *after = json_pack("{s:b}", "revoked", 1);
	int ret = token_store_revoke(ctx->db, tr->id, ctx->now, &ctx->err) ||
	          app_audit(ctx, "revoke", "api_token",
	                    arena_printf(ctx->arena, "%lld", tr->id),
	                    tr->before, after);

	json_decref(after);
	return ret ? -1 : 0;
}

json_t *app_token_revoke(struct app_ctx *ctx, long long id, json_t *body)
{
	struct token_row *v;
	size_t n;
	struct token_revoke tr = { id, NULL };
	json_t *out = NULL;

	(void)body;
	if (token_store_list(
	        ctx->db, ctx->arena,
	        principal_is_admin(ctx->who) ? 0 : ctx->who->account_id, &v, &n,
	        &ctx->err))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (v[i].id != id)
			continue;
		tr.before =
		    json_pack("{s:s, s:s, s:b}", "name", v[i].name, "username",
		              v[i].username, "revoked", v[i].revoked);
		if (!app_transaction(ctx, revoke_in_tx, &tr))
			out = json_pack("{s:I, s:s, s:b}", "id", (json_int_t)id,
			                "name", v[i].name, "revoked", 1);
		json_decref(tr.before);
		return out;
	}
	/* another account's token is as absent as one that never was */
	return lx_fail(&ctx->err, LX_ENOTFOUND, "id", "no token %lld", id),
	       NULL;
}

static int add_in_tx(struct app_ctx *ctx, void *arg)
{
	return create_in_tx(ctx, arg);
}

int app_account_add(struct app_ctx *ctx, const char *username,
                    const char *password, const char *role, const char *region,
                    const char *areas)
{
	json_t *body =
	    json_pack("{s:s, s:s, s:s, s:s?}", "username", username, "password",
	              password, "role", role, "region", region);
	struct account_change c = { .acc = { .role = -1 } };
	int ret;

	if (areas) {
		json_t *list = json_array();
		const char *s = areas;

		while (*s) {
			size_t n = strcspn(s, ",");

			json_array_append_new(list, json_stringn(s, n));
			s += n + (s[n] == ',');
		}
		json_object_set_new(body, "areas", list);
	}
	ret = account_from_json(ctx, body, &c.acc, 1) ||
	      app_transaction(ctx, add_in_tx, &c);
	json_decref(body);
	return ret ? -1 : 0;
}

int app_account_set_password(struct app_ctx *ctx, const char *username,
                             const char *password)
{
	struct account_change c = { .before = NULL };
	int ret = -1;

	if (account_store_get(ctx->db, ctx->arena, 0, username, &c.acc,
	                      &ctx->err) ||
	    hash_password(ctx, password, &c.acc.password_hash))
		return -1;
	c.before = NULL;
	c.password_changed = 1;
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
	if (app_account_add(ctx, "admin", password, "admin", NULL, NULL))
		return -1;
	return 1;
}
