// Quarter over quarter: each company objective's and each team's score in every period, and the
// company's overall score (what leaders ask for when they judge whether OKRs work). Pure.
import type { AlignmentDocument } from './document.ts';

export interface QuarterRow {
  /** The company objective's id, or the team's name. */
  key: string;
  /** The title in the latest period holding it (an id may be reused with another title). */
  title: string;
  /** Per period, in the periods' order: the score, or null when absent or unscored. */
  scores: (number | null)[];
  /** Per period: whether the row exists in it at all. */
  present: boolean[];
}

export interface QuarterOverQuarter {
  periods: { label: string; current: boolean }[];
  overall: (number | null)[];
  company: QuarterRow[];
  teams: QuarterRow[];
}

function rows(periods: readonly AlignmentDocument[], items: (doc: AlignmentDocument) => { key: string; title: string; score: number | null }[]): QuarterRow[] {
  const byKey = new Map<string, QuarterRow>();
  periods.forEach((doc, i) => {
    for (const it of items(doc)) {
      let row = byKey.get(it.key);
      if (!row) {
        row = { key: it.key, title: it.title, scores: periods.map(() => null), present: periods.map(() => false) };
        byKey.set(it.key, row);
      }
      row.title = it.title;
      row.scores[i] = it.score;
      row.present[i] = true;
    }
  });
  return [...byKey.values()];
}

export function quarterOverQuarter(periods: readonly { label: string; current: boolean; doc: AlignmentDocument }[]): QuarterOverQuarter {
  const docs = periods.map((p) => p.doc);
  return {
    periods: periods.map((p) => ({ label: p.label, current: p.current })),
    overall: docs.map((d) => d.overall),
    company: rows(docs, (d) => d.objectives.filter((o) => o.isCompany).map((o) => ({ key: o.id, title: o.title, score: o.rolledScore }))),
    teams: rows(docs, (d) => d.teams.filter((t) => !t.isCompany).map((t) => ({ key: t.team, title: t.team, score: t.score }))).sort((a, b) =>
      a.key.localeCompare(b.key),
    ),
  };
}
