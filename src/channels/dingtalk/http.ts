/** Calls to DingTalk's HTTP APIs. Errors name the operation and status only, never the message being sent. */

const REQUEST_TIMEOUT_MS = 10_000;

export class DingTalkDeliveryError extends Error {
  constructor(
    readonly operation: string,
    detail: string,
    readonly status?: number,
    /** DingTalk's error code (`code` of the new API, `errcode` of oapi and webhooks). */
    readonly code?: string,
    /** False when sending again cannot help (e.g. the user is unknown to DingTalk). */
    readonly retryable = true,
  ) {
    super(`dingtalk ${operation} failed: ${detail}`);
    this.name = 'DingTalkDeliveryError';
  }
}

export function postJson(operation: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  return requestJson(operation, url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export function putJson(operation: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  return requestJson(operation, url, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export function getJson(operation: string, url: string, headers: Record<string, string> = {}): Promise<unknown> {
  return requestJson(operation, url, { method: 'GET', headers });
}

export function deleteJson(operation: string, url: string, headers: Record<string, string> = {}): Promise<unknown> {
  return requestJson(operation, url, { method: 'DELETE', headers });
}

/** multipart/form-data; fetch sets the content type with its boundary. */
export function postForm(operation: string, url: string, form: FormData): Promise<unknown> {
  return requestJson(operation, url, { method: 'POST', body: form });
}

async function requestJson(operation: string, url: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new DingTalkDeliveryError(operation, `network error (${(error as Error).name})`);
  }
  const json = await response.json().catch(() => undefined);
  const code = errorCode(json);
  if (!response.ok) {
    throw new DingTalkDeliveryError(operation, `HTTP ${response.status}${code ? ` ${code}` : ''}`, response.status, code);
  }
  if (json === undefined) throw new DingTalkDeliveryError(operation, 'response is not JSON', response.status);
  return json;
}

/** A short, safe error code from a response body (a non-zero errcode or the new API's code string). */
function errorCode(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { code, errcode } = json as { code?: unknown; errcode?: unknown };
  const raw = typeof code === 'string' ? code : typeof errcode === 'number' && errcode !== 0 ? String(errcode) : undefined;
  return raw !== undefined && /^[\w.-]{1,64}$/.test(raw) ? raw : undefined;
}

/** Webhook endpoints answer HTTP 200 with `{errcode, errmsg}`; a non-zero errcode is a failed send. */
export function assertErrcodeZero(operation: string, json: unknown): void {
  const errcode = (json as { errcode?: unknown } | null)?.errcode;
  if (errcode !== undefined && errcode !== 0) {
    const code = /^-?\d{1,10}$/.test(String(errcode)) ? String(errcode) : 'unknown';
    throw new DingTalkDeliveryError(operation, `errcode ${code}`, 200, code);
  }
}
