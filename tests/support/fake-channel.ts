import type { Channel, Delivery } from '../../src/channels/channel';
import type { Clock } from '../../src/kernel/clock';
import type { Answer, AnswerPolicy, Receive } from '../../src/kernel/inbound';
import type { ChannelName, InboundMessage, ReplyHandle } from '../../src/kernel/messages';

export interface FakeSend {
  /** The platform's message id; a retry sends the same one. Defaults to a new id per send. */
  id?: string;
  kind?: InboundMessage['kind'];
  mediaId?: string;
  replyHandle?: ReplyHandle;
}

/**
 * A channel without a platform (compare Slack Bolt's FakeReceiver): it hands what a user sends to the
 * Receive it was given, with the answer policy it was built with, returns the Answer a real channel
 * would render, and keeps what the outbox sender delivers to it.
 */
export class FakeChannel implements Channel {
  readonly delivered: Delivery[] = [];
  private sends = 0;

  constructor(
    private readonly receive: Receive,
    readonly answers: AnswerPolicy,
    private readonly clock: Clock,
    readonly name: ChannelName = 'console',
  ) {}

  send(userId: string, text: string, options: FakeSend = {}): Promise<Answer> {
    const { id = this.nextId(), kind = 'text', ...rest } = options;
    return this.receive(
      { kind: 'message', message: { channel: this.name, platformMessageId: id, userId, kind, text, receivedAt: this.clock.now(), ...rest } },
      this.answers,
    );
  }

  /** A message of a kind no bot reads (voice, video …). */
  sendUnsupported(userId: string, options: Pick<FakeSend, 'id' | 'replyHandle'> = {}): Promise<Answer> {
    const { id = this.nextId(), replyHandle } = options;
    return this.receive({ kind: 'unsupported', message: { channel: this.name, userId, platformMessageId: id, replyHandle } }, this.answers);
  }

  mount(): void {}

  async deliver(delivery: Delivery): Promise<void> {
    this.delivered.push(delivery);
  }

  private nextId(): string {
    this.sends += 1;
    return `fake-${this.sends}`;
  }
}
