import { describe, expect, it } from 'vitest';
import { commandUrl, renderRobotMessage, renderWebhookMessage } from '../../../../src/channels/dingtalk/render';

const param = (rendered: { msgParam: string }) => JSON.parse(rendered.msgParam) as Record<string, string>;

describe('DingTalk rendering', () => {
  it('sends plain text as text', () => {
    expect(renderWebhookMessage({ text: '已收到' })).toEqual({ msgtype: 'text', text: { content: '已收到' } });
    expect(renderRobotMessage({ text: '已收到' })).toEqual({ msgKey: 'sampleText', msgParam: JSON.stringify({ content: '已收到' }) });
  });

  it('sends titled text as markdown', () => {
    const webhook = renderWebhookMessage({ title: '提醒', text: '检察建议 JY-2026-001 明日到期' });
    expect(webhook).toEqual({ msgtype: 'markdown', markdown: { title: '提醒', text: '#### 提醒\n\n检察建议 JY-2026-001 明日到期' } });
    expect(renderRobotMessage({ title: '提醒', text: 'x' }).msgKey).toBe('sampleMarkdown');
  });

  it('turns buttons into an actionCard whose buttons send the command back', () => {
    const webhook = renderWebhookMessage({ title: '新线索', text: '请受理', buttons: ['受理 XS-2026-0001', '已阅'] });
    expect(webhook).toMatchObject({
      msgtype: 'actionCard',
      actionCard: {
        title: '新线索',
        btnOrientation: '1',
        btns: [
          { title: '受理 XS-2026-0001', actionURL: 'dtmd://dingtalkclient/sendMessage?content=%E5%8F%97%E7%90%86%20XS-2026-0001' },
          { title: '已阅', actionURL: commandUrl('已阅') },
        ],
      },
    });
    const three = renderWebhookMessage({ text: '请选择', buttons: ['确认', '修改', '取消'] });
    expect(three.msgtype === 'actionCard' && three.actionCard.btnOrientation).toBe('0');
  });

  it('picks the robot card template by the number of buttons', () => {
    const one = renderRobotMessage({ text: '请受理', buttons: ['受理'] });
    expect(one.msgKey).toBe('sampleActionCard');
    expect(param(one)).toMatchObject({ text: '请受理', singleTitle: '受理', singleURL: commandUrl('受理') });
    const three = renderRobotMessage({ text: '请选择', buttons: ['确认', '修改', '取消'] });
    expect(three.msgKey).toBe('sampleActionCard3');
    expect(param(three)).toMatchObject({ actionTitle3: '取消', actionURL3: commandUrl('取消') });
    const many = renderRobotMessage({ text: '请选择', buttons: ['1', '2', '3', '4', '5', '6'] });
    expect(many.msgKey).toBe('sampleMarkdown');
    expect(param(many).text).toContain(commandUrl('6'));
  });

  it('links images and files against the configured base', () => {
    const rendered = renderWebhookMessage(
      { text: '近12个月趋势', image: { url: '/media/chart.png' }, file: { url: '/exports/x.xlsx', name: '导出.xlsx' } },
      { linkBase: 'https://bot.example.gov.cn' },
    );
    expect(rendered.msgtype).toBe('markdown');
    expect(rendered.msgtype === 'markdown' && rendered.markdown.text).toContain('![图片](https://bot.example.gov.cn/media/chart.png)');
    expect(rendered.msgtype === 'markdown' && rendered.markdown.text).toContain('[导出.xlsx](https://bot.example.gov.cn/exports/x.xlsx)');
  });
});
