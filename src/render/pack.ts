/**
 * Packs rendered units (Slack blocks, Google Chat widgets) into messages that each stay
 * within a platform's limits, in order, never leaving a message empty.
 *
 * When even that needs more messages than a thread should get, the answer text (the
 * `body`) is cut from the end and a note (`makeNote`) says how much was left out; the
 * `tail` (table, chart, provenance, buttons) is always kept.
 */

export interface PackLimits {
  /** Units per message (Slack: 50 blocks; Chat: 100 widgets per card). */
  maxUnits: number;
  /** Size budget per message, in the unit `sizeOf` measures. */
  maxSize: number;
  /** Messages one reply may take before the body is cut. */
  maxMessages: number;
}

export function packUnits<U>(
  units: U[],
  sizeOf: (unit: U) => number,
  limits: Omit<PackLimits, 'maxMessages'>,
): U[][] {
  const messages: U[][] = [];
  let current: U[] = [];
  let size = 0;
  for (const unit of units) {
    const unitSize = sizeOf(unit);
    if (current.length > 0 && (current.length >= limits.maxUnits || size + unitSize > limits.maxSize)) {
      messages.push(current);
      current = [];
      size = 0;
    }
    current.push(unit);
    size += unitSize;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

export interface PackParts<U> {
  body: U[];
  tail: U[];
  /** The unit that replaces the body units left out. */
  makeNote: (dropped: U[]) => U;
}

export function packWithTruncation<U>(
  parts: PackParts<U>,
  sizeOf: (unit: U) => number,
  limits: PackLimits,
): U[][] {
  const full = packUnits([...parts.body, ...parts.tail], sizeOf, limits);
  if (full.length <= limits.maxMessages) return full;
  const attempt = (keep: number) =>
    packUnits(
      [...parts.body.slice(0, keep), parts.makeNote(parts.body.slice(keep)), ...parts.tail],
      sizeOf,
      limits,
    );
  // Keeping fewer body units never needs more messages, so the largest count that fits
  // is found by bisection.
  let low = 0;
  let high = parts.body.length - 1;
  let best = attempt(0);
  while (low <= high) {
    const keep = Math.floor((low + high) / 2);
    const packed = attempt(keep);
    if (packed.length <= limits.maxMessages) {
      best = packed;
      low = keep + 1;
    } else {
      high = keep - 1;
    }
  }
  return best;
}
