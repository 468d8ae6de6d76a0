/* help, and the command table with each command's usage text. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

const struct command commands[] = {
	{ "init", cmd_init, "create the database and load the seed presets",
	  "usage: laoxiao init [--db PATH] [--presets DIR] [--no-presets]\n"
	  "\n"
	  "Creates the database (default data/laoxiao.db, or the config\n"
	  "file's db) or upgrades it to\n"
	  "this version's schema, loads the region and population presets of\n"
	  "the five seed jurisdictions, and creates the 'admin' account with\n"
	  "a random password printed once.\n" },
	{ "serve", cmd_serve, "serve the web platform and the JSON API",
	  "usage: laoxiao serve [--db PATH] [--port N] [--listen ADDR]\n"
	  "                     [--web DIR] [--threads N] [--policies DIR]\n"
	  "                     [--secure-cookies] [--session-idle SECONDS]\n"
	  "                     [--max-connections N] [--max-per-address N]\n"
	  "                     [--log-requests] [--config FILE]\n"
	  "\n"
	  "Serves http://ADDR:N/ (default 127.0.0.1:8080): the pages in web/\n"
	  "and the JSON API under /api/v1/ (docs/api.md). A new database is\n"
	  "initialised first, as by 'laoxiao init'. Stop with Ctrl-C.\n"
	  "--secure-cookies: served behind a TLS proxy, the session cookie\n"
	  "is sent over https only. --session-idle: a session unused this\n"
	  "long ends (default 1800 seconds). Connections: at most 4096 open,\n"
	  "128 from one address (raise it behind a proxy), closed after 15\n"
	  "seconds of silence; a request body is read only after its "
	  "login.\n" },
	{ "import", cmd_import,
	  "import CSV: regions, facilities, people, care records",
	  "usage: laoxiao import "
	  "regions|population|facilities|reported|points|persons|\n"
	  "                      assessments|health|enrolments|trainees\n"
	  "                      FILE [--db PATH]\n"
	  "\n"
	  "Imports a CSV file (UTF-8, UTF-8 with BOM, or GB18030/GBK as\n"
	  "spreadsheet programs write it; FILE '-' reads standard input).\n"
	  "All or nothing: if any row is wrong, every error is listed with\n"
	  "its row and column and nothing changes. Columns are those of\n"
	  "'laoxiao export' (docs/api.md lists them).\n" },
	{ "export", cmd_export, "export regions, population or facilities CSV",
	  "usage: laoxiao export regions|population|facilities [--db PATH]\n"
	  "                      [--region CODE] [--out FILE] [--with-ids]\n"
	  "                      [--as-of YYYY-MM-DD]\n"
	  "\n"
	  "Writes CSV (UTF-8 with BOM) of the region subtree CODE (default\n"
	  "all) to FILE or standard output. The output imports back as is:\n"
	  "into another database it creates the facilities; with --with-ids\n"
	  "(an id column) imported back here it updates them in place.\n"
	  "Facilities are exported with their latest capacity; with --as-of,\n"
	  "only those open on that day, each with the capacity in force then\n"
	  "(capacity_date says since when): the registry as indicators read\n"
	  "it.\n" },
	{ "user", cmd_user, "add accounts, set passwords, issue API tokens",
	  "usage: laoxiao user list [--db PATH]\n"
	  "       laoxiao user add NAME --role ROLE [--region CODE] "
	  "[--db PATH]\n"
	  "       laoxiao user passwd NAME [--db PATH]\n"
	  "       laoxiao user token NAME [--name LABEL] [--db PATH]\n"
	  "       laoxiao user tokens NAME [--db PATH]\n"
	  "       laoxiao user revoke NAME TOKEN-ID [--db PATH]\n"
	  "\n"
	  "Passwords (at least 10 characters) are read from standard input.\n"
	  "Roles: admin, city_official, county_official, dept_official,\n"
	  "operator, readonly, family (applies for allowances online);\n"
	  "every role but admin needs --region, the\n"
	  "12-digit code of the region it may see. 'token' prints a new API\n"
	  "token for scripts (Authorization: Bearer TOKEN); 'tokens' lists\n"
	  "an account's tokens (never their values) and 'revoke' stops one.\n"
	  "A new password ends the account's sessions and revokes its\n"
	  "tokens.\n" },
	{ "indicators", cmd_indicators, "the plan's indicators for a region",
	  "usage: laoxiao indicators --region CODE --period P [--json]\n"
	  "       laoxiao indicators --all-nodes --region CODE --period P\n"
	  "                          [--json|--csv]\n"
	  "                          [--db PATH] [--policies DIR]\n"
	  "\n"
	  "Every indicator of the plan that applies to the region (policies/,\n"
	  "inherited down the region tree): value, target and status for the\n"
	  "period P (2025, 2025Q1 or 2025-03).\n"
	  "\n"
	  "--all-nodes: the same for the region and every region under it\n"
	  "(counties, townships, villages), computed in one pass: per node\n"
	  "code, name, level and per indicator the value, numerator and\n"
	  "denominator (unrounded) and status. CSV (UTF-8 with BOM, one row\n"
	  "per node and indicator: code,name,level,indicator,value,numerator,\n"
	  "denominator,status) unless --json (the document of GET\n"
	  "/api/v1/indicators/nodes).\n" },
	{ "report", cmd_report, "a bulletin (通报) as HTML, CSV or XLSX",
	  "usage: laoxiao report --region CODE --period P\n"
	  "                      [--format html|csv|xlsx] [--out FILE]\n"
	  "                      [--db PATH] [--policies DIR]\n"
	  "\n"
	  "The bulletin of every indicator with base, value, target, status\n"
	  "and change since the previous period; binding indicators that are\n"
	  "behind come first in each group.\n" },
	{ "policy", cmd_policy, "check the policy files",
	  "usage: laoxiao policy check [DIR]\n"
	  "\n"
	  "Loads every policy file (default policies/) and says what is "
	  "wrong,\n"
	  "with the file and key path, or what each holds.\n" },
	{ "plan", cmd_plan,
	  "planning: demand, gaps, standards, staffing, coverage",
	  "usage: laoxiao plan gap --region CODE --year Y\n"
	  "                    [--basis residents|registered|projection]\n"
	  "                    [--stated-slots N] [--stated-beds N] [--as-of "
	  "D]\n"
	  "       laoxiao plan check --region CODE --households N --residents "
	  "N\n"
	  "                    --district new|old [--floor M2] [--largest M2]\n"
	  "                    [--slots N] [--land M2]\n"
	  "       laoxiao plan staffing --region CODE [--as-of DATE]\n"
	  "       laoxiao plan coverage --region CODE [--kind "
	  "elderly|childcare]\n"
	  "                    [--reach METRES] [--sites K] [--as-of DATE]\n"
	  "       every verb takes [--json] [--db PATH] [--policies DIR]\n"
	  "\n"
	  "gap: childcare slots and elderly-care beds needed by the region's\n"
	  "policy (policies/), against the registry or the latest reported\n"
	  "figure, and the plan's own bed total; exact values, then rounded\n"
	  "with the rule stated; bed occupancy; a missing population figure\n"
	  "is named, a partial sum said. --stated-* (and the plan's stated\n"
	  "figures) compares a figure a plan states with the computed one and\n"
	  "the population it implies, flagging a difference beyond the\n"
	  "stated precision.\n"
	  "check: a residential development against the standards (elderly-\n"
	  "care floor area per 100 households, the smallest single facility,\n"
	  "childcare slots per 1000 residents in new or old districts, land).\n"
	  "staffing: caregivers needed from residents' care levels, social\n"
	  "workers, institutions that must have a clinic and have none,\n"
	  "childcare institutions by size.\n"
	  "coverage: the share of residents (residential points, 'laoxiao\n"
	  "import points') within walking reach of a community elderly-care\n"
	  "facility or a childcare place, the uncovered points by population,\n"
	  "and the K points where new sites would cover the most people.\n" },
	{ "assess", cmd_assess, "score an elderly ability assessment",
	  "usage: laoxiao assess score [--json] [--stack] [--coma]\n"
	  "                            [--dementia] [--risk-events N]\n"
	  "                            S1 ... S26\n"
	  "\n"
	  "Scores the 26 items of GB/T 42195-2022 老年人能力评估规范,\n"
	  "given in the standard's order with their ranges:\n"
	  "  B.1 进食 修饰 洗澡 穿/脱上衣 穿/脱裤子和鞋袜 小便控制 大便控制\n"
	  "      如厕 (each 0-4)\n"
	  "  B.2 床上体位转移 床椅转移 平地行走 (0-4) 上下楼梯 (0-3)\n"
	  "  B.3 时间定向 空间定向 人物定向 记忆 理解能力 表达能力 (0-4)\n"
	  "      攻击行为 (0-1) 抑郁症状 (0-1) 意识水平 (0-2)\n"
	  "  B.4 视力 (0-2) 听力 (0-2) 执行日常事务 (0-4)\n"
	  "      使用交通工具外出 (0-3) 社会交往能力 (0-4)\n"
	  "and prints the dimension scores, the total (0-90), the initial\n"
	  "level by the total, the changes and the final level, and the care\n"
	  "category. Changes: --coma (昏迷) makes it 能力完全丧失; --dementia\n"
	  "(diagnosed dementia or mental disorder) and --risk-events N\n"
	  "(N >= 2 care-risk events in the last 30 days) each make it one\n"
	  "level worse, one level in total when both apply unless --stack\n"
	  "(the standard is uncertain). No database is needed. A score out\n"
	  "of its item's range exits with status 1, naming the item.\n" },
	{ "synth", cmd_synth, "build a synthetic city for demos and benchmarks",
	  "usage: laoxiao synth --preset CODE [--preset CODE]... [--scale F]\n"
	  "                     [--seed N] [--presets DIR] [--db PATH]\n"
	  "                     [--policies DIR] [--json]\n"
	  "\n"
	  "Builds into a new database (it must not exist) a city consistent\n"
	  "with a preset's published figures: townships and villages with\n"
	  "invented names and coordinates, population per village summing to\n"
	  "the published totals by age group, one record per resident aged\n"
	  "60+ and per child under three (valid, sealed ID numbers),\n"
	  "categories and GB/T 42195-2022 assessments, the plan's facilities\n"
	  "with their beds and slots, and a year of monthly history. CODE is\n"
	  "a jurisdiction in policies/ (511900000000 for 巴中市). --scale "
	  "0.01\n"
	  "makes a small city; the same seed (default 1) gives the same city.\n"
	  "Several --preset build several cities into the one database, a\n"
	  "province's worth, each in turn (their codes must differ; their\n"
	  "ID numbers, from their counties' codes, differ too). --presets\n"
	  "names another folder of region files than presets/regions.\n"
	  "Rates and their sources: docs/synth.md. On failure nothing is\n"
	  "left behind.\n" },
	{ "subsidy", cmd_subsidy, "run an allowance or subsidy for a period",
	  "usage: laoxiao subsidy run --scheme ID --period P --region CODE\n"
	  "                           [--dry-run] [--json] [--db PATH]\n"
	  "                           [--policies DIR]\n"
	  "\n"
	  "Evaluates every beneficiary of the scheme (policies/) in the "
	  "region\n"
	  "for the period (2025-03 for monthly schemes, 2025 for yearly ones)\n"
	  "and writes the ledger: a payment the first time, an adjustment\n"
	  "saying why when a later run finds a different amount, nothing when\n"
	  "it is the same. One transaction. --dry-run writes nothing and "
	  "shows\n"
	  "what would be written. Those not paid for a data reason (on hold,\n"
	  "reversed, a category or an assessment missing or out of date) are\n"
	  "listed after the summary.\n"
	  "\n"
	  "usage: laoxiao subsidy hold (--person ID | --institution ID)\n"
	  "                            [--scheme ID] --from YYYY-MM-DD\n"
	  "                            --reason TEXT\n"
	  "       laoxiao subsidy lift-hold --hold ID --on YYYY-MM-DD "
	  "--reason TEXT\n"
	  "       laoxiao subsidy lift --line REVERSAL-ID --reason TEXT\n"
	  "       laoxiao subsidy holds [--region CODE]\n"
	  "       laoxiao subsidy owed [--region CODE]\n"
	  "       (each also takes [--json] [--db PATH] [--policies DIR])\n"
	  "\n"
	  "hold stops payments (暂停发放) of one scheme, or all without "
	  "--scheme,\n"
	  "from a date; lift-hold restarts them on a date (back pay as the\n"
	  "scheme's policy says); lift restarts a reversed payment "
	  "(恢复发放);\n"
	  "owed lists overpayments still to recover (追缴). Every change is\n"
	  "audited.\n"
	  "\n"
	  "usage: laoxiao subsidy prepare --as USER --scheme ID --period P\n"
	  "                               --region CODE [--note TEXT]\n"
	  "       laoxiao subsidy check|approve --as USER --batch ID "
	  "[--note TEXT]\n"
	  "       laoxiao subsidy return --as USER --batch ID --note TEXT\n"
	  "       laoxiao subsidy batches [--region CODE] [--status S]\n"
	  "       laoxiao subsidy batch --batch ID\n"
	  "       laoxiao subsidy notice --batch ID --format csv|xlsx "
	  "[--out FILE]\n"
	  "       laoxiao subsidy budget --scheme ID --year Y --region CODE "
	  "--fen N\n"
	  "       laoxiao subsidy budgets [--region CODE] [--year Y]\n"
	  "       laoxiao subsidy duties [--user NAME --set "
	  "prepare,check,approve]\n"
	  "\n"
	  "The three steps (经办 → 审核 → 审批) of a scheme whose policy "
	  "names\n"
	  "them, each --as an account holding the duty (duties sets them);\n"
	  "nobody checks or approves a batch they prepared, and the approver\n"
	  "is not the checker. approve writes the ledger only when the run is\n"
	  "exactly the checked trial. notice writes the 公示 list (ID numbers\n"
	  "masked). run without --dry-run stays for the machine's operator\n"
	  "(docs/api.md \"Three-step approval\").\n" },
	{ "backup", cmd_backup, "a consistent copy of a live database",
	  "usage: laoxiao backup --out FILE [--key-out FILE] [--db PATH]\n"
	  "\n"
	  "Copies the database to FILE (a new file, mode 0600) while the\n"
	  "server goes on serving: one consistent snapshot, its integrity\n"
	  "checked. The key that seals the personal data is not in it: give\n"
	  "--key-out to copy the key into another folder, and keep the two\n"
	  "apart (whoever holds both can read every ID number).\n" },
	{ "restore", cmd_restore, "put a backup back as a database",
	  "usage: laoxiao restore --from FILE --key KEYFILE [--db PATH]\n"
	  "\n"
	  "Puts the backup FILE and its key back as the database PATH (which\n"
	  "must not exist): both are copied beside it, the copy's integrity\n"
	  "and the key are checked against each other, and only then are\n"
	  "they moved into place. A key of another database is refused.\n" },
	{ "db", cmd_db, "copy a database between SQLite and PostgreSQL",
	  "usage: laoxiao db copy --from SOURCE --to TARGET [--key FILE]\n"
	  "                       [--key-out FILE] [--json]\n"
	  "\n"
	  "Copies every table of SOURCE into TARGET, each a SQLite file or a\n"
	  "PostgreSQL URL (postgresql://…), either way. TARGET must be a new\n"
	  "file or an empty database; the copy is one transaction, read back\n"
	  "and compared table by table (rows and a checksum) before it is\n"
	  "committed: all or nothing. The personal data stays sealed under\n"
	  "the source's key: --key names it (default SOURCE.key beside a\n"
	  "file) and is checked against the source. A SQLite target gets a\n"
	  "copy of the key (TARGET.key, or --key-out FILE, mode 0600); a\n"
	  "PostgreSQL target is opened with the same key file, kept apart.\n"
	  "--json prints the table of rows and checksums as JSON.\n" },
	{ "routes", cmd_routes, "who may call each API route",
	  "usage: laoxiao routes [--json]\n"
	  "\n"
	  "Prints the authorization matrix the server enforces: every API\n"
	  "route by every role. public: no login; all: everything; region:\n"
	  "within the role's region (others are not found); own: the\n"
	  "operator's own facilities and their residents; self: the\n"
	  "account's own tokens or applications; —: refused (403).\n" },
	{ "help", cmd_help, "explain a command",
	  "usage: laoxiao help [COMMAND]\n"
	  "\n"
	  "Every command also takes --config FILE (settings, README),\n"
	  "--policies DIR (the policy files to use) and --key FILE (the key\n"
	  "that seals personal data; by default PATH.key beside a SQLite\n"
	  "database, required with --db postgresql://USER@HOST/DB).\n" },
};

const int command_count = (int)(sizeof(commands) / sizeof(commands[0]));

int cmd_help(int argc, char **argv)
{
	if (argc > 1) {
		for (int i = 0; i < command_count; i++)
			if (!strcmp(commands[i].name, argv[1])) {
				fputs(commands[i].usage, stdout);
				return 0;
			}
		fprintf(stderr, "laoxiao: no command '%s'\n", argv[1]);
		return 2;
	}
	printf("laoxiao: the 一老一小 (elderly care and childcare) information "
	       "and supervision platform\n\nusage: laoxiao COMMAND "
	       "[OPTIONS]\n\n");
	for (int i = 0; i < command_count; i++)
		printf("  %-11s %s\n", commands[i].name, commands[i].summary);
	printf("\n'laoxiao help COMMAND' or 'laoxiao COMMAND --help' tells "
	       "more.\n");
	return 0;
}
