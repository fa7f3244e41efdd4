// GET /api/syncs?limit= (newest first) and GET /api/syncs/:id (with its problems).
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from './deps.ts';
import { apiError } from './errors.ts';
import { validate } from './validate.ts';

const PositiveInt = z.string().trim().regex(/^\d+$/, 'expected a whole number').transform(Number);

const ListQuery = z.strictObject({
  limit: PositiveInt.pipe(z.number().int().min(1).max(500)).optional(),
});
const Params = z.object({
  id: PositiveInt.pipe(
    z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1),
  ),
});

export function syncRoutes(deps: AppDeps) {
  return new Hono()
    .get('/syncs', validate('query', ListQuery), async (c) => {
      const { limit } = c.req.valid('query');
      const syncs = await deps.store.listSyncs({ limit: limit ?? 50 });
      return c.json({ syncs, running: deps.runner?.status().running ?? false });
    })
    .get('/syncs/:id', validate('param', Params), async (c) => {
      const { id } = c.req.valid('param');
      const sync = await deps.store.getSync(id);
      return sync ? c.json({ sync }) : apiError(c, 404, `No sync ${id}`, 'id');
    });
}
