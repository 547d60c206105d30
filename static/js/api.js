// The server's HTTP API: JSON GET/POST/DELETE, the chat-and-lipsync SSE stream.

export const STREAM_URL = "/api/v2/chat_and_lipsync/stream";
const DEFAULT_RETRY_AFTER_S = 5;

/** An HTTP error with the server's `error` message and, for 503, the Retry-After seconds. */
export class ApiError extends Error {
  constructor(status, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** True when the queue was full (503 with Retry-After): worth retrying automatically. */
  get queueFull() {
    return this.status === 503 && this.retryAfter !== null;
  }
}

async function failure(response) {
  let message = response.statusText || "request failed";
  try {
    const body = await response.json();
    if (body && typeof body.error === "string") message = body.error;
  } catch {
    // not JSON (a proxy's error page): keep the status text
  }
  const header = response.headers.get("Retry-After");
  const retryAfter = header === null ? null : Number.parseInt(header, 10) || DEFAULT_RETRY_AFTER_S;
  return new ApiError(response.status, message, retryAfter);
}

async function send(url, init) {
  const response = await fetch(url, { ...init, headers: { Accept: "application/json", ...init.headers } });
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** GET `url` and return its JSON, or throw ApiError. */
export const getJson = (url) => send(url, {});

/** DELETE `url` and return its JSON, or throw ApiError. */
export const deleteJson = (url) => send(url, { method: "DELETE" });

/** POST `body` as JSON and return the JSON answer, or throw ApiError. */
export const postJson = (url, body) => send(url, {
  method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
});

/** Split an SSE buffer into complete events' `data:` payloads and the unfinished rest. */
export function parseSse(buffer) {
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop();
  const payloads = [];
  for (const block of blocks) {
    const data = block.split(/\r?\n/).filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trimStart());
    if (data.length) payloads.push(data.join("\n"));
  }
  return { payloads, rest };
}

/**
 * POST `body` to the SSE endpoint and call `onEvent(event)` for each JSON event until the stream ends.
 * Throws ApiError when the request is refused, and lets an AbortError through when `signal` aborts.
 */
export async function streamEvents(url, body, onEvent, signal) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await failure(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const parsed = parseSse(buffer + value);
    buffer = parsed.rest;
    for (const payload of parsed.payloads) onEvent(JSON.parse(payload));
  }
}

/** A random client id: the `sid` that lets POST /api/cancel stop this turn. */
export function newClientId() {
  if (crypto.randomUUID) return crypto.randomUUID(); // secure contexts only (https, localhost)
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}
