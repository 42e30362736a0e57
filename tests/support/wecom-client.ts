/**
 * A stand-in for the WeCom platform's side of the callback, written from the protocol
 * (PROTOCOLS.md §1) with node:crypto only, so tests do not trust the server's own helpers.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export const OFFICIAL = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
} as const;

/** The app secret the integration tests give the bot and the fake WeCom API. */
export const WECOM_APP_SECRET = 'wecom-app-secret';

/** The environment that turns the bot's WeCom channel on with the official test keys, its API at `apiBase`. */
export function wecomAppEnv(apiBase: string): Record<string, string> {
  return {
    WECOM_CORP_ID: OFFICIAL.corpId,
    WECOM_AGENT_ID: '1000002',
    WECOM_SECRET: WECOM_APP_SECRET,
    WECOM_TOKEN: OFFICIAL.token,
    WECOM_ENCODING_AES_KEY: OFFICIAL.encodingAesKey,
    WECOM_API_BASE: apiBase,
  };
}

export interface WecomAppSecrets {
  token: string;
  encodingAesKey: string;
  corpId: string;
}

const PAD_BLOCK = 32;

function aesKey(encodingAesKey: string): { key: Buffer; iv: Buffer } {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  return { key, iv: key.subarray(0, 16) };
}

export function sign(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');
}

export function encryptFor(secrets: WecomAppSecrets, message: string, receiveId = secrets.corpId): string {
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(receiveId, 'utf8')]);
  const pad = PAD_BLOCK - (plain.length % PAD_BLOCK);
  const { key, iv } = aesKey(secrets.encodingAesKey);
  const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

export function decryptFrom(secrets: WecomAppSecrets, encrypted: string): { message: string; receiveId: string } {
  const { key, iv } = aesKey(secrets.encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  const pad = padded[padded.length - 1] ?? 0;
  if (pad < 1 || pad > PAD_BLOCK) throw new Error(`bad PKCS#7 pad ${pad}`);
  const plain = padded.subarray(0, padded.length - pad);
  const length = plain.readUInt32BE(16);
  return {
    message: plain.subarray(20, 20 + length).toString('utf8'),
    receiveId: plain.subarray(20 + length).toString('utf8'),
  };
}

function cdata(value: string): string {
  return `<![CDATA[${value}]]>`;
}

export interface SignedRequest {
  query: string;
  body: string;
}

/** A POST /wecom/callback request as WeCom would send it. */
export function callbackRequest(
  secrets: WecomAppSecrets,
  plaintextXml: string,
  options: { timestamp?: string; nonce?: string; receiveId?: string } = {},
): SignedRequest {
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? randomBytes(6).toString('hex');
  const encrypted = encryptFor(secrets, plaintextXml, options.receiveId);
  const query = new URLSearchParams({ msg_signature: sign(secrets.token, timestamp, nonce, encrypted), timestamp, nonce });
  const body = `<xml><ToUserName>${cdata(secrets.corpId)}</ToUserName><Encrypt>${cdata(encrypted)}</Encrypt><AgentID>${cdata('1000002')}</AgentID></xml>`;
  return { query: query.toString(), body };
}

/** A GET /wecom/callback URL-verification query. */
export function verificationQuery(secrets: WecomAppSecrets, echo: string, receiveId = secrets.corpId): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const echostr = encryptFor(secrets, echo, receiveId);
  return new URLSearchParams({ msg_signature: sign(secrets.token, timestamp, nonce, echostr), timestamp, nonce, echostr }).toString();
}

export function textMessageXml(fields: { from: string; content: string; msgId: string; corpId: string; createTime?: number }): string {
  const createTime = fields.createTime ?? Math.floor(Date.now() / 1000);
  return (
    `<xml><ToUserName>${cdata(fields.corpId)}</ToUserName><FromUserName>${cdata(fields.from)}</FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(fields.content)}</Content>` +
    `<MsgId>${fields.msgId}</MsgId><AgentID>1000002</AgentID></xml>`
  );
}

/** An image, voice or file message as WeCom posts it: the MediaId fetches the bytes through media/get. */
export function mediaMessageXml(fields: { from: string; kind: 'image' | 'voice' | 'file'; mediaId: string; msgId: string; corpId: string }): string {
  const createTime = Math.floor(Date.now() / 1000);
  return (
    `<xml><ToUserName>${cdata(fields.corpId)}</ToUserName><FromUserName>${cdata(fields.from)}</FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType>${cdata(fields.kind)}</MsgType>` +
    (fields.kind === 'image' ? `<PicUrl>${cdata('https://wework.qpic.cn/fake')}</PicUrl>` : '') +
    `<MediaId>${cdata(fields.mediaId)}</MediaId>` +
    (fields.kind === 'voice' ? `<Format>${cdata('amr')}</Format>` : '') +
    `<MsgId>${fields.msgId}</MsgId><AgentID>1000002</AgentID></xml>`
  );
}

export function eventXml(fields: { from: string; corpId: string; event: string; createTime: number; eventKey?: string; taskId?: string }): string {
  return (
    `<xml><ToUserName>${cdata(fields.corpId)}</ToUserName><FromUserName>${cdata(fields.from)}</FromUserName>` +
    `<CreateTime>${fields.createTime}</CreateTime><MsgType>${cdata('event')}</MsgType><Event>${cdata(fields.event)}</Event>` +
    (fields.eventKey === undefined ? '' : `<EventKey>${cdata(fields.eventKey)}</EventKey>`) +
    (fields.taskId === undefined ? '' : `<TaskId>${cdata(fields.taskId)}</TaskId>`) +
    `<AgentID>1000002</AgentID></xml>`
  );
}

function tag(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return match ? (match[1] ?? match[2]) : undefined;
}

export interface OpenedReply {
  /** The decrypted reply XML. */
  xml: string;
  content?: string;
  toUser?: string;
}

/** Verify a passive reply's MsgSignature and decrypt it; throws when either fails. */
export function openPassiveReply(secrets: WecomAppSecrets, replyXml: string): OpenedReply {
  const encrypted = tag(replyXml, 'Encrypt');
  const signature = tag(replyXml, 'MsgSignature');
  const timestamp = tag(replyXml, 'TimeStamp');
  const nonce = tag(replyXml, 'Nonce');
  if (!encrypted || !signature || !timestamp || !nonce) throw new Error('passive reply lacks a field');
  if (sign(secrets.token, timestamp, nonce, encrypted) !== signature) throw new Error('passive reply signature does not verify');
  const { message, receiveId } = decryptFrom(secrets, encrypted);
  if (receiveId !== secrets.corpId) throw new Error(`passive reply receive id ${receiveId}`);
  return { xml: message, content: tag(message, 'Content'), toUser: tag(message, 'ToUserName') };
}
