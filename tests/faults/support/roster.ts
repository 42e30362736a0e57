import { readFileSync } from 'node:fs';
import { loadConfig } from '../../../src/config';
import { CHANNEL_NAMES } from '../../../src/channels';
import { parseRosterCsv } from '../../../src/domain/roster/roster-csv';
import { RosterService } from '../../../src/domain/roster/roster-service';
import { createMongoStores } from '../../../src/store/mongo';

/** Imports config/roster.example.csv plus extra CSV rows (e.g. DingTalk users) into the connected database. */
export async function importRoster(extraRows: string[] = []): Promise<void> {
  const agencies = new Set(loadConfig({ NODE_ENV: 'test' }).agencies.map((a) => a.code));
  const csv = [readFileSync('config/roster.example.csv', 'utf8').trim(), ...extraRows].join('\n');
  await new RosterService(createMongoStores().roster).import(parseRosterCsv(csv, { agencies, channels: CHANNEL_NAMES }));
}
