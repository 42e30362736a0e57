/** Longest text the dispatcher reads; longer messages are answered with TEXTS.tooLong. */
export const MAX_TEXT = 4000;

/** What the conversation layer itself says (bots have their own texts). */
export const TEXTS = {
  notRegistered: '您尚未登记（未登记），暂时无法使用本机器人。请联系本单位联络员或系统管理员将您加入名册。',
  notUnderstood: '没有听懂这条消息。发送「帮助」查看您可以使用的命令。',
  cancelled: '已取消当前操作。发送「帮助」查看可用命令。',
  nothingToCancel: '当前没有进行中的操作。发送「帮助」查看可用命令。',
  tooLong: `消息过长（超过${MAX_TEXT}字），请精简后重新发送。`,
  unsupported: '暂不支持这种消息类型，请发送文字。发送「帮助」查看可用命令。',
  /** An image, file or voice message outside a dialog that takes them. */
  mediaOutsideDialog: '收到附件，但当前没有需要附件的操作，未保存。作为线索证据：请先发送「提交线索」（第4步可发送），或发送「补充 XS-年份-编号」后再发送。',
  failed: '系统暂时无法处理这条消息，请稍后再试；如多次失败，请联系管理员。',
  privateOnly: '请私聊机器人：群聊中不显示线索、反映人、附件和草稿。答复已私信发给您，请在与机器人的单聊中继续。',
  usage: (usage: string) => `请按格式发送：${usage}`,
  notForAgency: (command: string, agency: string) => `「${command}」不适用于${agency}。发送「帮助」查看您可用的命令。`,
  sessionLost: '之前进行中的操作已失效，请重新开始。发送「帮助」查看可用命令。',
};
