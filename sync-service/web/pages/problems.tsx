// GET /problems?team=&severity=&code= — every problem of the latest sync, filterable.
import { countBySeverity } from '../../../shared/problems.ts';
import type { Problem } from '../../../shared/schemas.ts';
import { Crumbs, Panel } from '../components/bits.tsx';
import { Layout, syncedLayout } from '../components/layout.tsx';
import { ProblemsTable } from '../components/tables.tsx';
import type { ViewData } from '../data.ts';
import { plural } from '../format.ts';

export interface ProblemFilter {
  team?: string | undefined;
  severity?: 'error' | 'warning' | undefined;
  code?: string | undefined;
}

export function filterProblems(problems: readonly Problem[], f: ProblemFilter): Problem[] {
  const team = f.team?.toLowerCase();
  return problems.filter(
    (p) =>
      (team === undefined || p.team.toLowerCase() === team) &&
      (f.severity === undefined || p.severity === f.severity) &&
      (f.code === undefined || p.code === f.code),
  );
}

export function ProblemsPage(props: { data: ViewData; company: string; filter: ProblemFilter }) {
  const { data, filter } = props;
  const all = data.doc.problems;
  const shown = filterProblems(all, filter);
  const { errors, warnings } = countBySeverity(shown);
  const teams = [...new Set([...data.doc.teams.map((t) => t.team), ...all.map((p) => p.team)])].sort((a, b) => a.localeCompare(b));
  const codes = [...new Set(all.map((p) => p.code))].sort();
  const unknownTeam = filter.team !== undefined && !teams.some((t) => t.toLowerCase() === filter.team!.toLowerCase());
  const filtered = filter.team !== undefined || filter.severity !== undefined || filter.code !== undefined;
  return (
    <Layout
      title="Problems"
      company={props.company}
      active="problems"
      {...syncedLayout(data)}
    >
      <Crumbs items={[{ href: '/', label: 'Alignment' }, { label: 'Problems' }]} />
      <Panel
        id="problems"
        title="Problems"
        intro={`${plural(shown.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})${filtered ? ` of ${all.length}` : ''} found in the last sync. Errors stop a value from counting; warnings are quality hints.`}
      >
        <form class="filters" method="get" action="/problems">
          <label>
            Team
            <select name="team">
              <option value="">All teams</option>
              {teams.map((t) => (
                <option value={t} selected={filter.team?.toLowerCase() === t.toLowerCase()}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label>
            Severity
            <select name="severity">
              <option value="">Errors and warnings</option>
              <option value="error" selected={filter.severity === 'error'}>
                Errors
              </option>
              <option value="warning" selected={filter.severity === 'warning'}>
                Warnings
              </option>
            </select>
          </label>
          <label>
            Kind
            <select name="code">
              <option value="">All kinds</option>
              {codes.map((c) => (
                <option value={c} selected={filter.code === c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <button class="btn" type="submit">
            Filter
          </button>
          {filtered ? <a href="/problems">Clear</a> : null}
        </form>
        {unknownTeam ? <p class="note">No team is called “{filter.team}”.</p> : null}
        <ProblemsTable problems={shown} />
      </Panel>
    </Layout>
  );
}
