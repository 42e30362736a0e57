import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError, parseJson } from '../../src/channels/http-body';
import { cleanText } from '../../src/conversation/dispatcher';
import { parseRegistrationArgs } from '../../src/domain/documents/registration-args';
import { Refusal } from '../../src/domain/errors';
import { parseMinutes, parseScheduleArgs } from '../../src/domain/meetings/command-args';
import { configured } from '../support/document-kinds';
import { startTestBot, type TestBot } from '../support/test-bot';

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/** JSON text with prototype keys planted at any depth. */
const hostileJson = fc
  .jsonValue()
  .chain((value) =>
    fc.constantFrom(...FORBIDDEN_KEYS).map((key) => JSON.stringify({ [key]: { polluted: true }, value, nested: [{ [key]: { polluted: true } }] })),
  );

function ownKeysDeep(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      found.add(key);
      ownKeysDeep((value as Record<string, unknown>)[key], found);
    }
  }
  return found;
}

function onlyTyped(run: () => unknown, type: new (...args: never[]) => Error): void {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(type);
  }
}

describe('the console JSON decoder', () => {
  it('returns a value or throws HttpError 400, for any bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
          fc.string().map((s) => Buffer.from(s)),
        ),
        (body) => {
          try {
            parseJson(body);
          } catch (err) {
            expect(err).toBeInstanceOf(HttpError);
            expect((err as HttpError).status).toBe(400);
          }
        },
      ),
    );
  });

  it('never keeps a __proto__, constructor or prototype key, and never pollutes Object.prototype', () => {
    fc.assert(
      fc.property(hostileJson, (text) => {
        const keys = ownKeysDeep(parseJson(Buffer.from(text)));
        for (const key of FORBIDDEN_KEYS) expect(keys.has(key)).toBe(false);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
    );
  });
});

describe('cleanText', () => {
  it('leaves no control character but line breaks, no surrounding space, and is idempotent', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('\u0000', '\u0007', '\t', '\n', '\r', '\u001b', '\u007f', ' '),
            fc.integer({ min: 0, max: 0x3000 }).map((code) => String.fromCharCode(code)),
            fc.constantFrom('帮', '助'),
          ),
        }),
        (text) => {
          const cleaned = cleanText(text);
          expect(cleaned).not.toMatch(/[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F]/);
          expect(cleaned).toBe(cleaned.trim());
          expect(cleanText(cleaned)).toBe(cleaned);
        },
      ),
    );
  });
});

describe('document and meeting command parsers', () => {
  const words = fc
    .array(
      fc.oneof(
        fc.string(),
        fc.constantFrom('紧急', '诉前紧急', '期限', '期限:', '期限：2026-02-30', '2026-02-30', 'nyncj', '邀请:', '邀请：a,,b', '跟进：', ' ', '\n'),
      ),
      { maxLength: 8 },
    )
    .map((w) => w.join(' '));

  it('parseRegistrationArgs returns an input with a reference and a start date, or refuses', () => {
    fc.assert(
      fc.property(fc.constantFrom(...configured().kinds.registrable), words, (kind, args) => {
        try {
          const input = parseRegistrationArgs(kind, args);
          expect(input.reference.trim()).not.toBe('');
          expect(input.startDate.trim()).not.toBe('');
          expect(input.kind).toBe(kind.key);
        } catch (err) {
          expect(err).toBeInstanceOf(Refusal);
        }
      }),
    );
  });

  it('parseScheduleArgs and parseMinutes throw nothing but Refusal', () => {
    fc.assert(
      fc.property(words, (args) => {
        onlyTyped(() => parseScheduleArgs('安排联席会议', args), Refusal);
        onlyTyped(() => parseMinutes(args), Refusal);
      }),
    );
  });
});

describe('the whole pipeline on arbitrary text', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.close();
  });

  it('answers any text from any roster user with 200 and at least one reply, never a 5xx', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc
        .constantFrom('帮助', '取消', '线索 XS-2026-0001', '受理 XS-9999-9999', '回复 JY-2026-0001', '文书', '会议', '我的线索', '待办')
        .chain((c) => fc.string({ maxLength: 20 }).map((tail) => `${c} ${tail}`)),
    );
    const users = fc.constantFrom('jw-officer', 'jcy-organizer', 'sfj-leader', 'nyncj-liaison', 'admin', 'stranger');
    await fc.assert(
      fc.asyncProperty(users, text, async (userId, message) => {
        const res = await bot.post('/console/messages', JSON.stringify({ userId, text: message }));
        expect(res.status, message).toBe(200);
        const body = (await res.json()) as { replies: { text: string }[] };
        expect(body.replies.length).toBeGreaterThan(0);
        expect(body.replies.every((r) => typeof r.text === 'string' && r.text.length > 0)).toBe(true);
      }),
      { numRuns: 120 },
    );
  });
});
