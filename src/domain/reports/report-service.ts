import type { ReportsConfig } from '../../config/reports';
import type { ClueRoute } from '../../config/routing';
import type { RemindersConfig } from '../../config/reminders';
import type { Clock } from '../../kernel/clock';
import type { OutgoingMessage } from '../../kernel/messages';
import type { Person } from '../../kernel/people';
import { parseLocalDate, type LocalDate } from '../../kernel/time/local-date';
import { instantAt, localDateOf } from '../../kernel/time/local-time';
import type { ReportStore } from '../../store/reports';
import type { WorkingCalendar } from '../deadlines/calendar';
import { onOrNextWorkingDay } from '../deadlines/calendar';
import type { DocumentKinds } from '../documents/kinds';
import { Refusal } from '../errors';
import type { BulletinService } from '../bulletin/bulletin-service';
import { periodContaining } from '../meetings/schedule';
import type { Notifier } from '../notifier';
import type { Organization } from '../organization';
import type { RosterService } from '../roster/roster-service';
import { ChartFontMissing, findFontFile, renderTrendPng } from './chart';
import { exportableRecords } from './export-records';
import { exportSheets } from './export-sheets';
import { documentLines, sentenceValues } from './figures';
import type { ReportFiles } from './files';
import { overdueLine, overduePage, type OverduePage } from './overdue';
import { asOfDate, parsePeriod, previousMonth, type ReportPeriod } from './period';
import { bulletinText, overviewText, withheldCluesNote } from './texts';
import { pageCommand } from '../paging';
import { answerText } from '../questions/answer';
import { readQuestion } from '../questions/question';
import { TREND_SERIES, trendData, trendLegend } from './trend';
import { XLSX_TYPE, buildWorkbook } from './workbook';

export interface ReportDeps {
  store: ReportStore;
  reports: ReportsConfig;
  reminders: RemindersConfig;
  kinds: DocumentKinds;
  org: Organization;
  calendar: WorkingCalendar;
  roster: Pick<RosterService, 'withRole'>;
  notifier: Notifier;
  files: ReportFiles;
  clock: Clock;
  /** The monthly enforcement figures: a line of 概况 and a sheet of 导出. */
  enforcement: Pick<BulletinService, 'overviewLine' | 'exportSheet'>;
}

/** Where the chart and export routes serve a token (src/http/report-files.ts). */
export const REPORT_PATHS = {
  chart: (token: string) => `/reports/charts/${token}.png`,
  file: (token: string) => `/reports/files/${token}`,
} as const;

/** Told to whoever the visibility policy does not give the county's figures. */
export const COUNTY_FIGURES_ONLY = '概况、逾期、简报和趋势是全县数字，仅限监督机关和县政府领导查看。发送「导出」下载本单位的事项，或发送「帮助」查看可用命令。';

/** Leaders' queries: 概况, 逾期, 简报, 趋势, 导出, and the monthly 定期通报. Numbers only ever come from queries. */
export class ReportService {
  constructor(private readonly deps: ReportDeps) {}

  /** The county's figures are for whom the visibility policy gives them (config/visibility.yaml, action count). */
  private assertCountyFigures(viewer: Person): void {
    if (!this.deps.org.visibility.countsCounty(viewer)) throw new Refusal(COUNTY_FIGURES_ONLY);
  }

  /** Where charts and exports are kept for their download routes. */
  get files(): ReportFiles {
    return this.deps.files;
  }

  private readonly nameOf = (code: string) => this.deps.org.name(code);
  private readonly routeName = (code: string) => this.deps.org.shortName(code);

  /** The discipline commission's clues are counted, never listed, outside it (DOMAIN.md "Confidentiality"). */
  private withheldRoute(): ClueRoute {
    return this.deps.org.part('discipline') as ClueRoute;
  }

  private today(): LocalDate {
    return localDateOf(this.deps.clock.now());
  }

  period(text: string | undefined): ReportPeriod {
    return parsePeriod(text, this.today());
  }

  async overview(viewer: Person, periodText?: string): Promise<OutgoingMessage> {
    this.assertCountyFigures(viewer);
    const today = this.today();
    const period = this.period(periodText);
    const halfYear = periodContaining(today, this.deps.reminders.meetings.liaison);
    const { store } = this.deps;
    const [clues, documents, bulletin, rectification, selfInspections, meetings, enforcement] = await Promise.all([
      store.clueFigures(period),
      store.documentFigures(period, today),
      store.bulletinFigures(period),
      store.rectificationFigures(period, today),
      store.selfInspectionFigures(period),
      halfYear ? store.liaisonMeetingFigures(halfYear.start, halfYear.end, this.deps.clock.now()) : { held: 0, scheduled: 0 },
      this.deps.enforcement.overviewLine(period.months),
    ]);
    return overviewText({
      period,
      asOf: asOfDate(period, today),
      clues,
      documents: documentLines(this.deps.kinds, documents),
      meetings: { ...meetings, label: halfYear?.label ?? '本半年', due: halfYear ? 1 : 0 },
      bulletin,
      rectification,
      selfInspections,
      enforcement,
      routeName: this.routeName,
      withheldRoute: this.withheldRoute(),
    });
  }

  async overdue(viewer: Person, page = 1): Promise<OutgoingMessage> {
    this.assertCountyFigures(viewer);
    const size = this.deps.reports.overdue.pageSize;
    const result = await this.overduePage(this.today(), (page - 1) * size, size);
    if (result.total === 0) return { text: '目前没有逾期事项。发送「概况」查看整体情况。' };
    const pages = Math.ceil(result.total / size);
    if (page > pages) return { text: `逾期事项共${pages}页，请发送「逾期 1」到「逾期 ${pages}」。` };
    const lines = result.items.map((item, i) => overdueLine(item, (page - 1) * size + i + 1, this.nameOf));
    // While more remain, a 下一页 button sends the next page's command (src/domain/paging.ts).
    const next = page < pages ? pageCommand('逾期', page + 1) : undefined;
    const more = next ? `下一页：发送或点「${next}」。` : '已是最后一页。';
    const text = [`【逾期事项】共${result.total}项（第${page}/${pages}页，按到期先后）`, ...lines, more].join('\n');
    return { title: '逾期事项', text, ...(next ? { buttons: [next] } : {}) };
  }

  async bulletin(viewer: Person, periodText?: string): Promise<OutgoingMessage> {
    this.assertCountyFigures(viewer);
    return this.bulletinFor(this.period(periodText), this.today());
  }

  /** Open items past due as of `today`, `limit` from `skip`, named by their kind (config/deadlines.yaml). */
  private async overduePage(today: LocalDate, skip: number, limit: number): Promise<OverduePage> {
    const { store, kinds } = this.deps;
    const items = kinds.from('inspection').name;
    return overduePage(await store.overdue(today, skip, limit), today, (row) => (row.kind ? kinds.name(row.kind) : items));
  }

  private async bulletinFor(period: ReportPeriod, today: LocalDate): Promise<OutgoingMessage> {
    const { store, reports } = this.deps;
    const [bulletin, clues, overdue] = await Promise.all([
      store.bulletinFigures(period),
      store.clueFigures(period),
      this.overduePage(today, 0, reports.bulletin.overdueListed),
    ]);
    return bulletinText({
      sentence: reports.bulletin.sentence,
      period,
      asOf: asOfDate(period, today),
      figures: sentenceValues(bulletin, reports.bulletin.served),
      clues,
      overdue,
      nameOf: this.nameOf,
      routeName: this.routeName,
    });
  }

  async trend(requester: Person): Promise<OutgoingMessage> {
    this.assertCountyFigures(requester);
    const data = await trendData(this.deps.store, this.deps.kinds, this.today());
    const png = renderTrendPng(data, this.routeName, this.chartFont());
    const { token } = await this.deps.files.save(
      { channel: requester.channel, userId: requester.userId },
      'chart',
      `trend-${this.today()}.png`,
      'image/png',
      png,
    );
    return {
      title: '趋势图',
      text: [
        `近12个月线索移送与逾期事项趋势图（${data.months[0]}至${data.months[11]}）。`,
        `本月：${TREND_SERIES.overdue.name}${data.overdue.at(-1)}项，${TREND_SERIES.backlog.name}${data.backlog.at(-1)}项。`,
        trendLegend(),
        `图片仅限本人查看，${this.deps.reports.links.expireMinutes}分钟内有效。发送「概况」查看具体数字，「逾期」查看逾期清单。`,
      ].join('\n'),
      image: { url: REPORT_PATHS.chart(token) },
    };
  }

  private chartFont(): string {
    try {
      return findFontFile(this.deps.reports.chart.fontFiles);
    } catch (err) {
      if (!(err instanceof ChartFontMissing)) throw err;
      throw new Refusal('趋势图暂时无法生成（服务器缺少中文字体），已记录，请联系管理员。可先发送「概况」查看数字。', {
        cause: err,
        operatorNote: 'trend chart: no CJK font installed',
      });
    }
  }

  async export(viewer: Person, periodText?: string): Promise<OutgoingMessage> {
    const { store, kinds, org } = this.deps;
    const period = this.period(periodText);
    const withheldRoute = this.withheldRoute();
    // The discipline commission's clues are counted, never listed, outside it (DOMAIN.md "Confidentiality").
    const all = await store.exportRecords(period, { withheldRoute, insider: viewer.agency === withheldRoute });
    const records = exportableRecords(all, viewer, org.visibility, kinds);
    const names = {
      agency: this.nameOf,
      kind: (key: string) => kinds.name(key),
      items: kinds.from('inspection').name,
      withheldRoute: this.routeName(withheldRoute),
    };
    const unitVisible = (unit: string) => org.visibility.canSee(viewer, 'inspection', 'export', { parties: [unit] });
    const [about, clueSheet, ...others] = [
      ...exportSheets(records, period, this.today(), viewer, names),
      await this.deps.enforcement.exportSheet(period.months, unitVisible),
    ];
    const sheets = [about!, clueSheet!, ...others];
    const data = await buildWorkbook(sheets, this.deps.clock.now());
    const name = `联合监督-${period.key}.xlsx`;
    const { token } = await this.deps.files.save({ channel: viewer.channel, userId: viewer.userId }, 'export', name, XLSX_TYPE, data);
    // The clue count is 概况's (every clue of the period), with the same words for those not listed.
    const clueCount = `${clueSheet!.name}${records.clues.length + records.cluesWithheld}${
      records.cluesWithheld ? `（${withheldCluesNote(this.routeName(withheldRoute), records.cluesWithheld)}）` : ''
    }`;
    const counts = [clueCount, ...others.map((s) => `${s.name}${s.rows.length}`)].join('、');
    return {
      title: '导出',
      text: `已生成 ${period.label} 的工作簿（${counts}）。文件仅限本人下载，${this.deps.reports.links.expireMinutes}分钟内有效；过期后请重新发送「导出」。`,
      file: { url: REPORT_PATHS.file(token), name },
    };
  }

  /** A question in plain Chinese: read its slots, count directly, echo how it was understood; or ask one short question back. */
  async question(viewer: Person, text: string): Promise<OutgoingMessage> {
    // Questions count over the county: for whoever may have county figures (config/visibility.yaml).
    this.assertCountyFigures(viewer);
    const { store, kinds, org } = this.deps;
    const today = this.today();
    const reading = readQuestion(text, today, org.names);
    if (reading.kind === 'ask') return { text: reading.question, buttons: reading.buttons };
    const { slots } = reading;
    if (slots.period.from > today) throw new Refusal(`${slots.period.label}尚未开始，请换一个期间再问。`);
    const withheldRoute = this.withheldRoute();
    const [records, clueFigures] = await Promise.all([
      store.exportRecords(slots.period, { withheldRoute, insider: viewer.agency === withheldRoute }),
      store.clueFigures(slots.period),
    ]);
    const closedByCorrection = (key: string) => kinds.documents.some((k) => k.key === key && k.closedBy === 'correction');
    return {
      title: '问答',
      ...answerText({ slots, records, clueFigures, today, names: { agency: this.nameOf, kind: (key) => kinds.name(key), closedByCorrection } }),
    };
  }

  /** The day of `month` (YYYY-MM) the regular bulletin goes out. */
  regularDate(month: string): LocalDate {
    const { day } = this.deps.reports.bulletin.regular;
    if (day === 'firstWorkingDay') return onOrNextWorkingDay(parseLocalDate(`${month}-01`), this.deps.calendar);
    return parseLocalDate(`${month}-${String(day).padStart(2, '0')}`);
  }

  /**
   * 定期通报: once the month's regular time has come, the previous month's 简报 goes to
   * every leader through the outbox (key per month and recipient). A marker row lets
   * later ticks skip rebuilding it; the outbox keys alone keep it from going out twice.
   */
  async sendRegularBulletin(at: Date): Promise<number> {
    const today = localDateOf(at);
    const sendAt = instantAt(this.regularDate(today.slice(0, 7)), this.deps.reports.bulletin.regular.time);
    if (at < sendAt) return 0;
    const period = previousMonth(today);
    const key = `bulletin:${period.key}`;
    if (await this.deps.store.hasRun(key)) return 0;
    const message = await this.bulletinFor(period, today);
    const late = at.getTime() - sendAt.getTime() > this.deps.reminders.deadlines.lateAfterMinutes * 60_000;
    const leaders = (await this.deps.roster.withRole('leader')).filter((p) => this.deps.org.visibility.countsCounty(p));
    const sent = await this.deps.notifier.toPeople(leaders, key, { ...message, text: `【定期通报】\n${message.text}` }, { late });
    await this.deps.store.markRun(key, at);
    return sent;
  }
}
