// A counter per store that every sync run in this process bumps when it ends, so readers that
// keep something prepared per sync (the HTTP layer) learn of a new one without asking the database.
// Syncs of another process on the same Postgres are not seen here: readers revalidate for those.

const generations = new WeakMap<object, number>();

export function syncGeneration(store: object): number {
  return generations.get(store) ?? 0;
}

export function bumpSyncGeneration(store: object): void {
  generations.set(store, syncGeneration(store) + 1);
}
