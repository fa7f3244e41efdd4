// Progress events a sync emits (the CLI draws its progress bar from these).

export type TeamOutcome = 'read' | 'unchanged' | 'stale' | 'missing';

export type ProgressEvent =
  | { type: 'begin'; syncId: number }
  | { type: 'listed'; total: number }
  | { type: 'team'; done: number; total: number; name: string; team: string; outcome: TeamOutcome; reason?: string }
  | { type: 'storing' }
  | { type: 'done'; syncId: number; status: 'ok' | 'partial'; durationMs: number };

export type ProgressListener = (event: ProgressEvent) => void;
