import { type ChannelName, type OutgoingMessage, withoutAttachments } from '../kernel/messages';

/** The bytes behind a reply's image or file URL, as a platform's media upload takes them. */
export interface Attachment {
  bytes: Buffer;
  filename: string;
  contentType: string;
}

export interface AttachmentRecipient {
  channel: ChannelName;
  userId: string;
}

/**
 * Opens the file behind an image/file URL of a reply for the person the reply goes to;
 * null when it has expired, does not exist or is not theirs. Injected by the app, so
 * channels never reach into the domain that stores the files.
 */
export type OpenAttachment = (url: string, recipient: AttachmentRecipient) => Promise<Attachment | null>;

/** Without a file store every attachment reads as gone: the text still goes, with its note. */
export const noAttachments: OpenAttachment = async () => null;

export type MediaKind = 'image' | 'file';

export interface UploadedMedia {
  kind: MediaKind;
  mediaId: string;
  filename: string;
}

/** Uploads one attachment to the platform and returns its media id. */
export type UploadMedia = (kind: MediaKind, attachment: Attachment) => Promise<string>;

const GONE_NOTES: Record<MediaKind, (name: string) => string> = {
  image: () => '（图片已过期，未能发送。请重新发送刚才的指令。）',
  file: (name) => `（文件「${name}」已过期，未能发送。请重新发送刚才的指令。）`,
};

/**
 * Opens and uploads every attachment of `message` before anything is sent, so a failed
 * upload leaves nothing half-delivered. Returns the message without its attachments (with
 * a short note for each that could no longer be opened) and the uploaded media.
 */
export async function uploadAttachments(
  message: OutgoingMessage,
  recipient: AttachmentRecipient,
  open: OpenAttachment,
  upload: UploadMedia,
): Promise<{ textPart: OutgoingMessage; media: UploadedMedia[] }> {
  const wanted: { kind: MediaKind; url: string; name: string }[] = [];
  if (message.image) wanted.push({ kind: 'image', url: message.image.url, name: '' });
  if (message.file) wanted.push({ kind: 'file', url: message.file.url, name: message.file.name });

  const media: UploadedMedia[] = [];
  const notes: string[] = [];
  for (const item of wanted) {
    const attachment = await open(item.url, recipient);
    if (!attachment) {
      notes.push(GONE_NOTES[item.kind](item.name));
      continue;
    }
    const filename = item.name || attachment.filename;
    media.push({ kind: item.kind, mediaId: await upload(item.kind, { ...attachment, filename }), filename });
  }
  const textPart = withoutAttachments(message);
  if (notes.length) textPart.text = [textPart.text, ...notes].filter(Boolean).join('\n');
  return { textPart, media };
}
