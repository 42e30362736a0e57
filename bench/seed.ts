/**
 * Large, honestly shaped data written straight into the bot's collections with
 * insertMany in batches (the bot's services would take hours for a million rows).
 */
import { randomBytes } from 'node:crypto';
import type { Collection, mongo } from 'mongoose';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { AppConfig } from '../src/config';
import { addDays, createWorkingCalendar, instantAt, localDateOf, onOrNextWorkingDay, reminderStepAt, type LocalDate } from '../src/domain/deadlines';
import { FieldCipher, keyringFromEnv, type EncryptedField } from '../src/kernel/field-cipher';
import { CHANNEL_NAMES } from '../src/channels';
import { parseRosterCsv } from '../src/domain/roster/roster-csv';
import { ClueModel } from '../src/store/mongo/models/clue';
import type { ClueDoc } from '../src/store/clues';
import { DeadlineDocumentModel } from '../src/store/mongo/models/deadline-document';
import type { DeadlineDocument } from '../src/store/documents';
import { PersonModel } from '../src/store/mongo/models/person';
import { ConversationModel } from '../src/store/mongo/models/conversation';
import { documentAgenda } from '../src/store/mongo/documents';
import { redAt, yellowAt } from '../src/domain/documents/ladder';
import type { Person } from '../src/kernel/people';

const BATCH = 5_000;
/**
 * Batches written at the same time: the database server (FerretDB and PostgreSQL, or mongod) gets work for
 * both cores while the next batch is built, instead of one round trip after another.
 */
const IN_FLIGHT = 4;

async function insertInBatches<T extends object>(
  collection: Collection,
  count: number,
  make: (i: number) => T,
  filed?: (docs: T[]) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const start = next;
      next += BATCH;
      const docs = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => make(start + k));
      await filed?.(docs);
      await collection.insertMany(docs as mongo.OptionalId<mongo.Document>[], { ordered: false });
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, Math.ceil(count / BATCH)) }, worker));
}

/** Deadline documents with their agenda entries (what the store files before each write), the agenda then marked complete. */
async function insertDeadlines(count: number, make: (i: number) => DeadlineDocument): Promise<void> {
  await insertInBatches(DeadlineDocumentModel.collection, count, make, (docs) => documentAgenda.file(...docs));
  await documentAgenda.markBuilt();
}

/**
 * `count` stored inbound messages, answered, as the inbox keeps them (sealed-sized text and replies), from
 * DingTalk users so they never collide with the WeCom load: the history a webhook run must not slow down with.
 */
export async function seedConversations(count: number): Promise<void> {
  const sealed = { keyId: 'bench', iv: randomBytes(12).toString('base64'), tag: randomBytes(16).toString('base64'), data: randomBytes(48).toString('base64') };
  const replies = { ...sealed, data: randomBytes(600).toString('base64') };
  const now = Date.now();
  await insertInBatches(ConversationModel.collection, count, (i) => ({
    channel: 'dingtalk',
    platformMessageId: `seed-${i}`,
    userId: `dt${i % 10_000}`,
    direction: 'in',
    kind: 'text',
    text: sealed,
    receivedAt: new Date(now - (count - i) * 1000),
    status: 'done',
    replies,
    repliedAt: new Date(now - (count - i) * 1000 + 50),
  }));
}

const COUNTY_PER_AGENCY = 20;

/**
 * The example roster plus a county-sized one on the console channel: per agency
 * 1 leader, 3 organizers and 16 officers. Returns the officers (clue submitters).
 */
export async function seedCountyRoster(config: AppConfig): Promise<Person[]> {
  const codes = config.agencies.map((a) => a.code);
  const example = parseRosterCsv(readFileSync('config/roster.example.csv', 'utf8'), { agencies: new Set(codes), channels: CHANNEL_NAMES });
  const county: Person[] = codes.flatMap((agency) =>
    Array.from(
      { length: COUNTY_PER_AGENCY },
      (_, i): Person => ({
        channel: 'console',
        userId: `c-${agency}-${i}`,
        name: `${agency}人员${i}`,
        agency,
        roles: i === 0 ? ['leader'] : i <= 3 ? ['organizer'] : ['officer'],
      }),
    ),
  );
  const now = new Date();
  await PersonModel.collection.insertMany([...example, ...county].map((p) => ({ ...p, createdAt: now, updatedAt: now })));
  return county.filter((p) => p.roles.includes('officer'));
}

/** `count` WeCom users spread over the agencies, mostly officers. */
export async function seedWecomUsers(config: AppConfig, count: number): Promise<string[]> {
  const codes = config.agencies.map((a) => a.code);
  const now = new Date();
  const ids = Array.from({ length: count }, (_, i) => `wx${String(i).padStart(6, '0')}`);
  await insertInBatches(PersonModel.collection, count, (i) => ({
    channel: 'wecom',
    userId: ids[i]!,
    name: `企业微信用户${i}`,
    agency: codes[i % codes.length]!,
    roles: i % 50 === 0 ? ['leader'] : i % 10 === 0 ? ['organizer'] : ['officer'],
    createdAt: now,
    updatedAt: now,
  }));
  return ids;
}

// Who issues each kind to whom (config/deadlines.yaml): [kind, prefix, issuer, recipients].
const ENFORCEMENT = ['nyncj', 'jsj', 'zhzf', 'scjg', 'sthj'];
const KINDS: [string, string, string | null, string[]][] = [
  ['recommendation', 'JY', 'jcy', ENFORCEMENT],
  ['notice', 'TZ', 'sfj', ENFORCEMENT],
  ['decision', 'JD', 'zf', ENFORCEMENT],
  ['transfer', 'YS', null, ['gaj']],
  ['followup', 'HY', 'sfj', ENFORCEMENT],
];
const ACTOR = { channel: 'console', userId: 'c-jcy-1', name: '检察院人员1', agency: 'jcy' };

/** The instant the tick benchmark runs at: 09:00 Asia/Shanghai of today or the next working day (no reminder goes out on a rest day). */
export function tickInstant(config: AppConfig): Date {
  return instantAt(onOrNextWorkingDay(localDateOf(new Date()), createWorkingCalendar(config.holidays)), config.reminders.deadlines.time);
}

interface DeadlineShape {
  /** 'due': its -7 reminder is due at the tick; 'future': next reminder later; 'overdue': open, next overdue reminder later. */
  state: 'due' | 'future' | 'overdue';
  /** Days from today to the due date. */
  dueIn: number;
}

function deadlineDoc(config: AppConfig, today: LocalDate, serial: string, i: number, shape: DeadlineShape, closed = false): DeadlineDocument {
  const [kind, prefix, issuer, recipients] = KINDS[i % KINDS.length]!;
  const recipient = recipients[Math.floor(i / KINDS.length) % recipients.length]!;
  const rules = config.reminders.deadlines;
  const calendar = createWorkingCalendar(config.holidays);
  const offset =
    shape.state === 'due' ? -7 : shape.state === 'future' ? -15 : 1 + rules.overdueEveryDays * (Math.floor((-shape.dueIn - 1) / rules.overdueEveryDays) + 1);
  let due = addDays(today, shape.dueIn);
  let step = reminderStepAt(due, offset, rules, calendar);
  // A step on a rest day moves to the working day before: one that would land on the tick's day is moved past it.
  while (shape.state !== 'due' && step.at <= instantAt(today, rules.time)) {
    due = addDays(due, 1);
    step = reminderStepAt(due, offset, rules, calendar);
  }
  const year = Number(today.slice(0, 4)) - (shape.dueIn < 0 ? 1 : 0);
  const open = !closed;
  const startDate = addDays(due, -60);
  const { time, yellow: y, bulletin } = config.escalation.ladder;
  const ladderRules = { time, yellowShare: y.share, bulletinAfterWorkingDays: bulletin.afterWorkingDays };
  const yellow = yellowAt({ startDate, dueDate: due }, ladderRules, calendar);
  // Where the escalation ladder stands at the tick, as earlier runs left it: overdue ones at the top, the others waiting for red.
  const ladder =
    shape.dueIn < 0
      ? { due, level: 'bulletin' as const, nextAt: null, urge: { number: `催〔${year}〕${i}号`, on: addDays(due, 1) } }
      : { due, ...(yellow && yellow < instantAt(today, '09:00') ? { level: 'yellow' as const } : {}), nextAt: redAt(due, ladderRules, calendar) };
  return {
    number: `${prefix}-${year}-${serial}${String(i).padStart(7, '0')}`,
    kind,
    reference: `${prefix}〔${year}〕${i % 997}号`,
    issuer: issuer ?? ENFORCEMENT[i % ENFORCEMENT.length]!,
    recipient,
    urgent: i % 9 === 0,
    startDate,
    period: { unit: 'days', amount: 60 },
    customDue: false,
    dueDate: due,
    provisional: false,
    status: open ? 'open' : 'closed',
    ...(closed ? { reply: { at: instantAt(addDays(due, -3), '10:00'), by: ACTOR, text: '已回复', late: false } } : {}),
    ...(open ? { ladder } : {}),
    nextRemindAt: open ? step.at : null,
    nextStepOffset: open ? step.offset : null,
    createdBy: ACTOR,
    createdAt: instantAt(addDays(due, -59), '10:00'),
  };
}

/**
 * Open deadlines numbered [from, to): none due at the tick except those made by
 * seedDueDeadlines. 90 % have their next reminder 1–400 days ahead, 10 % are
 * overdue with their next overdue reminder ahead.
 */
export async function seedOpenDeadlines(config: AppConfig, from: number, to: number): Promise<void> {
  const today = localDateOf(tickInstant(config));
  await insertDeadlines(to - from, (k) => {
    const i = from + k;
    const shape: DeadlineShape = i % 10 === 0 ? { state: 'overdue', dueIn: -(2 + (i % 300)) } : { state: 'future', dueIn: 16 + (i % 400) };
    return deadlineDoc(config, today, 'S', i, shape);
  });
}

/** The fixed 100 deadlines whose reminder is due at the tick (removed first, so a tick can be repeated). */
export async function seedDueDeadlines(config: AppConfig, count = 100): Promise<void> {
  const today = localDateOf(tickInstant(config));
  const docs = Array.from({ length: count }, (_, i) => deadlineDoc(config, today, 'D', i, { state: 'due', dueIn: 7 }));
  await DeadlineDocumentModel.collection.deleteMany({ number: { $in: docs.map((d) => d.number) } });
  await documentAgenda.file(...docs);
  await DeadlineDocumentModel.collection.insertMany(docs);
}

// Sealed fields of realistic size, made once with the real cipher and reused.
function sealedSamples(clueKey: string): Record<'reporter' | 'facts' | 'subject' | 'timePlace' | 'evidence', EncryptedField> {
  const cipher = new FieldCipher(keyringFromEnv({ CLUE_ENCRYPTION_KEY: clueKey }).keyring);
  const facts = '某局执法人员在检查中发现企业长期向河道排放污水，群众多次反映，相关部门未依法处理，河水发黑发臭，周边农田受到影响。'.repeat(2);
  return {
    reporter: cipher.encrypt(JSON.stringify({ channel: 'wecom', userId: 'wx000123', name: '张某某', agency: 'nyncj' }), 'reporter'),
    facts: cipher.encrypt(facts, 'facts'),
    subject: cipher.encrypt('县某局某科室', 'subject'),
    timePlace: cipher.encrypt('2026年10月，某镇某村河段', 'timePlace'),
    evidence: cipher.encrypt('现场照片三张，群众反映记录一份', 'evidence'),
  };
}

function clueCategories(): Record<string, string[]> {
  const routing = parseYaml(readFileSync('config/routing.yaml', 'utf8')) as { routes: Record<string, { categories: Record<string, unknown> }> };
  return Object.fromEntries(Object.entries(routing.routes).map(([route, rules]) => [route, Object.keys(rules.categories)]));
}

/** Clues numbered [from, to), submitted over the last five years, in every status. */
export async function seedClues(clueKey: string, from: number, to: number): Promise<void> {
  const sealed = sealedSamples(clueKey);
  const categories = clueCategories();
  const routes = ['jcy', 'sfj', 'jw'] as const;
  const now = Date.now();
  const FIVE_YEARS = 5 * 365 * 86_400_000;
  await insertInBatches(ClueModel.collection, to - from, (k): ClueDoc => {
    const i = from + k;
    const route = routes[i % 3]!;
    const submittedAt = new Date(now - ((i * 7919) % FIVE_YEARS));
    const day = localDateOf(submittedAt);
    const year = Number(day.slice(0, 4));
    const status = i % 5 === 0 ? 'submitted' : i % 5 <= 2 ? 'accepted' : 'concluded';
    const actor = { channel: 'console', userId: `c-${route}-1`, name: `${route}人员1`, agency: route };
    const routeCategories = categories[route]!;
    return {
      number: `XS-${year}-B${String(i).padStart(7, '0')}`,
      year,
      seq: i,
      draftId: `bench-${i}`,
      route,
      category: routeCategories[i % routeCategories.length]!,
      status,
      anonymous: i % 4 === 0,
      submitterTag: randomBytes(32).toString('base64url'),
      ...sealed,
      submittedAt,
      month: day.slice(0, 7),
      acceptanceDue: addDays(day, 21),
      acceptanceRemindAt: instantAt(addDays(day, 22), '09:00'),
      acceptanceReminded: status !== 'submitted',
      ...(status !== 'submitted' ? { acceptedAt: new Date(submittedAt.getTime() + 3 * 86_400_000), acceptedBy: actor } : {}),
      ...(status === 'concluded' ? { concludedAt: new Date(submittedAt.getTime() + 40 * 86_400_000), concludedBy: actor } : {}),
      transfers: [],
      version: status === 'submitted' ? 0 : status === 'accepted' ? 1 : 2,
    };
  });
}

/** Documents numbered [from, to) for the summary: a third open, the rest replied and closed, due over five years. */
export async function seedDocumentCases(config: AppConfig, from: number, to: number): Promise<void> {
  const today = localDateOf(tickInstant(config));
  await insertInBatches(DeadlineDocumentModel.collection, to - from, (k) => {
    const i = from + k;
    const dueIn = 400 - (i % 1800);
    const shape: DeadlineShape = dueIn < 0 ? { state: 'overdue', dueIn } : { state: 'future', dueIn: Math.max(16, dueIn) };
    return deadlineDoc(config, today, 'C', i, shape, i % 3 !== 0);
  });
}
