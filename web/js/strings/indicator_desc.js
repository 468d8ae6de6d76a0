// Strings of descriptive indicators: a value with no target, so no status
// (docs/policy.md "Descriptive indicators").

export const zh = {
  'ind.st.descriptive': '不考核',
  'desc.noTarget': '不考核（无目标）',
  'desc.cmpSummary': '共 {n} 个下级区划，{d} 个有数值。该指标无目标，不考核，只列数值。',
  'desc.legend': '不考核：规划未设目标值的指标，只列数值，不计入达标、未达标。',
  'desc.noTargetHint': '该指标在规划中没有目标值，只列数值，不判断是否达标。',
};

export const en = {
  'ind.st.descriptive': 'Descriptive, no target',
  'desc.noTarget': 'Descriptive: no target',
  'desc.cmpSummary': '{n} sub-regions, {d} with a value. The indicator has no target: values are shown, not judged.',
  'desc.legend': 'Descriptive, no target: the plan sets no target, so the value is shown and counted neither as met nor as missed.',
  'desc.noTargetHint': 'The plan sets no target for this indicator: its value is shown and not judged.',
};
