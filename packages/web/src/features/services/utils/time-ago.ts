const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

const FORMAT = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "5 minutes ago", in the largest whole unit; "now" within a second or for clocks a little ahead. */
export function timeAgo(iso: string, now = Date.now()): string {
  const elapsed = now - Date.parse(iso);
  if (Number.isNaN(elapsed)) return iso;
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) return FORMAT.format(-Math.floor(elapsed / ms), unit);
  }
  return 'now';
}
