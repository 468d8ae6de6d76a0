/* payee: payee accounts (收款账户) and the bank 代发 file. */
#include "app/payee.h"
#include "app/payee_bank.h"
#include "app/pii.h"
#include "app/policy.h"
#include "app/subsidies.h"
#include "app/transfer.h"
#include "cli/cli.h"
#include "cli/config.h"
#include "store/db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The database, its keys and the policies for one command; 0, or 1
 * after printing why. */
struct session {
	struct db *db;
	struct pii_keys *keys;
	struct app_ctx ctx;
};

static int open_session(const char *path, struct session *s)
{
	memset(s, 0, sizeof(*s));
	if (!(s->db = cli_open_db(path)))
		return 1;
	app_ctx_init(&s->ctx, s->db, NULL);
	s->keys = cli_open_keys(s->db, path);
	s->ctx.keys = s->keys;
	s->ctx.policies = cli_load_policies(cli_policies_dir());
	return s->keys && s->ctx.policies ? 0 : 1;
}

static void close_session(struct session *s)
{
	policy_set_unref(s->ctx.policies);
	app_ctx_done(&s->ctx);
	pii_keys_free(s->keys);
	db_close(s->db);
}

static void print_account(json_t *a)
{
	const char *keys[][2] = {
		{ "owner_name", "对象" },
		{ "bank", "银行" },
		{ "branch", "开户行" },
		{ "account_kind_label", "账户类型" },
		{ "account_number", "账号" },
		{ "holder_name", "户名" },
		{ "holder_relation", "与对象关系" },
		{ "holder_id_number", "户主身份证号" },
		{ "updated_at", "更新于" },
	};

	if (!json_is_true(json_object_get(a, "has_account"))) {
		printf("%s：无收款账户\n",
		       json_string_value(json_object_get(a, "owner_name")));
		return;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v =
		    json_string_value(json_object_get(a, keys[i][0]));

		if (v)
			printf("%s\t%s\n", keys[i][1], v);
	}
}

static int show_or_set(int argc, char **argv, int set)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "person", required_argument, NULL, 'p' },
		{ "institution", required_argument, NULL, 'i' },
		{ "unmask", no_argument, NULL, 'u' },
		{ "json", no_argument, NULL, 'j' },
		{ "bank", required_argument, NULL, 'b' },
		{ "branch", required_argument, NULL, 'B' },
		{ "account", required_argument, NULL, 'a' },
		{ "account-kind", required_argument, NULL, 'k' },
		{ "holder", required_argument, NULL, 'H' },
		{ "relation", required_argument, NULL, 'R' },
		{ "holder-id", required_argument, NULL, 'I' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const body_key[128] = {
		['b'] = "bank",
		['B'] = "branch",
		['a'] = "account_number",
		['k'] = "account_kind",
		['H'] = "holder_name",
		['R'] = "holder_relation",
		['I'] = "holder_id_number",
	};
	const char *path = DEFAULT_DB, *kind = NULL;
	json_t *body = json_object(), *params = json_object(), *out = NULL;
	long long id = 0;
	struct session s;
	int c, json = 0, ret = 1;

	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd') {
			path = optarg;
		} else if (c == 'p' || c == 'i') {
			kind = c == 'p' ? "person" : "institution";
			id = atoll(optarg);
		} else if (c == 'u' && !set) {
			json_object_set_new(params, "unmask", json_string("1"));
		} else if (c == 'j') {
			json = 1;
		} else if (c > 0 && c < 128 && body_key[c] && set) {
			json_object_set_new(body, body_key[c],
			                    json_string(optarg));
		} else {
			goto usage;
		}
	}
	if (optind != argc || !kind || id <= 0)
		goto usage;
	if (open_session(path, &s)) {
		close_session(&s);
		goto done;
	}
	out = set ? app_payee_put(&s.ctx, kind, id, body)
	          : app_payee_get(&s.ctx, kind, id, params);
	if (out) {
		if (json) {
			json_dumpf(out, stdout, JSON_INDENT(2));
			putchar('\n');
		} else {
			print_account(out);
		}
		ret = 0;
	} else {
		cli_error(&s.ctx.err);
	}
	close_session(&s);
	goto done;
usage:
	ret = cli_usage("payee");
done:
	json_decref(out);
	json_decref(body);
	json_decref(params);
	return ret;
}

static int write_out(const char *out, const char *data, size_t len)
{
	FILE *f = out && strcmp(out, "-") ? fopen(out, "wb") : stdout;

	if (!f) {
		fprintf(stderr, "laoxiao: cannot write '%s'\n", out);
		return 1;
	}
	if (fwrite(data, 1, len, f) != len || (f != stdout && fclose(f))) {
		fprintf(stderr, "laoxiao: cannot write '%s'\n",
		        out ? out : "-");
		return 1;
	}
	if (f == stdout)
		fflush(stdout);
	return 0;
}

static void print_exceptions(json_t *list)
{
	size_t i;
	json_t *e;

	json_array_foreach(list, i, e)
	{
		fprintf(stderr, "  无收款账户，未列入：%s %s %s %s %s元\n",
		        json_string_value(json_object_get(e, "name")),
		        json_string_value(json_object_get(e, "id_masked")),
		        json_string_value(json_object_get(e, "region")),
		        json_string_value(json_object_get(e, "period")),
		        json_string_value(json_object_get(e, "yuan")));
	}
}

static int bank_file(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "scheme", required_argument, NULL, 's' },
		{ "period", required_argument, NULL, 'p' },
		{ "region", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "template", required_argument, NULL, 't' },
		{ "out", required_argument, NULL, 'o' },
		{ "send", no_argument, NULL, 'S' },
		{ "summary", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const key[128] = {
		['s'] = "scheme", ['p'] = "period",   ['r'] = "region",
		['f'] = "format", ['e'] = "encoding", ['t'] = "template",
	};
	const char *path = DEFAULT_DB, *out = NULL;
	json_t *q = json_object();
	struct payee_bank_file f = { 0 };
	struct session s;
	int c, send = 0, summary = 0, ret = 1;

	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			path = optarg;
		else if (c == 'o')
			out = optarg;
		else if (c == 'S')
			send = 1;
		else if (c == 'y')
			summary = 1;
		else if (c > 0 && c < 128 && key[c])
			json_object_set_new(q, key[c], json_string(optarg));
		else {
			json_decref(q);
			return cli_usage("payee");
		}
	}
	if (optind != argc || (send && summary)) {
		json_decref(q);
		return cli_usage("payee");
	}
	if (open_session(path, &s)) {
		close_session(&s);
		json_decref(q);
		return 1;
	}
	if (summary) {
		json_t *sum = app_ledger_bank_summary(&s.ctx, q);

		if (sum) {
			json_dumpf(sum, stdout, JSON_INDENT(2));
			putchar('\n');
			json_decref(sum);
			ret = 0;
		} else {
			cli_error(&s.ctx.err);
		}
	} else if (send ? !app_ledger_bank_send(&s.ctx, q, &f)
	                : !app_ledger_bank_file(&s.ctx, q, &f)) {
		ret = write_out(out, f.data, f.len);
		fprintf(stderr,
		        "%s: %zu rows, control total %lld.%02lld yuan%s\n",
		        f.template_name, f.rows, (long long)(f.total / 100),
		        (long long)(f.total % 100),
		        send ? ", recorded as sent" : "");
		if (f.nexceptions) {
			fprintf(stderr, "%ld without an account, left out:\n",
			        f.nexceptions);
			print_exceptions(f.exceptions);
		}
		json_decref(f.exceptions);
	} else {
		cli_error(&s.ctx.err);
	}
	close_session(&s);
	json_decref(q);
	return ret;
}

static int import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *path = DEFAULT_DB;
	struct session s;
	char *buf;
	size_t len;
	json_t *res;
	int c, ret = 1;

	optind = 2;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd')
			return cli_usage("payee");
		path = optarg;
	}
	if (argc - optind != 1)
		return cli_usage("payee");
	if (open_session(path, &s)) {
		close_session(&s);
		return 1;
	}
	buf = cli_read_file(s.ctx.arena, argv[optind], &len);
	if (buf && (res = app_import_csv(&s.ctx, "payees", buf, len))) {
		printf("imported %lld payee accounts from '%s' (%s)\n",
		       (long long)json_integer_value(
		           json_object_get(res, "imported")),
		       argv[optind],
		       json_string_value(json_object_get(res, "encoding")));
		json_decref(res);
		ret = 0;
	} else if (buf) {
		json_t *errors = json_object_get(s.ctx.details, "errors");
		size_t i;
		json_t *e;

		fprintf(stderr,
		        "laoxiao: '%s' was not imported; nothing changed.\n",
		        argv[optind]);
		json_array_foreach(errors, i, e)
		{
			fprintf(
			    stderr, "  row %lld, column '%s': %s\n",
			    (long long)json_integer_value(
			        json_object_get(e, "row")),
			    json_string_value(json_object_get(e, "column")),
			    json_string_value(json_object_get(e, "message")));
		}
		if (!json_array_size(errors))
			cli_error(&s.ctx.err);
	}
	close_session(&s);
	return ret;
}

int cmd_payee(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("payee");
	if (!strcmp(argv[1], "show"))
		return show_or_set(argc, argv, 0);
	if (!strcmp(argv[1], "set"))
		return show_or_set(argc, argv, 1);
	if (!strcmp(argv[1], "import"))
		return import(argc, argv);
	if (!strcmp(argv[1], "bank-file"))
		return bank_file(argc, argv);
	return cli_usage("payee");
}
