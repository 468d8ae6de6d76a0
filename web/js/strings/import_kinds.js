// Strings of imports from the web: templates, kinds, Excel files.

export const zh = {
  'tr.kind.persons': '人员',
  'tr.kind.assessments': '能力评估',
  'tr.kind.health': '健康记录',
  'tr.kind.enrolments': '入托登记',
  'tr.kind.reported': '填报数值',
  'imp.template': '导入模板',
  'imp.templateXlsx': '下载{kind}导入模板（Excel）',
  'imp.templateCsv': 'CSV 模板',
  'imp.templateHint': '模板第一行为中文列名（标“必填”的列须填写），第二行为示例；第二张表“填写说明”列出每列的格式和可选值。列名可用中文或代码，取值可用中文名称（如 养老机构、民办）或代码。',
  'imp.workbook': 'Excel 工作簿 · {file} · {kb} KB：上传后读取第一张工作表。',
  'imp.fromWorkbook': '（读自 Excel 工作簿）',
  'imp.capped': '（最多列出前 {n} 处）',
};

export const en = {
  'tr.kind.persons': 'Persons',
  'tr.kind.assessments': 'Assessments',
  'tr.kind.health': 'Health records',
  'tr.kind.enrolments': 'Enrolments',
  'tr.kind.reported': 'Reported values',
  'imp.template': 'Template',
  'imp.templateXlsx': 'Download the {kind} template (Excel)',
  'imp.templateCsv': 'CSV template',
  'imp.templateHint': 'Row 1 holds the Chinese column names (those marked 必填 are required), row 2 an example; the second sheet 填写说明 gives each column\'s format and allowed values. Column names may be Chinese or codes; values may be Chinese labels (e.g. 养老机构, 民办) or codes.',
  'imp.workbook': 'Excel workbook · {file} · {kb} KB: its first sheet is read on upload.',
  'imp.fromWorkbook': ' (read from an Excel workbook)',
  'imp.capped': ' (at most the first {n} listed)',
};
