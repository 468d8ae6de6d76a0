"""The registry's list and search pages served from the result cache
(src/app/list_cache.h): the same page twice is a hit with the same bytes;
every page equals a model kept here after each write (a PATCH through the
API, and a write from outside the server with SQL), so a write always
ends the cached pages; a page kept for one account is never served to
another (an official sees full birth dates, a reader the year only, an
operator its own facility only, each asking after the other); a search by
a full ID number is never kept; the ledger in pages; the city summary by
kind (facilities/summary) kept and ended by every write like a page. On
both backends."""

import random
from datetime import date, datetime, timezone

import harness
from harness import ApiTestCase, facility_body, login_as, make_city
from idnumbers import Issuer

PASSWORD = "correct horse battery"
FACILITIES = "/api/v1/facilities"
PERSONS = "/api/v1/persons"
LEDGER = "/api/v1/subsidies/ledger"
ISSUER = Issuer(("511902",), "137", 45678123, 1000000)


def tearDownModule():
    harness.stop_module_server(__name__)


class ListCache(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        cls.city, (cls.county,) = make_city(a, cls.server.next_city_code(), "列表缓存市", 1)
        # the model: what each facility's page row must say
        cls.model = {}
        for i in range(7):
            beds = 20 + 7 * i
            f = a.create_facility(facility_body(cls.county, name="缓存养老院%d" % i,
                                                beds=beds, nursing_beds=5, occupied_beds=3))
            cls.model[f["id"]] = {"name": f["name"], "beds": beds}
        cls.fids = sorted(cls.model)
        cls.people = {}
        for i in range(5):
            birth = date(1935 + i, 3, 1 + i)
            number = ISSUER.new_id(birth, i % 2 == 0)
            r = a.post(PERSONS, {"kind": "elderly", "id_number": number,
                                 "name": "缓存老人%d" % i, "region": cls.county})
            assert r.status == 201, r.summary()
            cls.people[r.json["id"]] = {"name": "缓存老人%d" % i, "birth": birth.isoformat(),
                                        "number": number}
        a.create_user("lc_county", "county_official", cls.county, password=PASSWORD)
        a.create_user("lc_reader", "readonly", cls.county, password=PASSWORD)
        a.create_user("lc_operator", "operator", cls.county, password=PASSWORD,
                      facilities=[cls.fids[0]])
        cls.official = login_as(cls.server, "lc_county", PASSWORD)
        cls.reader = login_as(cls.server, "lc_reader", PASSWORD)
        cls.operator = login_as(cls.server, "lc_operator", PASSWORD)

    def page(self, client, path, **params):
        r = client.get(path, params=params)
        self.assertEqual(r.status, 200, r.summary())
        return r

    def until_hit(self, client, path, check, **params):
        """Asks until an answer comes from the cache (each server thread
        has its own connection, and a connection asking for the first time
        counts as a change), checking every answer against the model; the
        hit must be the same bytes as the answer computed before it."""
        bodies = set()
        for _ in range(20):
            r = self.page(client, path, **params)
            check(r)
            bodies.add(r.body)
            if r.header("X-Cache") == "hit":
                self.assertEqual(len(bodies), 1, "the same page, the same bytes")
                return r
        self.fail("%s %r: never served from the cache" % (path, params))

    def expected_facility_page(self, page, per_page):
        ids = self.fids[(page - 1) * per_page:page * per_page]
        return [(i, self.model[i]["name"], self.model[i]["beds"]) for i in ids]

    def check_facility_pages(self, client):
        for page in (1, 2, 3, 4):
            def check(r, page=page):
                got = [(f["id"], f["name"], f["beds"]) for f in r.json["items"]]
                self.assertEqual(got, self.expected_facility_page(page, 2), "page %d" % page)
                self.assertEqual(r.json["total"], len(self.fids))
            self.until_hit(client, FACILITIES, check, region=self.county, per_page="2",
                           page=str(page), sort="id")

    def test_facility_pages_follow_every_write(self):
        c = self.official
        self.check_facility_pages(c)
        # a write through the API: name and capacity
        fid = self.fids[3]
        r = self.admin.patch("%s/%d" % (FACILITIES, fid), {"name": "缓存改名院", "beds": 90})
        self.assertEqual(r.status, 200, r.summary())
        self.model[fid].update(name="缓存改名院", beds=90)
        first = self.page(c, FACILITIES, region=self.county, per_page="2", page="2", sort="id")
        self.assertEqual(first.header("X-Cache"), "miss")
        self.check_facility_pages(c)
        # a write from outside the server, straight into the database
        fid = self.fids[6]
        harness.db_exec(self.server.db, "UPDATE facility SET name = ? WHERE id = ?",
                        ("缓存外部改名院", fid))
        self.model[fid]["name"] = "缓存外部改名院"
        self.check_facility_pages(c)
        # a new facility: the total and the last page move
        f = self.admin.create_facility(facility_body(self.county, name="缓存新院", beds=33,
                                                     nursing_beds=5, occupied_beds=3))
        self.model[f["id"]] = {"name": "缓存新院", "beds": 33}
        self.fids.append(f["id"])
        self.check_facility_pages(c)

    def test_summary_follows_every_write(self):
        def totals(r):
            # the model's own sums: each facility's beds, 5 nursing beds
            # and 3 occupied beds apiece, every one open today
            t = r.json["total"]
            self.assertEqual((t["count"], t["beds"], t["nursing_beds"], t["occupied_beds"]),
                             (len(self.fids), sum(m["beds"] for m in self.model.values()),
                              5 * len(self.fids), 3 * len(self.fids)))
            self.assertEqual(r.json["region"], self.county)
        SUMMARY = FACILITIES + "/summary"
        self.until_hit(self.official, SUMMARY, totals, region=self.county)
        fid = self.fids[1]
        r = self.admin.patch("%s/%d" % (FACILITIES, fid), {"beds": 77})
        self.assertEqual(r.status, 200, r.summary())
        self.model[fid]["beds"] = 77
        first = self.page(self.official, SUMMARY, region=self.county)
        self.assertEqual(first.header("X-Cache"), "miss")
        totals(first)
        self.until_hit(self.official, SUMMARY, totals, region=self.county)
        # from outside the server: the capacity in force changed in SQL
        harness.db_exec(self.server.db,
                        "UPDATE capacity SET beds = 81 WHERE facility_id = ? AND effective_date ="
                        " (SELECT max(effective_date) FROM capacity WHERE facility_id = ?)",
                        (fid, fid))
        self.model[fid]["beds"] = 81
        self.until_hit(self.official, SUMMARY, totals, region=self.county)
        # a reader of another scope is refused, not given the kept answer
        r = self.operator.get(SUMMARY, params={"region": self.county})
        self.assertEqual(r.status, 403, r.summary())

    def test_operator_never_gets_an_officials_page(self):
        def everyone(r):
            self.assertEqual(r.json["total"], len(self.fids))

        def own(r):
            self.assertEqual([f["id"] for f in r.json["items"]], [self.fids[0]])
        self.until_hit(self.official, FACILITIES, everyone, region=self.county)
        self.until_hit(self.operator, FACILITIES, own, region=self.county)
        self.until_hit(self.official, FACILITIES, everyone, region=self.county)

    def test_people_pages_by_who_asks(self):
        want = sorted(self.people)

        def model(full):
            def check(r):
                got = [(p["id"], p["name"], p["birth_date"]) for p in r.json["items"]]
                self.assertEqual(got, [(i, self.people[i]["name"],
                                        self.people[i]["birth"] if full
                                        else self.people[i]["birth"][:4]) for i in want])
                for p in r.json["items"]:
                    self.assertFalse(p["unmasked"])
                    self.assertIn("*", p["id_number"])
            return check
        for _ in range(2):
            for client, full in ((self.official, True), (self.reader, False)):
                self.until_hit(client, PERSONS, model(full), region=self.county,
                               per_page="10")
        # pages of two: each page's people in id order, the total of all
        for page in (1, 2, 3):
            def paged(r, page=page):
                self.assertEqual([p["id"] for p in r.json["items"]],
                                 want[(page - 1) * 2:page * 2])
                self.assertEqual(r.json["total"], len(want))
            self.until_hit(self.reader, PERSONS, paged, region=self.county, per_page="2",
                           page=str(page))
        # a write ends the page: a new name shows on the next request
        pid = want[1]
        r = self.admin.patch("%s/%d" % (PERSONS, pid), {"name": "缓存新名"})
        self.assertEqual(r.status, 200, r.summary())
        self.people[pid]["name"] = "缓存新名"
        r = self.page(self.reader, PERSONS, region=self.county, per_page="10")
        self.assertEqual(r.header("X-Cache"), "miss")
        self.assertEqual([p["name"] for p in r.json["items"]],
                         [self.people[i]["name"] for i in want])
        # a search by name is a page like any other
        self.until_hit(self.reader, PERSONS,
                       lambda r: self.assertEqual([p["id"] for p in r.json["items"]], [pid]),
                       region=self.county, q="缓存新名")

    def test_full_number_search_is_never_kept(self):
        pid = sorted(self.people)[0]
        number = self.people[pid]["number"]
        for _ in range(12):
            r = self.page(self.official, PERSONS, id_number=number)
            self.assertEqual(r.header("X-Cache"), "miss")
            self.assertEqual([p["id"] for p in r.json["items"]], [pid])
            self.assertNotIn(number, r.text)


class LedgerPages(ApiTestCase):
    """The ledger list in pages: the lines of all pages together are the
    lines written (amounts as a multiset, kept here), the total and the
    count are of every line on every page, and a line written from outside
    the server shows on the next answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.city, (cls.county,) = make_city(cls.admin, cls.server.next_city_code(),
                                            "账目分页市", 1)
        cls.rng = random.Random(23)
        cls.amounts = []
        cls.add_lines(23)

    @classmethod
    def add_lines(cls, n):
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        for _ in range(n):
            fen = cls.rng.choice((1, -1)) * cls.rng.randint(1, 10 ** 9)
            harness.db_exec(cls.server.db,
                            "INSERT INTO ledger (scheme, period, beneficiary_kind, beneficiary_id,"
                            " region, kind, amount_fen, reason, created_at)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            ("cache_scheme", "2026-09", "person",
                             700000 + len(cls.amounts), cls.county,
                             "adjustment", fen, "分页", now))
            cls.amounts.append(fen)

    def all_pages(self, per_page):
        got, ids = [], []
        for page in range(1, len(self.amounts) // per_page + 3):
            def check(r, page=page):
                self.assertEqual(r.json["count"], len(self.amounts))
                self.assertEqual(r.json["total_fen"], sum(self.amounts))
                self.assertEqual((r.json["page"], r.json["per_page"]), (page, per_page))
                want = max(0, min(per_page, len(self.amounts) - (page - 1) * per_page))
                self.assertEqual(len(r.json["items"]), want)
            r = self.until_hit(self.admin, LEDGER, check, region=self.county,
                               page=str(page), per_page=str(per_page))
            got += [line["fen"] for line in r.json["items"]]
            ids += [line["id"] for line in r.json["items"]]
        self.assertEqual(len(set(ids)), len(ids), "no line on two pages")
        self.assertEqual(sorted(got), sorted(self.amounts))

    until_hit = ListCache.until_hit
    page = ListCache.page

    def test_pages_cover_every_line_and_follow_writes(self):
        self.all_pages(5)
        whole = self.admin.get(LEDGER, params={"region": self.county}).json
        self.assertEqual(sorted(line["fen"] for line in whole["items"]), sorted(self.amounts))
        self.assertNotIn("page", whole)
        self.add_lines(4)
        self.all_pages(5)
        self.all_pages(1000)

    def test_bad_page_named(self):
        self.assertError(self.admin.get(LEDGER, params={"region": self.county, "page": "0"}),
                         400, "page")
        self.assertError(self.admin.get(LEDGER, params={"region": self.county,
                                                        "per_page": "x"}), 400, "per_page")
