/** Fans console message changes out to the browsers watching a channel (Server-Sent Events). */
export interface ConsoleMessageView {
  id: string;
  channelId: string;
  threadId: string;
  author: 'user' | 'bot';
  text: string;
  html: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ConsoleListener = (view: ConsoleMessageView) => void;

export interface ConsoleHub {
  subscribe(channelId: string, listener: ConsoleListener): () => void;
  publish(view: ConsoleMessageView): void;
}

export function createConsoleHub(): ConsoleHub {
  const listeners = new Map<string, Set<ConsoleListener>>();
  return {
    subscribe(channelId, listener) {
      const set = listeners.get(channelId) ?? new Set();
      set.add(listener);
      listeners.set(channelId, set);
      return () => set.delete(listener);
    },
    publish(view) {
      for (const listener of listeners.get(view.channelId) ?? []) listener(view);
    },
  };
}
