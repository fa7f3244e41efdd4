// Writing every team's file: `.xlsx` (OKRs + Check-ins tabs) or `.csv` (+ `<name>.checkins.csv`).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkinsCsv, okrCsv } from './csv.ts';
import { teamCheckins } from './history.ts';
import { TEAMS } from './northwind.ts';
import { CHECKINS_CSV_SUFFIX } from './read.ts';
import { Q3_PERIOD, q3Team } from './q3.ts';
import { buildOkrSheet } from './sheet.ts';
import type { TeamSpec } from './spec.ts';
import { workbookBuffer } from './xlsx.ts';

export interface Written {
  team: string;
  files: string[];
  objectives: number;
  keyResults: number;
  checkins: number;
}

export async function writeTeam(dir: string, team: TeamSpec): Promise<Written> {
  const sheet = buildOkrSheet(team);
  const checkins = teamCheckins(team);
  const files: [string, string | Buffer][] =
    team.format === 'xlsx'
      ? [[`${team.file}.xlsx`, await workbookBuffer(sheet, checkins, buildOkrSheet(q3Team(team), Q3_PERIOD, true))]]
      : [
          [`${team.file}.csv`, okrCsv(sheet)],
          [`${team.file}${CHECKINS_CSV_SUFFIX}`, checkinsCsv(checkins)],
        ];
  for (const [name, data] of files) await writeFile(join(dir, name), data);
  return {
    team: team.team,
    files: files.map(([name]) => name),
    objectives: team.objectives.length,
    keyResults: team.objectives.reduce((n, o) => n + o.keyResults.length, 0),
    checkins: checkins.length,
  };
}

export async function writeExamples(dir: string, teams: readonly TeamSpec[] = TEAMS): Promise<Written[]> {
  const out: Written[] = [];
  for (const team of teams) out.push(await writeTeam(dir, team));
  return out;
}
