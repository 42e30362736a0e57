import { afterEach, describe, expect, it } from 'vitest';
import { AGENDAS } from '../../src/store/mongo/agendas';
import { clueAgenda } from '../../src/store/mongo/clues';
import { consultationAgenda } from '../../src/store/mongo/consultations';
import { documentAgenda } from '../../src/store/mongo/documents';
import { ConsultationRequestModel } from '../../src/store/mongo/models/consultation-request';
import { ClueModel } from '../../src/store/mongo/models/clue';
import { DeadlineDocumentModel } from '../../src/store/mongo/models/deadline-document';
import { runCli } from '../support/cli';
import { tickAt } from '../support/deadline-helpers';
import { startTestBot, type TestBot } from '../support/test-bot';

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

/** A small deterministic generator: the same seed gives the same operations, so a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state % n;
  };
}

const UNITS: [string, string][] = [
  ['县农业农村局', 'nyncj-liaison'],
  ['县综合行政执法局', 'zhzf-liaison'],
];
const DAY_MS = 86_400_000;

function iso(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Random registrations, receipts, replies, deadline changes and ticks; then the agenda kept in step by
 * those writes must equal the one `agenda rebuild` files from the documents alone.
 */
describe('the reminder agenda', { timeout: 240_000 }, () => {
  for (const seed of [7, 2026]) {
    it(`kept in step equals the rebuilt one after random operations (seed ${seed})`, async () => {
      const next = random(seed);
      bot = await startTestBot({ now: new Date('2026-03-02T02:00:00Z') });
      let now = new Date('2026-03-02T01:00:00Z');
      const numbers: [string, string][] = [];
      for (let op = 0; op < 30; op++) {
        const choice = numbers.length === 0 ? 0 : next(6);
        const [number, liaison] = numbers[next(Math.max(1, numbers.length))] ?? ['', ''];
        bot.clock.set(now);
        if (choice === 0) {
          const [unit, user] = UNITS[next(UNITS.length)]!;
          const start = iso(new Date(now.getTime() - next(40) * DAY_MS));
          const reply = (await bot.say('sfj-officer', `登记监督通知书 嘉司监通〔2026〕${op + 1}号 ${unit} ${start}`)).join('\n');
          const registered = /TZ-2026-\d{4}/.exec(reply)?.[0];
          if (registered) numbers.push([registered, user]);
        } else if (choice === 1) {
          await bot.say(liaison, `签收 ${number}`);
        } else if (choice === 2) {
          await bot.say(liaison, `回复 ${number} 已书面回复`);
        } else if (choice === 3) {
          await bot.say('sfj-officer', `调整期限 ${number} ${iso(new Date(now.getTime() + (next(30) - 5) * DAY_MS))}`);
        } else {
          now = new Date(now.getTime() + (1 + next(6)) * DAY_MS);
          await tickAt(bot, now.toISOString());
        }
      }
      const kept = await documentAgenda.snapshot();
      const documents = await DeadlineDocumentModel.countDocuments();
      expect(documents).toBeGreaterThan(3);
      expect(kept.entries.map((e) => e.list)).toContain('document.remind');
      for (const entry of kept.entries) expect(kept.days, entry._id).toContain(`${entry.list}:${entry.day}`);

      const rebuilt = await runCli(bot, ['agenda', 'rebuild']);
      expect(rebuilt.stderr).toBe('');
      expect(rebuilt.stdout).toContain(`agenda rebuilt: ${kept.entries.length} entries`);
      expect((await documentAgenda.snapshot()).entries).toEqual(kept.entries);
    });
  }

  it('a tick after downtime finds the days it missed, and a document written without its entry is found again after a rebuild', async () => {
    bot = await startTestBot({ now: new Date('2026-03-02T02:00:00Z') });
    expect((await bot.say('sfj-officer', '登记监督通知书 嘉司监通〔2026〕1号 县农业农村局 2026-03-02')).join('')).toContain('TZ-2026-0001');
    const doc = (await DeadlineDocumentModel.findOne({ number: 'TZ-2026-0001' }).lean())!;
    // Twenty days without a tick: every reminder step passed meanwhile folds into one late reminder.
    const late = new Date(doc.nextRemindAt!.getTime() + 20 * DAY_MS);
    await tickAt(bot, late.toISOString());
    const moved = (await DeadlineDocumentModel.findOne({ number: 'TZ-2026-0001' }).lean())!;
    expect(moved.nextRemindAt!.getTime()).toBeGreaterThan(late.getTime());

    // The agenda lost (a restore of the documents alone): nothing is due until it is rebuilt.
    const { AgendaEntryModel } = await import('../../src/store/mongo/models/agenda');
    await AgendaEntryModel.deleteMany({});
    const after = new Date(moved.nextRemindAt!.getTime() + 60_000);
    expect(await bot.services.documents.remindDue(after)).toBe(0);
    await runCli(bot, ['agenda', 'rebuild']);
    expect(await bot.services.documents.remindDue(after)).toBe(1);
  });

  it('the registers reminded through remindStore (consultations, mediation) keep an agenda equal to the rebuilt one, and are found only through it', async () => {
    const next = random(11);
    bot = await startTestBot({ now: new Date('2026-03-02T02:00:00Z') });
    let now = new Date('2026-03-02T01:00:00Z');
    const open: string[] = [];
    for (let op = 0; op < 24; op++) {
      bot.clock.set(now);
      const choice = open.length === 0 ? next(2) : next(4);
      if (choice === 0) {
        const reply = (await bot.say('jcy-officer', `协作请求 司法局 法律政策咨询 第${op}件程序问题`)).join('\n');
        const number = /XZ-2026-\d{4}/.exec(reply)?.[0];
        if (number) open.push(number);
      } else if (choice === 1) {
        await bot.say('sfj-officer', `登记调解 市场监管局 复议前 第${op}件罚款争议`);
      } else if (choice === 2) {
        const [number] = open.splice(next(open.length), 1);
        await bot.say('sfj-officer', `答复协作 ${number} 依法处理，详见书面意见`);
      } else {
        now = new Date(now.getTime() + (1 + next(5)) * DAY_MS);
        await tickAt(bot, now.toISOString());
      }
    }
    const kept = await Promise.all(AGENDAS.map(({ agenda }) => agenda.snapshot()));
    const lists = kept.flatMap((k) => k.entries.map((e) => e.list));
    expect(lists).toContain('consultation.remind');
    expect(lists).toContain('mediation.remind');
    const rebuilt = await runCli(bot, ['agenda', 'rebuild']);
    expect(rebuilt.stderr).toBe('');
    for (const [i, { label }] of AGENDAS.entries()) expect(rebuilt.stdout).toContain(`agenda rebuilt: ${kept[i]!.entries.length} entries for ${label}`);
    for (const [i, { agenda }] of AGENDAS.entries()) expect((await agenda.snapshot()).entries).toEqual(kept[i]!.entries);

    // A consultation's entry lost: it is not due until the agenda is rebuilt.
    const request = (await ConsultationRequestModel.findOne({ nextRemindAt: { $ne: null } }).lean())!;
    expect(request).toBeTruthy();
    const { AgendaEntryModel } = await import('../../src/store/mongo/models/agenda');
    await AgendaEntryModel.deleteMany({ list: 'consultation.remind' });
    const due = new Date(request.nextRemindAt!.getTime() + 60_000);
    expect((await consultationAgenda.due(due, 100)).map((r) => r.number)).not.toContain(request.number);
    await runCli(bot, ['agenda', 'rebuild']);
    expect((await consultationAgenda.due(due, 100)).map((r) => r.number)).toContain(request.number);
  });

  it('clues: the 受理 reminders and casework alerts kept in step equal the rebuilt agenda, and a clue is due only through it', async () => {
    const next = random(5);
    bot = await startTestBot({ now: new Date('2026-11-02T02:00:00Z') });
    let now = new Date('2026-11-02T02:00:00Z');
    const submitted: string[] = [];
    const POLLUTION = '县农业农村局对某养殖场向河道排放污水的问题长期不作为，河水发黑发臭';
    for (let op = 0; op < 30; op++) {
      bot.clock.set(now);
      const choice = submitted.length === 0 ? 0 : next(5);
      if (choice <= 1) {
        await bot.say('sfj-officer', `提交线索：${POLLUTION}（第${op}件） 实名`);
        const number = /XS-\d{4}-\d{4}/.exec((await bot.say('sfj-officer', '确认')).join('\n'))?.[0];
        if (number) submitted.push(number);
      } else if (choice === 2) {
        await bot.say('jcy-officer', `受理 ${submitted[next(submitted.length)]} 钱程`);
      } else {
        now = new Date(now.getTime() + (1 + next(3)) * DAY_MS);
        await tickAt(bot, now.toISOString());
      }
    }
    const kept = await clueAgenda.snapshot();
    const lists = new Set(kept.entries.map((e) => e.list));
    expect(lists).toEqual(new Set(['clue.acceptance', 'clue.alert']));
    const rebuilt = await runCli(bot, ['agenda', 'rebuild']);
    expect(rebuilt.stderr).toBe('');
    expect(rebuilt.stdout).toContain(`agenda rebuilt: ${kept.entries.length} entries for clues`);
    expect((await clueAgenda.snapshot()).entries).toEqual(kept.entries);

    // A waiting clue's entry lost: its 受理 reminder is not due until the agenda is rebuilt.
    const waiting = (await ClueModel.findOne({ status: 'submitted', acceptanceReminded: false }).lean())!;
    expect(waiting).toBeTruthy();
    const { AgendaEntryModel } = await import('../../src/store/mongo/models/agenda');
    await AgendaEntryModel.deleteMany({ list: 'clue.acceptance' });
    const due = new Date(waiting.acceptanceRemindAt.getTime() + 60_000);
    expect((await clueAgenda.due('acceptance', due, 100)).map((c) => c.number)).not.toContain(waiting.number);
    await runCli(bot, ['agenda', 'rebuild']);
    expect((await clueAgenda.due('acceptance', due, 100)).map((c) => c.number)).toContain(waiting.number);
  });
});
