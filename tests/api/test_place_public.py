"""The public search for a place (docs/api.md "Matching and the public
search"): answered without a session, open filed facilities only, those
with room first and nearest first, vacancy by class, the price range in
force, 普惠 and the rating; no personal data at all (no value of any person
registered in the same region, no key only the person table has, nothing
shaped like an ID or a mobile number); cached per query with an ETag, a
304 for a client that holds it and Cache-Control max-age; the regions to
pick from, also without a session; bad input named. Prices are posted
through the facility's prices route."""

import math
import os
import re
from datetime import date

import harness
from harness import ApiTestCase, childcare_body, facility_body
from idnumbers import Issuer

SEARCH = "/api/v1/public/places"
REGIONS = "/api/v1/public/places/regions"
DAZHOU = "511700000000"
DACHUAN = "511703000000"
TOWN = "511703191000"
TOWN2 = "511703192000"
VILLAGE = "511703191201"
ISSUER = Issuer(("511703",), "158", 71234567, 80000000)
ID_LIKE = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
PHONE_LIKE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def dist_m(a, b):
    r = 6371008.8
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return int(2 * r * math.asin(math.sqrt(h)) + 0.5)


def dist_text(m):
    """Whole metres under a kilometre, else km with one decimal, half up."""
    if m < 1000:
        return "%d 米" % m
    t = (m + 50) // 100
    return "%d.%d 公里" % (t // 10, t % 10)


def keys_of(v, out):
    if isinstance(v, dict):
        for k, x in v.items():
            out.add(k)
            keys_of(x, out)
    elif isinstance(v, list):
        for x in v:
            keys_of(x, out)
    return out


class PlacePublic(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(TOWN, "公开查询镇", "township", DACHUAN)
        a.create_region(TOWN2, "公开查询二镇", "township", DACHUAN)
        a.create_region(VILLAGE, "公开查询村", "village", TOWN)
        cls.db = cls.server.db
        cls.f = {}

        def make(body, at):
            body["lat"], body["lon"] = at
            f = a.create_facility(body)
            cls.f[body["name"]] = f
            return f

        make(facility_body(TOWN, name="公开近养老院", beds=30, occupied_beds=20, nursing_beds=10,
                           capacity_date="2025-01-01"), (31.2100, 107.5000))
        make(facility_body(TOWN2, name="公开远养老院", beds=30, occupied_beds=29, nursing_beds=10,
                           capacity_date="2025-01-01"), (31.3000, 107.5000))
        make(facility_body(TOWN, name="公开满员养老院", beds=30, occupied_beds=30, nursing_beds=10,
                           capacity_date="2025-01-01"), (31.2001, 107.5000))
        make(facility_body(TOWN, name="公开未备案养老院", beds=30, occupied_beds=0,
                           nursing_beds=10, filing_status="pending", filing_date=None,
                           capacity_date="2025-01-01"), (31.2002, 107.5000))
        make(childcare_body(TOWN, name="公开托育园", capacity_date="2025-01-01"),
             (31.2050, 107.5000))
        for name, kind, code, fen, aff, mode in (
                ("公开近养老院", "bed", "standard", 150000, 0, ""),
                ("公开近养老院", "care", "disabled", 320000, 0, ""),
                ("公开近养老院", "care", "partly", 220000, 0, ""),
                ("公开远养老院", "bed", "standard", 110000, 1, ""),
                ("公开托育园", "class", "infant", 190000, 1, "full_day"),
                ("公开托育园", "class", "toddler_large", 150000, 1, "full_day")):
            body = {"kind": kind, "code": code, "amount_yuan": "%d.%02d" % divmod(fen, 100),
                    "affordable": bool(aff), "effective_date": "2025-01-01", "basis": "物价备案"}
            if mode:
                body["mode"] = mode
            r = a.post("/api/v1/facilities/%d/prices" % cls.f[name]["id"], body)
            assert r.status == 201, r.text
        r = a.post("/api/v1/facilities/%d/ratings" % cls.f["公开近养老院"]["id"],
                   {"scheme": "national_grade", "level": 3, "rated_on": "2025-01-01",
                    "valid_until": "2099-12-31"})
        assert r.status == 201, r.text
        # people living right there, with every personal field filled
        cls.secrets = []
        for i, (kind, birth) in enumerate((("elderly", date(1940, 1, 2)),
                                           ("infant", date(2025, 3, 4)))):
            idn = ISSUER.new_id(birth, area="511703")
            phone, cphone = ISSUER.new_phone(), ISSUER.new_phone()
            body = {"kind": kind, "name": "公开测试人%d" % i, "region": VILLAGE, "id_number": idn,
                    "address": "公开查询村%d组私宅" % (i + 7), "phone": phone,
                    "contact_name": "联系人甲%d" % i, "contact_phone": cphone}
            r = a.post("/api/v1/persons", body)
            assert r.status == 201, r.text
            cls.secrets += [idn, phone, cphone, body["name"], body["address"],
                            body["contact_name"], birth.isoformat()]
        cls.anon = cls.server.client()

    def search(self, **params):
        return self.anon.get(SEARCH, params=params)

    def test_1_without_a_session(self):
        r = self.search(kind="elderly", region=TOWN, lat="31.2", lon="107.5")
        self.assertStatus(r, 200)
        items = r.json["items"]
        names = [i["name"] for i in items]
        # filed and open only; with room first (nearest first), then full
        mine = [n for n in names if n.startswith("公开")]
        self.assertEqual(mine, ["公开近养老院", "公开远养老院", "公开满员养老院"])
        by = {i["name"]: i for i in items}
        near = by["公开近养老院"]
        self.assertEqual(near["vacancy"], {"beds": 30, "vacant_beds": 10})
        self.assertEqual(near["vacant"], 10)
        # a month: the cheapest bed with the cheapest care level to the
        # dearest of each
        self.assertEqual(near["price_range"], "3,700–4,700 元/月")
        self.assertEqual((near["price_min_fen"], near["price_max_fen"]),
                         (150000 + 220000, 150000 + 320000))
        self.assertFalse(near["affordable"])
        self.assertEqual((near["rating"]["label"], near["rating"]["state_label"]), ("三级", "有效"))
        self.assertEqual(near["filing_label"], "已备案")
        self.assertEqual(near["distance_m"], dist_m((31.2, 107.5), (31.21, 107.5)))
        self.assertEqual(near["distance_text"], dist_text(near["distance_m"]))
        far = by["公开远养老院"]
        self.assertTrue(far["affordable"])
        self.assertEqual(far["price_range"], "1,100 元/月")
        d = dist_m((31.2, 107.5), (31.3, 107.5))
        self.assertEqual(far["distance_text"], dist_text(d))
        self.assertEqual(by["公开满员养老院"]["vacant"], 0)
        # 普惠 only
        r = self.search(kind="elderly", region=TOWN, affordable="1")
        self.assertEqual([i["name"] for i in r.json["items"] if i["name"].startswith("公开")],
                         ["公开远养老院"])

    def test_2_childcare_classes(self):
        r = self.search(kind="childcare", region=TOWN, age_months="8")
        self.assertStatus(r, 200)
        item = [i for i in r.json["items"] if i["name"] == "公开托育园"][0]
        # childcare_body: 乳儿班 8 places, 6 enrolled
        self.assertEqual(item["vacant"], 2)
        self.assertEqual(item["price"]["fen"], 190000)
        self.assertTrue(item["affordable"])
        self.assertEqual([(c["class_type"], c["vacant"]) for c in item["vacancy"]["classes"]],
                         [("infant", 2), ("toddler_small", 2), ("toddler_large", 4)])
        r = self.search(kind="childcare", region=TOWN, class_type="toddler_large")
        item = [i for i in r.json["items"] if i["name"] == "公开托育园"][0]
        self.assertEqual((item["vacant"], item["price"]["fen"]), (4, 150000))
        self.assertNotIn("公开近养老院", r.text)

    def test_3_no_personal_data(self):
        person_cols = {row[0] for row in harness.db_rows(
            self.db, "SELECT name FROM pragma_table_info('person')")} if not harness.is_url(
            self.db) else {row[0] for row in harness.db_rows(
                self.db, "SELECT column_name FROM information_schema.columns"
                         " WHERE table_name = 'person'")}
        facility_cols = {row[0] for row in harness.db_rows(
            self.db, "SELECT name FROM pragma_table_info('facility')")} if not harness.is_url(
            self.db) else {row[0] for row in harness.db_rows(
                self.db, "SELECT column_name FROM information_schema.columns"
                         " WHERE table_name = 'facility'")}
        self.assertIn("birth_date", person_cols)
        only_person = person_cols - facility_cols
        for params in ({"kind": "elderly"}, {"kind": "childcare"},
                       {"kind": "elderly", "region": VILLAGE},
                       {"kind": "childcare", "region": TOWN, "age_months": "20"}):
            r = self.search(**params)
            self.assertStatus(r, 200)
            self.assertFalse(keys_of(r.json, set()) & only_person, params)
            for s in self.secrets:
                self.assertNotIn(s, r.text, params)
            self.assertIsNone(ID_LIKE.search(r.text), params)
            self.assertIsNone(PHONE_LIKE.search(r.text), params)
        r = self.anon.get(REGIONS)
        for s in self.secrets:
            self.assertNotIn(s, r.text)

    def test_4_cache_and_etag(self):
        params = {"kind": "elderly", "region": TOWN2}
        first = self.search(**params)
        self.assertStatus(first, 200)
        cc = first.header("Cache-Control")
        self.assertIn("max-age=", cc)
        self.assertGreater(int(re.search(r"max-age=(\d+)", cc).group(1)), 0)
        etag = first.header("ETag")
        self.assertTrue(etag and etag.startswith('"'))
        # Each pooled connection that has not looked since the last write
        # counts as a change once (result_cache.h), so after the writes of
        # the earlier tests a hit may take one request per connection; the
        # server runs at most 2 x cores threads.
        tries = 2 * (os.cpu_count() or 1) + 2
        for _ in range(tries):
            again = self.search(**params)
            self.assertEqual(again.text, first.text)
            if again.header("X-Cache") == "hit":
                break
        self.assertEqual(again.header("X-Cache"), "hit")
        r = self.anon.get(SEARCH, params=params, headers={"If-None-Match": etag})
        self.assertEqual(r.status, 304)
        self.assertEqual(r.text, "")
        # a write changes the answer and its tag
        f = self.f["公开远养老院"]
        r = self.admin.patch("/api/v1/facilities/%d" % f["id"], {"occupied_beds": 28})
        self.assertStatus(r, 200)
        later = self.search(**params)
        self.assertEqual(later.header("X-Cache"), "miss")
        self.assertNotEqual(later.header("ETag"), etag)
        item = [i for i in later.json["items"] if i["name"] == "公开远养老院"][0]
        self.assertEqual(item["vacant"], 2)
        r = self.anon.get(SEARCH, params=params, headers={"If-None-Match": etag})
        self.assertEqual(r.status, 200)
        # the logged-in API keeps no-store
        self.assertEqual(self.admin.get("/api/v1/facilities").header("Cache-Control"), "no-store")

    def test_5_regions_and_bad_input(self):
        r = self.anon.get(REGIONS)
        self.assertStatus(r, 200)
        towns = {x["code"]: x for x in r.json["regions"]}
        self.assertEqual((towns[TOWN]["name"], towns[TOWN]["level"], towns[TOWN]["county_name"]),
                         ("公开查询镇", "township", "达川区"))
        self.assertEqual(towns[DACHUAN]["level"], "county")
        self.assertNotIn(VILLAGE, towns)
        for params, field in (({}, "kind"), ({"kind": "pets"}, "kind"),
                              ({"kind": "elderly", "region": "511703999999"}, "region"),
                              ({"kind": "elderly", "lat": "31.2"}, ("lat", "lon")),
                              ({"kind": "elderly", "class_type": "infant"}, "class_type"),
                              ({"kind": "childcare", "class_type": "baby"}, "class_type"),
                              ({"kind": "childcare", "region": TOWN, "age_months": "2"},
                               "age_months"),
                              ({"kind": "childcare", "age_months": "8"}, "region"),
                              ({"kind": "elderly", "page": "0"}, "page"),
                              ({"kind": "elderly", "who": "me"}, "who")):
            self.assertError(self.search(**params), (400, 422), field, what=str(params))
        # writes are not public
        self.assertError(self.anon.post(SEARCH, {}), 405, code="method_not_allowed")
