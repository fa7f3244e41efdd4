// Enumerations as plain constants (zod-free, so the add-on bundle does not pull in zod).
export const KR_TYPES = ['metric', 'milestone', 'binary', 'manual'] as const;
export const KINDS = ['aspirational', 'committed'] as const;
export const GRADES = ['red', 'yellow', 'green'] as const;
export const STATUSES = ['not-started', 'on-track', 'at-risk', 'off-track'] as const;
export const ROLLUP_MODES = ['both', 'key-results', 'children'] as const;
