import { CLUE_ROUTES, type ClueRoute } from '../../config/routing';
import type { LocalDate } from '../../kernel/time/local-date';
import type { BulletinFigures, ClueFigures, MeetingFigures, RectificationFigures, SelfInspectionFigures } from '../../store/reports';
import { clueTotal, type KindFigures } from './figures';
import { overdueLine, type OverduePage } from './overdue';
import { chineseDate, type ReportPeriod } from './period';

export type NameOf = (code: string) => string;

/**
 * How 概况, 导出 and its 说明 sheet speak of the discipline commission's clues: counted in every
 * total, never listed outside it (DOMAIN.md "Confidentiality"). One wording for all three.
 */
export function withheldCluesNote(agencyName: string, count: number): string {
  return `${agencyName}线索${count}条只计数量、不列明细`;
}

/** The numbers of the bulletin sentence, by placeholder (figures.ts sentenceValues). */
export type SentenceValues = Readonly<Record<string, number>>;

/** Fills the county's bulletin sentence (config/reports.yaml) with the period's figures. */
export function fillSentence(template: string, asOf: LocalDate, figures: SentenceValues): string {
  const values: Record<string, string> = { ...Object.fromEntries(Object.entries(figures).map(([name, n]) => [name, String(n)])), asOf: chineseDate(asOf) };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function periodHeading(period: ReportPeriod, asOf: LocalDate): string {
  return `${period.label}（${chineseDate(period.from)}至${chineseDate(asOf)}）`;
}

function clueLine(clues: ClueFigures, routeName: NameOf): string {
  const parts = CLUE_ROUTES.map((route) => `移送${routeName(route)}${clueTotal(clues, route)}条`);
  return `线索移送：共${clueTotal(clues)}条，其中${parts.join('、')}。`;
}

export interface BulletinInput {
  sentence: string;
  period: ReportPeriod;
  asOf: LocalDate;
  figures: SentenceValues;
  clues: ClueFigures;
  overdue: OverduePage;
  nameOf: NameOf;
  routeName: NameOf;
}

/** 简报: the county's sentence, clue referrals per route, then the overdue items. */
export function bulletinText(input: BulletinInput): { title: string; text: string } {
  const { period, asOf, overdue, nameOf } = input;
  const title = `联合监督简报 ${period.label}`;
  const overdueLines = overdue.total
    ? [
        `逾期事项：当前${overdue.total}项。`,
        ...overdue.items.map((item, i) => overdueLine(item, i + 1, nameOf)),
        ...(overdue.total > overdue.items.length
          ? [overdue.items.length ? `（仅列前${overdue.items.length}项，发送「逾期」查看全部。）` : '发送「逾期」查看全部。']
          : []),
      ]
    : ['逾期事项：当前无。'];
  return {
    title,
    text: [
      `【${title}】${periodHeading(period, asOf)}`,
      fillSentence(input.sentence, asOf, input.figures),
      clueLine(input.clues, input.routeName),
      ...overdueLines,
    ].join('\n'),
  };
}

export interface OverviewInput {
  period: ReportPeriod;
  asOf: LocalDate;
  clues: ClueFigures;
  /** One line per document kind listed (figures.ts documentLines). */
  documents: KindFigures[];
  meetings: MeetingFigures & { label: string; due: number };
  bulletin: BulletinFigures;
  rectification: RectificationFigures;
  selfInspections: SelfInspectionFigures;
  /** The enforcement units' monthly figures (src/domain/bulletin). */
  enforcement: string;
  routeName: NameOf;
  /** The route whose clues are counted, never listed, outside it. */
  withheldRoute: ClueRoute;
}

/** 概况: clues by agency and status, documents by type and status, meetings, inspections, rectification. */
export function overviewText(input: OverviewInput): { title: string; text: string } {
  const { clues, documents, meetings, bulletin, rectification, selfInspections } = input;
  const title = `概况 ${input.period.label}`;
  const clueLines = CLUE_ROUTES.map(
    (route) =>
      `• ${input.routeName(route)}：${clueTotal(clues, route)}条（待受理${clues[route].submitted}，已受理${clues[route].accepted}，已办结${clues[route].concluded}${clues[route].withdrawn ? `，已撤回${clues[route].withdrawn}` : ''}）`,
  );
  const documentLines = documents.map(
    ({ name, figures: d }) => `• ${name}：${d.total}份（办理中${d.open}，逾期${d.overdue}，已回复${d.replied}，已整改${d.rectified}）`,
  );
  return {
    title,
    text: [
      `【${title}】${periodHeading(input.period, input.asOf)}`,
      `线索移送：共${clueTotal(clues)}条（${withheldCluesNote(input.routeName(input.withheldRoute), clueTotal(clues, input.withheldRoute))}）`,
      ...clueLines,
      '文书：',
      ...documentLines,
      `联席会议（${meetings.label}）：已召开${meetings.held}次，应召开${meetings.due}次，已安排待召开${meetings.scheduled}次`,
      `联合巡查：${bulletin.inspections}次，督查执法单位${bulletin.units}家，抽查案卷${bulletin.filesSampled}卷`,
      `整改事项：本期巡查发现${rectification.registered}个（未完成${rectification.open}，其中逾期${rectification.overdue}）；本期完成整改${rectification.done}个`,
      `执法单位自查：${selfInspections.units}家单位自查案件${selfInspections.casesChecked}件，发现未执行${selfInspections.unexecuted}件`,
      input.enforcement,
      '发送「逾期」查看逾期事项，「简报」生成通报，「趋势」查看图表，「导出」下载Excel。',
    ].join('\n'),
  };
}
