/* policy check and policy new: the policy files from the shell. */
#include "app/payee_template.h"
#include "app/policy.h"
#include "app/policy_scaffold.h"
#include "cli/cli.h"
#include "cli/config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int policy_check(int argc, char **argv)
{
	struct policy_set *s;
	struct arena *a;
	struct payee_template *tv;
	struct lx_error err = { 0 };
	size_t n;
	int bad;

	if (argc > 3)
		return cli_usage("policy");
	s = cli_load_policies(argc == 3 ? argv[2] : cli_policies_dir());
	if (!s)
		return 1;
	for (size_t i = 0; i < policy_set_count(s); i++) {
		const struct policy *p = policy_set_at(s, i);

		printf("%s  %-8s %3zu indicators in %zu groups, %zu reported "
		       "elements, %zu facts  (%s)\n",
		       p->code, p->name, p->nindicators, p->ngroups,
		       p->nreported, p->nfacts, p->file);
	}
	/* the bank file templates beside them (docs/policy.md): checked,
	 * and named only when wrong, so that the output stays one line per
	 * policy file */
	a = arena_new();
	bad = payee_templates_load(a, policy_set_dir(s), &tv, &n, &err);
	if (bad)
		cli_error(&err);
	arena_free(a);
	policy_set_unref(s);
	return bad ? 1 : 0;
}

/* Writes text to path only if no file is there (O_EXCL: a city's edited
 * file is never replaced). 0, or 1 after saying why. */
static int write_new(const char *path, const char *text, int named)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	size_t len = strlen(text), done = 0;

	if (fd < 0) {
		if (named)
			fprintf(stderr, "laoxiao: --out: '%s': %s\n", path,
			        errno == EEXIST ? "exists; not overwritten"
			                        : strerror(errno));
		else
			fprintf(stderr, "laoxiao: '%s': %s\n", path,
			        errno == EEXIST ? "exists; not overwritten "
			                          "(--out names another file)"
			                        : strerror(errno));
		return 1;
	}
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		done += (size_t)w;
	}
	if (close(fd) || done < len) {
		fprintf(stderr, "laoxiao: %s: %s\n", path, strerror(errno));
		unlink(path);
		return 1;
	}
	return 0;
}

static int policy_new(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "code", required_argument, NULL, 'c' },
		{ "name", required_argument, NULL, 'n' },
		{ "parent", required_argument, NULL, 'p' },
		{ "out", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *code = NULL, *name = NULL, *parent = NULL, *out = NULL;
	struct arena *a;
	struct lx_error err = { 0 };
	char *text;
	int c, ret = 1, named;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			code = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'p':
			parent = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return cli_usage("policy");
		}
	}
	if (optind != argc)
		return cli_usage("policy");
	if (!code || !name) {
		fprintf(stderr, "laoxiao: --%s: is required\n",
		        !code ? "code" : "name");
		return 2;
	}
	a = arena_new();
	text = policy_scaffold(a, code, name, parent, &err);
	if (!text) {
		/* the fields are the options' names */
		if (err.field[0])
			fprintf(stderr, "laoxiao: --%s: %s\n", err.field,
			        err.message);
		else
			cli_error(&err);
		goto cleanup;
	}
	named = out != NULL;
	if (!out) {
		char c12[13];

		policy_scaffold_code(code, "code", c12, &err);
		out = arena_printf(a, "%s/%s.json", cli_policies_dir(), c12);
	}
	if (write_new(out, text, named))
		goto cleanup;
	printf("%s\n", out);
	ret = 0;
cleanup:
	arena_free(a);
	return ret;
}

int cmd_policy(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "check"))
		return policy_check(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "new"))
		return policy_new(argc - 1, argv + 1);
	return cli_usage("policy");
}
