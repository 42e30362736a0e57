import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { InboundMessage } from '../../kernel/messages';

export class WecomXmlError extends Error {
  override name = 'WecomXmlError';
}
/** A DOCTYPE or entity declaration: refused before any parser sees it. */
export class WecomXmlDeclarationError extends WecomXmlError {
  override name = 'WecomXmlDeclarationError';
  constructor() {
    super('XML declarations (DOCTYPE, ENTITY) are not accepted');
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Ids such as MsgId are 64-bit: keep every value a string.
  parseTagValue: false,
  trimValues: false,
  htmlEntities: false,
});

// Any markup declaration (<!DOCTYPE, <!ENTITY, <!ELEMENT …); CDATA sections and comments stay allowed.
const MARKUP_DECLARATION = /<!(?!\[CDATA\[|--)/i;
/** A CDATA section: character data, whatever it holds (user text such as `对方说“<!DOCTYPE html>”`). */
const CDATA_SECTION = /<!\[CDATA\[[\s\S]*?\]\]>/g;

type Fields = Record<string, unknown>;

/**
 * The guard looks at markup only: a declaration is refused wherever it is markup (the raw envelope, or the
 * decrypted message outside its CDATA text), while the text a user typed is never read as XML.
 */
function parseRoot(xml: string): Fields {
  if (MARKUP_DECLARATION.test(xml.replace(CDATA_SECTION, ''))) throw new WecomXmlDeclarationError();
  if (XMLValidator.validate(xml) !== true) throw new WecomXmlError('body is not well-formed XML');
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch {
    throw new WecomXmlError('body is not well-formed XML');
  }
  const root = (document as Fields).xml;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new WecomXmlError('root element <xml> is missing');
  }
  return root as Fields;
}

function optionalField(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new WecomXmlError(`<${name}> must appear once, as text`);
  return value;
}

function requiredField(fields: Fields, name: string): string {
  const value = optionalField(fields, name)?.trim();
  if (!value) throw new WecomXmlError(`<${name}> is missing`);
  return value;
}

export interface CallbackEnvelope {
  encrypt: string;
  toUserName?: string;
  agentId?: string;
}

/** The outer POST body: <xml><ToUserName/><AgentID/><Encrypt/></xml>. */
export function parseEnvelope(body: string): CallbackEnvelope {
  const fields = parseRoot(body);
  return {
    encrypt: requiredField(fields, 'Encrypt'),
    toUserName: optionalField(fields, 'ToUserName')?.trim(),
    agentId: optionalField(fields, 'AgentID')?.trim(),
  };
}

/** What a decrypted callback turns into: a message for the inbox, or something the bot does not handle. */
export type DecodedCallback = { kind: 'inbound'; message: InboundMessage } | { kind: 'unsupported-message'; userId: string } | { kind: 'ignored-event' };

/** Opening the app stands for asking for the menu. */
export const ENTER_AGENT_COMMAND = '帮助';

/**
 * Decode the decrypted plaintext. Dedupe ids follow WeCom's advice: messages by MsgId,
 * events by FromUserName + CreateTime + Event (+ EventKey and TaskId for card clicks).
 */
export function decodeCallback(plaintext: string, receivedAt: Date): DecodedCallback {
  const fields = parseRoot(plaintext);
  const userId = requiredField(fields, 'FromUserName');
  const msgType = requiredField(fields, 'MsgType');
  const base = { channel: 'wecom' as const, userId, receivedAt };

  if (msgType === 'event') {
    const event = requiredField(fields, 'Event');
    const eventId = `event:${userId}:${requiredField(fields, 'CreateTime')}:${event}`;
    switch (event) {
      case 'enter_agent':
        return { kind: 'inbound', message: { ...base, platformMessageId: eventId, kind: 'event', text: ENTER_AGENT_COMMAND } };
      case 'click': {
        const key = requiredField(fields, 'EventKey');
        return { kind: 'inbound', message: { ...base, platformMessageId: `${eventId}:${key}`, kind: 'event', text: key } };
      }
      case 'template_card_event': {
        const key = requiredField(fields, 'EventKey');
        const taskId = requiredField(fields, 'TaskId');
        return {
          kind: 'inbound',
          message: { ...base, platformMessageId: `${eventId}:${key}:${taskId}`, kind: 'event', text: key },
        };
      }
      default:
        return { kind: 'ignored-event' };
    }
  }

  const platformMessageId = `msg:${requiredField(fields, 'MsgId')}`;
  switch (msgType) {
    case 'text':
      return { kind: 'inbound', message: { ...base, platformMessageId, kind: 'text', text: optionalField(fields, 'Content') ?? '' } };
    case 'image':
    case 'file':
    case 'voice':
      return {
        kind: 'inbound',
        message: { ...base, platformMessageId, kind: msgType, text: '', mediaId: requiredField(fields, 'MediaId') },
      };
    default:
      return { kind: 'unsupported-message', userId };
  }
}

function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** The plaintext of a passive text reply, before encryption. */
export function buildTextReplyXml(toUser: string, fromCorp: string, content: string, createdAt: Date): string {
  return (
    `<xml><ToUserName>${cdata(toUser)}</ToUserName><FromUserName>${cdata(fromCorp)}</FromUserName>` +
    `<CreateTime>${Math.floor(createdAt.getTime() / 1000)}</CreateTime><MsgType>${cdata('text')}</MsgType>` +
    `<Content>${cdata(content)}</Content></xml>`
  );
}

/** The encrypted envelope answered to the callback. */
export function buildEncryptedReplyXml(reply: { encrypt: string; signature: string; timestamp: string; nonce: string }): string {
  return (
    `<xml><Encrypt>${cdata(reply.encrypt)}</Encrypt><MsgSignature>${cdata(reply.signature)}</MsgSignature>` +
    `<TimeStamp>${reply.timestamp}</TimeStamp><Nonce>${cdata(reply.nonce)}</Nonce></xml>`
  );
}
