import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthPeriod, parsePeriod, yearPeriod } from '../../src/domain/reports/period';
import { lastTwelveMonths } from '../../src/domain/reports/trend';
import { parseLocalDate } from '../../src/kernel/time/local-date';
import { connectDatabase, ensureIndexes } from '../../src/store/mongo/connection';
import { MongoDocumentStore } from '../../src/store/mongo/documents';
import { MongoInspectionStore } from '../../src/store/mongo/inspections';
import { ClueModel } from '../../src/store/mongo/models/clue';
import { MeetingModel } from '../../src/store/mongo/models/meeting';
import { MongoReportStore } from '../../src/store/mongo/reports';
import type { DeadlineDocument } from '../../src/store/documents';
import type { InspectionStore } from '../../src/store/inspections';
import type { ReportStore } from '../../src/store/reports';
import { MemoryClaimStore } from '../support/memory/claims';
import { MemoryDocumentStore } from '../support/memory/documents';
import { MemoryInspectionStore } from '../support/memory/inspections';
import { MemoryReportStore } from '../support/memory/reports';
import { countyRecords } from '../support/report-records';
import { uniqueDbName } from '../support/test-bot';

/**
 * The memory ReportStore (unit tests' stand-in) must give the figures the database gives: the same
 * records go into both, and every query of the leaders' reports is asked of both.
 */

const TODAY = '2026-11-26';
const NOW = new Date('2026-11-26T02:00:00Z');
const records = countyRecords();

async function seed(documents: { insert(doc: DeadlineDocument): Promise<void> }, inspections: InspectionStore): Promise<void> {
  for (const doc of records.documents) await documents.insert(doc);
  for (const inspection of records.inspections) await inspections.insertInspection(inspection);
  for (const item of records.items) await inspections.insertItem(item);
  for (const report of records.selfInspections) await inspections.saveSelfInspection(report);
}

describe('the memory and the Mongo ReportStore on the same records', () => {
  let mongo: ReportStore;
  let memory: ReportStore;

  beforeAll(async () => {
    if (mongoose.connection.readyState !== 0) await mongoose.disconnect();
    await connectDatabase(process.env.MONGODB_URI!, uniqueDbName());
    await ensureIndexes();
    await seed(new MongoDocumentStore(), new MongoInspectionStore());
    await ClueModel.insertMany(records.clues);
    await MeetingModel.insertMany(records.meetings);
    mongo = new MongoReportStore();

    const claims = new MemoryClaimStore();
    const documents = new MemoryDocumentStore(claims);
    const inspections = new MemoryInspectionStore(claims);
    await seed(documents, inspections);
    memory = new MemoryReportStore({ documents, inspections, clues: () => records.clues, meetings: () => records.meetings });
  });
  afterAll(async () => {
    await mongoose.disconnect();
  });

  const today = parseLocalDate(TODAY);
  const periods = {
    '2026': yearPeriod(2026),
    '2025': yearPeriod(2025),
    '2026-01': monthPeriod(2026, 1),
    本季度: parsePeriod('本季度', today),
  };

  async function same<T>(query: (store: ReportStore) => Promise<T>): Promise<T> {
    const [fromMongo, fromMemory] = await Promise.all([query(mongo), query(memory)]);
    expect(fromMemory).toEqual(fromMongo);
    return fromMongo;
  }

  it.each(Object.entries(periods))('gives the same period figures for %s', async (_, period) => {
    await same((s) => s.bulletinFigures(period));
    await same((s) => s.clueFigures(period));
    await same((s) => s.documentFigures(period, TODAY));
    await same((s) => s.rectificationFigures(period, TODAY));
    await same((s) => s.selfInspectionFigures(period));
  });

  it('gives figures that are not all zero', async () => {
    expect(await same((s) => s.bulletinFigures(periods['2026']))).toEqual({
      inspections: 2,
      units: 3,
      filesSampled: 42,
      rectified: 2,
      served: { notice: 2, recommendation: 2, transfer: 1, followup: 1 },
    });
    expect((await same((s) => s.documentFigures(periods['2026'], TODAY))).notice).toEqual({ total: 2, open: 0, overdue: 1, replied: 2, rectified: 1 });
  });

  it('counts the liaison meetings of each half-year', async () => {
    expect(await same((s) => s.liaisonMeetingFigures('2026-07-01', '2026-12-31', NOW))).toEqual({ held: 0, scheduled: 1 });
    expect(await same((s) => s.liaisonMeetingFigures('2026-01-01', '2026-06-30', NOW))).toEqual({ held: 1, scheduled: 0 });
  });

  it('pages the overdue items of both registers in the same order', async () => {
    const all = await same((s) => s.overdue(TODAY, 0, 20));
    expect(all.rows.map((r) => r.number)).toEqual(['TZ-2025-0001', 'TZ-2026-0001', 'HY-2026-0001-1', 'YS-2026-0001', 'ZG-2026-0003']);
    await same((s) => s.overdue(TODAY, 1, 2));
    await same((s) => s.overdue(TODAY, 9, 2));
  });

  it('gives the same monthly series, late by each kind’s closing answer', async () => {
    const series = await same((s) => s.monthlyFigures(lastTwelveMonths(today), TODAY, ['notice', 'rectification']));
    expect(series.overdue.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // The running month's backlog is what 逾期 lists today.
    expect(series.backlog.at(-1)).toBe((await same((s) => s.overdue(TODAY, 0, 1))).total);
    await same((s) => s.monthlyFigures(lastTwelveMonths(today), TODAY, []));
  });

  it('exports the same records, the withheld route counted for outsiders only', async () => {
    const outsider = await same((s) => s.exportRecords(periods['2026'], { withheldRoute: 'jw', insider: false }));
    expect([outsider.clues.length, outsider.cluesWithheld, outsider.documents.length, outsider.meetings.length]).toEqual([2, 2, 6, 3]);
    const insider = await same((s) => s.exportRecords(periods['2026'], { withheldRoute: 'jw', insider: true }));
    expect([insider.clues.length, insider.cluesWithheld]).toEqual([4, 0]);
  });

  it('marks a periodic report once', async () => {
    for (const store of [mongo, memory]) {
      expect(await store.hasRun('bulletin:2026-10')).toBe(false);
      await store.markRun('bulletin:2026-10', NOW);
      await store.markRun('bulletin:2026-10', NOW);
      expect(await store.hasRun('bulletin:2026-10')).toBe(true);
    }
  });
});
