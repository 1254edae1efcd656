/**
 * Bounds a promise by an AbortSignal: settles with the promise, or rejects when the signal
 * aborts, whichever comes first. For work that does not honour a signal itself (an MCP
 * client mid-call, a warehouse connection being opened), so a task never outlives its budget.
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  onLate?: (value: T) => void,
): Promise<T> {
  if (signal.aborted) {
    promise.then(onLate, () => {});
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      settled = true;
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        // Arrived after we gave up: hand it to whoever must clean it up (e.g. close a connection).
        if (settled) onLate?.(value);
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('cancelled');
}
