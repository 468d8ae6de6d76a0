"""The public disclosure (docs/api.md "Public disclosure"): without a login,
for one township of 恩阳区, every section holds what the test put there and
nothing else — the rating in force (not the lapsed one, not a closed
facility's), the published black list only (not the unpublished, removed or
red entries; staff as a count), childcare institutions with their filing
status, the published plan with its seed and digest, checks and hazards per
facility, complaint counts with exact shares, commitments from the registry
and the credit file; an ETag and 304; and no ID number or mobile number
anywhere in the answer, after registering people, complaints and
commitments that hold them.

Expected values are the rows the test wrote and shares computed here."""

import json
import os
import re
from datetime import date, timedelta
from fractions import Fraction

import harness
from harness import ApiTestCase, childcare_body, facility_body, login_as
from idnumbers import Issuer

PASSWORD = "correct horse battery"
URL = "/api/v1/public/disclosure"
ENYANG = "511903000000"
TOWN = "511903120000"
OTHER_TOWN = "511903121000"
ISSUER = Issuer(("511903",), "136", 61234567, 60000000)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ID_RE = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
PHONE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def pct(part, whole):
    """A share in percent rounded half up to one place, as text."""
    v = Fraction(part * 100, whole) * 10
    n = int(v)
    if v - n >= Fraction(1, 2):
        n += 1
    return "%d.%d" % (n // 10, n % 10)


class Disclosure(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        db = cls.server.db
        cls.today = date.today()
        t = cls.today
        a.create_region(TOWN, "公示测试镇", "township", ENYANG)
        a.create_region(OTHER_TOWN, "公示邻镇", "township", ENYANG)
        mk = lambda name, **over: a.create_facility(facility_body(TOWN, name=name, **over))
        cls.rated = mk("公示甲养老院", credit_commitment="")
        cls.lapsed = mk("公示乙养老院", credit_commitment="")
        cls.black = mk("公示失信养老院", credit_commitment="")
        cls.hidden = mk("公示未公开养老院", credit_commitment="")
        cls.committed = mk("公示承诺养老院",
                           credit_commitment="本机构承诺依法经营，联系电话13800138000")
        cls.closing = mk("公示退出养老院", credit_commitment="")
        cls.neighbour = a.create_facility(facility_body(OTHER_TOWN, name="邻镇养老院"))
        cls.nursery = a.create_facility(childcare_body(TOWN, name="公示备案托育园",
                                                       credit_commitment=""))
        cls.pending = a.create_facility(childcare_body(TOWN, name="公示待备案托育园",
                                                       filing_status="pending",
                                                       filing_date=None,
                                                       credit_commitment=""))
        valid = (t + timedelta(days=400)).isoformat()
        for f, level in ((cls.rated, 4), (cls.lapsed, 3), (cls.closing, 5)):
            r = a.post("/api/v1/facilities/%d/ratings" % f["id"],
                       {"scheme": "national_grade", "level": level,
                        "rated_on": "2024-01-01", "valid_until": valid})
            assert r.status == 201, r.summary()
            f["rating"] = r.json["id"]
        cls.lapsed_on = (t - timedelta(days=10)).isoformat()
        harness.db_exec(db, "INSERT INTO grade_lapse (rating_id, facility_id, lapsed_on,"
                        " recorded_at) VALUES (?, ?, ?, ?)",
                        (cls.lapsed["rating"], cls.lapsed["id"], cls.lapsed_on,
                         "2026-01-01T00:00:00Z"))
        # people with ID numbers and phones, in the facilities
        cls.numbers, cls.phones = [], []
        for i in range(4):
            n, ph = ISSUER.new_id(date(1945, 1, 2 + i)), ISSUER.new_phone()
            cls.numbers.append(n)
            cls.phones.append(ph)
            r = a.post("/api/v1/persons", {
                "kind": "elderly", "id_number": n, "name": "公示老人%d" % i,
                "region": TOWN, "phone": ph, "contact_phone": ISSUER.new_phone(),
                "residence": "institution", "facility_id": cls.rated["id"]})
            assert r.status == 201, r.summary()
        # the black list, written as the credit module would
        listed = (t - timedelta(days=30)).isoformat()
        rows = (  # subject kind, subject, facility, list, status, published, removed
            ("facility", cls.black["id"], cls.black["id"], "black", "listed", listed, None),
            ("facility", cls.hidden["id"], cls.hidden["id"], "black", "listed", None, None),
            ("facility", cls.lapsed["id"], cls.lapsed["id"], "black", "removed", listed,
             (t - timedelta(days=1)).isoformat()),
            ("facility", cls.rated["id"], cls.rated["id"], "red", "listed", listed, None),
            ("staff", 77, cls.black["id"], "black", "listed", listed, None),
            ("staff", 78, cls.black["id"], "black", "listed", None, None),
        )
        for kind, sid, fid, lst, status, pub, rem in rows:
            harness.db_exec(db, "INSERT INTO credit_listing (subject_kind, subject_id,"
                            " facility_id, list, ground, facts, status, listed_on,"
                            " published_on, removed_on, authority, created_at)"
                            " VALUES (?, ?, ?, ?, 'fraud', '张三 13912345678', ?, ?, ?, ?,"
                            " '恩阳区民政局', '2026-01-01T00:00:00Z')",
                            (kind, sid, fid, lst, status, listed, pub, rem))
        harness.db_exec(db, "INSERT INTO credit_record (subject_kind, subject_id,"
                        " facility_id, kind, happened_on, summary, public_until, recorded_at)"
                        " VALUES ('facility', ?, ?, 'commitment', ?, '守信经营承诺书', NULL,"
                        " '2026-01-01T00:00:00Z')",
                        (cls.rated["id"], cls.rated["id"], listed))
        harness.db_exec(db, "INSERT INTO credit_record (subject_kind, subject_id,"
                        " facility_id, kind, happened_on, summary, public_until, recorded_at)"
                        " VALUES ('facility', ?, ?, 'commitment', ?, '已过公示期的承诺', ?,"
                        " '2026-01-01T00:00:00Z')",
                        (cls.rated["id"], cls.rated["id"], "2020-01-01", "2021-01-01"))
        # checks and hazards
        done = (t - timedelta(days=20)).isoformat()
        harness.db_exec(db, "INSERT INTO inspect_check (facility_id, kind, scheduled_on,"
                        " status, done_on, created_at) VALUES (?, 'random', ?, 'done', ?,"
                        " '2026-01-01T00:00:00Z')", (cls.rated["id"], done, done))
        for status, closed in (("closed", done), ("ordered", None)):
            harness.db_exec(db, "INSERT INTO hazard (facility_id, domain, severity,"
                            " description, found_on, deadline, status, closed_on)"
                            " VALUES (?, 'fire', 'general', '通道堵塞，联系13912345678', ?, ?,"
                            " ?, ?)", (cls.rated["id"], done, done, status, closed))
        # complaints: three received (one closed, two answered on time), two rated
        recv = (t - timedelta(days=40)).isoformat()
        for status, answered, deadline, sat in (
                ("closed", recv, recv, 5), ("answered", recv, recv, 2),
                ("assigned", None, recv, None)):
            harness.db_exec(db, "INSERT INTO complaint (channel, facility_id, region,"
                            " category, summary, complainant, received_on, deadline, status,"
                            " answered_on, satisfaction, created_at) VALUES ('12345', ?, ?,"
                            " 'service', ?, '李四', ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z')",
                            (cls.rated["id"], TOWN,
                             "投诉人 %s 身份证 %s" % (cls.phones[0], cls.numbers[0]),
                             recv, deadline, status, answered, sat))
        # a closure: the facility closes today and leaves the page
        r = a.post("/api/v1/closures", {"facility_id": cls.closing["id"], "reason": "voluntary",
                                        "planned_on": t.isoformat()})
        assert r.status == 201, r.summary()
        assert a.post("/api/v1/closures/%d/close" % r.json["id"], {}).status == 200
        # a published plan of the township
        a.create_user("dis_county", "county_official", ENYANG, password=PASSWORD)
        county = login_as(cls.server, "dis_county", PASSWORD)
        for name, dept in (("dis_a", "民政"), ("dis_b", "消防救援"), ("dis_c", "市场监管")):
            u = a.create_user(name, "inspector", TOWN, password=PASSWORD)
            assert county.put("/api/v1/inspectors/%d" % u["id"],
                              {"department": dept}).status == 200
        r = county.post("/api/v1/inspect/plans", {"region": TOWN,
                                                  "period": "%dQ1" % (t.year + 1),
                                                  "seed": "恩阳公示种子"})
        assert r.status == 201, r.summary()
        cls.plan = r.json
        assert county.post("/api/v1/inspect/plans/%d/publish" % cls.plan["id"], {}).status == 200
        r = county.post("/api/v1/inspect/plans", {"region": TOWN,
                                                  "period": "%dQ2" % (t.year + 1),
                                                  "seed": "未公开"})
        assert r.status == 201, r.summary()
        cls.anon = cls.server.client()
        cls.doc = cls.anon.get(URL, params={"region": TOWN})

    def test_no_login_and_sections(self):
        r = self.doc
        self.assertStatus(r, 200)
        d = r.json
        self.assertEqual((d["region"], d["region_name"], d["day"]),
                         (TOWN, "公示测试镇", self.today.isoformat()))
        self.assertEqual(d["places"]["href"], "#/find")

    def test_ratings(self):
        d = self.doc.json["ratings"]
        self.assertEqual([(x["facility_name"], x["level"], x["level_name"], x["scheme_name"])
                          for x in d["in_force"]], [("公示甲养老院", 4, "四级", "等级")])
        self.assertEqual([(x["facility_name"], x["lapsed_on"]) for x in d["lapsed"]],
                         [("公示乙养老院", self.lapsed_on)])

    def test_black_list(self):
        d = self.doc.json["black_list"]
        self.assertEqual([x["facility_name"] for x in d["institutions"]], ["公示失信养老院"])
        self.assertEqual(d["institutions"][0]["published_on"],
                         (self.today - timedelta(days=30)).isoformat())
        self.assertEqual(d["staff_count"], 1)
        self.assertNotIn("facts", d["institutions"][0])

    def test_childcare(self):
        d = self.doc.json["childcare"]
        got = {x["name"]: x["filing_status_name"] for x in d["items"]}
        self.assertEqual(got, {"公示备案托育园": "已备案", "公示待备案托育园": "备案中"})
        self.assertEqual(d["filed_share"], {"numerator": 1, "denominator": 2, "percent": "50.0"})

    def test_inspections(self):
        d = self.doc.json["inspections"]
        self.assertEqual([(p["id"], p["seed"], p["digest"]) for p in d["plans"]],
                         [(self.plan["id"], "恩阳公示种子", self.plan["digest"])])
        rows = {x["facility_name"]: x for x in d["facilities"]}
        a = rows["公示甲养老院"]
        self.assertEqual((a["checks_done"], a["hazards_found"], a["hazards_closed"]), (1, 2, 1))
        self.assertEqual(a["closed_share"]["percent"], pct(1, 2))

    def test_complaints(self):
        d = self.doc.json["complaints"]["items"]
        self.assertEqual(len(d), 1)
        c = d[0]
        self.assertEqual((c["facility_name"], c["received"], c["closed"], c["on_time"], c["rated"]),
                         ("公示甲养老院", 3, 1, 2, 2))
        self.assertEqual(c["on_time_share"]["percent"], pct(2, 3))
        self.assertEqual(c["satisfied_share"]["percent"], pct(1, 2))
        self.assertEqual(sorted(c), sorted(["facility_id", "facility_name", "received", "closed",
                                            "on_time", "on_time_share", "rated",
                                            "satisfied_share"]))

    def test_commitments(self):
        d = self.doc.json["commitments"]
        got = sorted((x["facility_name"], x["source"]) for x in d)
        self.assertIn(("公示甲养老院", "record"), got)
        self.assertIn(("公示承诺养老院", "registry"), got)
        self.assertNotIn("已过公示期的承诺", self.doc.text)
        # a number in the commitment's text is masked, the text kept
        text = [x["text"] for x in d if x["facility_name"] == "公示承诺养老院"][0]
        self.assertEqual(text, "本机构承诺依法经营，联系电话138****8000")

    def test_closed_and_neighbour_absent(self):
        self.assertNotIn("公示退出养老院", self.doc.text)
        self.assertNotIn("邻镇养老院", self.doc.text)

    def test_no_personal_numbers(self):
        text = self.doc.text
        self.assertEqual(ID_RE.findall(text), [])
        self.assertEqual(PHONE_RE.findall(text), [],
                         "a phone number in the public answer")
        for n in self.numbers:
            self.assertNotIn(n, text)
        self.assertNotIn("李四", text)
        self.assertNotIn("张三", text)

    def test_cli(self):
        p = harness.run_cli(["disclose", "--region", TOWN], self.server.db)
        out = p.stdout.decode("utf-8")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("公示甲养老院", out)
        self.assertIn("恩阳公示种子", out)
        self.assertEqual(ID_RE.findall(out) + PHONE_RE.findall(out), [])

    def test_etag_and_cache(self):
        r = self.anon.get(URL, params={"region": TOWN})
        etag = r.header("ETag")
        self.assertTrue(etag)
        self.assertIn("max-age", r.header("Cache-Control"))
        r2 = self.anon.get(URL, params={"region": TOWN}, headers={"If-None-Match": etag})
        self.assertEqual(r2.status, 304)
        # a write changes the answer and its tag
        self.admin.post("/api/v1/facilities/%d/ratings" % self.lapsed["id"],
                        {"scheme": "national_grade", "level": 2, "rated_on": "2024-06-01",
                         "valid_until": (self.today + timedelta(days=400)).isoformat()})
        r3 = self.anon.get(URL, params={"region": TOWN}, headers={"If-None-Match": etag})
        self.assertEqual(r3.status, 200)
        self.assertNotEqual(r3.header("ETag"), etag)

    def test_bad_region(self):
        self.assertError(self.anon.get(URL), 422, "region")
        self.assertError(self.anon.get(URL, params={"region": "12"}), 422, "region")
        self.assertError(self.anon.get(URL, params={"region": "511903999000"}), 422, "region")
        self.assertError(self.anon.get(URL, params={"region": TOWN, "x": "1"}), (400, 422))


class DisclosureThroughTheModules(ApiTestCase):
    """The disclosure as the credit and complaint modules fill it through
    their own routes: a black listing shows once published (not while only
    listed), under its ground's name in the 巴中 credit section; a complaint
    answered and called back counts in the facility's shares, satisfied by
    the levels the 巴中 complaints section counts as satisfied."""

    TOWN = "511903122000"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(cls.TOWN, "公示联动镇", "township", ENYANG)
        cls.home = a.create_facility(facility_body(cls.TOWN, name="联动失信养老院",
                                                   credit_commitment=""))
        a.create_user("dis2_county", "county_official", ENYANG, password=PASSWORD)
        cls.county = login_as(cls.server, "dis2_county", PASSWORD)
        with open(os.path.join(REPO, "policies", "511900000000-bazhong.json"),
                  encoding="utf-8") as f:
            cls.pol = json.load(f)
        cls.anon = cls.server.client()

    def disclosure(self):
        r = self.anon.get(URL, params={"region": self.TOWN})
        self.assertStatus(r, 200)
        return r.json

    def test_listing_published_then_shown(self):
        credit = self.pol["credit"]
        ground = credit["black_grounds"][0]
        r = self.county.post("/api/v1/credit/listings", {
            "subject_kind": "facility", "subject_id": self.home["id"], "list": "black",
            "ground": ground["code"], "facts": "拒不整改", "authority": "恩阳区民政局"})
        self.assertStatus(r, 201)
        lid = r.json["id"]
        noticed = date.today() - timedelta(days=credit["notice_days"] + 5)
        listed = noticed + timedelta(days=credit["notice_days"])
        url = "/api/v1/credit/listings/%d/" % lid
        self.assertStatus(self.county.post(url + "notice", {"on": noticed.isoformat()}), 200)
        self.assertStatus(self.county.post(url + "list", {"on": listed.isoformat()}), 200)
        names = [x["facility_name"] for x in self.disclosure()["black_list"]["institutions"]]
        self.assertNotIn("联动失信养老院", names, "listed but not yet published")
        self.assertStatus(self.county.post(url + "publish", {"on": listed.isoformat()}), 200)
        shown = [x for x in self.disclosure()["black_list"]["institutions"]
                 if x["facility_id"] == self.home["id"]]
        self.assertEqual(len(shown), 1)
        self.assertEqual(shown[0]["ground"], ground["name"])
        self.assertEqual(shown[0]["published_on"], listed.isoformat())

    def test_complaint_counts_and_satisfaction(self):
        sat = self.pol["complaints"]["satisfaction"]["satisfied"]
        low = min(sat)
        cases = ((low, True), (low - 1, False))
        for level, _ in cases:
            r = self.county.post("/api/v1/complaints", {
                "channel": "12345", "category": "service", "summary": "送餐不及时",
                "facility_id": self.home["id"], "complainant": "周女士"})
            self.assertStatus(r, 201)
            cid = r.json["id"]
            u = "/api/v1/complaints/%d/" % cid
            self.assertStatus(self.county.post(u + "assign", {"assignee": "恩阳区民政局"}), 200)
            self.assertStatus(self.county.post(u + "answer", {"answer": "已整改"}), 200)
            self.assertStatus(self.county.post(u + "callback", {"satisfaction": level}), 200)
        row = [x for x in self.disclosure()["complaints"]["items"]
               if x["facility_id"] == self.home["id"]][0]
        self.assertEqual((row["received"], row["rated"]), (2, 2))
        self.assertEqual(row["satisfied_share"]["percent"], pct(sum(1 for _, s in cases if s), 2))
        self.assertEqual(self.disclosure()["complaints"]["satisfied_from"], low)
