import type { ClueRoute } from '../../src/config/routing';
import { localDateOf } from '../../src/kernel/time/local-time';
import type { ClueDoc, ClueStatus } from '../../src/store/clues';
import type { Actor, DeadlineDocument } from '../../src/store/documents';
import type { JointInspection, RectificationItem, SelfInspection } from '../../src/store/inspections';
import type { Meeting, MeetingKind } from '../../src/store/meetings';

/** Records as the stores keep them, written directly: what report queries are tested on. */

const SEALED = { keyId: 'test', iv: 'aXY=', tag: 'dGFn', data: 'ZGF0YQ==' };
const ACTOR: Actor = { channel: 'console', userId: 'sfj-officer', name: '司法局执法监督科周洁', agency: 'sfj' };
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

export function clueRecord(number: string, route: ClueRoute, submittedAt: Date, status: ClueStatus = 'submitted'): ClueDoc {
  return {
    number,
    year: Number(number.slice(3, 7)),
    seq: Number(number.slice(8)),
    draftId: `draft-${number}`,
    route,
    category: '生态环境和资源保护',
    status,
    anonymous: false,
    submitterTag: 'tag',
    reporter: SEALED,
    facts: SEALED,
    submittedAt,
    month: localDateOf(submittedAt).slice(0, 7),
    acceptanceDue: localDateOf(submittedAt),
    acceptanceRemindAt: submittedAt,
    acceptanceReminded: false,
    ...(status !== 'submitted' ? { acceptedAt: submittedAt } : {}),
    ...(status === 'concluded' ? { concludedAt: submittedAt } : {}),
    transfers: [],
    version: 0,
  };
}

export function meetingRecord(number: string, kind: MeetingKind, date: string, minutes?: string): Meeting {
  return {
    number,
    kind,
    startsAt: at(date, '09:30'),
    date,
    place: '三楼会议室',
    topic: '通报',
    invited: [],
    ...(minutes ? { minutes: { at: at(date, '11:00'), by: ACTOR, text: minutes } } : {}),
    nextRemindAt: null,
    nextStepIndex: null,
    createdBy: ACTOR,
    createdAt: at('2026-01-02'),
  };
}

type DocumentShape = Pick<DeadlineDocument, 'number' | 'kind' | 'issuer' | 'recipient' | 'startDate' | 'dueDate'> & Partial<DeadlineDocument>;

export function documentRecord(shape: DocumentShape): DeadlineDocument {
  return {
    reference: `${shape.number}号`,
    urgent: false,
    customDue: false,
    provisional: false,
    status: 'open',
    nextRemindAt: null,
    nextStepOffset: null,
    createdBy: ACTOR,
    createdAt: at(shape.startDate),
    version: 0,
    ...shape,
  };
}

const outcome = (date: string, late: boolean) => ({ at: at(date), by: ACTOR, text: '已办理', late });

export function inspectionRecord(number: string, date: string, units: string[], filesSampled: number): JointInspection {
  return { number, ref: number, date, month: date.slice(0, 7), units, filesSampled, note: '', source: 'chat', createdBy: ACTOR, createdAt: at(date) };
}

export function itemRecord(number: string, inspection: JointInspection, owner: string, dueDate: string, doneDate?: string): RectificationItem {
  return {
    number,
    ref: number,
    inspectionNumber: inspection.number,
    inspectionDate: inspection.date,
    issuer: 'sfj',
    owner,
    text: '问题',
    dueDate,
    dueMonth: dueDate.slice(0, 7),
    status: doneDate ? 'done' : 'open',
    ...(doneDate ? { doneDate, doneMonth: doneDate.slice(0, 7), doneLate: doneDate > dueDate, doneNote: '已整改', doneBy: ACTOR } : {}),
    nextRemindAt: null,
    nextStepOffset: null,
    createdBy: ACTOR,
    createdAt: at(inspection.date),
  };
}

export function selfInspectionRecord(unit: string, month: string, casesChecked: number, unexecuted: number): SelfInspection {
  return { unit, month, casesChecked, unexecuted, reportedBy: ACTOR, reportedAt: at(`${month}-20`) };
}

/**
 * A county's year in records, with the edges the figures must get right: a clue and a document
 * on either side of the 2025/2026 boundary, late and timely answers of both closing rules,
 * an open item past due, a follow-up, escalations, duplicate units across inspections.
 */
export function countyRecords() {
  const inspections = [
    inspectionRecord('XC-2025-0001', '2025-12-20', ['gaj'], 5),
    inspectionRecord('XC-2026-0001', '2026-03-10', ['nyncj', 'jsj'], 20),
    inspectionRecord('XC-2026-0002', '2026-06-18', ['zhzf', 'nyncj'], 22),
  ];
  const [old, march, june] = inspections as [JointInspection, JointInspection, JointInspection];
  return {
    clues: [
      clueRecord('XS-2025-0001', 'jcy', new Date('2025-12-31T15:59:00Z')),
      clueRecord('XS-2026-0001', 'jcy', new Date('2025-12-31T16:00:00Z'), 'accepted'),
      clueRecord('XS-2026-0002', 'jw', new Date('2026-03-05T02:00:00Z')),
      clueRecord('XS-2026-0003', 'jw', new Date('2026-03-06T02:00:00Z'), 'concluded'),
      clueRecord('XS-2026-0004', 'sfj', new Date('2026-10-10T02:00:00Z')),
    ],
    meetings: [
      meetingRecord('HY-2026-0001', 'liaison', '2026-03-20', '通报上半年情况'),
      meetingRecord('HY-2026-0002', 'special', '2026-07-02'),
      meetingRecord('HY-2026-0003', 'liaison', '2026-12-10'),
    ],
    documents: [
      documentRecord({
        number: 'TZ-2025-0001',
        kind: 'notice',
        issuer: 'sfj',
        recipient: 'zhzf',
        startDate: '2025-12-31',
        dueDate: '2026-01-30',
        escalatedAt: at('2026-01-31'),
      }),
      documentRecord({
        number: 'TZ-2026-0001',
        kind: 'notice',
        issuer: 'sfj',
        recipient: 'zhzf',
        startDate: '2026-01-05',
        dueDate: '2026-02-04',
        reply: outcome('2026-02-10', true),
      }),
      documentRecord({
        number: 'TZ-2026-0002',
        kind: 'notice',
        issuer: 'sfj',
        recipient: 'jsj',
        startDate: '2026-03-01',
        dueDate: '2026-03-31',
        status: 'closed',
        reply: outcome('2026-03-20', false),
        correction: outcome('2026-04-02', true),
      }),
      documentRecord({
        number: 'JY-2026-0001',
        kind: 'recommendation',
        issuer: 'jcy',
        recipient: 'nyncj',
        startDate: '2026-02-01',
        dueDate: '2026-04-01',
        status: 'closed',
        reply: outcome('2026-04-03', true),
      }),
      documentRecord({ number: 'JY-2026-0002', kind: 'recommendation', issuer: 'jcy', recipient: 'nyncj', startDate: '2026-10-15', dueDate: '2026-12-15' }),
      documentRecord({
        number: 'YS-2026-0001',
        kind: 'transfer',
        issuer: 'zhzf',
        recipient: 'gaj',
        startDate: '2026-06-05',
        dueDate: '2026-06-08',
        transferStep: 'reconsider_request',
      }),
      documentRecord({
        number: 'HY-2026-0001-1',
        kind: 'followup',
        issuer: 'sfj',
        recipient: 'nyncj',
        startDate: '2026-03-20',
        dueDate: '2026-04-30',
        customDue: true,
      }),
    ],
    inspections,
    items: [
      itemRecord('ZG-2025-0001', old, 'gaj', '2026-01-31', '2025-12-28'),
      itemRecord('ZG-2026-0001', march, 'nyncj', '2026-04-30', '2026-04-20'),
      itemRecord('ZG-2026-0002', march, 'jsj', '2026-04-30', '2026-05-06'),
      itemRecord('ZG-2026-0003', june, 'zhzf', '2026-11-01'),
      itemRecord('ZG-2026-0004', june, 'nyncj', '2026-12-31'),
    ],
    selfInspections: [
      selfInspectionRecord('zhzf', '2026-10', 80, 5),
      selfInspectionRecord('nyncj', '2026-11', 120, 8),
      selfInspectionRecord('jsj', '2025-12', 10, 1),
    ],
  };
}
