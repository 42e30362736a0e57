import { CHANNEL_NAMES } from '../channels';
import { RosterFileError, parseRosterCsv } from '../domain/roster/roster-csv';
import { RosterService } from '../domain/roster/roster-service';
import type { Person } from '../kernel/people';
import { StartupError, type Runtime } from '../runtime';
import { createMongoStores } from '../store/mongo';
import { readInputFile } from './read-input-file';

/** `roster import <file.csv>`: all rows or nothing. */
export async function rosterImport(runtime: Runtime, [file]: string[]): Promise<void> {
  const text = await readInputFile(file, 'roster CSV');
  let people: Person[];
  try {
    people = parseRosterCsv(text, { agencies: new Set(runtime.config.agencies.map((a) => a.code)), channels: CHANNEL_NAMES });
  } catch (err) {
    if (err instanceof RosterFileError) throw new StartupError(`${file}: nothing imported.\n${err.message}`);
    throw err;
  }
  const { inserted, updated } = await new RosterService(createMongoStores().roster).import(people);
  process.stdout.write(`roster: ${people.length} rows read, ${inserted} added, ${updated} updated\n`);
}
