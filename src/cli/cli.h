/* The subcommands. Each cmd_<verb> takes argc/argv after the verb and
 * returns the process exit status: 0 ok, 1 failure, 2 bad usage. */
#ifndef LX_CLI_CLI_H
#define LX_CLI_CLI_H

#include "app/ctx.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	const char *usage; /* full help text */
};

extern const struct command commands[];
extern const int command_count;

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_indicators(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_policy(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_subsidy(int argc, char **argv);
int cmd_assess(int argc, char **argv);
int cmd_synth(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_roster(int argc, char **argv);
int cmd_payee(int argc, char **argv);
int cmd_visit(int argc, char **argv);
int cmd_referral(int argc, char **argv);
/* laoxiao visit rate (cmd_visit_rate.c): argv[0] is "rate". */
int cmd_visit_rate(int argc, char **argv);
/* laoxiao service (cmd_service.c): the dispatcher of the module's verbs;
 * each verb's command gets argv[0] = the verb. */
int cmd_service(int argc, char **argv);
/* laoxiao service entitlement / voucher (cmd_service_entitlement.c,
 * cmd_service_voucher.c): argv[0] is "entitlement" or "voucher",
 * argv[1] the verb. */
int cmd_service_entitlement(int argc, char **argv);
int cmd_service_voucher(int argc, char **argv);
/* laoxiao service timebank (cmd_service_timebank.c): argv[0] is
 * "timebank". */
int cmd_service_timebank(int argc, char **argv);
/* laoxiao service bed / guidance (cmd_service_bed.c,
 * cmd_service_guidance.c): argv[0] is "bed" / "guidance". */
int cmd_service_bed(int argc, char **argv);
int cmd_service_guidance(int argc, char **argv);
/* laoxiao place (cmd_place.c): the dispatcher of finding a place; each
 * verb's command gets argv[0] = the verb. Vacancy and prices
 * (cmd_place_price.c: argv[0] "vacancy" or "price") and waiting lists
 * (cmd_place_wait.c: argv[0] "wait") are their own files. */
int cmd_place(int argc, char **argv);

/* laoxiao place vacancy / price (cmd_place_price.c): argv[0] is
 * "vacancy" or "price" (then argv[1] add, list or flags). */
int cmd_place_price(int argc, char **argv);
/* laoxiao place wait (cmd_place_wait.c): argv[0] is "wait", argv[1] the
 * verb. */
int cmd_place_wait(int argc, char **argv);
/* laoxiao inspect (cmd_inspect.c): the dispatcher of supervision; each
 * verb's command gets argv[0] = the verb. Checks and hazards
 * (cmd_inspect_hazard.c: argv[0] "check" or "hazard") and food safety and
 * staff (cmd_inspect_staff.c: argv[0] "food" or "staff") are their own
 * files. */
int cmd_inspect(int argc, char **argv);
/* laoxiao task (cmd_task.c): plans, tasks, departments, import, export,
 * presets. */
int cmd_task(int argc, char **argv);
/* laoxiao project (cmd_project.c): major projects. */
int cmd_project(int argc, char **argv);

/* laoxiao credit (cmd_credit.c): credit files, red and black lists and
 * prepaid fees. */
int cmd_credit(int argc, char **argv);
/* laoxiao grade schemes|assess|assessments|list|lapse (cmd_grade.c):
 * grading and star ratings. */
int cmd_grade(int argc, char **argv);

/* laoxiao complaint (cmd_complaint.c): complaints and reviews; each verb
 * gets argv[0] = the verb. */
int cmd_complaint(int argc, char **argv);
/* A module's verbs (laoxiao service, place, inspect): each runs with
 * argv[0] = its own name. */
struct cli_verb {
	const char *name;
	int (*fn)(int argc, char **argv);
};

/* Runs the verb argv[1] names from verbs[0..n); the command's usage when
 * there is none or it is unknown. */
int cli_dispatch(const char *command, const struct cli_verb *verbs, size_t n,
                 int argc, char **argv);
/* laoxiao inspect food / staff (cmd_inspect_staff.c): argv[0] is "food"
 * or "staff", argv[1] the verb (food: grade, list; staff: add, list,
 * show, end, train, health, duplicates, shares). */
int cmd_inspect_staff(int argc, char **argv);

/* Shared by the commands: the database when --db is not given (the
 * config file's, else data/laoxiao.db; cli/config.h). */
#define DEFAULT_DB cli_default_db()
const char *cli_default_db(void);

/* Prints "laoxiao: <message>" (and the field) to stderr; returns 1. */
int cli_error(const struct lx_error *err);

/* Opens the database, creating its folder; NULL after printing an error. */
struct db *cli_open_db(const char *path);

/* Loads every presets/regions/ JSON files under dir into the database. */
int cli_load_presets(struct db *db, const char *dir);

/* Loads the policies' stated facts (docs/policy.md) as reported values. */
int cli_load_facts(struct db *db, const char *policies_dir);

/* Loads the policy set or prints why not; caller unrefs. */
struct policy_set *cli_load_policies(const char *dir);

/* Copies a file byte for byte into a new file of mode 0600, synced (a
 * database or a key file); 0, or -1 after printing why and removing
 * what was begun. */
int cli_copy_file(const char *from, const char *to);

/* The personal-data keys that go with a database (created on first use);
 * NULL after printing why. Caller frees with pii_keys_free(). */
struct pii_keys *cli_open_keys(struct db *db, const char *db_path);

/* The same with the key file named. */
struct pii_keys *cli_open_keys_at(struct db *db, const char *key_path);

/* Creates the admin account if there is none and prints its password. */
int cli_bootstrap_admin(struct db *db);

/* Reads a whole file ("-" = stdin) into the arena; NULL on error. */
char *cli_read_file(struct arena *a, const char *path, size_t *len);

/* Makes ctx act as the account named (--as): its role, region,
 * facilities and areas, filled into p, which the caller keeps while ctx
 * is used; the account's lists are ctx->arena's. 0, or -1 after printing
 * why (no such account, or disabled). */
int cli_act_as(struct app_ctx *ctx, const char *username, struct principal *p);

/* Prints the usage of a command to stderr and returns 2. */
int cli_usage(const char *name);

/* The folder holding presets/, web/ and the default policies/: for an
 * installed program PREFIX/share/laoxiao beside its PREFIX/bin, else the
 * source tree it was built from. Another folder is named by --policies or
 * the config file's policies, presets and web, never by the
 * environment. */
const char *cli_data_root(void);

/* The folder of region presets: the config file's presets/regions, else
 * the data root's. */
void cli_presets_dir(char *dir, size_t size);

/* Reading an answer to print it: a string member ("" when absent), an
 * integer member (0 when absent), and fen as yuan with two decimals
 * ("-12.05"): money is never printed through a float. */
const char *cli_json_str(json_t *o, const char *key);
long long cli_json_int(json_t *o, const char *key);
void cli_yuan(long long fen, char out[32]);

/* laoxiao inspect check / hazard (cmd_inspect_hazard.c): argv[0] is
 * "check" or "hazard", argv[1] the verb. */
int cmd_inspect_hazard(int argc, char **argv);

/* laoxiao closure list / show (cmd_closure.c): closure cases. */
int cmd_closure(int argc, char **argv);

/* laoxiao progress report / list / reminders / league (cmd_progress.c):
 * task progress by department. */
int cmd_progress(int argc, char **argv);
/* laoxiao disclose --region CODE (cmd_disclose.c): the public
 * disclosure's sections. */
int cmd_disclose(int argc, char **argv);

#endif
