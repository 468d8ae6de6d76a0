/* laoxiao: git-style dispatch over the command table in cli/cmd_help.c. */
#include "app/accounts.h"
#include "cli/cli.h"
#include "cli/config.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	/* the "C" locale stays: numbers are read and written with a decimal
	 * point whatever the machine's settings */
	if (app_crypto_init()) {
		fputs("laoxiao: cannot initialise libsodium\n", stderr);
		return 1;
	}
	/* --config and --policies may stand anywhere, for every command */
	if (cli_config_init(&argc, argv))
		return 2;
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(argc > 2 ? argc - 1 : 1, argv + 1);
	for (int i = 0; i < command_count; i++) {
		if (strcmp(commands[i].name, argv[1]))
			continue;
		for (int k = 2; k < argc; k++)
			if (!strcmp(argv[k], "--help") ||
			    !strcmp(argv[k], "-h")) {
				fputs(commands[i].usage, stdout);
				return 0;
			}
		return commands[i].fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "laoxiao: '%s' is not a command; see 'laoxiao help'\n",
	        argv[1]);
	return 2;
}
