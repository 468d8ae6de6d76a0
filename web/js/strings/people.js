// Strings of the people pages added with infants: guardian, health
// management, enrolments.

export const zh = {
  'assess.itemsLabel': '评估项目',
};

export const en = {
  'assess.itemsLabel': 'Items',
};
