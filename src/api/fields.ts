import type { Context } from "hono";
import { z } from "zod";
import { InvalidInputError, JikjiError, UnsupportedMediaTypeError } from "../errors.ts";

/**
 * One schema per request field, shared by every route that takes it, so `/v1/search`, `/v1/ask`,
 * `/v1/chat/completions` and the routes other capabilities add accept and refuse the same things.
 */
export const FIELD_LIMITS = {
  questionChars: 4000,
  collectionChars: 200,
  groupChars: 200,
  groups: 100,
  k: 50,
  messages: 50,
  /** Characters over all chat messages together. */
  messagesChars: 32_000,
} as const;

const noControlCharacters = /^[^\u0000-\u001f\u007f]+$/;

/** The store cannot keep U+0000 in text; free text may hold any other character (new lines, tabs). */
export const noNul = (value: string): boolean => !value.includes("\u0000");
export const NO_NUL = { message: "must not contain NUL characters" } as const;

export const questionField = z
  .string()
  .trim()
  .min(1, { message: "must not be empty" })
  .max(FIELD_LIMITS.questionChars, { message: `must be at most ${FIELD_LIMITS.questionChars} characters` })
  .refine(noNul, NO_NUL);

/**
 * Names are compared as text: a decomposed Hangul name (NFD, as macOS writes file and folder names) would be another
 * collection or group that looks the same. Both are kept composed (NFC), as document sources are.
 */
export const collectionField = z
  .string()
  .normalize("NFC")
  .trim()
  .min(1, { message: "must not be empty" })
  .max(FIELD_LIMITS.collectionChars, { message: `must be at most ${FIELD_LIMITS.collectionChars} characters` })
  .regex(noControlCharacters, { message: "must not contain control characters" });

export const groupField = z
  .string()
  .normalize("NFC")
  .trim()
  .min(1, { message: "must not be empty" })
  .max(FIELD_LIMITS.groupChars)
  .regex(noControlCharacters, { message: "must not contain control characters" });

export const groupsField = z.array(groupField).max(FIELD_LIMITS.groups, { message: `at most ${FIELD_LIMITS.groups} groups` });

export const kField = (max: number = FIELD_LIMITS.k) => z.number().int().min(1).max(max);

const ContentPart = z.object({ type: z.string().max(64), text: z.string().optional() });
export type ContentPart = z.infer<typeof ContentPart>;

const messageField = z.object({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: z.union([z.string(), z.array(ContentPart).max(100), z.null()]).optional(),
});

function contentChars(content: z.infer<typeof messageField>["content"]): number {
  if (typeof content === "string") return content.length;
  return (content ?? []).reduce((sum, part) => sum + (part.text?.length ?? 0), 0);
}

export const messagesField = z
  .array(messageField)
  .min(1, { message: "must hold at least one message" })
  .max(FIELD_LIMITS.messages, { message: `at most ${FIELD_LIMITS.messages} messages` })
  .refine((messages) => messages.reduce((sum, message) => sum + contentChars(message.content), 0) <= FIELD_LIMITS.messagesChars, {
    message: `must hold at most ${FIELD_LIMITS.messagesChars} characters in all`,
  })
  .refine(
    (messages) =>
      messages.every((message) =>
        typeof message.content === "string" ? noNul(message.content) : (message.content ?? []).every((part) => noNul(part.text ?? "")),
      ),
    NO_NUL,
  );

/**
 * A whole number in a query string, digits only: `z.coerce.number` read `?offset=` as 0, `0x10` as 16 and `1e3` as
 * 1000, so an empty or mistyped parameter passed as another value.
 */
export const queryInteger = (min: number, max: number = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d{1,16}$/, { message: "must be a whole number written in digits" })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const uuidParam = z.string().uuid({ message: "must be a UUID" });

/** Validates with zod; a failure becomes a 400 naming each field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, where: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${[where, ...issue.path].join(".")}: ${issue.message}`);
  throw new InvalidInputError(`Invalid request: ${problems.join("; ")}`, { cause: parsed.error });
}

/**
 * The query parameters, each given at most once: `?collection=a&collection=b` read only the first, so a caller who
 * meant both got one collection's documents as though that were all. A repeated parameter is a 400 naming it.
 */
export function queryOf(c: Context): Record<string, string> {
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (values.length > 1) throw new InvalidInputError(`query.${name.slice(0, 60)}: given ${values.length} times; give it once`);
  }
  return c.req.query();
}

/**
 * The one JSON body reader: `application/json` only (a `text/plain` body is how another site's form reaches a
 * local server without a preflight), parsed, then validated. The byte limit is applied before, by the app.
 */
export async function jsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const [mediaType, ...parameters] = (c.req.header("content-type") ?? "").split(";");
  if (mediaType!.trim().toLowerCase() !== "application/json") {
    throw new UnsupportedMediaTypeError("body: send JSON with 'Content-Type: application/json'");
  }
  // JSON is UTF-8 (RFC 8259). EUC-KR or CP949 read as UTF-8 would be searched and stored as replacement characters.
  const charset = parameters
    .map((parameter) => /^\s*charset\s*=\s*"?([^";\s]*)"?\s*$/i.exec(parameter)?.[1])
    .find((value) => value !== undefined);
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    throw new UnsupportedMediaTypeError(`body: send JSON in UTF-8; charset=${charset.slice(0, 40)} is not read`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await c.req.arrayBuffer());
  } catch (error) {
    if (error instanceof JikjiError) throw error;
    throw new InvalidInputError("body: must be UTF-8 (convert EUC-KR or CP949 text before sending it)", { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError("body: must be valid JSON", { cause: error });
  }
  return parseInput(schema, json, "body");
}
