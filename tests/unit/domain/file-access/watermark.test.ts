import { describe, expect, it } from 'vitest';
import { watermarkedHtml, watermarkedText } from '../../../../src/domain/file-access/watermark';

const view = {
  title: '县司法局 调阅材料（DY-2026-0001）',
  mark: '检察官赵敏（县人民检察院） 2026-12-03 10:00 DY-2026-0001',
  pages: [
    { number: 'TZ-2026-0001', text: '行政执法监督通知书 <script>alert(1)</script>' },
    { number: 'TZ-2026-0002', text: '第二份' },
  ],
  files: [],
};

describe('watermarked materials', () => {
  it('tiles the mark over the page, prints it under every material, and escapes the records', () => {
    const html = watermarkedHtml(view);
    expect(html).toContain('class="watermark"');
    expect(html).toContain('background-image:url("data:image/svg+xml');
    expect(html.match(/<footer>检察官赵敏（县人民检察院） 2026-12-03 10:00 DY-2026-0001<\/footer>/g)).toHaveLength(2);
    expect(html).not.toContain('<script>');
    expect(html).toContain('仅限查看');
    expect(html).toContain('user-select:none');
  });

  it('offers the download only when one is given', () => {
    const html = watermarkedHtml({ ...view, downloadUrl: '/file-access/x/download?a=1&b=2' });
    expect(html).toContain('href="/file-access/x/download?a=1&#38;b=2"');
    expect(html).not.toContain('user-select:none');
  });

  it('puts the mark above and below every material of a download', () => {
    const text = watermarkedText(view);
    expect(text.split('\n').filter((line) => line === `【${view.mark}】`)).toHaveLength(5);
  });
});
