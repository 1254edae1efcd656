/** The console's Server-Sent Events, as the benches read them. */
export interface StreamedView {
  threadId: string;
  author: string;
  html: string | null;
}

/** A minimal Server-Sent Events reader: `event: message` lines with JSON data. */
export async function openEventStream(
  url: string,
  onMessage: (view: StreamedView) => void,
): Promise<{ close(): void }> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (frame.includes('event: message') && data) onMessage(JSON.parse(data.slice(6)) as StreamedView);
        }
      }
    } catch {
      // aborted
    }
  })();
  return { close: () => controller.abort() };
}
