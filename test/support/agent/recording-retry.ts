/**
 * Retry options for model tests: no real waiting, a fixed jitter, and a record of every
 * backoff the model asked for (so a test can assert Retry-After was honoured).
 */
export interface RecordingRetry {
  sleeps: number[];
  retry: { sleep: (ms: number) => Promise<void>; random: () => number };
}

export function recordingRetry(): RecordingRetry {
  const sleeps: number[] = [];
  return { sleeps, retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 } };
}
