// Strings of printing and exporting tables.

export const zh = {};

export const en = {};
