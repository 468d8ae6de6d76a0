#!/usr/bin/env python3
"""Transcribes the seeds' major project lists into the CSV the project
import reads (presets/projects/README.md says every judgement made here).

  001 大竹 T4: 001_e6026dc463d5175f.txt lines 423-465, one cell per line
  004 景德镇 T11: 004_4e88682039944ece.txt lines 245-267, one row per line

Usage: extract.py SEEDS_DIR OUT_DIR
"""
import csv
import re
import sys

HEADER = ['序号', '项目名称', '项目类型', '建设期限', '建设地点',
          '建设内容和规模', '总投资(万元)', '组织实施单位']

CJK = r'[\u3000-\u9fff\uff00-\uffef·（）()"“”]'


def join_pdf_spaces(s):
    """A PDF line break inside a name left a space between two Chinese
    characters (「景德镇市社会福利中 心项目」): drop it. Spaces next to a
    digit or a Latin letter are kept."""
    s = s.strip()
    prev = None
    while prev != s:
        prev = s
        s = re.sub('(%s) +(%s)' % (CJK, CJK), r'\1\2', s)
    return s


def dazhu(lines):
    """001 T4: each cell on its own tab-indented line, a blank line between
    rows, 8 cells per row; the 合计 row is dropped."""
    block = lines[422:465]  # lines 423..465
    rows, cur = [], []
    for raw in block:
        if raw.strip() == '' and not raw.startswith('\t'):
            if cur:
                rows.append(cur)
            cur = []
            continue
        cur.append(raw.rstrip('\n').lstrip('\t').strip())
    if cur:
        rows.append(cur)
    out = []
    for r in rows:
        if r[0] in ('序号', '合计'):
            continue
        assert len(r) == 8, r
        out.append(r)
    return out


def jingdezhen(lines):
    """004 T11: one row per line, 8 TAB-separated cells; the header is
    repeated on lines 253 and 261."""
    out = []
    for raw in lines[244:267]:  # lines 245..267
        cells = raw.rstrip('\n').split('\t')
        if not cells[0].strip() or cells[0].strip() == '序号':
            continue
        assert len(cells) == 8, cells
        cells = [c.strip() for c in cells]
        for i in (1, 7):  # names and implementers
            cells[i] = join_pdf_spaces(cells[i])
        # 「2 年」 and 「2年」 are the same duration
        cells[3] = cells[3].replace(' ', '')
        out.append(cells)
    return out


def write(path, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(HEADER)
        w.writerows(rows)


def main():
    seeds, out = sys.argv[1], sys.argv[2]
    with open(seeds + '/001_e6026dc463d5175f.txt', encoding='utf-8') as f:
        write(out + '/511724000000.csv', dazhu(f.readlines()))
    with open(seeds + '/004_4e88682039944ece.txt', encoding='utf-8') as f:
        write(out + '/360200000000.csv', jingdezhen(f.readlines()))


if __name__ == '__main__':
    main()
