#include "store/pg_layout.h"

#include "core/arena.h"
#include "store/pg_sql.h"

#include <ctype.h>
#include <string.h>

/* The tables partitioned by region, and for each the index led by region
 * that its county's and city's lists read (person has one already:
 * person_region). */
static const struct partitioned {
	const char *table;
	const char *index;
} partitioned[] = {
	{ "person", NULL },
	{ "ledger", "CREATE INDEX ledger_region ON ledger (region, scheme,"
	            " period)" },
};

/* Whether s starts the word w (case as written in the migrations). */
static int word_at(const char *s, const char *w)
{
	size_t n = strlen(w);

	return !strncmp(s, w, n) &&
	       !(isalnum((unsigned char)s[n]) || s[n] == '_');
}

static int ident_char(int c)
{
	return isalnum(c) || c == '_';
}

/* Where the word w first stands in [s, e) outside quotes, or NULL. */
static const char *find_word(const char *s, const char *e, const char *w)
{
	for (const char *p = s; p < e; p++) {
		size_t q = pg_sql_skip_quoted(p);

		if (q) {
			p += q - 1;
			continue;
		}
		if ((p == s || !ident_char((unsigned char)p[-1])) &&
		    word_at(p, w))
			return p;
	}
	return NULL;
}

static const struct partitioned *partitioned_named(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(partitioned) / sizeof(*partitioned); i++)
		if (strlen(partitioned[i].table) == n &&
		    !strncmp(partitioned[i].table, s, n))
			return &partitioned[i];
	return NULL;
}

/* The partitioned table named after a keyword ending at s, or NULL; the
 * name and its length in *name and *n either way. */
static const struct partitioned *table_after(const char *s, const char **name,
                                             size_t *n)
{
	while (isspace((unsigned char)*s))
		s++;
	*name = s;
	*n = 0;
	while (ident_char((unsigned char)s[*n]))
		(*n)++;
	return partitioned_named(s, *n);
}

/* Appends [s, e) without the first "REFERENCES name(...)" when drop, or
 * with a reference to table itself turned towards its ids table. */
static void put_def(struct abuf *b, const char *s, const char *e,
                    const char *table, int drop_reference)
{
	const char *ref = find_word(s, e, "REFERENCES");
	const char *name, *end;
	size_t tn = strlen(table);

	if (!ref) {
		abuf_append(b, s, (size_t)(e - s));
		return;
	}
	name = ref + 10;
	while (isspace((unsigned char)*name))
		name++;
	end = strchr(name, '(');
	end = end && end < e ? pg_sql_closing(end + 1) : NULL;
	if (!end || end >= e) {
		abuf_append(b, s, (size_t)(e - s));
		return;
	}
	end++;
	while (ref > s && isspace((unsigned char)ref[-1]))
		ref--;
	abuf_append(b, s, (size_t)(ref - s));
	if (!drop_reference) {
		abuf_puts(b, " REFERENCES ");
		if (!strncmp(name, table, tn) && name[tn] == '(')
			abuf_printf(b, "lx_%s_ids%.*s", table,
			            (int)(end - name - tn), name + tn);
		else
			abuf_append(b, name, (size_t)(end - name));
	}
	abuf_append(b, end, (size_t)(e - end));
}

/* [s, e) less the first stand-alone word w and the space before it. */
static void put_without(struct abuf *b, const char *s, const char *e,
                        const char *w, const char *table, int drop_ref)
{
	const char *at = find_word(s, e, w);
	struct abuf tmp;

	if (!at) {
		put_def(b, s, e, table, drop_ref);
		return;
	}
	abuf_init(&tmp, b->arena);
	abuf_append(&tmp, s, (size_t)(at - s));
	while (tmp.len && tmp.data[tmp.len - 1] == ' ')
		tmp.data[--tmp.len] = '\0';
	abuf_append(&tmp, at + strlen(w), (size_t)(e - at - strlen(w)));
	put_def(b, tmp.data, tmp.data + tmp.len, table, drop_ref);
}

/* The body [s, e) of CREATE TABLE t: its column definitions, the id's
 * PRIMARY KEY and every UNIQUE column moved out (into keys, with the
 * column names in cols), and the rest as they were. */
static void split_body(const char *s, const char *e, const char *table,
                       struct abuf *main, struct abuf *keys, struct abuf *cols)
{
	while (s < e) {
		const char *d = s, *end = s;
		int depth = 0;

		while (d < e && isspace((unsigned char)*d))
			d++;
		for (end = d; end < e; end++) {
			size_t q = pg_sql_skip_quoted(end);

			if (q) {
				end += q - 1;
				continue;
			}
			if (*end == '(')
				depth++;
			else if (*end == ')')
				depth--;
			else if (*end == ',' && depth == 0)
				break;
		}
		if (main->len)
			abuf_puts(main, ", ");
		if (find_word(d, end, "UNIQUE")) {
			size_t n = 0;

			while (ident_char((unsigned char)d[n]))
				n++;
			abuf_puts(keys, ", ");
			put_def(keys, d, end, table, 0);
			abuf_printf(cols, ", %.*s", (int)n, d);
			put_without(main, d, end, "UNIQUE", table, 1);
		} else if (word_at(d, "id") && find_word(d, end, "PRIMARY")) {
			put_without(main, d, end, "PRIMARY KEY", table, 1);
		} else {
			abuf_append(main, d, (size_t)(end - d));
		}
		s = end < e ? end + 1 : e;
	}
}

/* The statements that make t partitioned: the table, its ids table kept
 * by a trigger, the partition for rows of no city (a province's own
 * code), the trigger that adds a city's partition when its first region
 * is registered. */
static void put_partitioned(struct abuf *b, const struct partitioned *t,
                            const char *body, const char *end)
{
	struct abuf main, keys, cols, set;
	const char *c;

	abuf_init(&main, b->arena);
	abuf_init(&keys, b->arena);
	abuf_init(&cols, b->arena);
	abuf_init(&set, b->arena);
	split_body(body, end, t->table, &main, &keys, &cols);
	for (c = cols.data; c && *c;) {
		size_t n;

		c += 2;
		n = strcspn(c, ",");
		abuf_printf(&set, "%s%.*s = excluded.%.*s", set.len ? ", " : "",
		            (int)n, c, (int)n, c);
		c += n;
	}
	abuf_printf(b,
	            "CREATE TABLE %s (%s, PRIMARY KEY (id, region))"
	            " PARTITION BY RANGE (region);",
	            t->table, main.data);
	abuf_printf(b, "CREATE TABLE lx_%s_ids (id BIGINT PRIMARY KEY%s);",
	            t->table, keys.data);
	abuf_printf(b, "CREATE TABLE %s_default PARTITION OF %s DEFAULT;",
	            t->table, t->table);
	abuf_printf(b,
	            "CREATE FUNCTION lx_keep_%s_ids() RETURNS trigger"
	            " LANGUAGE plpgsql AS $$ BEGIN"
	            " INSERT INTO lx_%s_ids (id%s) VALUES (NEW.id",
	            t->table, t->table, cols.data);
	for (c = cols.data; c && *c;) {
		size_t n;

		c += 2;
		n = strcspn(c, ",");
		abuf_printf(b, ", NEW.%.*s", (int)n, c);
		c += n;
	}
	abuf_printf(b, ") ON CONFLICT (id) DO %s%s; RETURN NULL; END $$;",
	            set.len ? "UPDATE SET " : "NOTHING",
	            set.len ? set.data : "");
	abuf_printf(b,
	            "CREATE TRIGGER lx_ids AFTER INSERT OR UPDATE ON %s"
	            " FOR EACH ROW EXECUTE FUNCTION lx_keep_%s_ids();",
	            t->table, t->table);
	abuf_puts(b, "CREATE OR REPLACE TRIGGER lx_partition AFTER INSERT ON"
	             " region FOR EACH ROW EXECUTE FUNCTION"
	             " lx_partition_region();");
	if (t->index)
		abuf_printf(b, "%s;", t->index);
}

const char *pg_layout_ddl(struct arena *a, const char *ddl)
{
	struct abuf b;
	const char *s = ddl;

	abuf_init(&b, a);
	while (*s) {
		size_t q = pg_sql_skip_quoted(s);
		const struct partitioned *t;
		const char *name;
		size_t n = 0;

		if (q) {
			abuf_append(&b, s, q);
			s += q;
			continue;
		}
		if (s != ddl && ident_char((unsigned char)s[-1])) {
			abuf_append(&b, s++, 1);
			continue;
		}
		if (word_at(s, "CREATE TABLE")) {
			t = table_after(s + 12, &name, &n);
			if (t) {
				const char *open = strchr(name, '(');
				const char *close =
				    open ? pg_sql_closing(open + 1) : NULL;

				if (close) {
					put_partitioned(&b, t, open + 1, close);
					s = close + 1;
					while (isspace((unsigned char)*s))
						s++;
					if (*s == ';')
						s++;
					continue;
				}
			}
		}
		if (word_at(s, "REFERENCES")) {
			t = table_after(s + 10, &name, &n);
			if (t) {
				abuf_printf(&b, "REFERENCES lx_%s_ids",
				            t->table);
				s = name + n;
				continue;
			}
		}
		abuf_append(&b, s++, 1);
	}
	return b.data ? b.data : "";
}

/* Adds, when a region below a province is registered, the partitions of
 * its city (its code's first four digits) if they are not there yet: a
 * municipality's districts (500154, 重庆市开州区) have no city row of
 * their own. A province's own code stays in the default partition. */
const char pg_layout_prelude[] =
    "CREATE OR REPLACE FUNCTION lx_partition_region() RETURNS trigger"
    " LANGUAGE plpgsql AS $$ DECLARE t text; city text; BEGIN"
    "  IF NEW.code !~ '^[0-9]{12}$' OR NEW.code ~ '^[0-9]{2}0{10}$'"
    "  THEN RETURN NULL; END IF;"
    "  city := substr(NEW.code, 1, 4);"
    "  FOR t IN SELECT c.relname FROM pg_partitioned_table pt"
    "   JOIN pg_class c ON c.oid = pt.partrelid"
    "   JOIN pg_namespace n ON n.oid = c.relnamespace"
    "   WHERE n.nspname = current_schema() LOOP"
    "   CONTINUE WHEN to_regclass(quote_ident(t || '_' || city)) IS NOT NULL;"
    "   EXECUTE format('CREATE TABLE %I PARTITION OF %I"
    " FOR VALUES FROM (%L) TO (%L)', t || '_' || city, t,"
    "    city || '00000000',"
    "    lpad((city::int + 1)::text, 4, '0') || '00000000');"
    "  END LOOP;"
    "  RETURN NULL;"
    " END $$;";
