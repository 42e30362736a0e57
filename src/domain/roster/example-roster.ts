import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../../config';
import type { Logger } from '../../kernel/logger';
import { parseRosterCsv } from './roster-csv';
import type { RosterService } from './roster-service';

/** Outside production, an empty roster gets config/roster.example.csv, so a newcomer can talk to the bot at once. */
export async function seedExampleRoster(config: AppConfig, channels: ReadonlySet<string>, roster: RosterService, logger: Logger): Promise<void> {
  if (config.env.NODE_ENV === 'production') return;
  if (!(await roster.isEmpty())) return;
  const text = await readFile(join(config.dir, 'roster.example.csv'), 'utf8');
  const people = parseRosterCsv(text, { agencies: new Set(config.agencies.map((a) => a.code)), channels });
  await roster.import(people);
  logger.info({ people: people.length }, 'roster was empty: imported config/roster.example.csv (development only)');
}
