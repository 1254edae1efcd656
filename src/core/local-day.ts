/**
 * A workspace's local day: the calendar date in its time zone, and the instant its next
 * midnight falls on. Budgets reset there, not at UTC midnight.
 */
export interface LocalDay {
  /** YYYY-MM-DD in the time zone. */
  day: string;
  /** The first instant of the next local day. */
  resetsAt: Date;
}

function dateParts(at: Date, timeZone: string): { y: number; m: number; d: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { y: get('year'), m: get('month'), d: get('day') };
}

/** Offset (local minus UTC, in ms) of the time zone at an instant. */
function offsetAt(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

export function localDay(at: Date, timeZone: string): LocalDay {
  const { y, m, d } = dateParts(at, timeZone);
  const day = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const nextMidnightUtc = Date.UTC(y, m - 1, d + 1);
  // Two passes settle the offset even when the next midnight sits across a DST change.
  let guess = nextMidnightUtc - offsetAt(new Date(nextMidnightUtc), timeZone);
  guess = nextMidnightUtc - offsetAt(new Date(guess), timeZone);
  return { day, resetsAt: new Date(guess) };
}

/** The first instant of the local day `daysBack` days before the one `at` falls in (0: today). */
export function localDayStart(at: Date, timeZone: string, daysBack = 0): Date {
  // The next midnight minus 36 h always lands in the previous local day (days are 23–25 h).
  let start = localDay(
    new Date(localDay(at, timeZone).resetsAt.getTime() - 36 * 3_600_000),
    timeZone,
  ).resetsAt;
  for (let i = 0; i < daysBack; i += 1) {
    start = localDay(new Date(start.getTime() - 36 * 3_600_000), timeZone).resetsAt;
  }
  return start;
}
