// The closing form's drafts: what each objective's fields hold while being edited, read back into
// the grades closingSave takes. Pure; runs in the browser and in tests.
import type { ClosingObjective, ObjectiveGrade } from './closing-contract.ts';

export interface GradeDraft {
  finalScore: string;
  learning: string;
  carryOn: boolean;
}

/** The stored final score, else the live score to confirm (two decimals, as scores read). */
export function initialGrade(o: ClosingObjective): GradeDraft {
  const score = o.finalScore ?? (o.score === null ? null : Math.round(o.score * 100) / 100);
  return { finalScore: score === null ? '' : String(score), learning: o.learning, carryOn: o.carryOn ?? o.suggestCarry };
}

/** `0.7`, `0,7` or `70%` → 0.7; blank → null; anything else or outside 0–1 → undefined. */
export function parseFinalScore(text: string): number | null | undefined {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  const percent = t.endsWith('%');
  const n = Number(percent ? t.slice(0, -1) : t);
  if (!Number.isFinite(n)) return undefined;
  const v = percent ? n / 100 : n;
  return v >= 0 && v <= 1 ? v : undefined;
}

export function collectGrades(objectives: readonly ClosingObjective[], drafts: Readonly<Record<string, GradeDraft>>): { grades: ObjectiveGrade[]; invalid: string[] } {
  const grades: ObjectiveGrade[] = [];
  const invalid: string[] = [];
  for (const o of objectives) {
    const d = drafts[o.id] ?? initialGrade(o);
    const finalScore = parseFinalScore(d.finalScore);
    if (finalScore === undefined) {
      invalid.push(o.id);
      continue;
    }
    grades.push({ objectiveId: o.id, row: o.row, rowVersion: o.rowVersion, finalScore, learning: d.learning.replace(/\s+/g, ' ').trim(), carryOn: d.carryOn });
  }
  return { grades, invalid };
}
