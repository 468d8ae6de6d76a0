// Strings of the dashboard's per-1000 figures and indicator trend.

export const zh = {
  'dash.p.title': '每千人指标（按下级区划，点击名称或柱条下钻）',
  'dash.p.region': '区划',
  'dash.p.aged60': '60岁及以上（年份）',
  'dash.p.residents': '常住人口（年份）',
  'dash.p.bedsPer1000': '每千名老年人床位',
  'dash.p.slotsPer1000': '每千人口托位',
  'dash.p.bedsAxis': '床位/千名老年人',
  'dash.p.slotsAxis': '托位/千人',
  'dash.p.note': '床位、托位为登记机构在所选年末（当年为今天）的合计；人口取所选年份及以前最近一年的数据（括号内为年份），没有人口数据的区划不计算比值。',
  'dash.p.noPopulation': '下级区划没有人口数据，无法计算每千人指标。',
  'dash.trend.title': '指标走势',
  'dash.trend.pick': '选择指标',
  'dash.trend.note': '{all} 个期间中有 {n} 个有数值；点的颜色表示当期状态，虚线为目标值。',
  'dash.trend.noValues': '该指标在这些期间还没有数值。',
  'dash.trend.target': '{y}年目标 {v}',
};

export const en = {
  'dash.p.title': 'Per 1000 people by sub-region (click a name or bar to drill down)',
  'dash.p.region': 'Region',
  'dash.p.aged60': 'Aged 60+ (year)',
  'dash.p.residents': 'Residents (year)',
  'dash.p.bedsPer1000': 'Beds per 1000 elderly',
  'dash.p.slotsPer1000': 'Slots per 1000 residents',
  'dash.p.bedsAxis': 'beds / 1000 aged 60+',
  'dash.p.slotsAxis': 'slots / 1000 residents',
  'dash.p.note': 'Beds and slots are the registered facilities’ totals at the end of the chosen year (today for this year); population is the latest figure at or before that year (year in brackets); regions without population get no ratio.',
  'dash.p.noPopulation': 'The sub-regions have no population figures: no per-1000 figures.',
  'dash.trend.title': 'Indicator trend',
  'dash.trend.pick': 'Indicator',
  'dash.trend.note': '{n} of {all} periods have a value; dot colours show each period’s status, the dashed line is the target.',
  'dash.trend.noValues': 'This indicator has no values in these periods yet.',
  'dash.trend.target': '{y} target {v}',
};
