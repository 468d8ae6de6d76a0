// Strings of county comparison and ranking of an indicator.

export const zh = {};

export const en = {};
