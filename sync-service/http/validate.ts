// Request validation through @hono/zod-validator, with failures as `{ error: { message, field } }`.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
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
      const { message, field } = describeIssues(result.error as z.core.$ZodError);
      return c.json({ error: { message, field } }, 400);
    }
  });
}
