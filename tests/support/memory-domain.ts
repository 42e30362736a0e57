import { DocumentService } from '../../src/domain/documents/document-service';
import { InspectionService } from '../../src/domain/inspections/inspection-service';
import { Notifier } from '../../src/domain/notifier';
import { createWorkingCalendar } from '../../src/domain/deadlines/calendar';
import type { ReportFileStore } from '../../src/domain/reports/files';
import { ReportService } from '../../src/domain/reports/report-service';
import type { RosterService } from '../../src/domain/roster/roster-service';
import { FixedClock } from '../../src/kernel/clock';
import { configured } from './document-kinds';
import { createMemoryStores, type MemoryStores } from './memory';
import { PeopleRoster } from './people-roster';

export interface MemoryDomainOptions {
  now?: Date;
  /** Another configuration folder (e.g. a copy with an extra document kind). */
  configDir?: string;
  stores?: MemoryStores;
  clock?: FixedClock;
}

/**
 * The documents, inspections and reports services over memory stores, the example roster and the
 * shipped configuration: what their unit tests and the documents bot's need, without a database.
 * Charts and exports are kept in a map (the report files store is not one of these stores).
 */
export function memoryDomain(options: MemoryDomainOptions = {}) {
  const { config, org, kinds } = configured(options.configDir);
  const clock = options.clock ?? new FixedClock(options.now ?? new Date('2026-11-26T02:00:00Z'));
  const stores = options.stores ?? createMemoryStores();
  const roster = PeopleRoster.example(config);
  const notifier = new Notifier(roster as unknown as RosterService, clock, stores.outbox);
  const calendar = createWorkingCalendar(config.holidays);
  const { lateAfterMinutes } = config.reminders.deadlines;
  const common = { sequences: stores.sequences, kinds, org, lateAfterMinutes, roster, notifier, clock };
  const documents = new DocumentService({ ...common, documents: stores.documents, calendar });
  const inspections = new InspectionService({ ...common, inspections: stores.inspections });
  const saved = new Map<string, { name: string; data: Buffer }>();
  const files = {
    save: async (_owner: unknown, _kind: unknown, name: string, _type: string, data: Buffer) => {
      const token = `file-${saved.size + 1}`;
      saved.set(token, { name, data });
      return { token, expiresAt: new Date(clock.now().getTime() + 30 * 60_000) };
    },
  } as unknown as ReportFileStore;
  const reports = new ReportService({
    store: stores.reports,
    reports: config.reports,
    reminders: config.reminders,
    kinds,
    org,
    calendar,
    roster,
    notifier,
    files,
    clock,
  });

  /** Texts the outbox holds for a user, oldest first, that contain `marker`. */
  const pushed = (userId: string, marker = ''): string[] =>
    [...stores.outbox.rows.values()].filter((row) => row.userId === userId && row.message.text.includes(marker)).map((row) => row.message.text);

  return { config, org, kinds, clock, stores, roster, notifier, calendar, documents, inspections, reports, files: saved, pushed };
}

export type MemoryDomain = ReturnType<typeof memoryDomain>;
