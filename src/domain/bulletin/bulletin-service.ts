import type { SharingConfig } from '../../config/sharing';
import type { Clock } from '../../kernel/clock';
import type { Person } from '../../kernel/people';
import { addMonths, parseLocalDate, type LocalDate } from '../../kernel/time/local-date';
import { instantAt, localDateOf } from '../../kernel/time/local-time';
import { FIGURE_KEYS, type EnforcementFigures, type EnforcementFiguresStore, type FigureKey } from '../../store/enforcement-figures';
import type { Actor } from '../../store/documents';
import { actorOf } from '../actor';
import { onOrNextWorkingDay, type WorkingCalendar } from '../deadlines/calendar';
import type { Members } from '../documents/audience';
import { Refusal } from '../errors';
import type { Notifier } from '../notifier';
import type { Organization } from '../organization';
import type { SheetSpec } from '../reports/workbook';
import { TableImportError, type RowProblem } from '../imports/table-file';
import { describeFigures, FIGURE_LABELS, type FiguresInput, REPORT_USAGE, REQUIRED_FIGURES } from './figures';
import type { FiguresRow } from './import-file';

export interface BulletinDeps {
  store: EnforcementFiguresStore;
  config: SharingConfig['bulletin'];
  lateAfterMinutes: number;
  org: Organization;
  roster: Members;
  notifier: Notifier;
  clock: Clock;
  calendar: WorkingCalendar;
}

/** Who has and has not reported a month's figures. */
export interface ReportingTable {
  month: string;
  reported: EnforcementFigures[];
  missing: string[];
}

const monthBefore = (today: LocalDate) => addMonths(today, -1).slice(0, 7);
const MONTH_CELL = /^(\d{4})[-/年](\d{1,2})月?$/;
const MAX_FIGURE = 999_999;

/** A row's figures: whole numbers; the optional self-inspection pair defaults to 0. */
function figuresOf(row: FiguresRow): Record<FigureKey, number> {
  const figures = {} as Record<FigureKey, number>;
  for (const key of FIGURE_KEYS) {
    const cell = row[key].trim();
    if (!cell && !REQUIRED_FIGURES.includes(key)) figures[key] = 0;
    else if (/^\d+$/.test(cell) && Number(cell) <= MAX_FIGURE) figures[key] = Number(cell);
    else throw new Refusal(`${FIGURE_LABELS[key]}「${cell}」须为不大于${MAX_FIGURE}的整数`);
  }
  return figures;
}

/**
 * The monthly 执法信息通报: each enforcement unit's liaison reports last month's figures; the
 * justice bureau sees who has and has not, and on the configured day the units that have not are
 * reminded once and the justice bureau's organizers get the table.
 */
export class BulletinService {
  readonly nameOf = (code: string) => this.deps.org.name(code);

  constructor(private readonly deps: BulletinDeps) {}

  private today(): LocalDate {
    return localDateOf(this.deps.clock.now());
  }

  /** A unit reports its own figures; the justice bureau may record them for any unit. Last month by default. */
  async report(person: Person, input: FiguresInput): Promise<EnforcementFigures> {
    const { org, store } = this.deps;
    const justice = person.agency === org.part('justice');
    const unit = input.unit ? this.enforcementUnit(input.unit) : person.agency;
    if (!org.is(unit, 'enforcement')) throw new Refusal(`执法信息由行政执法单位报送。司法局代为登记时请写明单位：${REPORT_USAGE}`);
    if (unit !== person.agency && !justice) throw new Refusal('只能报送本单位的执法信息。');
    const report = this.checked(unit, input.month ?? monthBefore(this.today()), input.figures, actorOf(person));
    await store.save(report);
    return report;
  }

  /**
   * A file of monthly figures (`bulletin import`, recorded for the justice bureau): every row is
   * checked first and a file with any bad row writes nothing; a unit's month already reported is
   * replaced, as a second 报送 would.
   */
  async importRows(rows: readonly FiguresRow[], by: Actor): Promise<{ saved: number; months: string[] }> {
    const problems: RowProblem[] = [];
    const reports: EnforcementFigures[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      try {
        const unit = this.enforcementUnit(row.unit);
        const month = MONTH_CELL.exec(row.month);
        if (!month || Number(month[2]) < 1 || Number(month[2]) > 12) throw new Refusal(`月份「${row.month}」请写成 YYYY-MM`);
        const report = this.checked(unit, `${month[1]}-${month[2]!.padStart(2, '0')}`, figuresOf(row), by);
        const key = `${report.unit} ${report.month}`;
        if (seen.has(key)) throw new Refusal(`${this.nameOf(unit)} ${report.month} 在文件中重复出现`);
        seen.add(key);
        reports.push(report);
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        problems.push({ at: row.at, message: err.message });
      }
    }
    if (problems.length) throw new TableImportError(problems);
    for (const report of reports) await this.deps.store.save(report);
    return { saved: reports.length, months: [...new Set(reports.map((r) => r.month))].sort() };
  }

  private enforcementUnit(text: string): string {
    const unit = this.deps.org.resolve(text).code;
    if (!this.deps.org.is(unit, 'enforcement')) throw new Refusal(`「${text}」不是行政执法单位，执法信息由行政执法单位报送。`);
    return unit;
  }

  /** A report for a month that has begun. */
  private checked(unit: string, month: string, figures: Record<FigureKey, number>, by: Actor): EnforcementFigures {
    const today = this.today();
    if (month > today.slice(0, 7)) throw new Refusal(`${month} 尚未开始，请填写已结束或当前的月份。`);
    return { unit, month, figures, reportedBy: by, reportedAt: this.deps.clock.now() };
  }

  /** 报送情况: who has and has not reported `month` (last month by default). */
  async table(monthText?: string): Promise<ReportingTable> {
    const month = monthText ?? monthBefore(this.today());
    if (!/^\d{4}-\d{2}$/.test(month)) throw new Refusal('月份请写成 YYYY-MM，例如 2026-11。');
    const reported = await this.deps.store.forMonths([month]);
    const done = new Set(reported.map((r) => r.unit));
    return { month, reported, missing: this.deps.org.ofKind('enforcement').filter((unit) => !done.has(unit)) };
  }

  describeTable({ month, reported, missing }: ReportingTable): string {
    return [
      `${month} 执法信息报送情况：已报送 ${reported.length} 家，未报送 ${missing.length} 家。`,
      ...reported.map((r) => `✓ ${this.nameOf(r.unit)}：${describeFigures(r.figures)}`),
      ...missing.map((unit) => `✗ ${this.nameOf(unit)}：未报送`),
    ].join('\n');
  }

  /** 概况's line for a period's months: reports received of those expected, and the figures summed. */
  async overviewLine(months: readonly string[]): Promise<string> {
    const reports = await this.deps.store.forMonths(months);
    const sum = Object.fromEntries(FIGURE_KEYS.map((key) => [key, reports.reduce((total, r) => total + r.figures[key], 0)])) as Record<FigureKey, number>;
    const expected = this.deps.org.ofKind('enforcement').length * months.length;
    return `执法信息报送：已报送${reports.length}份，应报送${expected}份（${describeFigures(sum)}）`;
  }

  /** 导出's sheet: every report of the period's months, one row per unit and month. */
  /** The units' reports of the months, those of the units `visible` lets through. */
  async exportSheet(months: readonly string[], visible: (unit: string) => boolean): Promise<SheetSpec> {
    const reports = (await this.deps.store.forMonths(months)).filter((r) => visible(r.unit));
    return {
      name: '执法信息报送',
      columns: [
        { header: '单位', key: 'unit', width: 24 },
        { header: '月份', key: 'month', width: 10 },
        ...FIGURE_KEYS.map((key) => ({ header: FIGURE_LABELS[key], key, width: 10 })),
        { header: '报送人', key: 'by', width: 20 },
      ],
      rows: reports.map((r) => ({ unit: this.nameOf(r.unit), month: r.month, ...r.figures, by: r.reportedBy.name })),
    };
  }

  /**
   * On the configured day and time (the next working day when it is a rest day; or at the first tick
   * after it, marked late), units that have not reported last month are reminded once and the justice
   * bureau's organizers get the table.
   */
  async remindMissing(at: Date): Promise<number> {
    const { config, store, roster, org, notifier, lateAfterMinutes, calendar } = this.deps;
    const today = localDateOf(at);
    const dueDay = parseLocalDate(`${today.slice(0, 7)}-${String(config.dueDay).padStart(2, '0')}`);
    const remindAt = instantAt(onOrNextWorkingDay(dueDay, calendar), config.remindTime);
    const month = monthBefore(today);
    if (at < remindAt || (await store.remindedFor(month))) return 0;
    const late = at.getTime() - remindAt.getTime() > lateAfterMinutes * 60_000;
    const table = await this.table(month);
    let sent = 0;
    for (const unit of table.missing) {
      const text = `【执法信息报送提醒】${this.nameOf(unit)}尚未报送 ${month} 的执法信息，请尽快发送「报送执法信息 ${month} 结案<件数> 处罚<件数> 移送<件数> 自查<件数> 未执行<件数>」。`;
      sent += await notifier.toAgency(unit, org.audience('bulletinReminders'), `bulletin-remind:${month}:${unit}`, text, { late });
    }
    const organizers = await roster.members(org.part('justice'), org.audience('bulletinReminders'));
    await notifier.toPeople(organizers, `bulletin-table:${month}`, `【执法信息报送情况】\n${this.describeTable(table)}`, { late });
    await store.markReminded(month, at);
    return sent;
  }
}
