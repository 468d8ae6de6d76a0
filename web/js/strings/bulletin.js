// Strings of the bulletin (通报) page and its sending.

export const zh = {};

export const en = {};
