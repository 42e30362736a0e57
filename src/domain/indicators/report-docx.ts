import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { chineseDate } from '../reports/period';
import type { LocalDate } from '../../kernel/time/local-date';
import type { AnnualIndicators, IndicatorRow } from './annual';
import { display } from './sources';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FONT = '宋体';

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, font: FONT })] })] });
}

function table(header: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, children: [new TextRun({ text, font: FONT })] });
const para = (text: string) => new Paragraph({ children: [new TextRun({ text, font: FONT })] });
const indicatorRows = (rows: IndicatorRow[]) => rows.map((r) => [r.name, display(r.value)]);

/**
 * The annual report draft (.docx): county summary, each unit's indicators, the definitions, and
 * the data still missing. Every figure is the same `display` of the same values as chat and workbook.
 */
export async function buildReportDocx(report: AnnualIndicators, nameOf: (code: string) => string): Promise<Buffer> {
  const missing = report.units.filter((u) => u.missing.length);
  const document = new Document({
    creator: '联合监督机器人',
    title: `${report.year}年度法治政府建设行政执法监督指标报告`,
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: `${report.year}年度法治政府建设行政执法监督指标报告（草稿）`, font: FONT })],
          }),
          para(
            `根据纪检监察机关、检察机关、司法行政机关联合监督工作记录，现将${report.year}年度各行政执法单位法治政府指标情况报告如下（数据统计至${chineseDate(report.asOf as LocalDate)}）。`,
          ),
          heading('一、全县汇总', HeadingLevel.HEADING_1),
          table(['指标', '各单位合计'], indicatorRows(report.county)),
          heading('二、各单位指标', HeadingLevel.HEADING_1),
          ...report.units.flatMap((u) => [heading(nameOf(u.unit), HeadingLevel.HEADING_2), table(['指标', '数值'], indicatorRows(u.rows))]),
          heading('三、指标定义', HeadingLevel.HEADING_1),
          ...report.county.map((r) => para(`${r.name}：${r.definition}。`)),
          heading('四、待补充数据', HeadingLevel.HEADING_1),
          ...(missing.length ? missing.map((u) => para(`${nameOf(u.unit)}：${u.missing.join('；')}。`)) : [para('无。')]),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
