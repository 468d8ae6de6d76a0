/* The subsidy subcommands of the three-step approval, the 公示 list and
 * budgets (cmd_batch.c), reached through `laoxiao subsidy`. */
#ifndef LX_CLI_CMD_BATCH_H
#define LX_CLI_CMD_BATCH_H

/* Whether name is one of them. */
int cmd_batch_handles(const char *name);

/* argv[1] is the subcommand; the exit status. */
int cmd_batch(int argc, char **argv);

#endif
