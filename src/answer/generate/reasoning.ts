/**
 * Keeps EXAONE's reasoning out of the answer. EXAONE 4.0 writes it before `</think>`, EXAONE Deep before
 * `</thought>`; the opening tag is often in the prompt template, so the output may start straight with
 * reasoning and only the closing tag tells where the answer begins. Raw servers may also leak the
 * `[|endofturn|]` stop token.
 */

const OPEN_TAGS = ["<think>", "<thought>"] as const;
const CLOSE_TAGS = ["</think>", "</thought>"] as const;
const END_OF_TURN = "[|endofturn|]";

export interface SplitText {
  text: string;
  reasoning: string | null;
}

function firstCloseTag(text: string, from = 0): { index: number; length: number } | null {
  let best: { index: number; length: number } | null = null;
  for (const tag of CLOSE_TAGS) {
    const index = text.indexOf(tag, from);
    if (index >= 0 && (best === null || index < best.index)) best = { index, length: tag.length };
  }
  return best;
}

function withoutOpenTag(text: string): { rest: string; opened: boolean } {
  const trimmed = text.trimStart();
  for (const tag of OPEN_TAGS) if (trimmed.startsWith(tag)) return { rest: trimmed.slice(tag.length), opened: true };
  return { rest: text, opened: false };
}

function nonEmpty(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}

/** Splits a complete reply into answer text and inline reasoning. */
export function splitReasoning(content: string): SplitText {
  const cleaned = content.replaceAll(END_OF_TURN, "");
  const close = firstCloseTag(cleaned);
  if (close !== null) {
    return {
      text: cleaned.slice(close.index + close.length).trim(),
      reasoning: nonEmpty(withoutOpenTag(cleaned.slice(0, close.index)).rest),
    };
  }
  const { rest, opened } = withoutOpenTag(cleaned);
  // An opened reasoning block that never closed (cut by max tokens) holds no answer.
  if (opened) return { text: "", reasoning: nonEmpty(rest) };
  return { text: cleaned.trim(), reasoning: null };
}

export interface ReasoningFilter {
  /** Takes the next piece of raw content; returns the answer text that is now safe to show. */
  push(delta: string): string;
  /** Ends the stream; returns the answer text still held back. */
  end(): string;
  /** Reasoning seen so far. */
  readonly reasoning: string;
}

function longestPrefixSuffix(text: string, token: string): number {
  for (let length = Math.min(token.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(token.slice(0, length))) return length;
  }
  return 0;
}

/**
 * The streaming form of `splitReasoning`. Text that starts with an opening tag is held until the closing tag;
 * with `holdUntilClose` (models known to reason without an opening tag, such as EXAONE Deep) all text is held
 * until a closing tag arrives or the stream ends without one.
 */
export function createReasoningFilter(options: { holdUntilClose: boolean }): ReasoningFilter {
  let state: "start" | "reasoning" | "text" = "start";
  let opened = false;
  let buffer = "";
  let reasoning = "";
  let pending = "";
  let emitted = false;

  const release = (text: string, final: boolean): string => {
    pending += text;
    pending = pending.replaceAll(END_OF_TURN, "");
    const hold = final ? 0 : longestPrefixSuffix(pending, END_OF_TURN);
    let out = pending.slice(0, pending.length - hold);
    pending = pending.slice(pending.length - hold);
    if (!emitted) out = out.trimStart();
    if (out !== "") emitted = true;
    return out;
  };

  const scanReasoning = (): string => {
    const close = firstCloseTag(buffer);
    if (close === null) return "";
    reasoning += buffer.slice(0, close.index);
    const rest = buffer.slice(close.index + close.length);
    buffer = "";
    state = "text";
    return release(rest, false);
  };

  return {
    get reasoning() {
      return (reasoning + (state === "reasoning" && opened ? buffer : "")).trim();
    },
    push(delta) {
      if (state === "text") return release(delta, false);
      buffer += delta;
      if (state === "reasoning") return scanReasoning();
      const head = buffer.trimStart();
      if (head === "") return "";
      if (OPEN_TAGS.some((tag) => tag.length > head.length && tag.startsWith(head))) return "";
      const open = withoutOpenTag(buffer);
      if (open.opened || options.holdUntilClose) {
        opened = open.opened;
        buffer = open.rest;
        state = "reasoning";
        return scanReasoning();
      }
      state = "text";
      const text = buffer;
      buffer = "";
      return release(text, false);
    },
    end() {
      if (state === "reasoning") {
        // A block opened by a tag and never closed is all reasoning; text held only by policy is the answer.
        if (opened) {
          reasoning += buffer;
          buffer = "";
          return release("", true);
        }
        const text = buffer;
        buffer = "";
        state = "text";
        return release(text, true);
      }
      const text = buffer;
      buffer = "";
      return release(text, true);
    },
  };
}
