import { parse } from 'csv-parse/sync';
import { ROLES, type Role } from '../../kernel/people';
import type { Person } from '../../kernel/people';

export const ROSTER_HEADER = ['userId', 'name', 'agency', 'roles', 'channel'] as const;

export class RosterFileError extends Error {
  override name = 'RosterFileError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** The agency codes (config) and channel names (the channels registered in src/channels/index.ts) a roster may use. */
export interface RosterVocabulary {
  agencies: ReadonlySet<string>;
  channels: ReadonlySet<string>;
}

const USER_ID = /^[A-Za-z0-9_.@-]{1,64}$/;

/**
 * Parses a roster CSV (header `userId,name,agency,roles,channel`, roles joined by `|`).
 * Any bad row fails the whole file, each problem named with its line number.
 */
export function parseRosterCsv(text: string, known: RosterVocabulary): Person[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (err) {
    throw new RosterFileError([`CSV could not be read: ${(err as Error).message.split('\n')[0]}`]);
  }
  const [header, ...rows] = records;
  if (!header || header.join(',') !== ROSTER_HEADER.join(',')) {
    throw new RosterFileError([`line 1: header must be exactly ${ROSTER_HEADER.join(',')}`]);
  }
  const problems: string[] = [];
  const people: Person[] = [];
  const seen = new Map<string, number>();
  for (const [index, cells] of rows.entries()) {
    const line = index + 2;
    const read = readRow(cells, known);
    if (typeof read === 'string') {
      problems.push(`line ${line}: ${read}`);
      continue;
    }
    const identity = `${read.channel}:${read.userId}`;
    const earlier = seen.get(identity);
    if (earlier) {
      problems.push(`line ${line}: ${identity} already appears on line ${earlier}`);
      continue;
    }
    seen.set(identity, line);
    people.push(read);
  }
  if (problems.length) throw new RosterFileError(problems);
  return people;
}

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** One row as a person, or what is wrong with it. */
function readRow(cells: string[], known: RosterVocabulary): Person | string {
  if (cells.length !== ROSTER_HEADER.length) return `expected ${ROSTER_HEADER.length} columns, found ${cells.length}`;
  const [userId, name, agency, rolesText, channel] = cells as [string, string, string, string, string];
  if (!USER_ID.test(userId)) return `userId "${userId}" must be 1-64 letters, digits or _.@-`;
  if (!name) return 'name is empty';
  // A control character is never part of a name (and PostgreSQL-backed stores cannot hold NUL).
  if (CONTROL_CHARACTER.test(name)) return 'name contains a control character';
  if (!known.agencies.has(agency)) return `unknown agency "${agency}"`;
  const roles = rolesText
    .split('|')
    .map((r) => r.trim())
    .filter(Boolean);
  const badRole = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0) return 'roles is empty';
  if (badRole) return `unknown role "${badRole}" (allowed: ${ROLES.join(', ')})`;
  if (!known.channels.has(channel)) return `unknown channel "${channel}" (allowed: ${[...known.channels].join(', ')})`;
  return { userId, name, agency, roles: [...new Set(roles)] as Role[], channel };
}
