import { CLUE_ROUTES, type ClueRoute } from '../config/routing';
import { localDateOf } from '../kernel/time/local-time';
import { CLUE_STATUSES, type ClueDoc } from './clues';
import type { DeadlineDocument } from './documents';
import type { JointInspection, RectificationItem, SelfInspection } from './inspections';
import type { Meeting } from './meetings';
import {
  backlogCutoff,
  type BulletinFigures,
  type ClueFigures,
  type DocumentFigures,
  type FigurePeriod,
  type MeetingFigures,
  type MonthlyFigures,
  type RectificationFigures,
  type SelfInspectionFigures,
} from './reports';

/**
 * Rollups: what the leaders' figures (概况, 逾期 counts, 简报, 趋势, the export's counts) need from each
 * register, as counted facts. A fact is a key (its family first, then a day or month and the dimensions
 * a figure filters on) and a count; a period's rollup is the sum of the facts of the records of that
 * period (its bucket month). Figures then read the rollups of every month — O(months), not O(records).
 * Figures that depend on "today" keep the due day in the key and decide at read time.
 * Pure: src/store/mongo/rollups.ts stores and maintains them.
 */
export type RollupRegister = 'clue' | 'document' | 'item' | 'inspection' | 'selfInspection' | 'meeting';

export const ROLLUP_REGISTERS: readonly RollupRegister[] = ['clue', 'document', 'item', 'inspection', 'selfInspection', 'meeting'];

export interface Fact {
  k: string[];
  n: number;
}

/** The month (YYYY-MM) whose rollup counts a record of each register. */
export const bucketOf = {
  clue: (clue: Pick<ClueDoc, 'month'>) => clue.month,
  document: (doc: Pick<DeadlineDocument, 'startDate'>) => doc.startDate.slice(0, 7),
  item: (item: Pick<RectificationItem, 'inspectionDate'>) => item.inspectionDate.slice(0, 7),
  inspection: (inspection: Pick<JointInspection, 'date'>) => inspection.date.slice(0, 7),
  selfInspection: (report: Pick<SelfInspection, 'month'>) => report.month,
  meeting: (meeting: Pick<Meeting, 'date'>) => meeting.date.slice(0, 7),
} as const;

/** The day an answer happened: its own date, or (older records) the local day it was recorded. */
const answerDay = (answer: { at: Date; date?: string }) => answer.date ?? localDateOf(answer.at);

const one = (...k: string[]): Fact => ({ k, n: 1 });
/** In a liaison-meeting fact, in place of the start: the minutes record the day it was held. */
const HELD = 'held';

/** The facts one record contributes to its bucket's rollup. */
export const factsOf: { [R in RollupRegister]: (record: never) => Fact[] } = {
  clue: (clue: ClueDoc) => [one('c', localDateOf(clue.submittedAt), clue.route, clue.status), one('ref', clue.month, clue.route)],
  document: (doc: DeadlineDocument) => {
    const open = doc.status === 'open';
    const facts = [one('d', doc.startDate, doc.kind, 'total')];
    if (doc.reply?.at) facts.push(one('d', doc.startDate, doc.kind, 'replied'));
    if (doc.correction?.at) facts.push(one('d', doc.startDate, doc.kind, 'rectified'));
    if (open) facts.push(one('do', doc.startDate, doc.kind, doc.dueDate));
    // 当月到期: open, or closed by a late answer (which answer closes the kind is decided when read).
    const flags = `${open ? 'o' : ''}${doc.reply?.late ? 'r' : ''}${doc.correction?.late ? 'c' : ''}`;
    if (flags) facts.push(one('dl', doc.dueDate, doc.kind, flags));
    // 月末逾期存量: open, or answered after its due day (then it was in the backlog until that day).
    if (open) facts.push(one('db', doc.dueDate, doc.kind, 'o', ''));
    else {
      for (const [mark, answer] of [
        ['r', doc.reply],
        ['c', doc.correction],
      ] as const) {
        if (answer?.at && answerDay(answer) > doc.dueDate) facts.push(one('db', doc.dueDate, doc.kind, mark, answerDay(answer)));
      }
    }
    return facts;
  },
  item: (item: RectificationItem) => {
    const open = item.status === 'open';
    const facts = [one('ri', item.inspectionDate)];
    if (open) facts.push(one('rio', item.inspectionDate, item.dueDate));
    if (item.status === 'done' && item.doneDate) facts.push(one('rd', item.doneDate));
    if (open || item.doneLate) facts.push(one('rl', item.dueMonth, item.dueDate));
    if (open) facts.push(one('rb', item.dueDate, 'o', ''));
    else if (item.doneDate && item.doneDate > item.dueDate) facts.push(one('rb', item.dueDate, 'd', item.doneDate));
    return facts;
  },
  inspection: (inspection: JointInspection) => [
    one('ji', inspection.date),
    { k: ['jf', inspection.date], n: inspection.filesSampled ?? 0 },
    ...[...new Set(inspection.units)].map((unit) => one('ju', inspection.date, unit)),
  ],
  selfInspection: (report: SelfInspection) => [
    one('sn', report.month, report.unit),
    { k: ['sc', report.month], n: report.casesChecked ?? 0 },
    { k: ['su', report.month], n: report.unexecuted ?? 0 },
  ],
  // A liaison meeting counts on the day it was held when its minutes say so, else on its scheduled start; never when cancelled.
  meeting: (meeting: Meeting) => {
    if (meeting.kind !== 'liaison' || meeting.cancelled) return [];
    const heldOn = meeting.minutes?.heldOn;
    return [heldOn ? one('ml', heldOn, HELD) : one('ml', meeting.date, new Date(meeting.startsAt).toISOString())];
  },
};

const SEP = '\u001f';

/** The facts of many records summed per key: one bucket's rollup. */
export function sumFacts(facts: Iterable<Fact>): Fact[] {
  const sums = new Map<string, Fact>();
  for (const fact of facts) {
    if (fact.n === 0) continue;
    const key = fact.k.join(SEP);
    const seen = sums.get(key);
    if (seen) seen.n += fact.n;
    else sums.set(key, { k: [...fact.k], n: fact.n });
  }
  return [...sums.values()].sort((a, b) => (a.k.join(SEP) < b.k.join(SEP) ? -1 : 1));
}

/** Every register's facts (of every bucket), as the figures read them. */
export type RollupFacts = { [R in RollupRegister]: Fact[] };

const within = (day: string | undefined, p: Pick<FigurePeriod, 'from' | 'to'>) => day !== undefined && day >= p.from && day <= p.to;

function* family(facts: readonly Fact[], name: string): Iterable<Fact> {
  for (const fact of facts) if (fact.k[0] === name) yield fact;
}

/** The figures of src/store/reports.ts, read from rollups: the same numbers the queries over the records give. */
export const rollupFigures = {
  clueFigures(f: RollupFacts, period: FigurePeriod): ClueFigures {
    const figures = Object.fromEntries(CLUE_ROUTES.map((route) => [route, Object.fromEntries(CLUE_STATUSES.map((status) => [status, 0]))])) as ClueFigures;
    for (const { k, n } of family(f.clue, 'c')) {
      const [, day, route, status] = k as [string, string, ClueRoute, keyof ClueFigures[ClueRoute]];
      if (within(day, period) && figures[route] && status in figures[route]) figures[route][status] += n;
    }
    return figures;
  },

  documentFigures(f: RollupFacts, period: FigurePeriod, today: string): Record<string, DocumentFigures> {
    const byKind: Record<string, DocumentFigures> = {};
    const of = (kind: string) => (byKind[kind] ??= { total: 0, open: 0, overdue: 0, replied: 0, rectified: 0 });
    for (const { k, n } of family(f.document, 'd')) {
      const [, day, kind, what] = k as [string, string, string, 'total' | 'replied' | 'rectified'];
      if (within(day, period)) of(kind)[what] += n;
    }
    for (const { k, n } of family(f.document, 'do')) {
      const [, day, kind, due] = k as [string, string, string, string];
      if (within(day, period)) of(kind)[due < today ? 'overdue' : 'open'] += n;
    }
    return Object.fromEntries(Object.entries(byKind).filter(([, figures]) => figures.total > 0));
  },

  bulletinFigures(f: RollupFacts, period: FigurePeriod): BulletinFigures {
    const sum = (facts: readonly Fact[], name: string) => [...family(facts, name)].reduce((s, { k, n }) => (within(k[1], period) ? s + n : s), 0);
    const units = new Set([...family(f.inspection, 'ju')].filter(({ k }) => within(k[1], period)).map(({ k }) => k[2]));
    const served: Record<string, number> = {};
    for (const { k, n } of family(f.document, 'd')) if (k[3] === 'total' && within(k[1], period)) served[k[2]!] = (served[k[2]!] ?? 0) + n;
    return { inspections: sum(f.inspection, 'ji'), units: units.size, filesSampled: sum(f.inspection, 'jf'), rectified: sum(f.item, 'rd'), served };
  },

  rectificationFigures(f: RollupFacts, period: FigurePeriod, today: string): RectificationFigures {
    let registered = 0;
    let open = 0;
    let overdue = 0;
    let done = 0;
    for (const { k, n } of f.item) {
      if (k[0] === 'ri' && within(k[1], period)) registered += n;
      else if (k[0] === 'rio' && within(k[1], period)) {
        open += n;
        if (k[2]! < today) overdue += n;
      } else if (k[0] === 'rd' && within(k[1], period)) done += n;
    }
    return { registered, open, overdue, done };
  },

  selfInspectionFigures(f: RollupFacts, period: FigurePeriod): SelfInspectionFigures {
    const months = new Set(period.months);
    const units = new Set<string>();
    let casesChecked = 0;
    let unexecuted = 0;
    for (const { k, n } of f.selfInspection) {
      if (!months.has(k[1]!)) continue;
      if (k[0] === 'sn') units.add(k[2]!);
      else if (k[0] === 'sc') casesChecked += n;
      else if (k[0] === 'su') unexecuted += n;
    }
    return { units: units.size, casesChecked, unexecuted };
  },

  liaisonMeetingFigures(f: RollupFacts, from: string, to: string, now: Date): MeetingFigures {
    let held = 0;
    let scheduled = 0;
    for (const { k, n } of family(f.meeting, 'ml')) {
      if (!within(k[1], { from, to })) continue;
      if (k[2] === HELD || new Date(k[2]!) <= now) held += n;
      else scheduled += n;
    }
    return { held, scheduled };
  },

  /** Open documents and rectification items past due as of `today`: the 逾期 list's total. */
  overdueCount(f: RollupFacts, today: string): number {
    let total = 0;
    for (const { k, n } of family(f.document, 'do')) if (k[3]! < today) total += n;
    for (const { k, n } of family(f.item, 'rio')) if (k[2]! < today) total += n;
    return total;
  },

  /** Clues of `route` submitted in the period (the export counts the withheld route's, never lists them). */
  cluesOf(f: RollupFacts, period: FigurePeriod, route: string): number {
    let total = 0;
    for (const { k, n } of family(f.clue, 'c')) if (k[2] === route && within(k[1], period)) total += n;
    return total;
  },

  monthlyFigures(f: RollupFacts, months: readonly string[], today: string, correctionKinds: readonly string[]): MonthlyFigures {
    const corrected = new Set(correctionKinds);
    const index = new Map(months.map((m, i) => [m, i]));
    const referrals = Object.fromEntries(CLUE_ROUTES.map((route) => [route, months.map(() => 0)])) as Record<ClueRoute, number[]>;
    for (const { k, n } of family(f.clue, 'ref')) {
      const i = index.get(k[1]!);
      if (i !== undefined && referrals[k[2] as ClueRoute]) referrals[k[2] as ClueRoute][i]! += n;
    }
    const overdue = months.map(() => 0);
    for (const { k, n } of family(f.document, 'dl')) {
      const [, due, kind, flags] = k as [string, string, string, string];
      const i = index.get(due.slice(0, 7));
      if (i === undefined || due >= today) continue;
      if (flags.includes('o') || flags.includes(corrected.has(kind) ? 'c' : 'r')) overdue[i]! += n;
    }
    for (const { k, n } of family(f.item, 'rl')) {
      const i = index.get(k[1]!);
      if (i !== undefined && k[2]! < today) overdue[i]! += n;
    }
    const backlog = months.map((month) => {
      const cutoff = backlogCutoff(month, today);
      let count = 0;
      for (const { k, n } of family(f.document, 'db')) {
        const [, due, kind, state, answered] = k as [string, string, string, string, string];
        if (due >= cutoff) continue;
        if (state === 'o' || (cutoff !== today && state === (corrected.has(kind) ? 'c' : 'r') && answered >= cutoff)) count += n;
      }
      for (const { k, n } of family(f.item, 'rb')) {
        const [, due, state, doneDate] = k as [string, string, string, string];
        if (due < cutoff && (state === 'o' || (cutoff !== today && doneDate >= cutoff))) count += n;
      }
      return count;
    });
    return { referrals, overdue, backlog };
  },
};
