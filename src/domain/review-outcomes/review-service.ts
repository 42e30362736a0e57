import type { ReviewOutcomesConfig } from '../../config/review-outcomes';
import type { Clock } from '../../kernel/clock';
import type { OutgoingMessage } from '../../kernel/messages';
import type { Person } from '../../kernel/people';
import type { LocalDate } from '../../kernel/time/local-date';
import { localDateOf } from '../../kernel/time/local-time';
import type { Actor } from '../../store/documents';
import type { ReviewOutcome, ReviewOutcomeStore } from '../../store/review-outcomes';
import { Refusal } from '../errors';
import { actorOf } from '../inspections/inspection-service';
import { enforcementUnit } from '../inspections/rules';
import type { Organization } from '../organization';
import { ChartFontMissing, findFontFile, renderChartPng } from '../reports/chart';
import type { FileOwner, ReportFiles } from '../reports/files';
import { parsePeriod, type ReportPeriod } from '../reports/period';
import { REPORT_PATHS } from '../reports/report-service';
import { analyse, previousPeriod, type UnitAnalysis } from './analysis';
import { rateChartOption } from './chart';
import { TableImportError, type RowProblem } from '../imports/table-file';
import type { ImportRow } from './import-file';
import { checkRecord, type CheckedRecord, type RecordInput } from './record-rules';
import { analysisText } from './texts';

export interface ReviewOutcomeDeps {
  store: ReviewOutcomeStore;
  config: ReviewOutcomesConfig;
  org: Organization;
  clock: Clock;
  files: ReportFiles;
  /** config/reports.yaml chart.fontFiles and links.expireMinutes. */
  fontFiles: readonly string[];
  expireMinutes: number;
}

export interface ReviewImportSummary {
  added: number;
  present: number;
}

/** 行政复议纠错 / 行政诉讼败诉 records (registered or imported) and their analysis (分析). */
export class ReviewOutcomeService {
  constructor(private readonly deps: ReviewOutcomeDeps) {}

  get config(): ReviewOutcomesConfig {
    return this.deps.config;
  }

  private today(): LocalDate {
    return localDateOf(this.deps.clock.now());
  }

  /** One record typed in chat: by a supervising agency or the unit itself. */
  async register(person: Person, input: RecordInput): Promise<ReviewOutcome> {
    const checked = checkRecord(input, this.deps.config, this.deps.org, this.today());
    if (person.agency !== checked.unit && !this.deps.org.is(person.agency, 'supervisor')) {
      throw new Refusal(`只有${this.deps.org.name(checked.unit)}或司法局、检察院、纪委监委可以登记该单位的复议、诉讼记录。`);
    }
    if ((await this.deps.store.refsPresent([checked.ref])).size) throw new Refusal(`案号 ${checked.caseNumber} 已登记，无需重复登记。`);
    return this.save(checked, 'chat', actorOf(person));
  }

  private async save(checked: CheckedRecord, source: ReviewOutcome['source'], createdBy: Actor): Promise<ReviewOutcome> {
    const record: ReviewOutcome = { ...checked, source, createdBy, createdAt: this.deps.clock.now() };
    await this.deps.store.insert(record);
    return record;
  }

  /** Checks every row first; only a file without a single problem is written, and refs already stored are skipped. */
  async importRows(rows: readonly ImportRow[], agency: string): Promise<ReviewImportSummary> {
    const problems: RowProblem[] = [];
    const checked: CheckedRecord[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      try {
        const record = checkRecord(row, this.deps.config, this.deps.org, this.today());
        if (seen.has(record.ref)) throw new Refusal(`案号 ${record.caseNumber} 在文件中重复出现`);
        seen.add(record.ref);
        checked.push(record);
      } catch (err) {
        if (!(err instanceof Refusal)) throw err;
        problems.push({ at: row.at, message: err.message });
      }
    }
    if (problems.length) throw new TableImportError(problems);
    const present = await this.deps.store.refsPresent(checked.map((r) => r.ref));
    const actor: Actor = { channel: 'console', userId: 'import', name: '批量导入', agency };
    for (const record of checked) if (!present.has(record.ref)) await this.save(record, 'import', actor);
    return { added: checked.length - present.size, present: present.size };
  }

  /** The records of units decided in a period (all units when none given). */
  decided(period: Pick<ReportPeriod, 'from' | 'to'>, units?: readonly string[]): Promise<ReviewOutcome[]> {
    return this.deps.store.decidedBetween(period.from, period.to, units);
  }

  /** Per-unit analysis of a period against the one before. */
  async analyse(period: ReportPeriod, units?: readonly string[]): Promise<{ previous: ReportPeriod; rows: UnitAnalysis[] }> {
    const previous = previousPeriod(period);
    const [now, before] = await Promise.all([this.decided(period, units), this.decided(previous, units)]);
    return { previous, rows: analyse(now, before, this.deps.config.analysis, this.deps.org.ofKind('enforcement'), units) };
  }

  /**
   * Units whose correction or loss rate rose this year against last year (分析's default period):
   * the units proposed for the next joint inspection.
   */
  async flaggedUnits(): Promise<string[]> {
    const { rows } = await this.analyse(this.parseArgs('').period);
    return rows.filter((row) => row.flagged).map((row) => row.unit);
  }

  /** 分析 [单位] [期间]: the text and a chart of the rates, the chart behind a link for `requester` only. */
  async analysisMessage(requester: FileOwner, args: string): Promise<OutgoingMessage> {
    const { unit, period } = this.parseArgs(args);
    const { previous, rows } = await this.analyse(period, unit ? [unit] : undefined);
    const nameOf = (code: string) => this.deps.org.name(code);
    const text = analysisText(rows, period, previous, nameOf);
    if (!rows.length) return { text };
    let font: string;
    try {
      font = findFontFile(this.deps.fontFiles);
    } catch (err) {
      if (!(err instanceof ChartFontMissing)) throw err;
      return { text: `${text}\n（图表暂时无法生成：服务器缺少中文字体，请联系管理员。）` };
    }
    const png = renderChartPng(
      rateChartOption(rows, period, previous, (code) => this.deps.org.shortName(code)),
      font,
    );
    const { token } = await this.deps.files.save(requester, 'chart', `analysis-${period.key}.png`, 'image/png', png);
    return { title: '复议诉讼分析', text: `${text}\n图表仅限本人查看，${this.deps.expireMinutes}分钟内有效。`, image: { url: REPORT_PATHS.chart(token) } };
  }

  /** `[单位] [期间]` in either order; the period defaults to this year. */
  private parseArgs(args: string): { unit?: string; period: ReportPeriod } {
    const words = args.trim().split(/\s+/).filter(Boolean);
    if (words.length > 2) throw new Refusal('请按格式发送：分析 [单位] [期间]，例如「分析 nyncj 2026」。');
    const isPeriod = (word: string) => /^(本年|今年|本月|上月|本季度|\d{4}([-年]\d{1,2}月?)?年?)$/.test(word);
    const periodWord = words.find(isPeriod);
    const unitWord = words.find((word) => !isPeriod(word));
    if (words.length === 2 && (!periodWord || !unitWord)) throw new Refusal('请按格式发送：分析 [单位] [期间]，例如「分析 nyncj 2026」。');
    return { unit: unitWord ? enforcementUnit(this.deps.org, unitWord) : undefined, period: parsePeriod(periodWord, this.today()) };
  }
}
