// Strings of a department's reporting form (指标填报).

export const zh = {};

export const en = {};
