/* routes: the authorization matrix, every route by every role, as the
 * server enforces it (http/routes.c); docs/api.md prints it. */
#include "cli/cli.h"
#include "core/role.h"
#include "http/route.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char *word(char c)
{
	switch (c) {
	case '*':
		return "public";
	case 'a':
		return "all";
	case 'r':
		return "region";
	case 'o':
		return "own";
	case 's':
		return "self";
	default:
		return "—";
	}
}

int cmd_routes(int argc, char **argv)
{
	int json = argc == 2 && !strcmp(argv[1], "--json");
	size_t n;
	const struct route *t = route_table(&n);

	if (argc > 2 || (argc == 2 && !json))
		return cli_usage("routes");
	if (json) {
		json_t *items = json_array();

		for (size_t i = 0; i < n; i++) {
			json_t *who = json_object();

			for (int r = 0; r < ROLE__MAX; r++)
				json_object_set_new(
				    who, role_name((enum role)r),
				    json_string(word(t[i].access[r])));
			json_array_append_new(
			    items,
			    json_pack("{s:s, s:s, s:o}", "method", t[i].method,
			              "path", t[i].pattern, "roles", who));
		}
		json_dumpf(items, stdout, JSON_INDENT(1));
		putchar('\n');
		json_decref(items);
		return 0;
	}
	printf("| route |");
	for (int r = 0; r < ROLE__MAX; r++)
		printf(" %s |", role_name((enum role)r));
	printf("\n|---|");
	for (int r = 0; r < ROLE__MAX; r++)
		printf("---|");
	putchar('\n');
	for (size_t i = 0; i < n; i++) {
		printf("| `%s %s` |", t[i].method, t[i].pattern);
		for (int r = 0; r < ROLE__MAX; r++)
			printf(" %s |", word(t[i].access[r]));
		putchar('\n');
	}
	return 0;
}
