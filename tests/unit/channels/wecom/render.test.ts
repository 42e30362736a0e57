import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_MAX_BUTTONS, CONTENT_MAX_BYTES, renderPlainText, renderSendPayloads, type SendPayload } from '../../../../src/channels/wecom/render';
import type { OutgoingMessage } from '../../../../src/kernel/messages';

/** The text or markdown content of a payload. */
function contentOf(payload: SendPayload): string {
  if (payload.msgtype === 'text') return payload.text.content;
  if (payload.msgtype === 'markdown') return payload.markdown.content;
  throw new Error(`no content in a ${payload.msgtype} payload`);
}

/** The whole content a message is sent as: markdown under its bold title, else plain text. */
function fullContent(message: OutgoingMessage): string {
  return message.title ? [`**${message.title}**`, '', renderPlainText({ ...message, title: undefined })].join('\n') : renderPlainText(message);
}

describe('WeCom message/send payloads', () => {
  it('buttons become one button_interaction card whose keys are the commands', () => {
    const payloads = renderSendPayloads({ title: '新线索待受理', text: '编号 XS-1，请受理。', buttons: ['受理 XS-1', '已阅 XS-1'] }, 'task-1');
    expect(payloads).toEqual([
      {
        msgtype: 'template_card',
        template_card: {
          card_type: 'button_interaction',
          main_title: { title: '新线索待受理' },
          sub_title_text: '编号 XS-1，请受理。',
          task_id: 'task-1',
          button_list: [
            { type: 0, text: '受理 XS-1', style: 1, key: '受理 XS-1' },
            { type: 0, text: '已阅 XS-1', style: 1, key: '已阅 XS-1' },
          ],
        },
      },
    ]);
  });

  it('a titled message is markdown; more buttons than a card holds become listed commands', () => {
    const buttons = ['1', '2', '3', '4', '5', '6', '7'];
    expect(renderSendPayloads({ title: '周报', text: '本周 3 件。', buttons }, 't')).toEqual([
      { msgtype: 'markdown', markdown: { content: '**周报**\n\n本周 3 件。\n\n请回复以下指令之一：\n· 1\n· 2\n· 3\n· 4\n· 5\n· 6\n· 7' } },
    ]);
  });

  it('a text longer than 2048 bytes goes as several texts, a long line cut between characters', () => {
    const payloads = renderSendPayloads({ text: `第一行\n${'监'.repeat(1000)}` }, 't');
    expect(payloads.map(contentOf)).toEqual(['第一行', '监'.repeat(682), '监'.repeat(318)]);
  });

  it('every part fits, and the parts in order are the whole message but for the line breaks they were split at', () => {
    const line = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.constant('监'.repeat(700)), fc.constant('😀'.repeat(600)), fc.constant(''));
    const message = fc.record({
      title: fc.option(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), { nil: undefined }),
      text: fc.array(line, { maxLength: 30 }).map((lines) => lines.join('\n')),
      buttons: fc.option(fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), { minLength: CARD_MAX_BUTTONS + 1, maxLength: 12 }), {
        nil: undefined,
      }),
    });
    fc.assert(
      fc.property(message, (m) => {
        const parts = renderSendPayloads(m, 't').map(contentOf);
        for (const part of parts) {
          expect(Buffer.byteLength(part)).toBeLessThanOrEqual(CONTENT_MAX_BYTES);
          // Never cut inside a character: the part survives a round trip through UTF-8.
          expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
        }
        expect(parts.join('').replace(/\n/g, '')).toBe(fullContent(m).replace(/\n/g, ''));
      }),
      { numRuns: 300 },
    );
  });
});
