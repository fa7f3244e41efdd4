// Request validation through @hono/zod-validator, with failures as `{ error: { message, field } }`.
import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler, ValidationTargets } from 'hono';
import { z } from 'zod';
import { issuePath, issueText } from '../config/load.ts';

/** The first problem, naming the field (`limit: must be at most 500`). */
export function describeIssues(error: z.core.$ZodError): { message: string; field: string } {
  const issue = error.issues[0];
  if (!issue) return { message: 'Invalid request', field: '' };
  // An unknown query parameter is the field to blame, not the object holding it.
  const field = issue.code === 'unrecognized_keys' ? [...issue.path.map(String), issue.keys[0] ?? ''].filter(Boolean).join('.') : issuePath(issue);
  const text = issue.code === 'unrecognized_keys' ? 'unknown parameter' : issueText(issue);
  return { message: field ? `${field}: ${text}` : text, field };
}

export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result, c) => {
    if (!result.success) {
      const issue = describeIssues(result.error as z.core.$ZodError);
      // A wrong whole value (a JSON array for an object) has no field of its own: blame the body.
      const whole = target === 'json' ? 'body' : String(target);
      const { message, field } = issue.field ? issue : { message: `${whole}: ${issue.message}`, field: whole };
      return c.json({ error: { message, field } }, 400);
    }
  });
}

/**
 * Text a parameter may hold: no NUL, which no stored name contains and Postgres refuses to compare
 * (`?team=%00` would be a 500, not the 400 it is).
 */
export const ParamText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain a NUL character');

/** Routes that take no query parameters still refuse unknown ones, like the others, naming them. */
export const NoQuery = z.strictObject({});

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * For routes taking a JSON body, before validate('json'): a body in another format (a form, as
 * `curl -d` sends) is 415 instead of silently ignored, and unreadable JSON is 400 naming the body.
 * No body at all is fine (all options have defaults); an empty one announced as JSON is not.
 */
export function jsonBody(): MiddlewareHandler {
  return async (c, next) => {
    const text = await c.req.text();
    const type = c.req.header('Content-Type') ?? '';
    const json = JSON_TYPE.test(type);
    if (text.trim() === '') {
      return json ? c.json({ error: { message: 'body: empty (send {} or no body at all)', field: 'body' } }, 400) : next();
    }
    if (!json) {
      return c.json(
        { error: { message: `Content-Type: expected application/json, got ${type ? JSON.stringify(type.slice(0, 100)) : 'none'}`, field: 'Content-Type' } },
        415,
      );
    }
    try {
      JSON.parse(text);
    } catch {
      return c.json({ error: { message: 'body: not valid JSON', field: 'body' } }, 400);
    }
    await next();
  };
}
