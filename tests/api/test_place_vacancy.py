"""Vacancy and occupancy as of a day (docs/api.md "Vacancy, prices and
caps"): 景德镇's public welfare and care homes at 004 第37行 (2,163 beds,
740 residents: 34.21 % occupied, 65.79 % vacant), the affordable share of
004 第21、131行 (2,541 of 4,036 places: 62.96 %), hand counts as of two days
between which capacity changed, a facility opened after the first and one
closed before the second, the rows of child regions, class types, scope by
role and bad input; with random registries checked against sums and
shares computed here.

Expected shares are computed here with fractions, rounded half up to two
places, never read back from the server."""

import random
from fractions import Fraction

import harness
from harness import ApiTestCase, childcare_body, facility_body, login_as

VACANCY = "/api/v1/places/vacancy"
PASSWORD = "correct horse battery"
CHANGJIANG = "360202000000"  # 昌江区, 景德镇
ZHUSHAN = "360203000000"     # 珠山区, 景德镇
T_SEED = "360202190000"      # the seed's homes
T_HIST = "360203190000"      # capacity history
V_ONE = "360203190201"
V_TWO = "360203190202"
T_CARE = "360202191000"      # childcare shares
T_RAND = "360202192000"      # random registries
T_SCOPE = "360202193000"     # scope


def pct(part, whole):
    """part / whole as a percentage rounded half up to two places."""
    if whole == 0:
        return None
    v = Fraction(part * 100, whole)
    h = (v * 100 + Fraction(1, 2)).__floor__()
    return "%d.%02d" % (h // 100, h % 100)


def elderly(region, beds, occupied, **over):
    b = facility_body(region, beds=beds, occupied_beds=occupied,
                      nursing_beds=0, credit_code=None)
    b.update(over)
    return b


class Vacancy(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        a.create_region(T_SEED, "空置测试镇", "township", CHANGJIANG)
        a.create_region(T_HIST, "历史测试镇", "township", ZHUSHAN)
        a.create_region(V_ONE, "历史一村", "village", T_HIST)
        a.create_region(V_TWO, "历史二村", "village", T_HIST)
        a.create_region(T_CARE, "托位测试镇", "township", CHANGJIANG)
        a.create_region(T_RAND, "随机测试镇", "township", CHANGJIANG)
        a.create_region(T_SCOPE, "范围测试镇", "township", CHANGJIANG)

    def vacancy(self, client=None, **params):
        r = (client or self.admin).get(VACANCY, params=params)
        self.assertStatus(r, 200, "vacancy %s" % params)
        return r.json

    def test_seed_public_homes(self):
        """004 第37行: 2,163 beds, 740 residents, 34.21 % and 65.79 %."""
        for name, beds, occ in (("福利院", 1000, 300), ("甲敬老院", 700, 240),
                                ("乙敬老院", 463, 200)):
            self.admin.create_facility(elderly(
                T_SEED, beds, occ, name="昌江" + name, ownership="public",
                operation="public_run"))
        # a private home beside them is not one of the seed's
        self.admin.create_facility(elderly(T_SEED, 100, 100, name="昌江民办养老院",
                                           ownership="private",
                                           operation="private_run"))
        got = self.vacancy(region=T_SEED, as_of="2024-01-01", ownership="public")
        e = got["total"]["elderly"]
        self.assertEqual((e["facilities"], e["beds"], e["occupied"], e["vacant"]),
                         (3, 2163, 740, 1423))
        self.assertEqual(e["occupancy_rate"], "34.21")
        self.assertEqual(e["vacancy_rate"], "65.79")
        self.assertEqual(got["rounding"], "half_up")
        whole = self.vacancy(region=T_SEED, as_of="2024-01-01")
        own = {r["ownership"]: r["elderly"] for r in whole["by_ownership"]}
        self.assertEqual((own["public"]["beds"], own["public"]["occupancy_rate"]),
                         (2163, "34.21"))
        self.assertEqual((own["private"]["beds"], own["private"]["occupancy_rate"]),
                         (100, "100.00"))
        self.assertEqual([(r["kind"], r["name"]) for r in whole["by_kind"]],
                         [("elderly_institution", "养老机构")])
        every = whole["total"]["elderly"]
        self.assertEqual((every["beds"], every["occupied"]), (2263, 840))
        self.assertEqual(every["occupancy_rate"], pct(840, 2263))

    def test_affordable_share_of_places(self):
        """004 第21、131行: 2,541 affordable of 4,036 places: 62.96 %."""
        sizes = [(1500, 1000), (1500, 900), (1036, 641)]
        self.assertEqual(sum(s for s, _ in sizes), 4036)
        self.assertEqual(sum(a for _, a in sizes), 2541)
        for i, (slots, aff) in enumerate(sizes):
            self.admin.create_facility(childcare_body(
                T_CARE, name="托位测试园%d" % i, slots=slots, affordable_slots=aff,
                enrolled=0, classes=[], opened_on="2021-01-01",
                capacity_date="2021-01-01"))
        c = self.vacancy(region=T_CARE, as_of="2022-01-01")["total"]["childcare"]
        self.assertEqual((c["places"], c["affordable"]), (4036, 2541))
        self.assertEqual(c["affordable_share"], "62.96")
        self.assertEqual(c["vacancy_rate"], "100.00")

    def test_two_days_with_history(self):
        a = self.admin
        fa = a.create_facility(elderly(V_ONE, 100, 60, name="历史甲院", affordable_beds=50,
                                       opened_on="2022-01-01", capacity_date="2022-01-01",
                                       residents_selfcare=30, residents_partly=20,
                                       residents_disabled=10))
        r = a.patch("/api/v1/facilities/%d" % fa["id"],
                    {"capacity_date": "2024-01-01", "beds": 120, "occupied_beds": 100,
                     "affordable_beds": 80, "residents_selfcare": 50,
                     "residents_partly": 30, "residents_disabled": 20})
        self.assertStatus(r, 200, "new capacity from 2024")
        # opened after the first day
        a.create_facility(elderly(V_TWO, 50, 10, name="历史乙院", opened_on="2023-06-01",
                                  capacity_date="2023-06-01"))
        # closed before the second day
        fc = a.create_facility(elderly(V_ONE, 40, 30, name="历史丙院", affordable_beds=40,
                                       opened_on="2021-01-01", capacity_date="2021-01-01"))
        r = a.post("/api/v1/facilities/%d/close" % fc["id"],
                   {"closed_on": "2023-12-01", "closed_reason": "测试关闭"})
        self.assertStatus(r, (200, 204), "close")
        fd = a.create_facility(childcare_body(V_TWO, name="历史托育园", opened_on="2022-01-01",
                                              capacity_date="2022-01-01"))
        r = a.patch("/api/v1/facilities/%d" % fd["id"],
                    {"capacity_date": "2024-01-01", "enrolled": 28, "affordable_slots": 25,
                     "classes": [{"type": "infant", "capacity": 8, "enrolled": 8},
                                 {"type": "toddler_small", "capacity": 10, "enrolled": 10},
                                 {"type": "toddler_large", "capacity": 12, "enrolled": 10}]})
        self.assertStatus(r, 200, "childcare capacity from 2024")

        # 2023-01-01: 甲 100/60 (50 affordable) and 丙 40/30 (40); 乙 not open
        d1 = self.vacancy(region=T_HIST, as_of="2023-01-01")
        e = d1["total"]["elderly"]
        self.assertEqual((e["facilities"], e["beds"], e["occupied"], e["vacant"],
                          e["affordable"]), (2, 140, 90, 50, 90))
        self.assertEqual((e["occupancy_rate"], e["vacancy_rate"], e["affordable_share"]),
                         (pct(90, 140), pct(50, 140), pct(90, 140)))
        self.assertEqual(e["residents"], {"selfcare": 30, "partly": 20, "disabled": 10})
        c = d1["total"]["childcare"]
        self.assertEqual((c["places"], c["enrolled"], c["vacant"], c["affordable"]),
                         (30, 22, 8, 20))
        self.assertEqual({k["type"]: (k["name"], k["capacity"], k["enrolled"], k["vacant"])
                          for k in c["classes"]},
                         {"infant": ("乳儿班", 8, 6, 2), "toddler_small": ("托小班", 10, 8, 2),
                          "toddler_large": ("托大班", 12, 8, 4)})
        rows = {r["code"]: r for r in d1["regions"]}
        self.assertEqual(set(rows), {V_ONE, V_TWO})
        self.assertEqual(rows[V_ONE]["elderly"]["beds"], 140)
        self.assertEqual(rows[V_TWO]["elderly"]["beds"], 0)
        self.assertIsNone(rows[V_TWO]["elderly"]["occupancy_rate"])
        self.assertEqual(rows[V_TWO]["childcare"]["places"], 30)
        self.assertEqual(sorted(i["name"] for i in d1["items"]),
                         sorted(["历史甲院", "历史丙院", "历史托育园"]))

        # 2024-06-01: 甲 120/100 (80) and 乙 50/10 (0); 丙 closed
        d2 = self.vacancy(region=T_HIST, as_of="2024-06-01")
        e = d2["total"]["elderly"]
        self.assertEqual((e["facilities"], e["beds"], e["occupied"], e["vacant"],
                          e["affordable"]), (2, 170, 110, 60, 80))
        self.assertEqual((e["occupancy_rate"], e["vacancy_rate"], e["affordable_share"]),
                         (pct(110, 170), pct(60, 170), pct(80, 170)))
        self.assertEqual(e["residents"], {"selfcare": 50, "partly": 30, "disabled": 20})
        c = d2["total"]["childcare"]
        self.assertEqual((c["places"], c["enrolled"], c["vacant"], c["affordable"]),
                         (30, 28, 2, 25))
        self.assertEqual({k["type"]: k["vacant"] for k in c["classes"]},
                         {"infant": 0, "toddler_small": 0, "toddler_large": 2})
        rows = {r["code"]: r for r in d2["regions"]}
        self.assertEqual((rows[V_ONE]["elderly"]["beds"], rows[V_TWO]["elderly"]["beds"]),
                         (120, 50))
        self.assertEqual(sorted(i["name"] for i in d2["items"]),
                         sorted(["历史甲院", "历史乙院", "历史托育园"]))
        item = [i for i in d2["items"] if i["name"] == "历史甲院"][0]
        self.assertEqual((item["beds"], item["occupied"], item["vacant"], item["affordable"],
                          item["capacity_date"]), (120, 100, 20, 80, "2024-01-01"))
        # kind narrows; paging keeps the totals whole
        k = self.vacancy(region=T_HIST, as_of="2024-06-01", kind="childcare_institution")
        self.assertEqual((k["total"]["elderly"]["facilities"], k["count"]), (0, 1))
        p = self.vacancy(region=T_HIST, as_of="2024-06-01", per_page=1, page=2)
        self.assertEqual((len(p["items"]), p["count"], p["total"]["elderly"]["beds"]),
                         (1, 3, 170))

    def test_random_registries(self):
        """Random facilities: totals, per-village rows and shares equal to
        sums and fractions computed here."""
        rnd = random.Random(1616)
        villages = ["360202192%03d" % (200 + i) for i in range(1, 4)]
        for i, v in enumerate(villages):
            self.admin.create_region(v, "随机%d村" % i, "village", T_RAND)
        model = {v: [0, 0, 0, 0, 0] for v in villages}  # beds, occ, vacant, aff, n
        for i in range(18):
            v = rnd.choice(villages)
            beds = rnd.randint(0, 300)
            occ = rnd.randint(0, beds)
            aff = rnd.randint(0, beds)
            self.admin.create_facility(elderly(v, beds, occ, name="随机院%d" % i,
                                               affordable_beds=aff, opened_on="2020-01-01",
                                               capacity_date="2020-01-01"))
            m = model[v]
            m[0] += beds
            m[1] += occ
            m[2] += beds - occ
            m[3] += aff
            m[4] += 1
        got = self.vacancy(region=T_RAND, as_of="2021-01-01")
        rows = {r["code"]: r["elderly"] for r in got["regions"]}
        for v in villages:
            beds, occ, vac, aff, n = model[v]
            self.assertEqual((rows[v]["beds"], rows[v]["occupied"], rows[v]["vacant"],
                              rows[v]["affordable"], rows[v]["facilities"]),
                             (beds, occ, vac, aff, n), v)
            self.assertEqual((rows[v]["occupancy_rate"], rows[v]["affordable_share"]),
                             (pct(occ, beds), pct(aff, beds)), v)
        tb = sum(m[0] for m in model.values())
        to = sum(m[1] for m in model.values())
        self.assertEqual(got["total"]["elderly"]["occupancy_rate"], pct(to, tb))

    def test_scope(self):
        a = self.admin
        mine = a.create_facility(elderly(T_SCOPE, 30, 3, name="运营者自己的院"))
        a.create_user("vac_op", "operator", CHANGJIANG, password=PASSWORD,
                      facilities=[mine["id"]])
        a.create_user("vac_ro", "readonly", "360200000000", password=PASSWORD)
        a.create_user("vac_zs", "county_official", ZHUSHAN, password=PASSWORD)
        a.create_user("vac_fam", "family", CHANGJIANG, password=PASSWORD)
        op = login_as(self.server, "vac_op", PASSWORD)
        got = self.vacancy(op, as_of="2024-01-01")
        self.assertEqual([i["id"] for i in got["items"]], [mine["id"]])
        self.assertEqual(got["total"]["elderly"]["beds"], 30)
        ro = login_as(self.server, "vac_ro", PASSWORD)
        self.assertEqual(self.vacancy(ro, region=T_SCOPE)["total"]["elderly"]["beds"], 30)
        zs = login_as(self.server, "vac_zs", PASSWORD)
        self.assertDenied(zs.get(VACANCY, params={"region": T_SCOPE}), what="another county")
        fam = login_as(self.server, "vac_fam", PASSWORD)
        self.assertError(fam.get(VACANCY, params={"region": T_SCOPE}), 403)

    def test_bad_input(self):
        for params, field in (({"as_of": "2024-02-30"}, "as_of"),
                              ({"kind": "meal_point"}, "kind"),
                              ({"ownership": "mine"}, "ownership"),
                              ({"region": "3602"}, "region"),
                              ({"per_page": "0"}, "per_page"),
                              ({"colour": "red"}, "colour")):
            r = self.admin.get(VACANCY, params=params)
            self.assertError(r, (400, 422), field, "vacancy %s" % params)


T_STAFF = "360202196000"     # childcare staffing


class ChildcareStaffing(ApiTestCase):
    """The staffing plan's childcare part: carers per class rounded up at
    the ratios of 托育机构设置标准（试行）(1:3, 1:5, 1:7, read from 景德镇's
    policy file), 混合编班 not computed, a health worker from 150 children."""

    def test_carers_and_health_worker(self):
        a = self.admin
        a.create_region(T_STAFF, "保育测试镇", "township", CHANGJIANG)
        classes = [{"type": "infant", "capacity": 10, "enrolled": 4},
                   {"type": "toddler_small", "capacity": 15, "enrolled": 6},
                   {"type": "toddler_large", "capacity": 20, "enrolled": 8},
                   {"type": "mixed", "capacity": 18, "enrolled": 12}]
        big = a.create_facility(childcare_body(
            T_STAFF, name="保育大园", slots=200, affordable_slots=0, enrolled=150,
            classes=classes, caregivers=5, opened_on="2020-01-01", capacity_date="2020-01-01"))
        small = a.create_facility(childcare_body(
            T_STAFF, name="保育小园", slots=200, affordable_slots=0, enrolled=149,
            classes=[{"type": "infant", "capacity": 10, "enrolled": 3}], caregivers=1,
            opened_on="2020-01-01", capacity_date="2020-01-01"))
        r = a.get("/api/v1/plan/staffing", params={"region": T_STAFF, "as_of": "2024-01-01"})
        self.assertStatus(r, 200)
        cc = r.json["childcare"]
        by = {i["id"]: i for i in cc["institutions"]}
        b = by[big["id"]]
        # ceil(4/3) + ceil(6/5) + ceil(8/7) = 2 + 2 + 2
        self.assertEqual([k["carers"] for k in b["classes"]], [2, 2, 2, None])
        self.assertEqual(b["classes"][3]["note"], "配比未设定")
        self.assertEqual((b["carers_needed"], b["children_unrated"], b["on_staff"],
                          b["shortfall"], b["health_workers_needed"]), (6, 12, 5, 1, 1))
        s = by[small["id"]]
        self.assertEqual((s["carers_needed"], s["health_workers_needed"]), (1, 0))
        self.assertEqual((cc["carers_needed"], cc["health_workers_needed"],
                          cc["health_worker_min_children"]), (7, 1, 150))


KAIZHOU = "500154000000"     # 开州区, seed 002
T_KZ = "500154190000"


class AffordableBedsIndicator(ApiTestCase):
    """开州 main.10 普惠性养老机构床位占比 (002 附件 第10行), computed from
    affordable beds of elderly institutions over their beds; a community
    complex's affordable beds are not 养老机构床位. The elements
    affordable_beds and vacant_beds summed as counted here."""

    def test_kaizhou_main_10(self):
        a = self.admin
        a.create_region(T_KZ, "开州普惠测试镇", "township", KAIZHOU)
        for name, beds, occ, aff in (("开州甲院", 300, 300, 201), ("开州乙院", 100, 100, 40)):
            a.create_facility(elderly(T_KZ, beds, occ, name=name, affordable_beds=aff,
                                      opened_on="2020-01-01", capacity_date="2020-01-01"))
        a.create_facility(elderly(T_KZ, 50, 20, name="开州综合体", kind="community_complex",
                                  affordable_beds=50, opened_on="2020-01-01",
                                  capacity_date="2020-01-01"))
        r = a.get("/api/v1/indicators", params={"region": KAIZHOU, "period": "2024"})
        self.assertStatus(r, 200)
        ind = [i for i in r.json["indicators"] if i["id"] == "kaizhou.main.10"][0]
        want = Fraction(201 + 40, 300 + 100) * 100  # 60.25 exactly
        self.assertEqual(ind["value"], "60.25", "241 / 400 × 100 = %s: %r" % (want, ind))
        ev = a.get("/api/v1/indicators/evaluate",
                   params={"region": T_KZ, "period": "2024", "numerator": "vacant_beds"})
        self.assertStatus(ev, 200)
        # 甲 300 − 300, 乙 100 − 100, 综合体 50 − 20
        self.assertEqual(ev.json["value"], "30")
        ev = a.get("/api/v1/indicators/evaluate",
                   params={"region": T_KZ, "period": "2024", "numerator": "affordable_beds"})
        self.assertEqual(ev.json["value"], str(201 + 40 + 50))
