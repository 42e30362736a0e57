import { CHANNEL_NAMES } from '../channels';
import { RosterFileError, parseRosterCsv } from '../domain/roster/roster-csv';
import { RosterService } from '../domain/roster/roster-service';
import type { Person } from '../kernel/people';
import { StartupError, type Runtime } from '../runtime';
import { createMongoStores } from '../store/mongo';
import { readInputFile } from './read-input-file';

const REPLACE = '--replace';

/**
 * `roster import <file.csv> [--replace]`: all rows or nothing. With --replace, everyone not in the file
 * is removed too (a transferred officer loses access from their next message on).
 */
export async function rosterImport(runtime: Runtime, args: string[]): Promise<void> {
  const replace = args.includes(REPLACE);
  const [file, ...extra] = args.filter((a) => a !== REPLACE);
  if (extra.length > 0) throw new StartupError(`unexpected argument ${extra[0]}; usage: roster import <file.csv> [--replace]`);
  const text = await readInputFile(file, 'roster CSV');
  let people: Person[];
  try {
    people = parseRosterCsv(text, { agencies: new Set(runtime.config.agencies.map((a) => a.code)), channels: CHANNEL_NAMES });
  } catch (err) {
    if (err instanceof RosterFileError) throw new StartupError(`${file}: nothing imported.\n${err.message}`);
    throw err;
  }
  const roster = new RosterService(createMongoStores().roster);
  const { inserted, updated } = await roster.import(people);
  const removed = replace ? `, ${await roster.remove(people, 'allBut')} removed` : '';
  process.stdout.write(`roster: ${people.length} rows read, ${inserted} added, ${updated} updated${removed}\n`);
}

/** `roster remove <userId> [channel]`: removes the person (on every channel unless one is named), at once. */
export async function rosterRemove(_runtime: Runtime, [userId, channel, ...extra]: string[]): Promise<void> {
  if (!userId || extra.length > 0) throw new StartupError('usage: roster remove <userId> [channel]');
  const roster = new RosterService(createMongoStores().roster);
  const entries = (await roster.all()).filter((p) => p.userId === userId && (channel === undefined || p.channel === channel));
  if (entries.length === 0) throw new StartupError(`roster: nobody with userId ${userId}${channel ? ` on ${channel}` : ''}; nothing removed`);
  const removed = await roster.remove(entries);
  process.stdout.write(`roster: ${removed} removed (${entries.map((p) => `${p.channel}:${p.userId}`).join(', ')})\n`);
}
