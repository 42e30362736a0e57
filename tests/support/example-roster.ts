import { readFileSync } from 'node:fs';
import { loadConfig } from '../../src/config';
import { CHANNEL_NAMES } from '../../src/channels';
import { parseRosterCsv } from '../../src/domain/roster/roster-csv';
import type { Person } from '../../src/kernel/people';

/** The people of config/roster.example.csv (jw/jcy/sfj officers, organizers and leaders, two units' liaisons, an admin). */
export function examplePeople(): Person[] {
  const agencies = new Set(loadConfig({ NODE_ENV: 'test' }).agencies.map((a) => a.code));
  return parseRosterCsv(readFileSync('config/roster.example.csv', 'utf8'), { agencies, channels: CHANNEL_NAMES });
}
