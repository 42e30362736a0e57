import { TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';

/** A robot-message frame as the stream gateway sends it (the SDK's DWClientDownStream shape, data as a JSON string). */
export function robotFrame(messageId: string, data: unknown): string {
  const frame: DWClientDownStream = {
    specVersion: '1.0',
    type: 'CALLBACK',
    headers: {
      appId: 'test-app-id',
      connectionId: 'test-connection',
      contentType: 'application/json',
      messageId,
      time: String(Date.now()),
      topic: TOPIC_ROBOT,
    },
    data: typeof data === 'string' ? data : JSON.stringify(data),
  };
  return JSON.stringify(frame);
}
