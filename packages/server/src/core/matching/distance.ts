// Distances are numbers in [0, 1]: 0 is an exact match, 1 is nothing alike (WireMock's MatchResult).
// They are computed only on the miss path, to rank near misses; the hit path asks isExact() instead.

/** Above this many cells the edit-distance table costs more than a near-miss ranking is worth. */
const MAX_EDIT_CELLS = 65_536;

/** Normalized Levenshtein distance: edits needed, divided by the longer length. */
export function textDistance(a: string, b: string): number {
  if (a === b) return 0;
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 0;
  if (a.length * b.length > MAX_EDIT_CELLS) return affixDistance(a, b);
  return levenshtein(a, b) / longer;
}

// One row of the edit-distance table, reused across calls: near-miss ranking measures thousands of
// paths per unmatched request, and JavaScript runs one call at a time, so sharing it is safe.
let row = new Uint32Array(64);

function levenshtein(a: string, b: string): number {
  if (row.length <= b.length) row = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const char = a.charCodeAt(i - 1);
    let diagonal = i - 1; // row[j - 1] of the previous line
    let left = i; // row[j - 1] of this line
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] as number;
      const cell = Math.min(up + 1, left + 1, diagonal + (char === b.charCodeAt(j - 1) ? 0 : 1));
      row[j] = cell;
      diagonal = up;
      left = cell;
    }
  }
  return row[b.length] as number;
}

// For long texts: how much of the longer one is not a shared prefix or suffix. Cheap, and still
// ranks "same document with one field changed" far closer than "a different document".
function affixDistance(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shorter && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return 1 - (prefix + suffix) / Math.max(a.length, b.length);
}
