import type { Context } from 'hono';
import { CcAgentError, type ErrorCode } from '../engine/index.js';

/**
 * What each engine error is over HTTP: one line, a fitting status. An error about a field names
 * it by its key in the API (`invalid reasoning 'x' …`) and carries it (`field: 'reasoning'`),
 * so a client (the page) can word it its own way.
 */
const STATUS: Record<ErrorCode, 400 | 404 | 409 | 422 | 500 | 503 | 504> = {
  bad_input: 400,
  refused: 400,
  not_found: 404,
  not_running: 409,
  blocked: 409,
  agent_missing: 422,
  tmux_missing: 503,
  tmux_failed: 500,
  timeout: 504,
  store: 500,
  git_failed: 500,
};

export function errorResponse(c: Context, e: unknown): Response {
  if (e instanceof CcAgentError) {
    if (e.field !== undefined) {
      return c.json({ error: e.naming(e.field), code: e.code, field: e.field }, STATUS[e.code]);
    }
    return c.json({ error: e.message, code: e.code }, STATUS[e.code]);
  }
  return c.json({ error: 'internal error', code: 'internal' }, 500);
}

const bad = (message: string): CcAgentError => new CcAgentError('bad_input', message);

/** The JSON body as an object whose fields are all known; anything else is a 400. */
export async function jsonBody(
  c: Context,
  fields: readonly string[],
): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    const text = await c.req.text();
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw bad('the request body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw bad('the request body must be a JSON object');
  }
  const unknown = Object.keys(value).filter((k) => !fields.includes(k));
  if (unknown.length > 0) {
    throw bad(`unknown field${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  }
  return value as Record<string, unknown>;
}

export function text(b: Record<string, unknown>, key: string, required: true): string;
export function text(b: Record<string, unknown>, key: string, required?: false): string | undefined;
export function text(b: Record<string, unknown>, key: string, required = false) {
  const v = b[key];
  if (v === undefined || v === null) {
    if (required) throw bad(`missing field '${key}'`);
    return undefined;
  }
  if (typeof v !== 'string') throw bad(`field '${key}' must be a string`);
  return v;
}

export function whole(b: Record<string, unknown>, key: string): number | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw bad(`field '${key}' must be a whole number`);
  }
  return v;
}

export function flag(b: Record<string, unknown>, key: string): boolean | undefined {
  const v = b[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw bad(`field '${key}' must be true or false`);
  return v;
}

/** A query parameter that must be a whole number in a range, when given. */
export function queryInt(c: Context, key: string, min: number, max: number): number | undefined {
  const raw = c.req.query(key);
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw bad(`query '${key}' must be a whole number from ${min} to ${max}`);
  }
  return n;
}
