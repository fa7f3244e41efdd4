// Who has not checked in: every key result without a check-in for `staleAfterDays`, grouped by the
// person who owns it (the key result's Owner, else its objective's), with where to write to them.
// Pure: the alignment, the check-ins and the address book in, the list out.
import { latestCheckinTimes } from '../../shared/checkins.ts';
import { isEmailAddress } from '../../shared/people.ts';
import type { AlignedObjective, PersonEmail } from '../../shared/schemas.ts';

export interface CheckinLike {
  team: string;
  krId?: string | null | undefined;
  timestamp: string;
}

export interface StaleKeyResult {
  team: string;
  objectiveId: string;
  objectiveTitle: string;
  krId: string;
  title: string;
  /** The latest check-in (ISO), or null when it never had one. */
  lastCheckin: string | null;
}

export interface OwnerDue {
  /** The owner as the address book spells them, else as first written in the sheet. */
  owner: string;
  /** Where the reminder goes; null when no address is known (the digest names them). */
  email: string | null;
  teams: string[];
  keyResults: StaleKeyResult[];
}

export interface DueList {
  owners: OwnerDue[];
  /** Stale key results nobody owns (blank Owner on the key result and its objective). */
  unowned: StaleKeyResult[];
  keyResults: number;
  staleKeyResults: number;
}

/** Owner → address: a team's People tab first, then the config's map, then an Owner that is an address. */
export interface AddressBook {
  team: readonly PersonEmail[];
  config: Readonly<Record<string, string>>;
}

/** The owner's address and their name as the address book spells it; null when unknown. */
export function addressOf(book: AddressBook, team: string, owner: string): { email: string; name: string } | null {
  const key = owner.trim().toLowerCase();
  const fromTeam = book.team.find((p) => p.team === team && p.owner.trim().toLowerCase() === key);
  if (fromTeam) return { email: fromTeam.email, name: fromTeam.owner };
  for (const [name, email] of Object.entries(book.config)) if (name.trim().toLowerCase() === key) return { email, name: name.trim() };
  return isEmailAddress(owner.trim()) ? { email: owner.trim(), name: owner.trim() } : null;
}

type ObjectiveLike = Pick<AlignedObjective, 'team' | 'id' | 'title' | 'owner' | 'keyResults'>;

export function dueOwners(input: {
  objectives: readonly ObjectiveLike[];
  checkins: readonly CheckinLike[];
  asOf: Date;
  staleAfterDays: number;
  book: AddressBook;
}): DueList {
  const since = input.asOf.getTime() - input.staleAfterDays * 86_400_000;
  const latest = latestCheckinTimes(input.checkins, input.asOf);
  const owners = new Map<string, OwnerDue>();
  const unowned: StaleKeyResult[] = [];
  let keyResults = 0;
  let staleKeyResults = 0;
  for (const o of input.objectives) {
    for (const kr of o.keyResults) {
      keyResults++;
      const last = latest.get(`${o.team}\u0000${kr.id}`);
      if (last !== undefined && last >= since) continue;
      staleKeyResults++;
      const item: StaleKeyResult = {
        team: o.team,
        objectiveId: o.id,
        objectiveTitle: o.title,
        krId: kr.id,
        title: kr.title,
        lastCheckin: last === undefined ? null : new Date(last).toISOString(),
      };
      const owner = (kr.owner || o.owner).trim();
      if (!owner) {
        unowned.push(item);
        continue;
      }
      const address = addressOf(input.book, o.team, owner);
      // One reminder per address (an owner in two teams gets one); without one, per name.
      const key = address ? `@${address.email.toLowerCase()}` : `#${owner.toLowerCase()}`;
      let due = owners.get(key);
      if (!due) {
        due = { owner: address?.name ?? owner, email: address?.email ?? null, teams: [], keyResults: [] };
        owners.set(key, due);
      }
      if (!due.teams.includes(o.team)) due.teams.push(o.team);
      due.keyResults.push(item);
    }
  }
  const list = [...owners.values()];
  for (const d of list) d.keyResults.sort(byNeglect);
  list.sort((a, b) => a.owner.localeCompare(b.owner) || (a.email ?? '').localeCompare(b.email ?? ''));
  return { owners: list, unowned: unowned.sort(byNeglect), keyResults, staleKeyResults };
}

/** Longest silent first; never checked in before everything else. */
function byNeglect(a: StaleKeyResult, b: StaleKeyResult): number {
  return (a.lastCheckin ?? '').localeCompare(b.lastCheckin ?? '') || a.team.localeCompare(b.team) || a.krId.localeCompare(b.krId);
}
