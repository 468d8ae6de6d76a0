// Strings of imports from the web: templates, kinds, Excel files.

export const zh = {};

export const en = {};
