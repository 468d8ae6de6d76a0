/*
 * Where an installed laoxiao finds its things: a config file of
 * "key = value" lines ('#' starts a comment), found by --config FILE (on
 * any command), else $LAOXIAO_CONFIG, else /etc/laoxiao/laoxiao.conf when
 * the program is installed. Keys: db, policies, presets, web, listen,
 * port, threads, secure_cookies (yes/no), session_idle, max_connections,
 * max_per_address, log_requests (yes/no). A command-line option wins over the
 * file.
 */
#ifndef LX_CLI_CONFIG_H
#define LX_CLI_CONFIG_H

/* Takes --config FILE, --key FILE and --policies DIR (also written --opt=VALUE)
 * out of argv wherever they stand, reads the config file, and remembers both.
 * Returns 0, or 2 after printing what is wrong (an unknown key, a line
 * without '=', an unreadable file named on the command line). */
int cli_config_init(int *argc, char **argv);

/* A value from the config file, or NULL when it sets none. */
const char *cli_config_get(const char *key);

/* The sealing key file of the database db_path: --key, else the file's
 * "key", else "<db_path>.key" beside a SQLite file. A PostgreSQL URL has
 * no "beside": NULL, with a message on stderr saying to name it. */
const char *cli_key_path(const char *db_path);

/* The policy folder: --policies, else the file's "policies", else the
 * data root's policies/. */
const char *cli_policies_dir(void);

/* The database: the file's "db", else data/laoxiao.db. */
const char *cli_default_db(void);

#endif
