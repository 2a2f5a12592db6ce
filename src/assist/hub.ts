/**
 * Who is listening to which session: the console subscribes once per session and receives turns and
 * suggestions as they form. In-process; with several jikji instances a console must reach the instance
 * that receives the session's turns.
 */
import type { Suggestion } from "./session.ts";

export type AssistEvent =
  | { type: "turn"; turn: { id: string; ordinal: number; speaker: "customer" | "agent"; text: string; final: boolean } }
  | { type: "suggestions"; turnId: string; suggestions: Suggestion[] }
  | { type: "closed" };

type Listener = (event: AssistEvent) => void;

export interface AssistHub {
  publish(sessionId: string, event: AssistEvent): void;
  subscribe(sessionId: string, listener: Listener, onEnd?: () => void): () => void;
  /** The session closed: listeners get no more events and are told so. */
  end(sessionId: string): void;
}

export function createAssistHub(): AssistHub {
  const listeners = new Map<string, Set<{ listener: Listener; onEnd?: () => void }>>();
  return {
    publish(sessionId, event) {
      for (const entry of listeners.get(sessionId) ?? []) entry.listener(event);
    },
    subscribe(sessionId, listener, onEnd) {
      let set = listeners.get(sessionId);
      if (!set) listeners.set(sessionId, (set = new Set()));
      const entry = { listener, ...(onEnd ? { onEnd } : {}) };
      set.add(entry);
      return () => {
        set.delete(entry);
        if (set.size === 0) listeners.delete(sessionId);
      };
    },
    end(sessionId) {
      const set = listeners.get(sessionId);
      listeners.delete(sessionId);
      for (const entry of set ?? []) entry.onEnd?.();
    },
  };
}
