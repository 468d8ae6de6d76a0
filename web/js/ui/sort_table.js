// Sortable table headers: a click on a header sorts the body's rows by that
// column (again: the other way), and aria-sort says how. Names sort by
// 拼音, numbers as numbers. For tables whose rows are all on the page.
import { getLang } from '../i18n.js';

// Compares names as a Chinese reader orders them: by 拼音.
export function byPinyin(a, b) {
  return collator().compare(a, b);
}

let coll = null;
let collLang = null;
function collator() {
  if (!coll || collLang !== getLang()) {
    collLang = getLang();
    coll = new Intl.Collator(collLang === 'zh' ? 'zh-CN-u-co-pinyin' : 'en', { numeric: true });
  }
  return coll;
}

function key(cell) {
  const s = (cell?.dataset.sort ?? cell?.textContent ?? '').trim();
  const n = Number(s.replace(/[,\s%元]/g, ''));
  return s !== '' && Number.isFinite(n) ? n : s;
}

// Makes each header of table (thead th) sortable; rows of class "empty"
// and detail rows (class "diff-row") stay with nothing to sort.
export function sortableTable(table) {
  const heads = [...table.querySelectorAll('thead th')];
  heads.forEach((th, col) => {
    if (th.dataset.nosort !== undefined) return;
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'sort-btn';
    btn.append(...th.childNodes);
    th.append(btn);
    btn.addEventListener('click', () => {
      const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      for (const h of heads) h.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', dir);
      const body = table.tBodies[0];
      const rows = [...body.rows].filter((r) => !r.classList.contains('empty') && !r.classList.contains('diff-row'));
      const sign = dir === 'ascending' ? 1 : -1;
      rows.sort((a, b) => {
        const x = key(a.cells[col]);
        const y = key(b.cells[col]);
        if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
        return sign * byPinyin(String(x), String(y));
      });
      for (const r of rows) body.append(r);
    });
  });
  return table;
}
