"""The people registry's basics for an official's desk: search by the full
ID number (only for roles that may see full numbers: the blind index, not a
decryption of everyone), by a masked form with any number of asterisks
(the first six digits and the last four), add and edit with errors naming
the field, and the flags 已故 (deceased_on) and 已满36个月 (over_36_months, on
today's date). ID numbers are made here with the GB 11643 check."""

from datetime import date, timedelta

import harness
from harness import ApiTestCase, login_as, make_city
from idnumbers import Issuer, wrong_check

PASSWORD = "correct horse battery"
PERSONS = "/api/v1/persons"
ISSUER = Issuer(("511902", "511903"), "139", 34567890, 1000000)


def tearDownModule():
    harness.stop_module_server(__name__)


def years_before(d, n):
    try:
        return d.replace(year=d.year - n)
    except ValueError:  # 29 February
        return d.replace(year=d.year - n, day=28)


class RegistryTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a = cls.admin
        cls.city, cls.counties = make_city(a, cls.server.next_city_code(), "人员检索市", 1)
        cls.county = cls.counties[0]
        cls.ids = {}
        cls.people = {}
        today = date.today()
        births = {"old": (date(1941, 6, 6), "elderly"), "other": (date(1942, 7, 7), "elderly"),
                  # registered under 3; made 3 today below (an infant of 3
                  # cannot be registered, but one grows past 36 months)
                  "three": (years_before(today, 3) + timedelta(days=2), "infant"),
                  # 36 months less a day: still under
                  "almost": (years_before(today, 3) + timedelta(days=1), "infant")}
        for k, (birth, kind) in births.items():
            idn = ISSUER.new_id(birth, True)
            body = {"kind": kind, "id_number": idn, "name": "检索%s" % k, "region": cls.county}
            if kind == "infant":
                body["guardian_name"] = "监护人"
            r = a.post(PERSONS, body)
            assert r.status == 201, r.summary()
            cls.ids[k] = idn
            cls.people[k] = r.json
        harness.db_exec(cls.server.db, "UPDATE person SET birth_date = ? WHERE id = ?",
                        (years_before(today, 3).isoformat(), cls.people["three"]["id"]))
        a.create_user("reg_county", "county_official", cls.county, password=PASSWORD)
        a.create_user("reg_reader", "readonly", cls.city, password=PASSWORD)
        cls.official = login_as(cls.server, "reg_county", PASSWORD)
        cls.reader = login_as(cls.server, "reg_reader", PASSWORD)

    def names(self, client, **params):
        r = client.get(PERSONS, params=params)
        self.assertStatus(r, 200, "search %r" % params)
        return sorted(p["name"] for p in r.json["items"])

    def test_full_number_finds_exactly_one_for_an_official(self):
        self.assertEqual(self.names(self.official, id_number=self.ids["old"]), ["检索old"])
        self.assertEqual(self.names(self.official, id_number=self.ids["old"].lower()),
                         ["检索old"], "lower case x the same")
        self.assertEqual(self.names(self.official, id_number=wrong_check(self.ids["old"])), [])

    def test_full_number_refused_to_a_reader(self):
        r = self.reader.get(PERSONS, params={"id_number": self.ids["old"]})
        self.assertError(r, 403, "id_number")

    def test_masked_forms(self):
        idn = self.ids["other"]
        for m in (idn[:6] + "*" * 8 + idn[-4:], idn[:6] + "**" + idn[-4:],
                  idn[:8] + "******" + idn[-4:], idn[:6] + "*" * 4 + idn[-6:]):
            self.assertEqual(self.names(self.reader, masked=m), ["检索other"], m)
        r = self.reader.get(PERSONS, params={"masked": "5119" + "*" * 10 + idn[-4:]})
        self.assertError(r, 422, "masked")

    def test_flags(self):
        listed = {p["name"]: p for p in self.official.get(
            PERSONS, params={"region": self.county}).json["items"]}
        self.assertTrue(listed["检索three"]["over_36_months"])
        self.assertFalse(listed["检索almost"]["over_36_months"])
        self.assertFalse(listed["检索old"]["over_36_months"], "not an infant")
        self.assertIsNone(listed["检索old"]["deceased_on"])
        day = (date.today() - timedelta(days=2)).isoformat()
        r = self.admin.patch("%s/%d" % (PERSONS, self.people["other"]["id"]), {"deceased_on": day})
        self.assertStatus(r, 200)
        got = self.official.get("%s/%d" % (PERSONS, self.people["other"]["id"])).json
        self.assertEqual(got["deceased_on"], day)

    def test_create_errors_name_the_field(self):
        good = {"kind": "elderly", "id_number": ISSUER.new_id(date(1950, 1, 2), False),
                "name": "新登记", "region": self.county}
        for over, field in (({"id_number": wrong_check(good["id_number"])}, "id_number"),
                            ({"id_number": "12345"}, "id_number"),
                            ({"name": ""}, "name"),
                            ({"region": "999999999999"}, "region"),
                            ({"kind": "adult"}, "kind")):
            body = dict(good, **over)
            r = self.admin.post(PERSONS, body)
            self.assertEqual(r.status // 100, 4, r.summary())
            self.assertEqual(r.json["error"]["field"], field, "%r: %s" % (over, r.summary()))
        before = self.names(self.admin, region=self.county)
        self.assertNotIn("新登记", before, "nothing written")
        r = self.admin.patch("%s/%d" % (PERSONS, self.people["old"]["id"]),
                             {"deceased_on": (date.today() + timedelta(days=3)).isoformat()})
        self.assertEqual(r.json["error"]["field"], "deceased_on", r.summary())
