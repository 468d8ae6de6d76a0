#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets into tests/fuzz/corpus/ from
the test data, the published policies and hand-written cases; run from the
repository root. Check characters are computed here, independently of the
program. The result is committed; a run never writes into it."""
import json, os, glob, shutil, hashlib
root = "tests/fuzz/corpus"
def put(target, name, data):
    d = os.path.join(root, target); os.makedirs(d, exist_ok=True)
    if isinstance(data, str): data = data.encode()
    open(os.path.join(d, name), "wb").write(data)

# csv: the test data's small files, plus hand-written edge cases
for f in sorted(glob.glob("tests/data/api/*/*.csv")):
    put("csv", os.path.basename(f), open(f, "rb").read())
put("csv", "bom_crlf.csv", "\ufeff名称,类型\r\n巴州区托育中心,托育机构\r\n")
put("csv", "gb18030.csv", "名称,类型\n江北街道养老院,养老机构\n".encode("gb18030"))
put("csv", "quoted.csv", 'a,b,c\n"x, ""y""","line\nbreak",\n"",,  \n')
put("csv", "lone_cr.csv", "a,b\rc,d\r\re,f")
put("csv", "unclosed.csv", 'a,b\n"never closed,x\n')
put("csv", "quote_inside.csv", 'a,b\nx"y,z\n')
put("csv", "after_quote.csv", 'a,b\n"x"y,z\n')
put("csv", "formula.csv", "name,beds\n=1+1,-12\n@SUM(A1),+3.5\n\t-x,'=y\n")
put("csv", "nul.csv", b"a,b\n1\x002,3\n")
put("csv", "bad_utf8.csv", b"a,b\n\xff\xfe,\xc3\n")
put("csv", "ideographic_space.csv", "\u3000名称 ,类型\n甲,乙\n")

# identity numbers and credit codes: check characters computed here
W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
def idn(first17): return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, W)) % 11]
A = "0123456789ABCDEFGHJKLMNPQRTUWXY"
def cc(first17):
    s = sum(A.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return first17 + A[(31 - s % 31) % 31]
ids = {
    "gb11643_example": "11010519491231002X",
    "bazhou_1950": idn("51190219500315001"),
    "leap_day_2000": idn("51190220000229002"),
    "not_leap_1900": idn("51190219000229003"),
    "year_2200": idn("51190222001231004"),
    "lower_x": "11010519491231002x",
    "wrong_check": "110105194912310021",
    "legacy_15": "110105491231002",
    "masked": "110105********002X",
    "credit_code": "91350100M000100Y43",
    "credit_code2": "91110000600037341L",
    "credit_code_made": cc("9151190272345678A"),
    "credit_code_lower": "91350100m000100y43",
    "credit_code_I": "91350100I000100Y43",
    "empty": "",
}
for k, v in ids.items(): put("ids", k, v)

# policies: the presets and the test pair
for f in sorted(glob.glob("policies/*.json")) + sorted(glob.glob("tests/data/policy/pair/*.json")):
    put("policy", os.path.basename(f), open(f, "rb").read())
put("policy", "minimal.json", json.dumps({"jurisdiction": "511900000000", "name": "巴中市", "indicators": []}, ensure_ascii=False))
put("policy", "not_object.json", "[1,2]")

# request bodies: the bad facilities of the API tests, a good one, people
for f in sorted(glob.glob("tests/data/api/bad_facility/*.json")):
    body = json.load(open(f))["body"]
    put("body", os.path.basename(f), json.dumps(body, ensure_ascii=False))
good = json.load(open("tests/data/api/bad_facility/missing_name.json"))["body"]
good["name"] = "江北街道养老院"
put("body", "facility_ok.json", json.dumps(good, ensure_ascii=False))
put("body", "childcare_ok.json", json.dumps({"name": "巴州区托育中心", "kind": "childcare_institution", "region": "511902000000", "ownership": "private", "slots": 60, "enrolled": 40, "credit_code": cc("5251190272345678A")}, ensure_ascii=False))
put("body", "elderly.json", json.dumps({"kind": "elderly", "id_number": idn("51190219500315001"), "name": "张三", "region": "511902000000", "address": "巴中市巴州区测试路 1 号", "phone": "13800001234", "categories": [{"category": "dibao", "start": "2024-01-01"}]}, ensure_ascii=False))
put("body", "elderly_sex_birth.json", json.dumps({"kind": "elderly", "id_number": idn("51190219500315001"), "name": "张三", "region": "511902000000", "address": "巴中市巴州区测试路 1 号", "phone": "13800001234", "sex": "M", "birth_date": "1950-03-15"}, ensure_ascii=False))
put("body", "infant.json", json.dumps({"kind": "infant", "id_number": idn("51190220250601002"), "name": "李小", "region": "511902000000", "guardian_name": "李监护人"}, ensure_ascii=False))
for f in sorted(glob.glob("tests/data/api/malformed/*.json")):
    put("body", "malformed_" + os.path.basename(f), open(f, "rb").read())
