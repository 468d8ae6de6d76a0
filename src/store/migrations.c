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
};

const int store_migration_count =
    (int)(sizeof(store_migrations) / sizeof(store_migrations[0]));
