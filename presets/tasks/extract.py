#!/usr/bin/env python3
"""Extracts the seeds' task-division tables into the import's CSV format.

usage: presets/tasks/extract.py SEEDS_DIR [OUT_DIR]

Reads the seed texts (000 巴中, 004 景德镇; see README.md for which tables are
machine-readable and what was fixed by hand) and writes one CSV per table
with the headings 序号, 章节, 重点任务, 责任单位, 完成时限, 目标. A quantity
target stated as 「到2025年，X达Y%」 becomes a 目标 line
"label|comparator|value|unit|year|indicator"; when the label is the name of
one of the plan's indicators (policies/*.json "indicators") the indicator's
id is written and the value left empty, so the figure lives in one place.
"""
import csv
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HEAD = ["序号", "章节", "重点任务", "责任单位", "完成时限", "目标"]


def seed(seeds, code):
    (path,) = glob.glob(os.path.join(seeds, code + "_*.txt"))
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def indicators(policy):
    with open(os.path.join(ROOT, "policies", policy), encoding="utf-8") as f:
        doc = json.load(f)
    return {i["name"]: i["id"] for i in doc.get("indicators", [])}


UNITS = "万张|%|个|张|家|岁|人次|名"
CLAUSE = re.compile(
    r"^(?P<label>.*?)\s*(?:至少)?(?:达到|达)?\s*(?:至少)?\s*(?P<value>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>" + UNITS + r")(?P<more>以上)?$")


def targets(text, names):
    """Targets of every 「到YYYY年，…。」 sentence in text."""
    out = []
    for m in re.finditer(r"到\s*(\d{4})\s*年[，,]([^。]*)。", text):
        year = m.group(1)
        for clause in re.split(r"[，,；;]", m.group(2)):
            c = CLAUSE.match(clause.strip())
            if not c:
                continue
            label = re.sub(r"^(全市|建成|建有|培育|创建)", "", c.group("label"))
            label = label.strip("“”\" ")
            ind = names.get(c.group("label")) or names.get(label) or ""
            value = "" if ind else c.group("value")
            out.append("|".join([label, ">=", value, c.group("unit"), year,
                                 ind]))
    return "\n".join(out)


def write(out_dir, name, rows):
    with open(os.path.join(out_dir, name), "w", encoding="utf-8",
              newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(HEAD)
        w.writerows(rows)
    return len(rows)


def bazhong_t1(lines):
    """000 T1: lines 251–324, one task a line, 〔责任单位…〕 at its end."""
    names = indicators("511900000000-bazhong.json")
    rows, section = [], ""
    for line in lines[250:324]:
        line = line.strip()
        s = re.match(r"^（[一二三四五六七八]）(.+?)。?$", line)
        if s:
            section = s.group(1)
            continue
        t = re.match(r"^(\d+)\.(.*)$", line)
        if not t:
            continue
        body = t.group(2)
        i = body.rfind("〔")
        text, duty = body[:i], body[i:]
        rows.append([t.group(1), section, text, duty, "",
                     targets(text, names)])
    return rows


def jingdezhen_t9(lines):
    """004 T9: lines 113–207. Sections (一)–(四) hold numbered tasks,
    (五)–(七) are tasks themselves; the 〔牵头单位…〕 bracket ends the
    task's last paragraph and may break across lines."""
    names = indicators("360200000000-jingdezhen.json")
    rows, section, sec_no = [], "", ""
    cur = None
    for raw in lines[112:208]:
        line = raw.strip()
        if not line:
            continue
        s = re.match(r"^[（(]\s*([一二三四五六七])\s*[)）]\s*(.+?)。?$", line)
        if s:
            sec_no, section = s.group(1), s.group(2)
            if sec_no in "五六七":
                cur = ["（%s）" % sec_no, section, "", ""]
            continue
        t = re.match(r"^(\d)\.\s*(.+)$", line)
        if t and sec_no in "一二三四":
            cur = ["（%s）%s" % (sec_no, t.group(1)), section,
                   t.group(2).strip() + "。", ""]
            continue
        if cur is None:
            continue
        cur[2] += line
        m = re.search(r"[〔\[]\s*牵\s*头\s*单\s*位.*$", cur[2])
        if m and re.search(r"[〕\]]\s*$", cur[2]):
            duty = m.group(0)
            text = cur[2][:m.start()]
            rows.append([cur[0], cur[1], text, duty, "",
                         targets(text, names)])
            cur = None
    return rows


DEPT_START = re.compile(r"^(市|人行|达州银保监)")


def dazhou_annex(lines, first, last, tag):
    """003 annex 1 (lines 465–992) or annex 2 (993–1126): rows numbered
    from 1, each spanning several lines with blank lines between; the
    序号 alone on its line or glued to the text; the heading repeated at
    page breaks. A row's number is only taken as the next expected one,
    since numbers inside the text (「0.1平方米」, 「2022」) may begin a
    line. The 责任单位 text starts on a new line with 市, 人行 or 达州银保监."""
    rows, n, cur = [], 1, None
    for raw in lines[first - 1:last]:
        line = raw.strip()
        if not line or line.startswith("序号") or line.startswith("附件"):
            continue
        m = re.match(r"^(\d+)(?:\s+|(?=\D)|$)(.*)$", line)
        if m and int(m.group(1)) == n and not re.match(r"^\d+(\.\d|个|%|年|平方米)", line):
            if cur:
                rows.append(cur)
            cur = [str(n), tag, m.group(2).strip(), "", ""]
            n += 1
            continue
        if cur is None:
            continue
        if cur[3] or (cur[2] and DEPT_START.match(line)):
            cur[3] += line
        else:
            cur[2] += line
    if cur:
        rows.append(cur)
    return [r + [""] for r in rows]


def main():
    seeds = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/seeds"
    out = sys.argv[2] if len(sys.argv) > 2 else HERE
    print("000-t1.csv", write(out, "000-t1.csv", bazhong_t1(seed(seeds, "000"))))
    print("004-t9.csv",
          write(out, "004-t9.csv", jingdezhen_t9(seed(seeds, "004"))))
    dz = seed(seeds, "003")
    print("003-annex1.csv",
          write(out, "003-annex1.csv", dazhou_annex(dz, 465, 992, "")))


if __name__ == "__main__":
    main()
