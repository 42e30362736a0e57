import type { Clock } from '../../clock';
import type { OutgoingMessage } from '../../conversation/messages';
import { AccessTokenCache } from './access-token';
import { DingTalkDeliveryError, assertErrcodeZero, postJson } from './http';
import { renderRobotMessage, renderWebhookMessage, type RenderOptions } from './render';
import { signWebhookUrl } from './signature';

export { DingTalkDeliveryError } from './http';

export interface DingTalkApiConfig {
  appKey: string;
  appSecret: string;
  robotCode: string;
  /** The new API host (api.dingtalk.com). */
  apiBase: string;
  /** Custom-robot webhook of a group (full URL) and its 加签 secret ("SEC…"), when a group is configured. */
  groupWebhook?: string;
  groupSecret?: string;
  render?: RenderOptions;
}

/** batchSend takes at most 20 userIds per call. */
const BATCH_SEND_LIMIT = 20;
const INVALID_TOKEN_CODE = 'InvalidAuthentication';

/** Everything the bot sends to DingTalk: session-webhook replies, one-to-one robot pushes, group pushes. */
export class DingTalkApiClient {
  private readonly tokens: AccessTokenCache;

  constructor(
    private readonly config: DingTalkApiConfig,
    private readonly clock: Clock,
  ) {
    this.tokens = new AccessTokenCache({ ...config, clock });
  }

  /** Reply into the conversation the user wrote from (valid until the callback's sessionWebhookExpiredTime). */
  async replyViaSessionWebhook(webhook: string, message: OutgoingMessage): Promise<void> {
    const json = await postJson('sessionWebhook', webhook, renderWebhookMessage(message, this.config.render));
    assertErrcodeZero('sessionWebhook', json);
  }

  /** One-to-one robot messages (人与机器人单聊) to up to any number of users, 20 per call. */
  async sendToUsers(userIds: string[], message: OutgoingMessage): Promise<void> {
    const rendered = renderRobotMessage(message, this.config.render);
    for (let start = 0; start < userIds.length; start += BATCH_SEND_LIMIT) {
      await this.batchSend(userIds.slice(start, start + BATCH_SEND_LIMIT), rendered);
    }
  }

  get hasGroup(): boolean {
    return Boolean(this.config.groupWebhook && this.config.groupSecret);
  }

  /** Push to the configured group through its custom robot, signed with timestamp and sign query parameters. */
  async pushToGroup(message: OutgoingMessage): Promise<void> {
    const { groupWebhook, groupSecret } = this.config;
    if (!groupWebhook || !groupSecret) {
      throw new DingTalkDeliveryError('groupWebhook', 'no group configured', undefined, undefined, false);
    }
    const url = signWebhookUrl(groupWebhook, groupSecret, this.clock);
    const json = await postJson('groupWebhook', url, renderWebhookMessage(message, this.config.render));
    assertErrcodeZero('groupWebhook', json);
  }

  private async batchSend(userIds: string[], rendered: { msgKey: string; msgParam: string }): Promise<void> {
    const body = { robotCode: this.config.robotCode, userIds, ...rendered };
    const send = async (token: string) =>
      postJson('batchSend', `${this.config.apiBase}/v1.0/robot/oToMessages/batchSend`, body, {
        'x-acs-dingtalk-access-token': token,
      });
    const token = await this.tokens.get();
    let result: unknown;
    try {
      result = await send(token);
    } catch (error) {
      if (!(error instanceof DingTalkDeliveryError) || !isInvalidToken(error)) throw error;
      this.tokens.invalidate(token);
      result = await send(await this.tokens.get());
    }
    checkRecipients(result);
  }
}

function isInvalidToken(error: DingTalkDeliveryError): boolean {
  return error.code === INVALID_TOKEN_CODE || error.status === 401;
}

interface BatchSendResult {
  invalidStaffIdList?: unknown[];
  flowControlledStaffIdList?: unknown[];
}

function checkRecipients(result: unknown): void {
  const { invalidStaffIdList, flowControlledStaffIdList } = (result ?? {}) as BatchSendResult;
  if (flowControlledStaffIdList?.length) {
    throw new DingTalkDeliveryError('batchSend', `${flowControlledStaffIdList.length} recipient(s) flow-controlled`);
  }
  if (invalidStaffIdList?.length) {
    throw new DingTalkDeliveryError('batchSend', `${invalidStaffIdList.length} unknown recipient(s)`, 200, undefined, false);
  }
}
