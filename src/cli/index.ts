import { openRuntime, runMain, StartupError, type Runtime } from '../runtime';
import { rosterImport, rosterRemove } from './roster-import';
import { schedulerTick } from './scheduler-tick';
import { dataImport } from './data-import';
import { reviewImport } from './review-import';
import { agendaRebuild } from './agenda-rebuild';
import { bulletinImport } from './bulletin-import';
import { keysReencrypt } from './keys-reencrypt';

/** `npm run cli -- <command> [args]`: operator commands against the configured database. */
const COMMANDS: Record<string, { usage: string; run(runtime: Runtime, args: string[]): Promise<void> }> = {
  'roster import': { usage: 'roster import <file.csv> [--replace]  (--replace removes everyone not in the file)', run: rosterImport },
  'roster remove': { usage: 'roster remove <userId> [channel]', run: rosterRemove },
  'scheduler tick': { usage: 'scheduler tick [--at <ISO-8601> [--allow-future]]', run: schedulerTick },
  'agenda rebuild': {
    usage: 'agenda rebuild  (files the reminder agenda anew from the deadline documents and every register with reminders)',
    run: agendaRebuild,
  },
  import: {
    usage: 'import <file.csv|file.json>  (joint inspections, problems, self-inspections, or documents with their history; docs/import-format.md)',
    run: dataImport,
  },
  'review import': { usage: 'review import <file.csv|file.xlsx>  (行政复议/行政诉讼 records; README "复议纠错与诉讼败诉")', run: reviewImport },
  'keys reencrypt': { usage: 'keys reencrypt  (seals every clue again under CLUE_ENCRYPTION_KEY after a rotation; SECURITY.md)', run: keysReencrypt },
  'bulletin import': { usage: 'bulletin import <file.csv|file.xlsx>  (units\' monthly 执法信息; README "执法信息通报")', run: bulletinImport },
};

runMain(async () => {
  const argv = process.argv.slice(2);
  const name = Object.keys(COMMANDS).find((key) => key.split(' ').every((word, i) => argv[i] === word));
  if (!name) {
    throw new StartupError(
      `usage: npm run cli -- <command>\n${Object.values(COMMANDS)
        .map((c) => `  ${c.usage}`)
        .join('\n')}`,
    );
  }
  const runtime = await openRuntime();
  try {
    await COMMANDS[name]!.run(runtime, argv.slice(name.split(' ').length));
  } finally {
    await runtime.close();
  }
});
