import { CLUE_ROUTES, type ClueRoute } from '../../../src/config/routing';
import { CLUE_STATUSES, type ClueDoc } from '../../../src/store/clues';
import type { DeadlineDocument } from '../../../src/store/documents';
import { localDateOf } from '../../../src/kernel/time/local-time';
import { backlogCutoff } from '../../../src/store/reports';
import type { Meeting } from '../../../src/store/meetings';
import type {
  ClueDeadlineRow,
  BulletinFigures,
  ClueFigures,
  DocumentFigures,
  ExportRecords,
  FigurePeriod,
  MeetingFigures,
  MonthlyFigures,
  OverdueRow,
  OverdueRows,
  RectificationFigures,
  ReportStore,
  SelfInspectionFigures,
} from '../../../src/store/reports';
import type { MemoryDocumentStore } from './documents';
import type { MemoryInspectionStore } from './inspections';
import { byKeys, copies } from './records';

/** The records the figures are computed from: the memory stores' own, and clues and meetings as their stores keep them. */
export interface ReportSources {
  documents: MemoryDocumentStore;
  inspections: MemoryInspectionStore;
  clues: () => readonly ClueDoc[];
  meetings: () => readonly Meeting[];
}

const within = (date: string | undefined, p: Pick<FigurePeriod, 'from' | 'to'>) => date !== undefined && date >= p.from && date <= p.to;
const submittedIn = (clue: ClueDoc, p: FigurePeriod) => clue.submittedAt >= p.start && clue.submittedAt < p.end;

function countBy<T>(records: readonly T[], key: (record: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of records) counts[key(record)] = (counts[key(record)] ?? 0) + 1;
  return counts;
}

/** The same figures as the Mongo ReportStore, computed from the records in memory. For unit tests only. */
export class MemoryReportStore implements ReportStore {
  readonly runs = new Map<string, Date>();

  constructor(private readonly sources: ReportSources) {}

  private get documents(): readonly DeadlineDocument[] {
    return this.sources.documents.records;
  }

  private get inspections() {
    return this.sources.inspections;
  }

  async bulletinFigures(period: FigurePeriod): Promise<BulletinFigures> {
    const inspections = this.inspections.inspections.filter((i) => within(i.date, period));
    return {
      inspections: inspections.length,
      units: new Set(inspections.flatMap((i) => i.units)).size,
      filesSampled: inspections.reduce((sum, i) => sum + i.filesSampled, 0),
      rectified: this.inspections.items.filter((i) => i.status === 'done' && within(i.doneDate, period)).length,
      served: countBy(
        this.documents.filter((d) => within(d.startDate, period)),
        (d) => d.kind,
      ),
    };
  }

  async clueFigures(period: FigurePeriod): Promise<ClueFigures> {
    const figures = Object.fromEntries(CLUE_ROUTES.map((route) => [route, Object.fromEntries(CLUE_STATUSES.map((status) => [status, 0]))])) as ClueFigures;
    for (const clue of this.sources.clues()) if (submittedIn(clue, period) && figures[clue.route]) figures[clue.route][clue.status]++;
    return figures;
  }

  async documentFigures(period: FigurePeriod, today: string): Promise<Record<string, DocumentFigures>> {
    const figures: Record<string, DocumentFigures> = {};
    for (const d of this.documents.filter((doc) => within(doc.startDate, period))) {
      figures[d.kind] ??= { total: 0, open: 0, overdue: 0, replied: 0, rectified: 0 };
      const f = figures[d.kind]!;
      f.total++;
      if (d.status === 'open' && d.dueDate >= today) f.open++;
      if (d.status === 'open' && d.dueDate < today) f.overdue++;
      if (d.reply?.at) f.replied++;
      if (d.correction?.at) f.rectified++;
    }
    return figures;
  }

  async rectificationFigures(period: FigurePeriod, today: string): Promise<RectificationFigures> {
    const { items } = this.inspections;
    const found = items.filter((i) => within(i.inspectionDate, period));
    return {
      registered: found.length,
      open: found.filter((i) => i.status === 'open').length,
      overdue: found.filter((i) => i.status === 'open' && i.dueDate < today).length,
      done: items.filter((i) => i.status === 'done' && within(i.doneDate, period)).length,
    };
  }

  async selfInspectionFigures(period: FigurePeriod): Promise<SelfInspectionFigures> {
    const reports = this.inspections.selfInspections.filter((r) => period.months.includes(r.month));
    return {
      units: new Set(reports.map((r) => r.unit)).size,
      casesChecked: reports.reduce((sum, r) => sum + r.casesChecked, 0),
      unexecuted: reports.reduce((sum, r) => sum + r.unexecuted, 0),
    };
  }

  async liaisonMeetingFigures(from: string, to: string, now: Date): Promise<MeetingFigures> {
    const liaison = this.sources.meetings().filter((m) => m.kind === 'liaison' && !m.cancelled);
    const held = liaison.filter((m) => (m.minutes?.heldOn ? within(m.minutes.heldOn, { from, to }) : within(m.date, { from, to }) && m.startsAt <= now));
    return { held: held.length, scheduled: liaison.filter((m) => within(m.date, { from, to }) && m.startsAt > now).length };
  }

  async overdue(today: string, skip: number, limit: number): Promise<OverdueRows> {
    const rows: OverdueRow[] = [
      ...this.documents
        .filter((d) => d.status === 'open' && d.dueDate < today)
        .map((d) => ({ number: d.number, kind: d.kind, recipient: d.recipient, dueDate: d.dueDate, escalated: Boolean(d.escalatedAt) })),
      ...this.inspections.items
        .filter((i) => i.status === 'open' && i.dueDate < today)
        .map((i) => ({ number: i.number, recipient: i.owner, dueDate: i.dueDate, escalated: Boolean(i.escalatedAt) })),
    ].sort(byKeys('dueDate', 'number'));
    return { total: rows.length, rows: rows.slice(skip, skip + limit) };
  }

  async monthlyFigures(months: readonly string[], today: string, correctionKinds: readonly string[]): Promise<MonthlyFigures> {
    const clues = this.sources.clues();
    const referrals = Object.fromEntries(
      CLUE_ROUTES.map((route) => [route, months.map((month) => clues.filter((c) => c.route === route && c.month === month).length)]),
    ) as Record<ClueRoute, number[]>;
    const late = (d: DeadlineDocument) => d.status === 'open' || (correctionKinds.includes(d.kind) ? d.correction?.late === true : d.reply?.late === true);
    const overdue = months.map(
      (month) =>
        this.documents.filter((d) => d.dueDate.startsWith(month) && d.dueDate < today && late(d)).length +
        this.inspections.items.filter((i) => i.dueMonth === month && i.dueDate < today && (i.status === 'open' || i.doneLate)).length,
    );
    const closedOn = (d: DeadlineDocument) => {
      const answer = correctionKinds.includes(d.kind) ? d.correction : d.reply;
      return answer && (answer.date ?? localDateOf(answer.at));
    };
    const backlog = months.map((month) => {
      const cutoff = backlogCutoff(month, today);
      // The running month's cutoff is today: what is open now.
      const open = (closed: string | undefined, status: string) => status === 'open' || (cutoff !== today && closed !== undefined && closed >= cutoff);
      return (
        this.documents.filter((d) => d.dueDate < cutoff && open(d.status === 'closed' ? closedOn(d) : undefined, d.status)).length +
        this.inspections.items.filter((i) => i.dueDate < cutoff && open(i.doneDate, i.status)).length
      );
    });
    return { referrals, overdue, backlog };
  }

  async clueDeadlines(period: FigurePeriod): Promise<ClueDeadlineRow[]> {
    return this.sources
      .clues()
      .filter((c) => submittedIn(c, period))
      .sort(byKeys('submittedAt'))
      .map(({ route, status, acceptanceDue, acceptedAt, handlingDue, concludedAt, returned, dispute }) => {
        const row: ClueDeadlineRow = { route, status, acceptanceDue, acceptedAt, handlingDue, concludedAt };
        if (returned) row.returned = { at: returned.at };
        if (dispute) row.dispute = { at: dispute.at };
        return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as ClueDeadlineRow;
      });
  }

  async exportRecords(period: FigurePeriod, clues: { withheldRoute: ClueRoute; insider: boolean }): Promise<ExportRecords> {
    const submitted = this.sources.clues().filter((c) => submittedIn(c, period));
    const visible = clues.insider ? submitted : submitted.filter((c) => c.route !== clues.withheldRoute);
    return {
      clues: visible
        .map(({ number, route, category, status, submittedAt, acceptedAt, concludedAt }) => ({
          number,
          route,
          category,
          status,
          submittedAt,
          acceptedAt,
          concludedAt,
        }))
        .map((row) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as typeof row)
        .sort(byKeys('submittedAt')),
      cluesWithheld: clues.insider ? 0 : submitted.length - visible.length,
      documents: copies(this.documents.filter((d) => within(d.startDate, period))).sort(byKeys('startDate', 'number')),
      meetings: copies(this.sources.meetings().filter((m) => within(m.date, period))).sort(byKeys('startsAt')),
      inspections: copies(this.inspections.inspections.filter((i) => within(i.date, period))).sort(byKeys('date', 'number')),
      items: copies(this.inspections.items.filter((i) => within(i.inspectionDate, period))).sort(byKeys('number')),
      selfInspections: copies(this.inspections.selfInspections.filter((r) => period.months.includes(r.month))).sort(byKeys('month', 'unit')),
    };
  }

  async hasRun(key: string): Promise<boolean> {
    return this.runs.has(key);
  }

  async markRun(key: string, at: Date): Promise<void> {
    if (!this.runs.has(key)) this.runs.set(key, new Date(at));
  }
}
