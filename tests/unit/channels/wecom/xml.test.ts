import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  WecomXmlDeclarationError,
  WecomXmlError,
  buildEncryptedReplyXml,
  buildTextReplyXml,
  decodeCallback,
  parseEnvelope,
} from '../../../../src/channels/wecom/xml';
import { eventXml, textMessageXml } from '../../../support/wecom-client';

const AT = new Date('2026-03-02T01:00:00Z');
const CORP = 'ww-corp';

function plaintext(body: string): string {
  return `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1772413200</CreateTime>${body}<AgentID>1000002</AgentID></xml>`;
}

describe('decodeCallback', () => {
  it('a text message keeps its 64-bit MsgId exactly and its content untrimmed', () => {
    const xml = textMessageXml({ from: 'zhangsan', content: ' 帮助 ', msgId: '9223372036854775807', corpId: CORP });
    expect(decodeCallback(xml, AT)).toEqual({
      kind: 'inbound',
      message: { channel: 'wecom', platformMessageId: 'msg:9223372036854775807', userId: 'zhangsan', kind: 'text', text: ' 帮助 ', receivedAt: AT },
    });
  });

  it('enter_agent stands for the menu and is deduped by sender, time and event', () => {
    const decoded = decodeCallback(eventXml({ from: 'zhangsan', corpId: CORP, event: 'enter_agent', createTime: 1772413200, eventKey: '' }), AT);
    expect(decoded).toMatchObject({
      kind: 'inbound',
      message: { platformMessageId: 'event:zhangsan:1772413200:enter_agent', kind: 'event', text: '帮助' },
    });
  });

  it('a menu click carries its key as the command', () => {
    const decoded = decodeCallback(eventXml({ from: 'zhangsan', corpId: CORP, event: 'click', createTime: 1772413200, eventKey: '我的待办' }), AT);
    expect(decoded).toMatchObject({
      kind: 'inbound',
      message: { platformMessageId: 'event:zhangsan:1772413200:click:我的待办', kind: 'event', text: '我的待办' },
    });
  });

  it('a card button click is the button key, deduped with its key and task id', () => {
    const xml = eventXml({ from: 'lisi', corpId: CORP, event: 'template_card_event', createTime: 1772413201, eventKey: '受理 XS-1', taskId: 'task-9' });
    expect(decodeCallback(xml, AT)).toMatchObject({
      kind: 'inbound',
      message: { userId: 'lisi', platformMessageId: 'event:lisi:1772413201:template_card_event:受理 XS-1:task-9', kind: 'event', text: '受理 XS-1' },
    });
  });

  it('images and files keep their media ids', () => {
    const image = plaintext('<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://p]]></PicUrl><MediaId><![CDATA[media-1]]></MediaId><MsgId>11</MsgId>');
    expect(decodeCallback(image, AT)).toMatchObject({ kind: 'inbound', message: { kind: 'image', mediaId: 'media-1', text: '', platformMessageId: 'msg:11' } });
    const file = plaintext('<MsgType><![CDATA[file]]></MsgType><MediaId><![CDATA[media-2]]></MediaId><MsgId>12</MsgId>');
    expect(decodeCallback(file, AT)).toMatchObject({ kind: 'inbound', message: { kind: 'file', mediaId: 'media-2' } });
    const voice = plaintext('<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[media-3]]></MediaId><Format><![CDATA[amr]]></Format><MsgId>14</MsgId>');
    expect(decodeCallback(voice, AT)).toMatchObject({ kind: 'inbound', message: { kind: 'voice', mediaId: 'media-3' } });
  });

  it('other messages are unsupported and other events ignored', () => {
    expect(decodeCallback(plaintext('<MsgType><![CDATA[video]]></MsgType><MediaId>m</MediaId><MsgId>13</MsgId>'), AT)).toEqual({
      kind: 'unsupported-message',
      userId: 'zhangsan',
    });
    expect(decodeCallback(plaintext('<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[LOCATION]]></Event>'), AT)).toEqual({
      kind: 'ignored-event',
    });
  });

  it('refuses a message without sender or MsgId, and repeated fields', () => {
    expect(() => decodeCallback('<xml><MsgType>text</MsgType><MsgId>1</MsgId></xml>', AT)).toThrow(WecomXmlError);
    expect(() => decodeCallback(plaintext('<MsgType>text</MsgType><Content>a</Content>'), AT)).toThrow(WecomXmlError);
    expect(() => decodeCallback(plaintext('<MsgType>text</MsgType><MsgType>text</MsgType><MsgId>1</MsgId>'), AT)).toThrow(WecomXmlError);
  });
});

describe('parseEnvelope', () => {
  it('refuses DOCTYPE and ENTITY declarations before parsing', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Encrypt>&x;</Encrypt></xml>';
    expect(() => parseEnvelope(xxe)).toThrow(WecomXmlDeclarationError);
    expect(() => parseEnvelope('<xml><!ENTITY a "b"><Encrypt>x</Encrypt></xml>')).toThrow(WecomXmlDeclarationError);
    expect(() => parseEnvelope('<!doctype xml><xml><Encrypt>x</Encrypt></xml>')).toThrow(WecomXmlDeclarationError);
  });

  it('refuses non-XML and a missing Encrypt', () => {
    expect(() => parseEnvelope('{"Encrypt":"x"}')).toThrow(WecomXmlError);
    expect(() => parseEnvelope('<xml><ToUserName>a</ToUserName></xml>')).toThrow(WecomXmlError);
    expect(() => parseEnvelope('<other><Encrypt>x</Encrypt></other>')).toThrow(WecomXmlError);
    expect(() => parseEnvelope('<xml><Encrypt>x</Encrypt>')).toThrow(WecomXmlError);
    expect(() => parseEnvelope('<xml><__proto__>x</__proto__><Encrypt>x</Encrypt></xml>')).toThrow(WecomXmlError);
  });

  it('accepts comments and CDATA', () => {
    expect(parseEnvelope('<xml><!-- c --><Encrypt><![CDATA[abc]]></Encrypt></xml>').encrypt).toBe('abc');
  });
});

describe('reply XML', () => {
  it('escapes a CDATA terminator inside content so the reply stays one text node', () => {
    const xml = buildTextReplyXml('zhangsan', CORP, 'a]]>b', AT);
    expect(xml).toContain('<CreateTime>1772413200</CreateTime>');
    const decoded = decodeCallback(xml.replace('</xml>', '<MsgId>1</MsgId></xml>'), AT);
    // The reply comes from the corp, so the decoder reads the corp as its sender.
    expect(decoded).toMatchObject({ kind: 'inbound', message: { text: 'a]]>b', userId: CORP } });
    expect(xml).toContain('<ToUserName><![CDATA[zhangsan]]></ToUserName>');
  });

  it('the encrypted envelope carries the four fields', () => {
    expect(buildEncryptedReplyXml({ encrypt: 'E', signature: 'S', timestamp: '17', nonce: 'N' })).toBe(
      '<xml><Encrypt><![CDATA[E]]></Encrypt><MsgSignature><![CDATA[S]]></MsgSignature><TimeStamp>17</TimeStamp><Nonce><![CDATA[N]]></Nonce></xml>',
    );
  });
});

describe('properties', () => {
  const xmlish = fc.oneof(
    fc.string(),
    fc.string({
      unit: fc.constantFrom(
        '<',
        '>',
        '/',
        '!',
        '[',
        ']',
        'x',
        'm',
        'l',
        'CDATA',
        'Encrypt',
        'MsgType',
        'event',
        'text',
        'MsgId',
        '&',
        ';',
        'DOCTYPE',
        '-',
        ' ',
        '"',
        '=',
        '?',
      ),
    }),
    fc
      .dictionary(
        fc.constantFrom('Encrypt', 'FromUserName', 'MsgType', 'MsgId', 'Event', 'EventKey', 'TaskId', 'CreateTime', 'Content', 'MediaId'),
        fc.string(),
      )
      .map(
        (fields) =>
          `<xml>${Object.entries(fields)
            .map(([name, value]) => `<${name}>${value}</${name}>`)
            .join('')}</xml>`,
      ),
  );

  it('no input makes the decoders throw anything but their typed error', () => {
    fc.assert(
      fc.property(xmlish, (input) => {
        for (const decode of [() => parseEnvelope(input), () => decodeCallback(input, AT)]) {
          try {
            decode();
          } catch (error) {
            expect(error).toBeInstanceOf(WecomXmlError);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('any text content survives reply building and decoding', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s)),
        (content) => {
          const xml = buildTextReplyXml('u', CORP, content, AT).replace('</xml>', '<MsgId>1</MsgId></xml>');
          const decoded = decodeCallback(xml, AT);
          expect(decoded.kind === 'inbound' && decoded.message.text).toBe(content);
        },
      ),
    );
  });
});
