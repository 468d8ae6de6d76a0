// What the pages share while the app runs: the signed-in user and the
// region last chosen in the tree (the facility list starts from it).

export const state = {
  user: null,
  selectedRegion: null, // {code, name}
  dataVersion: 0, // bumped by an import, so cached trees reload
};

export function isAdmin() {
  return !!state.user && state.user.role === 'admin';
}

// Roles that may create facilities and import (the server decides in the end).
export function mayWrite() {
  return !!state.user && state.user.role !== 'readonly';
}

export function mayCreateFacility() {
  return !!state.user && state.user.role !== 'readonly' && state.user.role !== 'operator';
}
