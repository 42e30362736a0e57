import { parseLocalDate, type LocalDate } from '../../kernel/time/local-date';
import type { Actor } from '../../store/documents';
import type { InspectionStore, JointInspection } from '../../store/inspections';
import { Refusal } from '../errors';
import type { Organization } from '../organization';
import { TableImportError, type RowProblem } from '../imports/table-file';
import type { ImportRows } from './import-file';
import type { InspectionService, NewItem } from './inspection-service';
import { checkDueDate, checkInspectionDate, checkProblemText, dateArg, enforcementUnit } from './rules';

export interface ImportSummary {
  inspections: { added: number; present: number };
  problems: { added: number; present: number };
  selfInspections: { written: number };
}

export type Progress = (done: number, total: number) => void;

type InspectionRef = Pick<JointInspection, 'number' | 'date' | 'units'> & { issuer: string };

interface Plan {
  inspections: (Pick<JointInspection, 'ref' | 'date' | 'units' | 'filesSampled' | 'note'> & { issuer: string })[];
  problems: (Omit<NewItem, 'inspection'> & { ref: string; inspectionRef: string })[];
  selfInspections: { unit: string; month: string; casesChecked: number; unexecuted: number }[];
  /** Inspections the problems refer to that are already in the database, by ref and by number. */
  stored: Map<string, InspectionRef>;
}

function known(inspection: JointInspection, org: Organization): InspectionRef {
  return { number: inspection.number, date: inspection.date, units: inspection.units, issuer: inspection.createdBy?.agency || org.part('justice') };
}

function importActor(agency: string): Actor {
  return { channel: 'console', userId: 'import', name: '批量导入', agency };
}

/**
 * Checks every row of an import file against the config and the database; only a
 * file without a single problem is written. Refs already stored are left as they are,
 * so re-running an import (e.g. after an interruption) adds only what is missing.
 */
export async function importRows(
  service: InspectionService,
  store: InspectionStore,
  org: Organization,
  rows: ImportRows,
  onProgress: Progress = () => {},
): Promise<ImportSummary> {
  const plan = await checkRows(store, org, rows, service.today());
  const presentInspections = new Set((await store.inspectionsByRef(plan.inspections.map((i) => i.ref))).map((i) => i.ref));
  const presentProblems = await store.itemRefsPresent(plan.problems.map((p) => p.ref));
  const total = plan.inspections.length + plan.problems.length + plan.selfInspections.length;
  let done = 0;
  const step = () => onProgress(++done, total);
  onProgress(0, total);

  const byRef = new Map<string, InspectionRef>(plan.stored);
  const summary: ImportSummary = { inspections: { added: 0, present: 0 }, problems: { added: 0, present: 0 }, selfInspections: { written: 0 } };
  for (const row of plan.inspections) {
    if (!presentInspections.has(row.ref)) {
      const { issuer, ...rest } = row;
      byRef.set(row.ref, known(await service.saveInspection({ ...rest, source: 'import', createdBy: importActor(issuer) }), org));
      summary.inspections.added++;
    } else summary.inspections.present++;
    step();
  }
  const missing = plan.inspections.filter((i) => presentInspections.has(i.ref)).map((i) => i.ref);
  for (const stored of await store.inspectionsByRef(missing)) byRef.set(stored.ref, known(stored, org));

  for (const { inspectionRef, ...row } of plan.problems) {
    if (!presentProblems.has(row.ref)) {
      await service.saveItem({ ...row, inspection: byRef.get(inspectionRef)! }, importActor(row.issuer));
      summary.problems.added++;
    } else summary.problems.present++;
    step();
  }
  for (const row of plan.selfInspections) {
    await service.saveSelfInspection(row, importActor(org.part('justice')));
    summary.selfInspections.written++;
    step();
  }
  return summary;
}

async function checkRows(store: InspectionStore, org: Organization, rows: ImportRows, today: LocalDate): Promise<Plan> {
  const problems: RowProblem[] = [];
  const attempt = <T>(at: string, work: () => T): T | undefined => {
    try {
      return work();
    } catch (err) {
      if (err instanceof Refusal) return void problems.push({ at, message: err.message });
      throw err;
    }
  };
  const plan: Plan = { inspections: [], problems: [], selfInspections: [], stored: new Map() };

  const inFile = new Map<string, InspectionRef>();
  for (const row of rows.inspections) {
    const checked = attempt(row.at, () => {
      if (inFile.has(row.ref)) throw new Refusal(`ref ${row.ref} 在文件中重复出现`);
      const date = dateArg(row.date, '巡查日期');
      checkInspectionDate(date, today);
      const issuer = org.is(row.issuer, 'supervisor') ? org.agency(row.issuer) : undefined;
      if (!issuer) throw new Refusal(`issuer「${row.issuer}」须为 ${org.ofKind('supervisor').join('、')} 之一`);
      const units = [...new Set(row.units.map((unit) => enforcementUnit(org, unit)))];
      return { ref: row.ref, date, units, filesSampled: row.filesSampled, note: row.note, issuer: issuer.code };
    });
    if (!checked) continue;
    plan.inspections.push(checked);
    inFile.set(row.ref, { number: row.ref, ...checked });
  }

  const wanted = [...new Set(rows.problems.map((p) => p.inspection).filter((ref) => !inFile.has(ref)))];
  const stored = await store.inspectionsByRefOrNumber(wanted);
  for (const inspection of stored) {
    plan.stored.set(inspection.ref, known(inspection, org));
    plan.stored.set(inspection.number, known(inspection, org));
  }
  const problemRefs = new Set<string>();
  for (const row of rows.problems) {
    const checked = attempt(row.at, () => {
      if (problemRefs.has(row.ref)) throw new Refusal(`ref ${row.ref} 在文件中重复出现`);
      problemRefs.add(row.ref);
      const inspection = inFile.get(row.inspection) ?? plan.stored.get(row.inspection);
      if (!inspection) throw new Refusal(`inspection「${row.inspection}」既不在本文件中，也不在数据库中`);
      const owner = enforcementUnit(org, row.owner);
      if (!inspection.units.includes(owner)) throw new Refusal(`owner ${owner} 不是该次巡查的督查单位（${inspection.units.join('|')}）`);
      const inspectionDate = parseLocalDate(inspection.date);
      const dueDate = dateArg(row.dueDate, '整改期限');
      checkDueDate(dueDate, inspectionDate);
      const doneDate = row.doneDate === undefined ? undefined : dateArg(row.doneDate, '整改完成日期');
      if (doneDate && (doneDate < inspectionDate || doneDate > today)) {
        throw new Refusal(`整改完成日期 ${doneDate} 必须在巡查日期 ${inspectionDate} 与今天之间`);
      }
      return { ref: row.ref, inspectionRef: row.inspection, issuer: inspection.issuer, owner, text: checkProblemText(row.text), dueDate, doneDate };
    });
    if (checked) plan.problems.push(checked);
  }

  const currentMonth = today.slice(0, 7);
  const reported = new Set<string>();
  for (const row of rows.selfInspections) {
    const checked = attempt(row.at, () => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(row.month)) throw new Refusal(`month「${row.month}」须为 YYYY-MM`);
      if (row.month > currentMonth) throw new Refusal(`month ${row.month} 尚未开始`);
      if (row.unexecuted > row.casesChecked) throw new Refusal('unexecuted 不能大于 cases_checked');
      const unit = enforcementUnit(org, row.unit);
      if (reported.has(`${unit}:${row.month}`)) throw new Refusal(`${unit} ${row.month} 在文件中重复出现`);
      reported.add(`${unit}:${row.month}`);
      return { unit, month: row.month, casesChecked: row.casesChecked, unexecuted: row.unexecuted };
    });
    if (checked) plan.selfInspections.push(checked);
  }

  if (problems.length) throw new TableImportError(problems);
  return plan;
}
