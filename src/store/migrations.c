#include "store/migrations.h"

/*
 * Kept portable where it costs nothing (a PostgreSQL backend is planned):
 * no AUTOINCREMENT, ISO dates as TEXT, booleans as 0/1 integers, and table
 * names that are not reserved words ("account", not "user").
 */
const char *const store_migrations[] = {
	/* 1: regions, population, facilities with capacity history, accounts,
	 * sessions, API tokens, audit log. */
	"CREATE TABLE region ("
	"  code TEXT PRIMARY KEY CHECK (length(code) = 12),"
	"  name TEXT NOT NULL CHECK (name <> ''),"
	"  level TEXT NOT NULL,"
	"  kind TEXT NOT NULL DEFAULT 'admin',"
	"  parent TEXT REFERENCES region(code),"
	"  closed_on TEXT,"
	"  source TEXT NOT NULL DEFAULT ''"
	") STRICT;"
	"CREATE INDEX region_parent ON region(parent);"

	"CREATE TABLE account ("
	"  id INTEGER PRIMARY KEY,"
	"  username TEXT NOT NULL UNIQUE,"
	"  display_name TEXT NOT NULL DEFAULT '',"
	"  password_hash TEXT NOT NULL,"
	"  role TEXT NOT NULL,"
	"  region TEXT REFERENCES region(code),"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL"
	") STRICT;"

	"CREATE TABLE population ("
	"  region TEXT NOT NULL REFERENCES region(code),"
	"  year INTEGER NOT NULL,"
	"  metric TEXT NOT NULL,"
	"  value INTEGER NOT NULL CHECK (value >= 0),"
	"  source TEXT NOT NULL DEFAULT '',"
	"  entered_by INTEGER REFERENCES account(id),"
	"  entered_at TEXT NOT NULL,"
	"  PRIMARY KEY (region, year, metric)"
	") STRICT;"

	"CREATE TABLE facility ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  region TEXT NOT NULL REFERENCES region(code),"
	"  credit_code TEXT UNIQUE,"
	"  address TEXT NOT NULL DEFAULT '',"
	"  lat REAL,"
	"  lon REAL,"
	"  ownership TEXT,"
	"  operation TEXT,"
	"  profit TEXT,"
	"  medical_integration INTEGER NOT NULL DEFAULT 0,"
	"  internal_clinic INTEGER NOT NULL DEFAULT 0,"
	"  filing_status TEXT NOT NULL DEFAULT 'unfiled',"
	"  filing_date TEXT,"
	"  credit_commitment TEXT NOT NULL DEFAULT '',"
	"  opened_on TEXT,"
	"  closed_on TEXT,"
	"  closed_reason TEXT NOT NULL DEFAULT '',"
	"  caregivers INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL"
	") STRICT;"
	/* covers the subtree, kind and open-on-a-day filters of lists and
	 * summaries without touching the table rows */
	"CREATE INDEX facility_region ON facility(region, kind, opened_on,"
	"  closed_on);"

	/* One row per facility and effective date: the registry "as of" any day
	 * is the latest row on or before it. Kept in its key's order (WITHOUT
	 * ROWID) so that lookup is one seek. */
	"CREATE TABLE capacity ("
	"  facility_id INTEGER NOT NULL REFERENCES facility(id),"
	"  effective_date TEXT NOT NULL,"
	"  beds INTEGER NOT NULL DEFAULT 0,"
	"  nursing_beds INTEGER NOT NULL DEFAULT 0,"
	"  occupied_beds INTEGER NOT NULL DEFAULT 0,"
	"  slots INTEGER NOT NULL DEFAULT 0,"
	"  affordable_slots INTEGER NOT NULL DEFAULT 0,"
	"  enrolled INTEGER NOT NULL DEFAULT 0,"
	"  classes TEXT NOT NULL DEFAULT '',"
	"  recorded_at TEXT NOT NULL,"
	"  recorded_by INTEGER REFERENCES account(id),"
	"  PRIMARY KEY (facility_id, effective_date)"
	") STRICT, WITHOUT ROWID;"

	"CREATE TABLE account_facility ("
	"  account_id INTEGER NOT NULL REFERENCES account(id),"
	"  facility_id INTEGER NOT NULL REFERENCES facility(id),"
	"  PRIMARY KEY (account_id, facility_id)"
	") STRICT;"

	"CREATE TABLE login_session ("
	"  token_hash BLOB PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id),"
	"  csrf TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  expires_at TEXT NOT NULL"
	") STRICT;"

	"CREATE TABLE api_token ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id),"
	"  name TEXT NOT NULL,"
	"  token_hash BLOB NOT NULL UNIQUE,"
	"  created_at TEXT NOT NULL,"
	"  revoked INTEGER NOT NULL DEFAULT 0"
	") STRICT;"

	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  account_id INTEGER,"
	"  username TEXT NOT NULL DEFAULT '',"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  entity_id TEXT NOT NULL DEFAULT '',"
	"  before TEXT,"
	"  after TEXT"
	") STRICT;"
	"CREATE INDEX audit_entity ON audit(entity, entity_id);",

	/* 2: values reported by departments per data element, region and
	 * period (docs/policy.md): a number, or a text for text targets. */
	"CREATE TABLE reported_value ("
	"  element TEXT NOT NULL,"
	"  region TEXT NOT NULL REFERENCES region(code),"
	"  period TEXT NOT NULL,"
	"  value REAL,"
	"  text TEXT,"
	"  source TEXT NOT NULL DEFAULT '',"
	"  reported_by INTEGER REFERENCES account(id),"
	"  reported_at TEXT NOT NULL,"
	"  CHECK (value IS NOT NULL OR text IS NOT NULL),"
	"  PRIMARY KEY (element, period, region)"
	") STRICT;",

	/* 3: what planning needs: an institution's residents by care level
	 * (dated with its capacity) and social workers; residential points
	 * (village or community centroids, or any point with a population)
	 * for the 15-minute service circle. */
	"ALTER TABLE capacity ADD COLUMN residents_selfcare INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE capacity ADD COLUMN residents_partly INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE capacity ADD COLUMN residents_disabled INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE facility ADD COLUMN social_workers INTEGER NOT NULL"
	"  DEFAULT 0;"
	"CREATE TABLE residential_point ("
	"  id INTEGER PRIMARY KEY,"
	"  region TEXT NOT NULL REFERENCES region(code),"
	"  name TEXT NOT NULL,"
	"  lat REAL NOT NULL,"
	"  lon REAL NOT NULL,"
	"  population INTEGER NOT NULL CHECK (population >= 0),"
	"  source TEXT NOT NULL DEFAULT ''"
	") STRICT;"
	"CREATE INDEX residential_point_region ON residential_point(region);",

	/* 4: the people registry (DESIGN.md module 3). Identifiers are
	 * sealed (app/pii.c): the table holds keyed hashes of the number and
	 * of its masked form, for lookup, and the sealed blob. Not even the
	 * masked form is kept in clear: with the birth date beside it, it
	 * would give the number back. */
	"CREATE TABLE person ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('elderly', 'infant')),"
	"  id_hash BLOB NOT NULL UNIQUE,"
	"  id_sealed BLOB NOT NULL,"
	"  id_masked_hash BLOB NOT NULL,"
	"  name TEXT NOT NULL,"
	"  sex TEXT NOT NULL,"
	"  birth_date TEXT NOT NULL,"
	"  region TEXT NOT NULL REFERENCES region(code),"
	"  address TEXT NOT NULL DEFAULT '',"
	"  phone_sealed BLOB,"
	"  phone_masked TEXT NOT NULL DEFAULT '',"
	"  contact_name TEXT NOT NULL DEFAULT '',"
	"  contact_phone_sealed BLOB,"
	"  contact_phone_masked TEXT NOT NULL DEFAULT '',"
	"  guardian_name TEXT NOT NULL DEFAULT '',"
	"  household TEXT NOT NULL DEFAULT '',"
	"  residence TEXT NOT NULL DEFAULT 'home',"
	"  facility_id INTEGER REFERENCES facility(id),"
	"  deceased_on TEXT,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX person_region ON person(region, kind);"
	"CREATE INDEX person_masked ON person(id_masked_hash);"
	"CREATE INDEX person_facility ON person(facility_id);"
	"CREATE TABLE person_category ("
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  category TEXT NOT NULL,"
	"  start_date TEXT NOT NULL,"
	"  end_date TEXT,"
	"  PRIMARY KEY (person_id, category, start_date)"
	") STRICT;"
	"CREATE TABLE assessment ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  instrument TEXT NOT NULL,"
	"  assessed_on TEXT NOT NULL,"
	"  assessors TEXT NOT NULL,"
	"  items TEXT NOT NULL DEFAULT '',"
	"  total INTEGER,"
	"  initial_level INTEGER,"
	"  final_level INTEGER NOT NULL,"
	"  changes TEXT NOT NULL DEFAULT '',"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  recorded_by INTEGER REFERENCES account(id),"
	"  recorded_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX assessment_person ON assessment(person_id, assessed_on);",

	/* 5: infants' health management and enrolment in childcare classes;
	 * moves between regions. */
	"CREATE TABLE health_record ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  item TEXT NOT NULL,"
	"  done_on TEXT NOT NULL,"
	"  result TEXT NOT NULL DEFAULT '',"
	"  recorded_by INTEGER REFERENCES account(id),"
	"  recorded_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX health_record_person ON health_record(person_id);"
	"CREATE TABLE enrolment ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  facility_id INTEGER NOT NULL REFERENCES facility(id),"
	"  class_type TEXT NOT NULL,"
	"  start_date TEXT NOT NULL,"
	"  end_date TEXT"
	") STRICT;"
	"CREATE INDEX enrolment_facility ON enrolment(facility_id, class_type);"
	"CREATE INDEX enrolment_person ON enrolment(person_id);"
	"CREATE TABLE person_move ("
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  from_region TEXT NOT NULL,"
	"  to_region TEXT NOT NULL,"
	"  moved_on TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX person_move_person ON person_move(person_id);",

	/* 6: allowance and subsidy runs and their ledger. A line is never
	 * changed or deleted: a later run adds an adjustment, a reversal adds
	 * the opposite amount, so the sum of a beneficiary's lines for a
	 * scheme and period is what was paid. */
	"CREATE TABLE subsidy_run ("
	"  id INTEGER PRIMARY KEY,"
	"  scheme TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  region TEXT NOT NULL,"
	"  lines INTEGER NOT NULL,"
	"  total_fen INTEGER NOT NULL,"
	"  run_by INTEGER REFERENCES account(id),"
	"  run_at TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE ledger ("
	"  id INTEGER PRIMARY KEY,"
	"  run_id INTEGER REFERENCES subsidy_run(id),"
	"  scheme TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  beneficiary_kind TEXT NOT NULL,"
	"  beneficiary_id INTEGER NOT NULL,"
	"  region TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('payment', 'adjustment',"
	"    'reversal')),"
	"  amount_fen INTEGER NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  reverses INTEGER UNIQUE REFERENCES ledger(id),"
	"  created_by INTEGER REFERENCES account(id),"
	"  created_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX ledger_key ON ledger(scheme, period, beneficiary_kind,"
	"  beneficiary_id);",

	/* 7: online applications for an allowance (网上申办): a family
	 * member applies for a person, an official approves or rejects. */
	"CREATE TABLE application ("
	"  id INTEGER PRIMARY KEY,"
	"  scheme TEXT NOT NULL,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  applicant INTEGER NOT NULL REFERENCES account(id),"
	"  relation TEXT NOT NULL DEFAULT '',"
	"  note TEXT NOT NULL DEFAULT '',"
	"  status TEXT NOT NULL CHECK (status IN ('submitted', 'approved',"
	"    'rejected')),"
	"  precheck TEXT NOT NULL DEFAULT '',"
	"  submitted_at TEXT NOT NULL,"
	"  decided_by INTEGER REFERENCES account(id),"
	"  decided_at TEXT,"
	"  decision_reason TEXT NOT NULL DEFAULT '',"
	"  eligible_from TEXT"
	") STRICT;"
	"CREATE INDEX application_person ON application(person_id, scheme);",

	/* 8: training providers and the trainees they got certified, the
	 * units of the schemes that pay per certified trainee */
	"CREATE TABLE provider ("
	"  id INTEGER PRIMARY KEY,"
	"  credit_code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  region TEXT NOT NULL REFERENCES region(code)"
	") STRICT;"
	"CREATE INDEX provider_region ON provider(region);"
	"CREATE TABLE trainee_cert ("
	"  id INTEGER PRIMARY KEY,"
	"  provider_id INTEGER NOT NULL REFERENCES provider(id),"
	"  cert_no TEXT NOT NULL UNIQUE,"
	"  level TEXT NOT NULL CHECK (level IN ('level_5', 'level_4',"
	"    'level_3', 'level_2', 'level_1', 'certificate')),"
	"  certified_on TEXT NOT NULL,"
	"  created_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX trainee_cert_provider ON trainee_cert(provider_id,"
	"  certified_on);",

	/* 9: audit records of people written before they stopped keeping
	 * the masked ID number: with the birth date in the person row, the
	 * masked form gives the whole number back. Scrubbed in place;
	 * secure_delete (db.c) zeroes the old text on disk. */
	"UPDATE audit SET"
	"  before = CASE WHEN json_valid(before)"
	"    THEN json_remove(before, '$.id_number', '$.id_masked')"
	"    ELSE before END,"
	"  after = CASE WHEN json_valid(after)"
	"    THEN json_remove(after, '$.id_number', '$.id_masked')"
	"    ELSE after END"
	"  WHERE entity = 'person';"

	/* facts about the database itself: the fingerprint of the key its
	 * personal data is sealed under (app/keys.c) */
	"CREATE TABLE meta ("
	"  name TEXT PRIMARY KEY,"
	"  value BLOB NOT NULL"
	") STRICT;"

	/* failed logins by account name and by address (times in seconds
	 * since the epoch), sessions that end when left idle, tokens that
	 * can be listed and revoked */
	"CREATE TABLE login_failure ("
	"  scope TEXT NOT NULL CHECK (scope IN ('account', 'address')),"
	"  key TEXT NOT NULL,"
	"  failures INTEGER NOT NULL,"
	"  last_at INTEGER NOT NULL,"
	"  locked_until INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (scope, key)"
	") STRICT;"
	"ALTER TABLE login_session ADD COLUMN last_seen_at INTEGER;"
	"CREATE INDEX login_session_account ON login_session(account_id);"
	"ALTER TABLE api_token ADD COLUMN revoked_at TEXT;"
	"CREATE INDEX api_token_account ON api_token(account_id);",

	/* 10: what a line paid for, and the stops and recoveries of the
	 * ledger. ledger_unit: the units a line of a one-off scheme paid
	 * (slots, beds, trainees; negative on its reversal), so that a unit
	 * is paid once across periods; ledger_cert: the certificates a line
	 * of a scheme paying per certified trainee paid (1) or took back
	 * (-1). ledger_lift: an official's 恢复发放
	 * of a reversed (scheme, period, beneficiary); until then runs leave
	 * it unpaid. subsidy_hold: 暂停发放 of a beneficiary from one scheme
	 * (or all, scheme NULL) from a date, lifted later. recovery_offset:
	 * an amount owed (追缴) set against a later payment; recovery_repaid:
	 * an amount owed that the beneficiary paid back; bank_export(_row):
	 * the bank files sent, and what each row sent. Offsets and
	 * repayments are not lines: what a beneficiary is entitled to stays
	 * the sum of its lines. */
	"CREATE TABLE ledger_unit ("
	"  line_id INTEGER NOT NULL REFERENCES ledger(id),"
	"  unit TEXT NOT NULL,"
	"  count INTEGER NOT NULL,"
	"  PRIMARY KEY (line_id, unit)"
	") STRICT;"
	"CREATE TABLE ledger_cert ("
	"  line_id INTEGER NOT NULL REFERENCES ledger(id),"
	"  cert_no TEXT NOT NULL,"
	"  count INTEGER NOT NULL CHECK (count IN (-1, 1)),"
	"  PRIMARY KEY (line_id, cert_no)"
	") STRICT;"
	"CREATE INDEX ledger_cert_no ON ledger_cert(cert_no);"
	"CREATE TABLE ledger_lift ("
	"  reversal_id INTEGER PRIMARY KEY REFERENCES ledger(id),"
	"  reason TEXT NOT NULL CHECK (reason <> ''),"
	"  lifted_by INTEGER REFERENCES account(id),"
	"  lifted_at TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE subsidy_hold ("
	"  id INTEGER PRIMARY KEY,"
	"  beneficiary_kind TEXT NOT NULL,"
	"  beneficiary_id INTEGER NOT NULL,"
	"  region TEXT NOT NULL,"
	"  scheme TEXT,"
	"  from_date TEXT NOT NULL,"
	"  reason TEXT NOT NULL CHECK (reason <> ''),"
	"  created_by INTEGER REFERENCES account(id),"
	"  created_at TEXT NOT NULL,"
	"  lifted_on TEXT,"
	"  back_pay INTEGER,"
	"  lift_reason TEXT,"
	"  lifted_by INTEGER REFERENCES account(id),"
	"  lifted_at TEXT"
	") STRICT;"
	"CREATE INDEX subsidy_hold_key ON subsidy_hold(beneficiary_kind,"
	"  beneficiary_id);"
	"CREATE TABLE recovery_offset ("
	"  id INTEGER PRIMARY KEY,"
	"  run_id INTEGER REFERENCES subsidy_run(id),"
	"  line_id INTEGER NOT NULL REFERENCES ledger(id),"
	"  scheme TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  beneficiary_kind TEXT NOT NULL,"
	"  beneficiary_id INTEGER NOT NULL,"
	"  region TEXT NOT NULL,"
	"  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),"
	"  reason TEXT NOT NULL,"
	"  created_by INTEGER REFERENCES account(id),"
	"  created_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX recovery_offset_key ON recovery_offset(beneficiary_kind,"
	"  beneficiary_id);"
	"CREATE TABLE recovery_repaid ("
	"  id INTEGER PRIMARY KEY,"
	"  beneficiary_kind TEXT NOT NULL,"
	"  beneficiary_id INTEGER NOT NULL,"
	"  region TEXT NOT NULL,"
	"  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),"
	"  reason TEXT NOT NULL CHECK (reason <> ''),"
	"  created_by INTEGER REFERENCES account(id),"
	"  created_at TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE bank_export ("
	"  id INTEGER PRIMARY KEY,"
	"  region TEXT NOT NULL,"
	"  scheme TEXT,"
	"  period TEXT,"
	"  rows INTEGER NOT NULL,"
	"  total_fen INTEGER NOT NULL,"
	"  created_by INTEGER REFERENCES account(id),"
	"  created_at TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE bank_export_row ("
	"  export_id INTEGER NOT NULL REFERENCES bank_export(id),"
	"  scheme TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  beneficiary_kind TEXT NOT NULL,"
	"  beneficiary_id INTEGER NOT NULL,"
	"  region TEXT NOT NULL,"
	"  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0)"
	") STRICT;"
	"CREATE INDEX bank_export_row_key ON bank_export_row(beneficiary_kind,"
	"  beneficiary_id, scheme, period);"
	"CREATE INDEX ledger_beneficiary ON ledger(beneficiary_kind,"
	"  beneficiary_id);"
	/* who may owe: only a negative line or an offset can make a debt,
	 * so the search for amounts owed starts from these few */
	"CREATE INDEX ledger_negative ON ledger(beneficiary_kind,"
	"  beneficiary_id) WHERE amount_fen < 0;",

	/* 11: verifications (生存认证 / 年审): that a person was found alive
	 * on a day, by face recognition, a visit, in person at an office or
	 * otherwise; schemes that ask for one within a window hold a person
	 * whose latest has lapsed (app/verify_run.c). Never changed or
	 * deleted; one person, day and method once. */
	"CREATE TABLE person_verification ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  verified_on TEXT NOT NULL,"
	"  method TEXT NOT NULL CHECK (method IN ('face', 'visit',"
	"    'in_person', 'other')),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  recorded_by INTEGER REFERENCES account(id),"
	"  recorded_at TEXT NOT NULL,"
	"  UNIQUE (person_id, verified_on, method)"
	") STRICT;"
	"CREATE INDEX person_verification_day ON person_verification("
	"  verified_on);",
	/* 12: payee accounts (收款账户) of persons and institutions, where
	 * a bank 代发 file pays. The account number, and the holder's ID
	 * number when a guardian holds the account, are sealed like person
	 * ID numbers (app/pii.c); not even their masked forms are kept in
	 * clear. One account per owner; the audit log keeps the history. */
	"CREATE TABLE payee_account ("
	"  owner_kind TEXT NOT NULL CHECK (owner_kind IN ('person',"
	"  'institution')),"
	"  owner_id INTEGER NOT NULL,"
	"  region TEXT NOT NULL,"
	"  bank TEXT NOT NULL CHECK (bank <> ''),"
	"  branch TEXT NOT NULL CHECK (branch <> ''),"
	"  account_kind TEXT NOT NULL CHECK (account_kind IN ('bank_card',"
	"  'social_security_card', 'corporate')),"
	"  account_sealed BLOB NOT NULL,"
	"  holder_name TEXT NOT NULL CHECK (holder_name <> ''),"
	"  holder_relation TEXT NOT NULL DEFAULT 'self',"
	"  holder_id_sealed BLOB,"
	"  updated_by INTEGER REFERENCES account(id),"
	"  updated_at TEXT NOT NULL,"
	"  PRIMARY KEY (owner_kind, owner_id)"
	") STRICT;"
	"CREATE INDEX payee_account_region ON payee_account(region);",
};

const int store_migration_count =
    (int)(sizeof(store_migrations) / sizeof(store_migrations[0]));
