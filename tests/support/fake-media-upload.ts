/** What the WeCom and DingTalk fakes share of media/upload: the record and the multipart reading. */

export const MEDIA_TYPES = ['image', 'voice', 'video', 'file'];

/** One accepted media/upload: the multipart `media` part as the bot sent it. */
export interface RecordedUpload {
  accessToken: string;
  type: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
  /** The media_id the fake answered with. */
  mediaId: string;
}

/** The `media` part of a multipart/form-data body, or null when there is none. */
export async function readMediaPart(contentType: string, body: Buffer): Promise<Pick<RecordedUpload, 'filename' | 'contentType' | 'bytes'> | null> {
  const form = await new Request('http://fake/upload', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
  const media = form.get('media');
  if (!(media instanceof File)) return null;
  return { filename: media.name, contentType: media.type, bytes: Buffer.from(await media.arrayBuffer()) };
}
