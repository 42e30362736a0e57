import type { IndicatorsConfig } from '../../config/indicators';
import { CLUE_ROUTES, type ClueRoute } from '../../config/routing';
import type { Clock } from '../../kernel/clock';
import type { OutgoingMessage } from '../../kernel/messages';
import { parseLocalDate, type LocalDate } from '../../kernel/time/local-date';
import { instantAt, localDateOf } from '../../kernel/time/local-time';
import type { ReportStore } from '../../store/reports';
import type { AccountabilityService } from '../accountability/accountability-service';
import type { DocumentKinds } from '../documents/kinds';
import { Refusal } from '../errors';
import { enforcementUnit } from '../inspections/rules';
import type { MediationService } from '../mediation/mediation-service';
import { DOCX_TYPE, type DocxTemplates } from '../official/docx';
import type { Notifier } from '../notifier';
import type { Organization } from '../organization';
import type { FileOwner, ReportFiles } from '../reports/files';
import { asOfDate, yearPeriod } from '../reports/period';
import { REPORT_PATHS } from '../reports/report-service';
import { buildWorkbook, XLSX_TYPE } from '../reports/workbook';
import type { ReviewOutcomeService } from '../review-outcomes/review-service';
import type { RosterService } from '../roster/roster-service';
import { type AnnualIndicators, annualIndicators } from './annual';
import { buildReportDocx } from './report-docx';
import type { YearRecords } from './sources';
import { indicatorSheets, indicatorsText, missingText } from './texts';

export interface IndicatorDeps {
  config: IndicatorsConfig;
  /** config/casework.yaml `pauseWhileReturned`. */
  pausesWhileReturned: boolean;
  reports: ReportStore;
  reviewOutcomes: ReviewOutcomeService;
  accountability: AccountabilityService;
  mediation: MediationService;
  kinds: DocumentKinds;
  org: Organization;
  roster: Pick<RosterService, 'members'>;
  notifier: Notifier;
  files: ReportFiles;
  templates: DocxTemplates;
  expireMinutes: number;
  clock: Clock;
}

/** 法治政府年度指标: computed per unit and year from the database, shown in chat, exported as workbook and report draft; the February reminder. */
export class IndicatorService {
  constructor(private readonly deps: IndicatorDeps) {}

  private readonly nameOf = (code: string) => this.deps.org.name(code);

  private today(): LocalDate {
    return localDateOf(this.deps.clock.now());
  }

  /** The year's records, each register read by one query over the year. */
  async collect(year: number): Promise<YearRecords> {
    const period = yearPeriod(year);
    const asOf = asOfDate(period, this.today());
    const { reports, org, kinds, config } = this.deps;
    const [records, clues, reviewOutcomes, accountability, mediation] = await Promise.all([
      reports.exportRecords(period, { withheldRoute: org.part('discipline') as ClueRoute, insider: false }),
      reports.clueDeadlines(period),
      this.deps.reviewOutcomes.decided(period),
      this.deps.accountability.filedBetween(period.from, period.to),
      this.deps.mediation.registeredBetween(period.from, period.to),
    ]);
    const answered = new Set(config.answeredKinds);
    return {
      asOf,
      months: period.months.filter((month) => month <= asOf.slice(0, 7)),
      inspections: records.inspections,
      items: records.items,
      documents: records.documents.filter((doc) => answered.has(doc.kind)),
      closedByCorrection: new Set(kinds.documents.filter((kind) => kind.closedBy === 'correction').map((kind) => kind.key)),
      reviewOutcomes,
      accountability,
      selfInspections: records.selfInspections,
      mediation,
      successOutcome: this.deps.mediation.config.successOutcome,
      clues,
      pausesWhileReturned: this.deps.pausesWhileReturned,
    };
  }

  async annual(year: number): Promise<AnnualIndicators> {
    return annualIndicators(year, await this.collect(year), this.deps.config, this.deps.org.ofKind('enforcement'), this.receivers());
  }

  /** The agencies clues are routed to, in the configured order (the clue indicators are theirs). */
  private receivers(): string[] {
    return this.deps.org.agencies.map((a) => a.code).filter((code) => (CLUE_ROUTES as readonly string[]).includes(code));
  }

  /** A unit or receiving agency named in 年度指标. */
  private subject(text: string): string {
    const agency = this.deps.org.resolve(text);
    return this.receivers().includes(agency.code) ? agency.code : enforcementUnit(this.deps.org, text);
  }

  private year(text: string | undefined): number {
    const current = Number(this.today().slice(0, 4));
    if (!text) return current;
    const year = Number(/^(\d{4})年?$/.exec(text)?.[1]);
    if (!year || year < 2000 || year > current) throw new Refusal(`年份「${text}」无效，请填写 2000 到 ${current} 之间的年份，例如 ${current}。`);
    return year;
  }

  /** 年度指标 [年份] [单位]. */
  async chat(args: string): Promise<string> {
    const words = args.trim().split(/\s+/).filter(Boolean);
    const yearWord = words.find((w) => /^\d{4}年?$/.test(w));
    const unitWord = words.find((w) => w !== yearWord);
    if (words.length > 2) throw new Refusal('请按格式发送：年度指标 [年份] [单位]，例如「年度指标 2026 nyncj」。');
    const unit = unitWord ? this.subject(unitWord) : undefined;
    return indicatorsText(await this.annual(this.year(yearWord)), this.nameOf, unit);
  }

  /** 导出年度指标 <年份>: the workbook (one sheet per unit and the county summary) and the .docx report draft. */
  async export(requester: FileOwner, yearText: string | undefined): Promise<OutgoingMessage[]> {
    const year = this.year(yearText);
    const report = await this.annual(year);
    const now = this.deps.clock.now();
    const workbook = await buildWorkbook(
      indicatorSheets(report, (code) => this.deps.org.shortName(code), this.nameOf),
      now,
    );
    const docx = buildReportDocx(this.deps.templates, report, this.nameOf);
    const xlsxName = `法治政府年度指标-${year}.xlsx`;
    const docxName = `法治政府年度指标报告-${year}（草稿）.docx`;
    const saved = await this.deps.files.save(requester, 'export', xlsxName, XLSX_TYPE, workbook);
    const draft = await this.deps.files.save(requester, 'export', docxName, DOCX_TYPE, docx);
    const valid = `仅限本人下载，${this.deps.expireMinutes}分钟内有效。`;
    return [
      {
        title: '年度指标',
        text: `已生成 ${year} 年度指标工作簿（${report.units.length}个单位和机关各一页及全县汇总，统计至${report.asOf}），${valid}`,
        file: { url: REPORT_PATHS.file(saved.token), name: xlsxName },
      },
      { title: '年度报告', text: `已生成 ${year} 年度报告草稿（.docx），${valid}`, file: { url: REPORT_PATHS.file(draft.token), name: docxName } },
    ];
  }

  /**
   * In February the justice bureau's organizers are reminded, on each configured day (the latest
   * one passed, once: outbox key and run marker per day), that the previous year's report is due
   * by 1 March, with the data still missing.
   */
  async remindReportDue(at: Date): Promise<number> {
    const today = localDateOf(at);
    const { reminderDays, reminderTime, reportDue } = this.deps.config;
    const year = Number(today.slice(0, 4));
    const due = parseLocalDate(`${year}-${reportDue}`);
    const passed = reminderDays
      .map((day) => parseLocalDate(`${year}-02-${String(day).padStart(2, '0')}`))
      .filter((day) => instantAt(day, reminderTime) <= at && today < due)
      .sort();
    const day = passed[passed.length - 1];
    if (!day) return 0;
    const key = `indicators-due:${year - 1}:${day}`;
    if (await this.deps.reports.hasRun(key)) return 0;
    const report = await this.annual(year - 1);
    const { org, roster, notifier } = this.deps;
    const people = await roster.members(org.part('justice'), org.audience('indicatorsReport'));
    const sent = await notifier.toPeople(people, key, missingText(report, due, this.nameOf), { late: localDateOf(at) !== day });
    await this.deps.reports.markRun(key, at);
    return sent;
  }
}
