"""Matching a need to a facility and facility ratings (docs/api.md
"Matching and the public search").

A county of 巴中 (巴州区) gets its own townships and facilities at chosen
coordinates, capacities and prices; the expected order is computed here
from the rule as docs/api.md states it (budget band, straight-line
distance in whole metres by the haversine formula on the mean Earth
radius, price, id), never read from the server first. Prices and ratings
go through their routes.

Also: a facility full on a day is absent and present on a later day when a
bed frees; an unfiled or closed one never appears; a family account
matches only for a person linked to it (403 otherwise); a township officer
sees other townships only when its own has no vacancy; the infant's class
from 巴中's childcare section (托小班 12–24 months, 混合编班 from 18); ratings
refused for the wrong scheme, a level outside 1–5, a validity ending
before it starts, an unfiled facility, and the roles that may not rate;
a lapsed rating shown as 已过期; random facilities against the model."""

import json
import math
import random
from datetime import date

import harness
from harness import ApiTestCase, childcare_body, facility_body, login_as
from idnumbers import Issuer

PASSWORD = "correct horse battery"
MATCH = "/api/v1/places/match"
BAZHONG = "511900000000"
BAZHOU = "511902000000"
ENYANG = "511903000000"
T1 = "511902191000"
T2 = "511902192000"
V1 = "511902191201"
T_EY = "511903191000"
T_RAND = "511903192000"
ISSUER = Issuer(("511902", "511903"), "139", 51234567, 60000000)
DAY = "2025-06-01"
LATER = "2025-09-01"
HOME = (31.8500, 106.7500)  # where the need is


def dist_m(a, b):
    """Haversine on the mean Earth radius, rounded half up to a metre."""
    r = 6371008.8
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return int(2 * r * math.asin(math.sqrt(h)) + 0.5)


def key(f, budget):
    """The stated rule as a tuple."""
    band = 0
    if budget is not None:
        band = 1 if f["price"] is None else (0 if f["price"] <= budget else 2)
    d = f["dist"]
    return (band, d is None, d or 0, f["price"] is None, f["price"] or 0, f["id"])


def yuan(fen):
    s = "{:,}".format(fen // 100)
    return s if fen % 100 == 0 else "%s.%02d" % (s, fen % 100)


class PlaceMatch(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        for code, name, parent in ((T1, "匹配一镇", BAZHOU), (T2, "匹配二镇", BAZHOU),
                                   (T_EY, "恩阳匹配镇", ENYANG), (T_RAND, "随机镇", ENYANG)):
            a.create_region(code, name, "township", parent)
        a.create_region(V1, "匹配一村", "village", T1)
        cls.db = cls.server.db
        cls.homes = {}

        def home(name, region, at, beds, occupied, **over):
            body = facility_body(region, name=name, beds=beds, nursing_beds=min(beds, 10),
                                 occupied_beds=occupied, capacity_date="2025-01-01", **over)
            if at is None:
                body["lat"] = body["lon"] = None
            else:
                body["lat"], body["lon"] = at
            f = a.create_facility(body)
            cls.homes[name] = f
            return f

        # near, 5 free beds, 2,200 yuan for 半失能 care
        home("近处养老院", T1, (31.8550, 106.7500), 40, 35)
        # full on DAY; a bed frees on LATER
        cls.full = home("满员养老院", T1, (31.8510, 106.7500), 30, 30)
        # far, cheap
        home("远处养老院", T2, (31.9500, 106.7500), 50, 40)
        # no coordinates
        home("无坐标养老院", T2, None, 20, 10)
        # not filed: never matched
        home("未备案养老院", T1, (31.8501, 106.7500), 20, 0, filing_status="pending",
             filing_date=None)
        # closed before DAY
        home("已关闭养老院", T1, (31.8502, 106.7500), 20, 0, closed_on="2025-03-01",
             closed_reason="停业")
        # another county
        home("恩阳养老院", T_EY, (31.8600, 106.7600), 20, 0)
        # a later capacity entry frees a bed in the full home
        r = a.patch("/api/v1/facilities/%d" % cls.full["id"],
                    {"capacity_date": LATER, "occupied_beds": 29})
        assert r.status == 200, r.text
        prices = [("近处养老院", "care", "partly", 220000, 0), ("近处养老院", "bed", "standard", 150000, 0),
                  ("满员养老院", "bed", "standard", 120000, 1),
                  ("远处养老院", "bed", "standard", 90000, 1), ("远处养老院", "care", "partly", 130000, 1),
                  ("恩阳养老院", "bed", "standard", 80000, 0)]
        for name, kind, code, fen, aff in prices:
            cls.price(cls.homes[name]["id"], kind, code, fen, aff)
        # a later price of the near home, not yet in force on DAY
        cls.price(cls.homes["近处养老院"]["id"], "care", "partly", 260000, 0, "2025-07-01")
        users = {"m_county": ("county_official", BAZHOU), "m_county_ey": ("county_official", ENYANG),
                 "m_city": ("city_official", BAZHONG), "m_town1": ("township_official", T1),
                 "m_town2": ("township_official", T2), "m_op": ("operator", BAZHOU),
                 "m_ro": ("readonly", BAZHONG), "m_family": ("family", BAZHOU),
                 "m_visitor": ("visitor", T1)}
        cls.c = {}
        for name, (role, region) in users.items():
            extra = {"facilities": [cls.full["id"]]} if role == "operator" else {}
            if role == "visitor":
                extra = {"areas": [V1]}
            a.create_user(name, role, region, password=PASSWORD, **extra)
            cls.c[name] = login_as(cls.server, name, PASSWORD)

    @classmethod
    def price(cls, fid, kind, code, fen, affordable, day="2025-01-01", mode=""):
        body = {"kind": kind, "code": code, "amount_yuan": "%d.%02d" % divmod(fen, 100),
                "affordable": bool(affordable), "effective_date": day, "basis": "测试收费依据"}
        if mode:
            body["mode"] = mode
        r = cls.admin.post("/api/v1/facilities/%d/prices" % fid, body)
        assert r.status == 201, r.text

    def person(self, kind, birth, region=V1, name="匹配老人"):
        idn = ISSUER.new_id(birth, area=region[:6])
        r = self.admin.post("/api/v1/persons", {"kind": kind, "name": name, "region": region,
                                                "id_number": idn})
        self.assertStatus(r, 201, "person")
        return r.json["id"], idn

    def match(self, client=None, **params):
        return (client or self.c["m_county"]).get(MATCH, params=params)

    # ------------------------------------------------------------------

    def test_1_order_and_reasons(self):
        r = self.match(kind="elderly", care_level="partly", lat="31.85", lon="106.75",
                       as_of=DAY, budget_yuan="3000")
        self.assertStatus(r, 200)
        items = r.json["items"]
        names = [i["name"] for i in items]
        # only facilities of 巴州区 with room, filed and open on DAY
        self.assertEqual(set(names), {"近处养老院", "远处养老院", "无坐标养老院"})
        # the model: the lowest bed price plus the care price for 半失能
        want = []
        for n, price in (("近处养老院", 150000 + 220000), ("远处养老院", 90000 + 130000),
                         ("无坐标养老院", None)):
            f = self.homes[n]
            at = (f["lat"], f["lon"]) if f["lat"] is not None else None
            want.append({"id": f["id"], "name": n, "price": price,
                         "dist": dist_m(HOME, at) if at else None})
        want.sort(key=lambda f: key(f, 300000))
        self.assertEqual(names, [w["name"] for w in want])
        self.assertEqual([i["rank"] for i in items], [1, 2, 3])
        by = {i["name"]: i for i in items}
        far = by["远处养老院"]
        self.assertEqual(far["distance_m"], dist_m(HOME, (31.95, 106.75)))
        km = (far["distance_m"] + 50) // 100
        self.assertIn("直线距离 %d.%d 公里" % (km // 10, km % 10), far["why"])
        self.assertIn("有空床 10 张", far["why"])
        self.assertIn("月收费 2,200 元（床位费+护理费（半失能）），在预算内", far["why"])
        self.assertIn("普惠", far["why"])
        self.assertIn("已备案", far["why"])
        near = by["近处养老院"]
        self.assertEqual(near["price_fen"], 370000)
        self.assertIn("月收费 3,700 元（床位费+护理费（半失能）），超出预算 700 元", near["why"])
        self.assertEqual(near["vacant"], 5)
        self.assertEqual(by["无坐标养老院"]["distance_text"], "未知")
        self.assertIsNone(by["无坐标养老院"]["distance_m"])
        # reasons follow the rule: far is first (within budget), the home
        # without coordinates has no price so it is below the within-budget
        # one for the budget, the near one is over budget
        self.assertEqual(items[0]["below_reason"], "first")
        self.assertEqual(items[1]["below_reason"], "price_unknown")
        self.assertEqual(items[2]["below_reason"], "over_budget")
        self.assertEqual(r.json["location"]["method"], "given")
        # without a budget distance leads
        r = self.match(kind="elderly", care_level="partly", lat="31.85", lon="106.75", as_of=DAY)
        self.assertEqual([i["name"] for i in r.json["items"]],
                         ["近处养老院", "远处养老院", "无坐标养老院"])
        self.assertEqual([i["below_reason"] for i in r.json["items"]],
                         ["first", "farther", "no_location"])
        # the later price is used from its day on
        r = self.match(kind="elderly", care_level="partly", lat="31.85", lon="106.75",
                       as_of="2025-07-01", region=T1)
        near = [i for i in r.json["items"] if i["name"] == "近处养老院"][0]
        self.assertEqual(near["price_fen"], 150000 + 260000)
        # 普惠 only
        r = self.match(kind="elderly", lat="31.85", lon="106.75", as_of=DAY, affordable_only="1")
        self.assertEqual([i["name"] for i in r.json["items"]], ["远处养老院"])
        # a radius leaves out the far home and the one without coordinates
        r = self.match(kind="elderly", lat="31.85", lon="106.75", as_of=DAY, radius_km="5")
        self.assertEqual([i["name"] for i in r.json["items"]], ["近处养老院"])

    def test_2_full_on_a_day_then_a_bed_frees(self):
        r = self.match(kind="elderly", lat="31.85", lon="106.75", as_of=DAY)
        self.assertNotIn("满员养老院", [i["name"] for i in r.json["items"]])
        r = self.match(kind="elderly", lat="31.85", lon="106.75", as_of=LATER)
        items = r.json["items"]
        self.assertEqual(items[0]["name"], "满员养老院")  # nearest, a bed free
        self.assertEqual(items[0]["vacant"], 1)
        self.assertEqual(items[0]["distance_m"], dist_m(HOME, (31.851, 106.75)))
        for i in items:
            self.assertGreater(i["vacant"], 0)
            self.assertNotIn(i["name"], ("未备案养老院", "已关闭养老院", "恩阳养老院"))

    def test_3_person_and_family(self):
        pid, idn = self.person("elderly", date(1945, 3, 2))
        other, _ = self.person("elderly", date(1946, 4, 3), name="别人家老人")
        fam = self.c["m_family"]
        r = fam.post("/api/v1/services/links", {"id_number": idn, "name": "匹配老人",
                                                 "relation": "子女"})
        self.assertStatus(r, 201, "link")
        r = self.match(fam, person_id=str(pid), as_of=DAY)
        self.assertStatus(r, 200)
        self.assertEqual(r.json["need"]["kind"], "elderly")
        self.assertIsNone(r.json["need"]["care_level"])  # never assessed
        # from the person's village: its location is the mean of its
        # facilities when it has no residential points; here none: no
        # distance, so the order is by price then id
        self.assertIn(r.json["location"]["method"], ("none", "facilities", "residential_points"))
        self.assertTrue(r.json["items"])
        for i in r.json["items"]:
            self.assertNotIn("id_number", i)
        self.assertNotIn(idn, r.text)
        self.assertError(self.match(fam, person_id=str(other), as_of=DAY), 403, "person_id")
        # the same answer for an id that does not exist
        self.assertError(self.match(fam, person_id="999999", as_of=DAY), 403, "person_id")
        self.assertError(self.match(fam, kind="elderly", as_of=DAY), 422, "person_id")
        # officials of another county do not see the person
        self.assertError(self.match(self.c["m_county_ey"], person_id=str(pid), as_of=DAY),
                         404, "person_id")
        for role in ("m_op", "m_ro", "m_visitor"):
            self.assertError(self.match(self.c[role], kind="elderly", as_of=DAY), 403)

    def test_4_township_officer(self):
        # 匹配一镇 has room: only its own facilities
        r = self.match(self.c["m_town1"], kind="elderly", lat="31.85", lon="106.75", as_of=DAY)
        self.assertStatus(r, 200)
        self.assertEqual({i["region"] for i in r.json["items"]}, {T1})
        self.assertIn("仅列出本乡镇", r.json["scope_note"])
        r = self.match(self.c["m_town2"], kind="elderly", lat="31.85", lon="106.75", as_of=DAY)
        self.assertEqual({i["region"] for i in r.json["items"]}, {T2})
        # 普惠 within 5 km: none in 匹配二镇 (its 普惠 home is 11 km away), so
        # the county's are listed: on LATER the 普惠 home of 匹配一镇 has a bed
        r = self.match(self.c["m_town2"], kind="elderly", lat="31.85", lon="106.75",
                       as_of=LATER, affordable_only="1", radius_km="5")
        self.assertIn("本乡镇（街道）当天无符合条件的空位", r.json["scope_note"])
        self.assertEqual([(i["name"], i["region"]) for i in r.json["items"]],
                         [("满员养老院", T1)])

    def test_5_infant_classes(self):
        a = self.admin
        body = childcare_body(T2, name="匹配托育园", capacity_date="2025-01-01", slots=40,
                              affordable_slots=0, enrolled=33,
                              classes=[{"type": "infant", "capacity": 8, "enrolled": 8},
                                       {"type": "toddler_small", "capacity": 10, "enrolled": 10},
                                       {"type": "toddler_large", "capacity": 12, "enrolled": 10},
                                       {"type": "mixed", "capacity": 10, "enrolled": 5}])
        body["lat"], body["lon"] = 31.86, 106.75
        f = a.create_facility(body)
        self.price(f["id"], "class", "toddler_small", 180000, 0, mode="full_day")
        self.price(f["id"], "class", "toddler_small", 100000, 0, mode="half_day")
        self.price(f["id"], "class", "mixed", 170000, 0, mode="full_day")
        # 14 months: 托小班 (12–24), full; the mixed class takes 18 months+
        r = self.match(kind="childcare", age_months="14", lat="31.85", lon="106.75", as_of=DAY)
        self.assertStatus(r, 200)
        self.assertEqual(r.json["need"]["class_type"], "toddler_small")
        self.assertNotIn("匹配托育园", [i["name"] for i in r.json["items"]])
        # 20 months: 托小班 full, the mixed class has 5
        r = self.match(kind="childcare", age_months="20", lat="31.85", lon="106.75", as_of=DAY)
        item = [i for i in r.json["items"] if i["name"] == "匹配托育园"][0]
        self.assertEqual(item["vacant"], 5)
        self.assertEqual(item["price_fen"], 180000)  # full day first
        self.assertIn("托小班可收托位 5 个", item["why"])
        # 30 months: 托大班 2 + mixed 5
        r = self.match(kind="childcare", age_months="30", lat="31.85", lon="106.75", as_of=DAY)
        item = [i for i in r.json["items"] if i["name"] == "匹配托育园"][0]
        self.assertEqual(item["vacant"], 7)
        self.assertEqual(item["price_fen"], 170000)  # no 托大班 price: the mixed class's
        # an infant person's age in months on the day
        pid, _ = self.person("infant", date(2024, 2, 15), name="匹配宝宝")
        r = self.match(person_id=str(pid), as_of=DAY)
        self.assertStatus(r, 200)
        self.assertEqual((r.json["need"]["age_months"], r.json["need"]["class_type"]),
                         (15, "toddler_small"))
        # 3 months: no class takes the infant
        self.assertError(self.match(kind="childcare", age_months="3", as_of=DAY), 422,
                         "age_months")

    def test_6_bad_input(self):
        cases = [({"kind": "pets"}, "kind"), ({}, "kind"),
                 ({"kind": "elderly", "care_level": "x"}, "care_level"),
                 ({"kind": "childcare"}, "age_months"),
                 ({"kind": "elderly", "lat": "31.8"}, "lon"),
                 ({"kind": "elderly", "lat": "1.0", "lon": "2.0"}, "lat"),
                 ({"kind": "elderly", "budget_yuan": "-3"}, "budget_yuan"),
                 ({"kind": "elderly", "as_of": "2025-02-30"}, "as_of"),
                 ({"kind": "elderly", "radius_km": "0"}, "radius_km"),
                 ({"kind": "elderly", "region": "511902999999"}, "region"),
                 ({"kind": "elderly", "person_id": "1"}, "person_id"),
                 ({"kind": "elderly", "colour": "red"}, "colour")]
        for params, field in cases:
            self.assertError(self.match(**params), (400, 422), field, what=str(params))

    def test_7_ratings(self):
        a = self.admin
        near = self.homes["近处养老院"]
        url = "/api/v1/facilities/%d/ratings" % near["id"]
        good = {"scheme": "national_grade", "level": 2, "rated_on": "2024-01-01",
                "valid_until": "2025-12-31", "note": "2024 年等级评定"}
        for over, field in (({"scheme": "childcare_star"}, "scheme"), ({"scheme": "gold"}, "scheme"),
                            ({"level": 6}, "level"), ({"level": 0}, "level"),
                            ({"valid_until": "2023-12-31"}, "valid_until"),
                            ({"valid_until": "2024-01-01"}, "valid_until"),
                            ({"rated_on": "2024-13-01"}, "rated_on"), ({"extra": 1}, "extra"),
                            ({"rated_on": "2024-01-011"}, "rated_on"), ({"level": "2"}, "level"),
                            ({"valid_until": 20251231}, "valid_until"), ({"scheme": None}, "scheme")):
            b = dict(good)
            b.update(over)
            self.assertError(self.c["m_county"].post(url, b), 422, field, what=str(over))
        unfiled = self.homes["未备案养老院"]
        self.assertError(self.c["m_county"].post(
            "/api/v1/facilities/%d/ratings" % unfiled["id"], good), 422, "filing_status")
        self.assertError(self.c["m_op"].post(url, good), 403)
        self.assertError(self.c["m_town1"].post(url, good), 403)
        self.assertDenied(self.c["m_county_ey"].post(url, good))
        self.assertEqual(a.get(url).json["items"], [])
        r = self.c["m_county"].post(url, good)
        self.assertStatus(r, 201)
        self.assertEqual((r.json["label"], r.json["scheme_label"]), ("二级", "等级"))
        rows = harness.db_rows(self.db, "SELECT count(*) FROM audit WHERE entity ="
                               " 'facility_rating' AND entity_id = ?", (str(r.json["id"]),))
        self.assertEqual(int(rows[0][0]), 1)
        r = a.get(url, params={"as_of": DAY})
        self.assertEqual(r.json["current"]["level"], 2)
        self.assertEqual(r.json["items"][0]["state_label"], "有效")
        r = a.get(url, params={"as_of": "2026-01-01"})
        self.assertIsNone(r.json["current"])
        self.assertEqual((r.json["items"][0]["state"], r.json["items"][0]["state_label"]),
                         ("lapsed", "已过期"))
        # matching shows the rating in force
        r = self.match(kind="elderly", lat="31.85", lon="106.75", as_of=DAY, region=T1)
        item = [i for i in r.json["items"] if i["name"] == "近处养老院"][0]
        self.assertEqual(item["rating"]["label"], "二级")
        self.assertIn("二级（等级）", item["why"])
        # a childcare facility takes stars
        nursery = a.create_facility(childcare_body(T1, name="评级托育园"))
        r = self.c["m_county"].post("/api/v1/facilities/%d/ratings" % nursery["id"], good)
        self.assertError(r, 422, "scheme")
        b = dict(good, scheme="childcare_star", level=4)
        r = self.c["m_county"].post("/api/v1/facilities/%d/ratings" % nursery["id"], b)
        self.assertStatus(r, 201)
        self.assertEqual(r.json["label"], "四星")

    def test_8_random_against_the_model(self):
        """Random facilities in a township of their own (恩阳区), some with
        a later capacity entry: the answer on either day equals the rule
        applied here, for random budgets."""
        rnd = random.Random(20261204)
        a = self.admin
        made = []
        for n in range(24):
            beds = rnd.randint(5, 30)
            occupied = beds if rnd.random() < 0.3 else rnd.randint(0, beds)
            at = None if rnd.random() < 0.15 else (
                round(31.80 + rnd.random() * 0.2, 4), round(106.70 + rnd.random() * 0.2, 4))
            body = facility_body(T_RAND, name="随机养老院%02d" % n, beds=beds,
                                 nursing_beds=min(beds, 5), occupied_beds=occupied,
                                 capacity_date="2025-01-01")
            body["lat"], body["lon"] = at if at else (None, None)
            f = a.create_facility(body)
            price = None if rnd.random() < 0.2 else rnd.choice((80000, 100000, 120000, 150000))
            if price is not None:
                self.price(f["id"], "bed", "standard", price, 0)
            # a later capacity entry for some: room changes from LATER on
            later = None
            if rnd.random() < 0.4:
                later = rnd.randint(0, beds)
                r = a.patch("/api/v1/facilities/%d" % f["id"],
                            {"capacity_date": LATER, "occupied_beds": later})
                self.assertStatus(r, 200, "later capacity")
            made.append({"id": f["id"], "name": body["name"], "room": beds - occupied,
                         "room_later": beds - (occupied if later is None else later),
                         "at": at, "price": price})
        for _ in range(16):
            budget = rnd.choice((None, 90000, 120000, 200000))
            day = rnd.choice((DAY, LATER))
            params = {"kind": "elderly", "lat": "31.9", "lon": "106.8", "as_of": day,
                      "region": T_RAND, "limit": "200"}
            if budget is not None:
                params["budget_yuan"] = yuan(budget).replace(",", "")
            r = self.match(self.c["m_city"], **params)
            self.assertStatus(r, 200)
            got = [i for i in r.json["items"] if i["region"] == T_RAND]
            room = "room" if day == DAY else "room_later"
            want = [dict(m, room=m[room], dist=dist_m((31.9, 106.8), m["at"]) if m["at"] else None)
                    for m in made if m[room] > 0]
            want.sort(key=lambda f: key(f, budget))
            self.assertEqual([i["facility_id"] for i in got], [w["id"] for w in want])
            for i, w in zip(got, want):
                self.assertEqual((i["vacant"], i["distance_m"], i["price_fen"]),
                                 (w["room"], w["dist"], w["price"]))

    def test_9_cli(self):
        """laoxiao place: the same answers from the shell, in Chinese."""
        near = self.homes["近处养老院"]

        def cli(*args):
            p = harness.run_cli(["place"] + list(args), self.db)
            return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")

        rc, out, err = cli("match", "--kind", "elderly", "--care-level", "partly",
                           "--lat", "31.85", "--lon", "106.75", "--as-of", DAY,
                           "--budget", "3000", "--region", BAZHOU)
        self.assertEqual(rc, 0, err)
        lines = out.splitlines()
        self.assertTrue(lines[2].startswith("1. 远处养老院"), out)
        self.assertIn("超出预算 700 元", out)
        self.assertIn("排在上一家之后：超出预算", out)
        rc, out, err = cli("match", "--kind", "elderly", "--as-of", "2025-02-30")
        self.assertNotEqual(rc, 0)
        self.assertIn("as_of", err)
        rc, out, err = cli("rating", "add", str(near["id"]), "--scheme", "national_grade",
                           "--level", "4", "--rated-on", "2025-02-01", "--valid-until",
                           "2027-01-31", "--note", "命令行评定")
        self.assertEqual(rc, 0, err)
        self.assertIn("四级", out)
        rc, out, err = cli("rating", "list", str(near["id"]), "--as-of", DAY)
        self.assertEqual(rc, 0, err)
        self.assertIn("命令行评定", out)
        rc, out, err = cli("search", "--kind", "elderly", "--region", T1, "--json")
        self.assertEqual(rc, 0, err)
        names = [i["name"] for i in json.loads(out)["items"]]
        self.assertIn("近处养老院", names)
        self.assertNotEqual(cli("nonsense")[0], 0)
