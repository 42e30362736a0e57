import type { Person } from '../../kernel/people';
import type { LocalDate } from '../../kernel/time/local-date';
import { localDateOf, localTimeOf } from '../../kernel/time/local-time';
import type { ClueDoc } from '../../store/clues';
import type { DeadlineDocument } from '../../store/documents';
import type { ExportRecords } from '../../store/reports';
import { outcomeDate } from '../documents/texts';
import type { ReportPeriod } from './period';
import { withheldCluesNote } from './texts';
import type { SheetSpec } from './workbook';

export interface ExportNames {
  agency: (code: string) => string;
  kind: (kind: string) => string;
  /** The name of the rectification items' kind (config/deadlines.yaml), their sheet's name. */
  items: string;
  /** The short name of the route whose clues are only counted outside it. */
  withheldRoute: string;
}

const CLUE_STATUS_NAMES: Record<ClueDoc['status'], string> = { submitted: '待受理', accepted: '已受理', concluded: '已办结', withdrawn: '已撤回' };

function when(instant: Date | undefined): string {
  return instant ? `${localDateOf(instant)} ${localTimeOf(instant)}` : '';
}

/** Clue rows without confidential fields; the withheld route's clues only as a count (DOMAIN.md "Confidentiality"). */
function clueSheet(records: ExportRecords, names: ExportNames): SheetSpec {
  return {
    name: '线索',
    columns: [
      { header: '编号', key: 'number' },
      { header: '接收机关', key: 'route' },
      { header: '类别', key: 'category', width: 24 },
      { header: '状态', key: 'status' },
      { header: '提交时间', key: 'submittedAt', width: 18 },
      { header: '受理时间', key: 'acceptedAt', width: 18 },
      { header: '办结时间', key: 'concludedAt', width: 18 },
    ],
    rows: records.clues.map((c) => ({
      number: c.number,
      route: names.agency(c.route),
      category: c.category,
      status: CLUE_STATUS_NAMES[c.status],
      submittedAt: when(c.submittedAt),
      acceptedAt: when(c.acceptedAt),
      concludedAt: when(c.concludedAt),
    })),
  };
}

function documentState(doc: DeadlineDocument, today: LocalDate): string {
  if (doc.status === 'closed') return '已办结';
  return doc.dueDate < today ? '逾期' : '办理中';
}

function documentSheet(docs: readonly DeadlineDocument[], today: LocalDate, names: ExportNames): SheetSpec {
  return {
    name: '文书',
    columns: [
      { header: '编号', key: 'number' },
      { header: '类型', key: 'kind', width: 22 },
      { header: '文号/事项', key: 'reference', width: 24 },
      { header: '签发单位', key: 'issuer', width: 18 },
      { header: '接收单位', key: 'recipient', width: 20 },
      { header: '起算日', key: 'startDate' },
      { header: '期限', key: 'dueDate' },
      { header: '状态', key: 'state' },
      { header: '回复日期', key: 'replied' },
      { header: '整改日期', key: 'corrected' },
      { header: '是否逾期办结', key: 'late' },
    ],
    rows: docs.map((d) => ({
      number: d.number,
      kind: names.kind(d.kind),
      reference: d.reference,
      issuer: names.agency(d.issuer),
      recipient: names.agency(d.recipient),
      startDate: d.startDate,
      dueDate: d.dueDate,
      state: documentState(d, today),
      replied: d.reply ? outcomeDate(d.reply) : '',
      corrected: d.correction ? outcomeDate(d.correction) : '',
      late: d.reply?.late || d.correction?.late ? '是' : '',
    })),
  };
}

function meetingSheet(meetings: ExportRecords['meetings']): SheetSpec {
  return {
    name: '会议',
    columns: [
      { header: '编号', key: 'number' },
      { header: '类型', key: 'kind' },
      { header: '时间', key: 'startsAt', width: 18 },
      { header: '召开日期', key: 'heldOn', width: 12 },
      { header: '地点', key: 'place', width: 20 },
      { header: '议题', key: 'topic', width: 30 },
      { header: '纪要', key: 'minutes', width: 40 },
    ],
    rows: meetings.map((m) => ({
      number: m.number,
      kind: m.kind === 'liaison' ? '联席会议' : '专题会议',
      startsAt: when(m.startsAt),
      heldOn: m.minutes ? (m.minutes.heldOn ?? m.date) : '',
      place: m.place,
      topic: m.topic,
      minutes: m.minutes?.text ?? '',
    })),
  };
}

function inspectionSheets({ inspections, items, selfInspections: reports }: ExportRecords, names: ExportNames): SheetSpec[] {
  const found = new Map<string, number>();
  for (const item of items) found.set(item.inspectionNumber, (found.get(item.inspectionNumber) ?? 0) + 1);
  return [
    {
      name: '联合巡查',
      columns: [
        { header: '编号', key: 'number' },
        { header: '日期', key: 'date' },
        { header: '督查单位', key: 'units', width: 40 },
        { header: '抽查案卷', key: 'filesSampled' },
        { header: '发现问题', key: 'problems' },
      ],
      rows: inspections.map((i) => ({
        number: i.number,
        date: i.date,
        units: i.units.map(names.agency).join('、'),
        filesSampled: i.filesSampled,
        problems: found.get(i.number) ?? 0,
      })),
    },
    {
      name: names.items,
      columns: [
        { header: '编号', key: 'number' },
        { header: '巡查编号', key: 'inspection' },
        { header: '责任单位', key: 'owner', width: 20 },
        { header: '问题', key: 'text', width: 40 },
        { header: '整改期限', key: 'dueDate' },
        { header: '状态', key: 'status' },
        { header: '销号日期', key: 'doneDate' },
        { header: '是否逾期完成', key: 'late' },
      ],
      rows: items.map((i) => ({
        number: i.number,
        inspection: i.inspectionNumber,
        owner: names.agency(i.owner),
        text: i.text,
        dueDate: i.dueDate,
        status: i.status === 'done' ? '已销号' : '整改中',
        doneDate: i.doneDate ?? '',
        late: i.doneLate ? '是' : '',
      })),
    },
    {
      name: '执法单位自查',
      columns: [
        { header: '单位', key: 'unit', width: 20 },
        { header: '月份', key: 'month' },
        { header: '自查案件数', key: 'casesChecked' },
        { header: '未执行案件数', key: 'unexecuted' },
      ],
      rows: reports.map((r) => ({ unit: names.agency(r.unit), month: r.month, casesChecked: r.casesChecked, unexecuted: r.unexecuted })),
    },
  ];
}

/** Every sheet of 导出 for the period, from the records the viewer may see. */
export function exportSheets(records: ExportRecords, period: ReportPeriod, today: LocalDate, viewer: Person, names: ExportNames): SheetSpec[] {
  const about: SheetSpec = {
    name: '说明',
    columns: [
      { header: '项目', key: 'item', width: 20 },
      { header: '内容', key: 'value', width: 60 },
    ],
    rows: [
      { item: '期间', value: `${period.label}（${period.from} 至 ${period.to}）` },
      { item: '导出人', value: `${names.agency(viewer.agency)} ${viewer.name}` },
      { item: '线索', value: '不含线索内容、被反映人和反映人信息。' },
      ...(records.cluesWithheld ? [{ item: '未列明细的线索', value: withheldCluesNote(names.withheldRoute, records.cluesWithheld) }] : []),
    ],
  };
  return [
    about,
    clueSheet(records, names),
    documentSheet(records.documents, today, names),
    meetingSheet(records.meetings),
    ...inspectionSheets(records, names),
  ];
}
