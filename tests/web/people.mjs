// Registry bodies for test persons: valid GB 11643-1999 numbers (check
// character computed here) and birth dates that give the age asked for
// today and for the month either side.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
let serial = 101;

export function idNumber(area, birth) {
  serial += 2; // odd: male; unique within a run
  const seq = String(serial % 1000).padStart(3, '0');
  const first17 = `${area}${birth.replaceAll('-', '')}${seq}`;
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * WEIGHTS[i], 0);
  return first17 + CHECK[sum % 11];
}

// A birth date `age` years and 100 days before today.
export function bornAged(age, today = new Date()) {
  const d = new Date(Date.UTC(today.getFullYear() - age, today.getMonth(), Math.min(today.getDate(), 28)));
  d.setUTCDate(d.getUTCDate() - 100);
  return d.toISOString().slice(0, 10);
}

// [[name, age], ...] → bodies for POST /api/v1/persons in region.
export function people(region, list) {
  return list.map(([name, age]) => {
    const birth = bornAged(age);
    return { kind: 'elderly', name, region, id_number: idNumber(region.slice(0, 6), birth), address: `${name}家` };
  });
}

// A birth date `months` whole months and 10 days before today.
export function bornMonthsAgo(months, today = new Date()) {
  const d = new Date(Date.UTC(today.getFullYear(), today.getMonth() - months, Math.min(today.getDate(), 28)));
  d.setUTCDate(d.getUTCDate() - 10);
  return d.toISOString().slice(0, 10);
}

// A body for POST /api/v1/persons: an infant `months` old with a guardian.
export function infant(region, name, months, guardian) {
  const birth = bornMonthsAgo(months);
  return { kind: 'infant', name, region, id_number: idNumber(region.slice(0, 6), birth), guardian_name: guardian, address: `${guardian}家` };
}
