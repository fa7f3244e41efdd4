// GET /teams — every team in the roll-up, and any sheet that has never been read.
import { Crumbs, Panel } from '../components/bits.tsx';
import { Layout, syncedLayout } from '../components/layout.tsx';
import { TeamsTable } from '../components/tables.tsx';
import type { ViewData } from '../data.ts';
import { plural } from '../format.ts';

export function TeamsPage(props: { data: ViewData; company: string }) {
  const { data } = props;
  const missing = data.doc.staleTeams.filter((s) => !s.hasSnapshot);
  const teams = [...data.doc.teams].sort((a, b) => Number(b.isCompany) - Number(a.isCompany) || a.team.localeCompare(b.team));
  return (
    <Layout
      title="Teams"
      company={props.company}
      active="teams"
      {...syncedLayout(data)}
    >
      <Crumbs items={[{ href: '/', label: 'Alignment' }, { label: 'Teams' }]} />
      <Panel
        id="teams"
        title="Teams"
        intro={`${plural(data.doc.teams.length, 'sheet')} in the roll-up. A team's score is the mean of its objectives' own scores.`}
      >
        <TeamsTable teams={teams} showSource />
      </Panel>
      {missing.length ? (
        <Panel id="missing" title="Sheets that could not be read" intro="These have never been read successfully, so they are not in the roll-up.">
          <ul>
            {missing.map((m) => (
              <li>
                <strong>{m.team}</strong> ({m.name}): {m.reason}
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
    </Layout>
  );
}
