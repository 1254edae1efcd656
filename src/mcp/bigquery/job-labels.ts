/**
 * BigQuery job labels, made valid. The rules (Google Cloud "Requirements for labels"):
 * at most 64 labels; keys and values at most 63 characters of lowercase letters, digits,
 * underscores and dashes, international characters allowed; keys start with a lowercase
 * letter or an international character; values may be empty. Slack ids (T01ABC) and
 * Google Chat names (spaces/AAAA) become "t01abc" and "spaces-aaaa".
 */

const MAX_LABELS = 64;
const MAX_LENGTH = 63;

function clean(text: string): string {
  return [
    ...text
      .toLowerCase()
      .replace(/\//g, '-')
      .replace(/[^\p{Ll}\p{Lo}\p{N}_-]/gu, '_'),
  ]
    .slice(0, MAX_LENGTH)
    .join('');
}

export function sanitizeLabelKey(key: string): string | null {
  const cleaned = clean(key);
  if (cleaned === '') return null;
  return /^[\p{Ll}\p{Lo}]/u.test(cleaned) ? cleaned : [...`k${cleaned}`].slice(0, MAX_LENGTH).join('');
}

export function sanitizeLabels(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    if (Object.keys(out).length >= MAX_LABELS) break;
    const cleanKey = sanitizeLabelKey(key);
    if (cleanKey !== null) out[cleanKey] = clean(value);
  }
  return out;
}

/**
 * A reconciliation label value (kotae_workspace, kotae_channel, kotae_task, kotae_kind):
 * ASCII only, so the SQL in docs/usage.md can rebuild it from Kotae's ids with
 * LOWER + REGEXP_REPLACE: "/" becomes "-", anything outside [a-z0-9_-] becomes "_".
 */
export function reconciliationLabel(value: string): string {
  const cleaned = value
    .toLowerCase()
    .replace(/\//g, '-')
    .replace(/[^a-z0-9_-]/g, '_')
    .slice(0, MAX_LENGTH);
  return cleaned === '' ? 'none' : cleaned;
}
