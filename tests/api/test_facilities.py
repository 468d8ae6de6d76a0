"""The facility registry: create / read / patch, validation (as data files),
list filters, sort and pages, capacity as of a date, history, close, summary."""

import datetime
import glob
import json
import os

import creditcode
import harness
from harness import ApiTestCase, childcare_body, facility_body, make_city

CAPACITY = ("beds", "nursing_beds", "occupied_beds", "slots", "affordable_slots", "enrolled")
KINDS = ("elderly_institution", "community_complex", "day_care_center", "regional_center",
         "mutual_aid_point", "meal_point", "home_bed_provider", "childcare_institution",
         "family_childcare_point", "kindergarten_nursery")


def tearDownModule():
    harness.stop_module_server(__name__)


def view(fac):
    """The FACILITY fields of the contract (extra fields a server adds are not compared)."""
    return {k: fac.get(k) for k in harness.FACILITY_FIELDS}


class FacilityTestCase(ApiTestCase):
    def assertFacilityMatches(self, got, sent, what):
        for k, v in sent.items():
            self.assertIn(k, got, "%s: field %r present" % (what, k))
            if k in ("lat", "lon") and v is not None and got[k] is not None:
                self.assertAlmostEqual(got[k], v, places=6, msg="%s: %s" % (what, k))
            else:
                self.assertEqual(got[k], v, "%s: %s comes back as sent" % (what, k))


class CrudTest(FacilityTestCase):
    def test_create_read_back_identical(self):
        body = facility_body()
        r = self.admin.post("/api/v1/facilities", body)
        self.assertStatus(r, 201, "create a valid 养老机构")
        created = r.json
        for k in harness.FACILITY_FIELDS:
            self.assertIn(k, created, "FACILITY has field %r" % k)
        self.assertIsInstance(created["id"], int, "id is an int")
        self.assertFacilityMatches(created, body, "POST response")
        r = self.admin.get("/api/v1/facilities/%d" % created["id"])
        self.assertStatus(r, 200, "GET the created facility")
        self.assertFacilityMatches(r.json, body, "GET after create")
        self.assertEqual(view(r.json), view(created), "GET gives what POST returned")

    def test_childcare_with_classes_read_back(self):
        body = childcare_body(lat=None, lon=None, credit_code=None,
                              filing_status="unfiled", filing_date=None, opened_on=None)
        created = self.admin.create_facility(body)
        got = self.admin.get("/api/v1/facilities/%d" % created["id"]).json
        self.assertFacilityMatches(got, body, "托育机构 with classes and nulls")

    def test_every_kind_accepted(self):
        for kind in KINDS:
            body = facility_body("511903000000", name="类型测试-" + kind, kind=kind,
                                 credit_code=None, beds=0, nursing_beds=0, occupied_beds=0)
            r = self.admin.post("/api/v1/facilities", body)
            self.assertStatus(r, 201, "create a facility of kind %s" % kind)
            self.assertEqual(r.json["kind"], kind)

    def test_unknown_id_404(self):
        self.assertError(self.admin.get("/api/v1/facilities/987654321"), 404,
                         what="GET a facility that does not exist")
        self.assertError(self.admin.patch("/api/v1/facilities/987654321", {"beds": 1}), 404,
                         what="PATCH a facility that does not exist")
        self.assertError(self.admin.get("/api/v1/facilities/abc"), (400, 404),
                         what="GET /facilities/abc")

    def test_patch_plain_field(self):
        fac = self.admin.create_facility(facility_body())
        path = "/api/v1/facilities/%d" % fac["id"]
        r = self.admin.patch(path, {"address": "巴州区新地址 8 号", "caregivers": 20})
        self.assertStatus(r, 200, "PATCH address and caregivers")
        want = dict(view(fac), address="巴州区新地址 8 号", caregivers=20)
        self.assertEqual(view(self.admin.get(path).json), want,
                         "only the patched fields changed")

    def test_patch_invalid_changes_nothing(self):
        fac = self.admin.create_facility(facility_body())
        path = "/api/v1/facilities/%d" % fac["id"]
        r = self.admin.patch(path, {"nursing_beds": fac["beds"] + 1})
        self.assertError(r, 422, field="nursing_beds", what="PATCH nursing_beds > beds")
        r = self.admin.patch(path, {"beds": 10})  # nursing 70 and occupied 85 now exceed it
        self.assertError(r, 422, field=("nursing_beds", "occupied_beds", "beds"),
                         what="PATCH beds below nursing_beds")
        r = self.admin.patch(path, {"colour": "red"})
        self.assertError(r, 422, field="colour", what="PATCH an unknown field")
        r = self.admin.patch(path, {"name": ""})
        self.assertError(r, 422, field="name", what="PATCH an empty name")
        self.assertEqual(view(self.admin.get(path).json), view(fac),
                         "refused PATCHes changed nothing")

    def test_known_credit_codes_valid_and_unique(self):
        first = self.admin.create_facility(facility_body(credit_code=creditcode.KNOWN_VALID[0]))
        self.admin.create_facility(facility_body(credit_code=creditcode.KNOWN_VALID[1]))
        before = self.admin.list_facilities(status="all")["total"]
        r = self.admin.post("/api/v1/facilities",
                            facility_body(name="重复代码养老院", credit_code=creditcode.KNOWN_VALID[0]))
        self.assertError(r, 409, field="credit_code", what="POST a duplicate credit code")
        self.assertEqual(self.admin.list_facilities(status="all")["total"], before,
                         "nothing created by the duplicate")
        other = self.admin.create_facility(facility_body())
        r = self.admin.patch("/api/v1/facilities/%d" % other["id"],
                             {"credit_code": creditcode.KNOWN_VALID[0]})
        self.assertError(r, 409, field="credit_code",
                         what="PATCH another facility to a credit code in use (%d has it)"
                         % first["id"])

    def test_sql_looking_text_stored_verbatim(self):
        name = "Robert'); DROP TABLE facilities;--"
        address = 'He said "hi"; \\ back\\\\slash \'quote\' 巴中 🏥 \t tab % _ \u00e9 \u2028'
        commitment = "1' OR '1'='1; --\n第二行 \"引号\" \\0 NUL-ish"
        body = facility_body(name=name, address=address, credit_commitment=commitment)
        fac = self.admin.create_facility(body)
        got = self.admin.get("/api/v1/facilities/%d" % fac["id"]).json
        self.assertEqual(got["name"], name, "SQL-looking name comes back verbatim")
        self.assertEqual(got["address"], address, "quotes, backslashes, unicode verbatim")
        self.assertEqual(got["credit_commitment"], commitment)
        listing = self.admin.list_facilities(per_page=100, status="all")
        self.assertGreaterEqual(listing["total"], 1, "list still works afterwards")
        found = self.admin.list_facilities(q="Robert'); DROP", status="all")
        self.assertIn(fac["id"], [i["id"] for i in found["items"]],
                      "q= with quotes finds the facility by name")
        r = self.admin.get("/api/v1/facilities",
                           params={"region": "511902000000' OR '1'='1"})
        self.assertError(r, (400, 422), what="region= with SQL in it")


class EveryFieldAtOnceTest(FacilityTestCase):
    """A form learns of every wrong field in one answer, not one per try."""

    # a wrong value for each of these fields, and what makes it wrong
    WRONG = {
        "beds": "many",               # not a whole number
        "kind": "pets",               # not a kind
        "lat": "north",               # not a number
        "filing_date": "2022-13-40",  # not a date
        "ownership": "state",         # not an ownership
        "medical_integration": "yes", # not true or false
        "colour": "red",              # not a field
    }
    REQUIRED_DROPPED = ("name", "region")

    def test_several_wrong_fields_named_together(self):
        import random
        rng = random.Random(22)
        fields = sorted(self.WRONG)
        before = self.admin.list_facilities(status="all")["total"]
        for _ in range(12):
            wrong = rng.sample(fields, rng.randint(2, len(fields)))
            dropped = [f for f in self.REQUIRED_DROPPED if rng.random() < 0.5]
            body = facility_body()
            for f in wrong:
                body[f] = self.WRONG[f]
            for f in dropped:
                body.pop(f)
            r = self.admin.post("/api/v1/facilities", body)
            self.assertStatus(r, 422)
            named = sorted(e["field"] for e in r.json["errors"])
            self.assertEqual(named, sorted(wrong + dropped), "every wrong field, once each")
            self.assertTrue(all(e["message"] for e in r.json["errors"]))
            self.assertIn(r.json["error"]["field"] if isinstance(r.json.get("error"), dict)
                          else r.json.get("field"), wrong + dropped)
        self.assertEqual(self.admin.list_facilities(status="all")["total"], before,
                         "nothing created")

    def test_patch_names_every_wrong_field_and_changes_nothing(self):
        r = self.admin.post("/api/v1/facilities", facility_body())
        self.assertStatus(r, 201)
        fid = r.json["id"]
        r = self.admin.patch("/api/v1/facilities/%d" % fid, {"beds": -1, "kind": "pets", "name": "新名字"})
        self.assertStatus(r, 422)
        self.assertEqual(sorted(e["field"] for e in r.json["errors"]), ["beds", "kind"])
        self.assertNotEqual(self.admin.get("/api/v1/facilities/%d" % fid).json["name"], "新名字")


class BadFacilityInputTest(FacilityTestCase):
    """One test per file in tests/data/api/bad_facility/."""


def _bad_input_case(path):
    def test(self):
        with open(path, encoding="utf-8") as f:
            case = json.load(f)
        field = case["field"]
        if isinstance(field, list):
            field = tuple(field)
        before = self.admin.list_facilities(status="all")["total"]
        r = self.admin.post("/api/v1/facilities", case["body"])
        self.assertError(r, case["status"], field=field,
                         what="%s (%s)" % (os.path.basename(path), case["about"]))
        self.assertEqual(self.admin.list_facilities(status="all")["total"], before,
                         "%s: nothing created" % os.path.basename(path))
    return test


for _p in sorted(glob.glob(harness.data_path("bad_facility", "*.json"))):
    _name = "test_" + os.path.splitext(os.path.basename(_p))[0]
    setattr(BadFacilityInputTest, _name, _bad_input_case(_p))


class BadInputFilesSanityTest(FacilityTestCase):
    def test_base_bodies_of_data_files_are_valid(self):
        # The valid bodies the data files were made from must be accepted.
        self.admin.create_facility(facility_body(credit_code=None))
        self.admin.create_facility(childcare_body(credit_code=None))


class ListTest(FacilityTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.city, (cls.a, cls.b) = make_city(cls.admin, cls.server.next_city_code(), "列表测试市")
        specs = [
            ("A 甲养老院", cls.a, "elderly_institution", "public", 100, 0, "2020-01-01"),
            ("B 乙养老院", cls.a, "elderly_institution", "private", 50, 0, "2019-05-01"),
            ("C 丙日间照料中心", cls.a, "day_care_center", "public", 10, 0, "2022-03-01"),
            ("D 丁养老院", cls.b, "elderly_institution", "state_owned", 200, 0, "2018-07-01"),
            ("E 戊托育机构", cls.b, "childcare_institution", "private", 0, 30, "2021-09-01"),
            ("F 己家庭托育点", cls.b, "family_childcare_point", "private", 0, 4, "2022-01-01"),
            ("G 庚幼儿园托班", cls.a, "kindergarten_nursery", "public", 0, 20, "2017-09-01"),
        ]
        cls.facs = {}
        for name, region, kind, ownership, beds, slots, opened in specs:
            if slots:
                body = childcare_body(region, name=name, kind=kind, ownership=ownership,
                                      slots=slots, affordable_slots=slots // 2,
                                      enrolled=slots // 2,
                                      classes=[{"type": "toddler_large", "capacity": slots // 2,
                                                "enrolled": slots // 2}] if slots > 10 else [],
                                      opened_on=opened, credit_code=None)
            else:
                body = facility_body(region, name=name, kind=kind, ownership=ownership,
                                     beds=beds, nursing_beds=beds // 2, occupied_beds=beds // 2,
                                     opened_on=opened, credit_code=None)
            cls.facs[name[0]] = cls.admin.create_facility(body)

    def ids(self, **params):
        params.setdefault("per_page", 100)
        body = self.admin.list_facilities(**params)
        return body, [i["id"] for i in body["items"]]

    def want(self, letters):
        return sorted(self.facs[x]["id"] for x in letters)

    def test_region_subtree(self):
        body, ids = self.ids(region=self.city)
        self.assertEqual(sorted(ids), self.want("ABCDEFG"), "region=city lists its subtree")
        self.assertEqual(body["total"], 7)
        _, ids = self.ids(region=self.a)
        self.assertEqual(sorted(ids), self.want("ABCG"), "region=county a")
        _, ids = self.ids(region=self.b)
        self.assertEqual(sorted(ids), self.want("DEF"), "region=county b")

    def test_items_agree_with_get(self):
        # The contract does not fix the item shape: the fields the tests rely on
        # must be there, and every FACILITY field present must match GET.
        body, _ = self.ids(region=self.city, sort="id")
        for item in body["items"]:
            for k in ("id", "name", "kind", "region", "ownership", "opened_on") + CAPACITY:
                self.assertIn(k, item, "list item has %r" % k)
            full = self.admin.get("/api/v1/facilities/%d" % item["id"]).json
            shown = {k: item[k] for k in harness.FACILITY_FIELDS if k in item}
            self.assertEqual(shown, {k: full[k] for k in shown},
                             "list item fields equal GET /facilities/{id}")

    def test_kind_and_ownership(self):
        _, ids = self.ids(region=self.city, kind="elderly_institution")
        self.assertEqual(sorted(ids), self.want("ABD"), "kind=elderly_institution")
        _, ids = self.ids(region=self.city, ownership="private")
        self.assertEqual(sorted(ids), self.want("BEF"), "ownership=private")
        _, ids = self.ids(region=self.city, ownership="public", kind="elderly_institution")
        self.assertEqual(sorted(ids), self.want("A"), "ownership=public & kind=elderly_institution")
        _, ids = self.ids(region=self.b, kind="day_care_center")
        self.assertEqual(ids, [], "no day care center in county b")

    def test_q(self):
        _, ids = self.ids(region=self.city, q="丁养老")
        self.assertEqual(ids, self.want("D"), "q=丁养老 finds D")

    def test_sort(self):
        body, _ = self.ids(region=self.city, sort="name")
        names = [i["name"] for i in body["items"]]
        self.assertEqual(names, sorted(names), "sort=name ascending")
        body, _ = self.ids(region=self.city, sort="-name")
        self.assertEqual([i["name"] for i in body["items"]], sorted(names, reverse=True),
                         "sort=-name descending")
        for key in ("beds", "slots", "opened_on", "id"):
            body, _ = self.ids(region=self.city, sort=key)
            vals = [i[key] for i in body["items"]]
            self.assertEqual(vals, sorted(vals), "sort=%s ascending: %r" % (key, vals))
            self.assertEqual(len(vals), 7)
        for key in ("beds", "slots"):
            body, _ = self.ids(region=self.city, sort="-" + key)
            vals = [i[key] for i in body["items"]]
            self.assertEqual(vals, sorted(vals, reverse=True), "sort=-%s descending" % key)
        r = self.admin.get("/api/v1/facilities", params={"sort": "colour"})
        self.assertError(r, (400, 422), what="sort by an unknown key")

    def test_pagination(self):
        seen = []
        for page, n in ((1, 3), (2, 3), (3, 1), (4, 0)):
            body = self.admin.list_facilities(region=self.city, sort="id", page=page, per_page=3)
            self.assertEqual(body["total"], 7, "total is the count over all pages")
            self.assertEqual(body["page"], page, "page echoed")
            self.assertEqual(body["per_page"], 3, "per_page echoed")
            self.assertEqual(len(body["items"]), n, "items on page %d of 3-per-page" % page)
            seen += [i["id"] for i in body["items"]]
        self.assertEqual(seen, self.want("ABCDEFG"), "pages in id order cover everything once")
        for bad in ({"page": "abc"}, {"per_page": "x"}, {"page": "0"}, {"per_page": "-1"}):
            r = self.admin.get("/api/v1/facilities", params=bad)
            self.assertError(r, (400, 422), what="bad paging %r" % bad)

    def test_default_page(self):
        body = self.admin.list_facilities(region=self.city)
        self.assertEqual(body["page"], 1, "default page is 1")
        self.assertEqual(body["per_page"], 50, "default per_page is 50")

    def test_filing_and_status(self):
        city, (a, _) = make_city(self.admin, self.server.next_city_code(), "状态测试市")
        f1 = self.admin.create_facility(facility_body(a, credit_code=None))
        f2 = self.admin.create_facility(facility_body(a, credit_code=None, filing_status="pending",
                                                      filing_date=None))
        _, ids = self.ids(region=city, filing="pending")
        self.assertEqual(ids, [f2["id"]], "filing=pending")
        r = self.admin.post("/api/v1/facilities/%d/close" % f1["id"],
                            {"closed_on": "2024-01-01", "closed_reason": "测试关闭"})
        self.assertStatus(r, (200, 204), "close a facility")
        _, ids = self.ids(region=city, status="closed")
        self.assertEqual(ids, [f1["id"]], "status=closed")
        _, ids = self.ids(region=city, status="open")
        self.assertEqual(ids, [f2["id"]], "status=open")
        _, ids = self.ids(region=city, status="all")
        self.assertEqual(sorted(ids), sorted([f1["id"], f2["id"]]), "status=all")
        r = self.admin.get("/api/v1/facilities", params={"status": "sleeping"})
        self.assertError(r, (400, 422), what="status=sleeping")


class CapacityTest(FacilityTestCase):
    def test_as_of_history_and_close(self):
        city, (a, _) = make_city(self.admin, self.server.next_city_code(), "容量历史测试市")
        fac = self.admin.create_facility(facility_body(
            a, credit_code=None, opened_on="2022-01-01", capacity_date="2023-01-01",
            beds=100, nursing_beds=60, occupied_beds=70))
        path = "/api/v1/facilities/%d" % fac["id"]
        r = self.admin.patch(path, {"beds": 150, "nursing_beds": 90,
                                    "capacity_date": "2024-06-01"})
        self.assertStatus(r, 200, "PATCH capacity with capacity_date")
        self.assertEqual((r.json["beds"], r.json["nursing_beds"], r.json["capacity_date"]),
                         (150, 90, "2024-06-01"))

        def as_of(day):
            # status=all: only the as_of rule decides what is listed.
            items = self.admin.list_facilities(region=a, as_of=day, status="all")["items"]
            return {i["id"]: i for i in items}.get(fac["id"])

        old = as_of("2024-01-01")
        self.assertIsNotNone(old, "listed as of 2024-01-01 (open since 2022)")
        self.assertEqual((old["beds"], old["nursing_beds"], old["occupied_beds"]), (100, 60, 70),
                         "as_of before the change gives the old capacity")
        new = as_of("2024-07-01")
        self.assertEqual((new["beds"], new["nursing_beds"], new["occupied_beds"]), (150, 90, 70),
                         "as_of after the change gives the new capacity")
        self.assertEqual(as_of("2024-06-01")["beds"], 150, "the change is in force on its date")
        self.assertIsNone(as_of("2021-12-31"), "not listed as of a day before opened_on")

        # No capacity_date: the change takes effect today.
        r = self.admin.patch(path, {"occupied_beds": 80})
        self.assertStatus(r, 200, "PATCH capacity without capacity_date")
        hist = self.admin.get(path + "/history")
        self.assertStatus(hist, 200, "GET history")
        items = hist.json["items"]
        dates = [i["capacity_date"] for i in items]
        self.assertEqual(dates, sorted(dates), "history oldest first: %r" % dates)
        self.assertEqual(len(items), 3, "three capacity entries: create, two PATCHes: %r" % items)
        self.assertEqual((items[0]["capacity_date"], items[0]["beds"]), ("2023-01-01", 100))
        self.assertEqual((items[1]["capacity_date"], items[1]["beds"], items[1]["nursing_beds"]),
                         ("2024-06-01", 150, 90))
        today = datetime.date.today()
        near_today = {str(today + datetime.timedelta(days=d)) for d in (-1, 0, 1)}
        self.assertIn(items[2]["capacity_date"], near_today, "default capacity_date is today")
        self.assertEqual(items[2]["occupied_beds"], 80)
        for i in items:
            for k in CAPACITY + ("classes",):
                self.assertIn(k, i, "history entry has %r" % k)

        # A PATCH that changes no capacity field adds no entry.
        self.admin.ok("PATCH", path, json_body={"address": "新地址"})
        self.assertEqual(len(self.admin.get(path + "/history").json["items"]), 3,
                         "an address change adds no capacity entry")

        r = self.admin.post(path + "/close", {"closed_on": "2024-09-01", "closed_reason": "合并"})
        self.assertStatus(r, (200, 204), "close the facility")
        got = self.admin.get(path).json
        self.assertEqual((got["closed_on"], got["closed_reason"]), ("2024-09-01", "合并"))
        self.assertIsNotNone(as_of("2024-08-31"), "listed as of the day before closing")
        self.assertIsNone(as_of("2024-10-01"), "not listed as of after closed_on")

    def test_close_before_opened_422(self):
        fac = self.admin.create_facility(facility_body(credit_code=None, opened_on="2022-01-01"))
        r = self.admin.post("/api/v1/facilities/%d/close" % fac["id"],
                            {"closed_on": "2021-12-31", "closed_reason": "x"})
        self.assertError(r, 422, field="closed_on", what="close before opened_on")
        self.assertIsNone(self.admin.get("/api/v1/facilities/%d" % fac["id"]).json["closed_on"])

    def test_bad_as_of_400(self):
        r = self.admin.get("/api/v1/facilities", params={"as_of": "yesterday"})
        self.assertError(r, (400, 422), what="as_of=yesterday")


class SummaryTest(FacilityTestCase):
    # (county index, kind, beds, nursing, occupied, slots, affordable, enrolled)
    BUILD = [
        (0, "elderly_institution", 120, 70, 85, 0, 0, 0),
        (0, "elderly_institution", 60, 30, 41, 0, 0, 0),
        (1, "elderly_institution", 300, 210, 188, 0, 0, 0),
        (1, "day_care_center", 12, 0, 7, 0, 0, 0),
        (0, "childcare_institution", 0, 0, 0, 50, 30, 37),
        (1, "childcare_institution", 0, 0, 0, 40, 40, 26),
        (1, "family_childcare_point", 0, 0, 0, 5, 5, 4),  # 家庭托育点: at most 5 children
    ]
    METRICS = ("beds", "nursing_beds", "occupied_beds", "slots", "affordable_slots", "enrolled")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.city, cls.counties = make_city(cls.admin, cls.server.next_city_code(), "汇总测试市")
        for n, (ci, kind, beds, nursing, occ, slots, aff, enr) in enumerate(cls.BUILD):
            classes = []
            if slots >= 10:
                classes = [{"type": "toddler_large", "capacity": 10, "enrolled": min(enr, 10)}]
            body = facility_body(cls.counties[ci], name="汇总测试机构%d" % n, kind=kind,
                                 credit_code=None, beds=beds, nursing_beds=nursing,
                                 occupied_beds=occ, slots=slots, affordable_slots=aff,
                                 enrolled=enr, classes=classes)
            cls.admin.create_facility(body)

    def expected(self, counties):
        by_kind, total = {}, dict.fromkeys(("count",) + self.METRICS, 0)
        for ci, kind, *vals in self.BUILD:
            if ci not in counties:
                continue
            k = by_kind.setdefault(kind, dict.fromkeys(("count",) + self.METRICS, 0))
            k["count"] += 1
            total["count"] += 1
            for m, v in zip(self.METRICS, vals):
                k[m] += v
                total[m] += v
        return by_kind, total

    def check(self, region, counties):
        r = self.admin.get("/api/v1/facilities/summary", params={"region": region})
        self.assertStatus(r, 200, "GET summary of %s" % region)
        body = r.json
        self.assertEqual(body.get("region"), region)
        self.assertIn("as_of", body)
        by_kind, total = self.expected(counties)
        for kind, want in by_kind.items():
            got = body["by_kind"].get(kind)
            self.assertIsNotNone(got, "by_kind has %s" % kind)
            self.assertEqual({k: got.get(k) for k in want}, want, "by_kind[%s] of %s" % (kind, region))
        for kind, got in body["by_kind"].items():
            if kind not in by_kind:
                self.assertEqual(got.get("count"), 0, "kind %s not built, count 0" % kind)
        self.assertEqual({k: body["total"].get(k) for k in total}, total, "total of %s" % region)

    def test_city_totals(self):
        self.check(self.city, {0, 1})

    def test_county_totals(self):
        self.check(self.counties[0], {0})
        self.check(self.counties[1], {1})

    def test_as_of_before_everything(self):
        r = self.admin.get("/api/v1/facilities/summary",
                           params={"region": self.city, "as_of": "2000-01-01"})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["total"].get("count"), 0,
                         "nothing open in 2000 (all opened 2021)")
