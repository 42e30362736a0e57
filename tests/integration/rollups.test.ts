import fc from 'fast-check';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUE_ROUTES, type ClueRoute } from '../../src/config/routing';
import { monthPeriod, yearPeriod } from '../../src/domain/reports/period';
import type { ClueDoc } from '../../src/store/clues';
import { MongoClueStore } from '../../src/store/mongo/clues';
import { connectDatabase, ensureIndexes } from '../../src/store/mongo/connection';
import { MongoDocumentStore } from '../../src/store/mongo/documents';
import { MongoInspectionStore } from '../../src/store/mongo/inspections';
import { ClueModel } from '../../src/store/mongo/models/clue';
import { DeadlineDocumentModel } from '../../src/store/mongo/models/deadline-document';
import { RollupDirtyModel, RollupModel } from '../../src/store/mongo/models/rollup';
import { MongoReportStore } from '../../src/store/mongo/reports';
import { rollups } from '../../src/store/mongo/rollups';
import { ROLLUP_REGISTERS, type RollupFacts, sumFacts } from '../../src/store/rollup-facts';
import { clueRecord, documentRecord, inspectionRecord, itemRecord } from '../support/report-records';
import { uniqueDbName } from '../support/test-bot';

/**
 * The rollups kept in step by the stores' writes must equal a full recount of the records: after random
 * registrations, replies, corrections, deadline changes, transfers, closures; after a change that
 * crashed between its record and its rollup (repaired by the next read); and after `rollups rebuild`.
 */

const ACTOR = { channel: 'console' as const, userId: 'sfj-officer', name: '周洁', agency: 'sfj' };
const SEALED = { keyId: 'test', iv: 'aXY=', tag: 'dGFn', data: 'ZGF0YQ==' };
const KINDS = ['recommendation', 'notice', 'decision'] as const;
const DAYS = ['2026-01-10', '2026-01-31', '2026-02-01', '2026-02-27', '2026-03-15', '2025-12-31'];
const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

type Op =
  | { op: 'document'; kind: number; start: number; due: number }
  | { op: 'reply'; pick: number; day: number; late: boolean }
  | { op: 'correct'; pick: number; day: number; late: boolean }
  | { op: 'due'; pick: number; day: number }
  | { op: 'clue'; route: number; day: number }
  | { op: 'transfer'; pick: number; route: number }
  | { op: 'conclude'; pick: number }
  | { op: 'item'; day: number; due: number }
  | { op: 'close'; pick: number; day: number };

const index = (n: number) => fc.nat({ max: n - 1 });
const day = index(DAYS.length);
const OP: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('document' as const), kind: index(KINDS.length), start: day, due: day }),
  fc.record({ op: fc.constant('reply' as const), pick: fc.nat(), day, late: fc.boolean() }),
  fc.record({ op: fc.constant('correct' as const), pick: fc.nat(), day, late: fc.boolean() }),
  fc.record({ op: fc.constant('due' as const), pick: fc.nat(), day }),
  fc.record({ op: fc.constant('clue' as const), route: index(CLUE_ROUTES.length), day }),
  fc.record({ op: fc.constant('transfer' as const), pick: fc.nat(), route: index(CLUE_ROUTES.length) }),
  fc.record({ op: fc.constant('conclude' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('item' as const), day, due: day }),
  fc.record({ op: fc.constant('close' as const), pick: fc.nat(), day }),
);

const normalized = (facts: RollupFacts) => Object.fromEntries(ROLLUP_REGISTERS.map((r) => [r, sumFacts(facts[r])]));

describe('rollups', { timeout: 600_000 }, () => {
  const documents = new MongoDocumentStore();
  const clues = new MongoClueStore();
  const inspections = new MongoInspectionStore();
  let run = 0;

  beforeAll(async () => {
    if (mongoose.connection.readyState !== 0) await mongoose.disconnect();
    await connectDatabase(process.env.MONGODB_URI!, uniqueDbName());
    await ensureIndexes();
  });
  afterAll(async () => {
    await mongoose.disconnect();
  });

  async function apply(op: Op, prefix: string, made: { documents: string[]; clues: string[]; items: string[] }): Promise<void> {
    const pick = (list: string[], n: number) => list[n % list.length];
    if (op.op === 'document') {
      const number = `${prefix}-D${made.documents.length + 1}`;
      await documents.insert(
        documentRecord({ number, kind: KINDS[op.kind]!, issuer: 'sfj', recipient: 'zhzf', startDate: DAYS[op.start]!, dueDate: DAYS[op.due]! }),
      );
      made.documents.push(number);
    } else if (op.op === 'reply' || op.op === 'correct' || op.op === 'due') {
      const number = pick(made.documents, op.pick);
      const doc = number && (await documents.find(number));
      if (!doc) return;
      const outcome = { at: at(DAYS[op.day]!), date: DAYS[op.day]!, by: ACTOR, text: '已办理', late: op.op !== 'due' && op.late };
      const set =
        op.op === 'reply'
          ? { reply: outcome, status: 'closed' as const }
          : op.op === 'correct'
            ? { correction: outcome, status: 'closed' as const }
            : { dueDate: DAYS[op.day]! };
      await documents.applyChange(doc.number, doc.version ?? 0, { set }, new Date());
    } else if (op.op === 'clue') {
      const number = `XS-2026-${String(made.clues.length + 1 + run * 1000).padStart(4, '0')}`;
      const { added } = await clues.addOnce(`${prefix}-draft-${made.clues.length}`, 2026, new Date(), () => ({
        ...clueRecord(number, CLUE_ROUTES[op.route]!, at(DAYS[op.day]!)),
        draftId: `${prefix}-draft-${made.clues.length}`,
      }));
      if (added) made.clues.push(number);
    } else if (op.op === 'transfer' || op.op === 'conclude') {
      const number = pick(made.clues, op.pick);
      const clue = number && ((await ClueModel.findOne({ number }).lean<ClueDoc>()) as ClueDoc | null);
      if (!clue) return;
      const change =
        op.op === 'transfer'
          ? {
              set: { route: CLUE_ROUTES[op.route]! as ClueRoute, status: 'submitted' as const },
              transfer: { from: clue.route, to: CLUE_ROUTES[op.route]! as ClueRoute, reason: SEALED, by: SEALED as never, at: new Date() },
            }
          : { set: { status: 'concluded' as const, concludedAt: new Date() } };
      await clues.change(clue.number, clue.version, change, new Date());
    } else if (op.op === 'item') {
      const inspection = inspectionRecord(`${prefix}-XC${made.items.length + 1}`, DAYS[op.day]!, ['zhzf', 'scjg'], 3);
      await inspections.insertInspection(inspection);
      const item = itemRecord(`${prefix}-ZG${made.items.length + 1}`, inspection, 'zhzf', DAYS[op.due]!);
      await inspections.insertItem(item);
      made.items.push(item.number);
    } else {
      const number = pick(made.items, op.pick);
      const item = number ? await inspections.findItem(number) : null;
      if (item?.status !== 'open') return;
      const doneDate = DAYS[op.day]!;
      await inspections.closeItem(
        item.number,
        { doneDate, doneMonth: doneDate.slice(0, 7), doneLate: doneDate > item.dueDate, doneNote: '已整改', doneBy: ACTOR },
        new Date(),
      );
    }
  }

  it('equal a full recount after random registrations, replies, deadline changes, transfers and closures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(OP, { minLength: 4, maxLength: 14 }), async (ops) => {
        run++;
        const made = { documents: [], clues: [], items: [] };
        for (const op of ops) await apply(op, `R${run}`, made);
        expect(normalized(await rollups.read())).toEqual(normalized(await rollups.recount()));
      }),
      { numRuns: 6, seed: 2026 },
    );
    // And the figures read from them are those of the records: a month's and a year's.
    const store = new MongoReportStore();
    const figures = await store.documentFigures(yearPeriod(2026), '2026-02-15');
    expect(Object.values(figures).reduce((n, f) => n + f.total, 0)).toBe(
      await DeadlineDocumentModel.countDocuments({ startDate: { $gte: '2026-01-01', $lte: '2026-12-31' } }),
    );
    const january = await store.clueFigures(monthPeriod(2026, 1));
    const counted = Object.values(january).reduce((n, byStatus) => n + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
    expect(counted).toBe(await ClueModel.countDocuments({ month: '2026-01' }));
  });

  it('repair a change that crashed between its record and its rollup, on the next read', async () => {
    const before = await new MongoReportStore().documentFigures(monthPeriod(2026, 3), '2026-03-20');
    // The crash: the marker and the record written, the rollup never recomputed.
    await RollupDirtyModel.create({ _id: 'document:m:2026-03:crashed', register: 'document', month: '2026-03', at: new Date(Date.now() - 120_000) });
    await DeadlineDocumentModel.create(
      documentRecord({ number: 'CRASH-1', kind: 'notice', issuer: 'sfj', recipient: 'zhzf', startDate: '2026-03-15', dueDate: '2026-03-10' }),
    );
    const after = await new MongoReportStore().documentFigures(monthPeriod(2026, 3), '2026-03-20');
    expect(after.notice?.total).toBe((before.notice?.total ?? 0) + 1);
    expect(after.notice?.overdue).toBe((before.notice?.overdue ?? 0) + 1);
    expect(normalized(await rollups.read())).toEqual(normalized(await rollups.recount()));
    // The repair deleted the crashed writer's marker (older than a minute).
    expect(await RollupDirtyModel.countDocuments({ _id: 'document:m:2026-03:crashed' })).toBe(0);
  });

  it('are recomputed by `rollups rebuild` after a write that bypassed them, and rebuilding twice changes nothing', async () => {
    await ClueModel.create({ ...clueRecord('XS-2026-9999', 'jw', at('2026-02-01')), draftId: 'bypass' });
    expect(normalized(await rollups.read())).not.toEqual(normalized(await rollups.recount()));
    await rollups.rebuild();
    const once = normalized(await rollups.read());
    expect(once).toEqual(normalized(await rollups.recount()));
    await rollups.rebuild();
    expect(normalized(await rollups.read())).toEqual(once);
    // One rollup per month and register is left: older ones are deleted.
    const docs = await RollupModel.find({ register: { $ne: 'built' } }, { register: 1, month: 1 }).lean();
    expect(new Set(docs.map((d) => `${d.register}:${d.month}`)).size).toBe(docs.length);
  });
});
