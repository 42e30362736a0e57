import ExcelJS from 'exceljs';

export interface SheetSpec {
  name: string;
  columns: { header: string; key: string; width?: number }[];
  rows: Record<string, string | number>[];
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A leading = + - @ (or tab, CR) would make a spreadsheet read the text as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that could start a formula is written as text: a leading apostrophe, as spreadsheet programs themselves do. */
export function neutraliseCell(value: string | number): string | number {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** One worksheet per spec, a bold frozen header row, then the rows as given, every cell neutralised. */
export async function buildWorkbook(sheets: SheetSpec[], created: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '联合监督机器人';
  workbook.created = created;
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
    sheet.getRow(1).font = { bold: true };
    sheet.addRows(spec.rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, neutraliseCell(value)]))));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
