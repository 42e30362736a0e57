/** What the requester sees of approved materials: every page carries their name and the time it was opened. */

export interface MaterialPage {
  number: string;
  text: string;
}

/** An attached file as the listing shows it: how it opens (watermarked view, download) or why it does not. */
export interface ViewFile {
  index: number;
  name: string;
  size: number;
  /** A watermarkable image: shown in the page itself. */
  image: boolean;
  viewUrl?: string;
  downloadUrl?: string;
  note?: string;
}

export interface WatermarkedView {
  title: string;
  /** 「检察官赵敏（县人民检察院） 2026-12-03 10:05」. */
  mark: string;
  pages: MaterialPage[];
  /** Files the owner attached. */
  files: ViewFile[];
  /** A download link for copy scope; none for view scope. */
  downloadUrl?: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A tile of the watermark text, repeated over the page and printed on every sheet. */
function watermarkTile(mark: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="200"><text x="10" y="120" transform="rotate(-25 180 100)" font-size="18" fill="rgba(160,0,0,0.18)" font-family="sans-serif">${escapeHtml(mark)}</text></svg>`;
  return `url("data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}")`;
}

/** The browser view: one section per material, the watermark tiled over every page (screen and print). */
export function watermarkedHtml(view: WatermarkedView): string {
  const pages = view.pages
    .map((p) => `<section class="page"><h2>${escapeHtml(p.number)}</h2><pre>${escapeHtml(p.text)}</pre><footer>${escapeHtml(view.mark)}</footer></section>`)
    .join('\n');
  const files = view.files
    .map((f) => {
      const links = [
        f.viewUrl ? `<a href="${escapeHtml(f.viewUrl)}" target="_blank" rel="noreferrer">查看（带水印）</a>` : '',
        f.downloadUrl ? `<a href="${escapeHtml(f.downloadUrl)}" rel="noreferrer">下载</a>` : '',
      ].filter(Boolean);
      const shown = f.image && f.viewUrl ? `<img src="${escapeHtml(f.viewUrl)}" alt="${escapeHtml(f.name)}" draggable="false">` : '';
      return `<li class="file"><span>${f.index}. ${escapeHtml(f.name)}（${Math.ceil(f.size / 1024)}KB）</span> ${links.join(' ')}${f.note ? ` <em>${escapeHtml(f.note)}</em>` : ''}${shown}</li>`;
    })
    .join('\n');
  const fileList = view.files.length ? `<h2>附件</h2><ol class="files">${files}</ol>` : '';
  const download = view.downloadUrl ? `<p><a href="${escapeHtml(view.downloadUrl)}">下载（带水印）</a></p>` : '<p>仅限查看，不得下载、复制或转发。</p>';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(view.title)}</title>
<style>
body{font-family:sans-serif;margin:0;padding:1em;${view.downloadUrl ? '' : 'user-select:none;-webkit-user-select:none;'}}
.watermark{position:fixed;inset:0;pointer-events:none;background-image:${watermarkTile(view.mark)};z-index:10}
.page{position:relative;page-break-after:always;border-bottom:1px solid #ccc;padding:1em 0}
pre{white-space:pre-wrap;font-family:inherit}
.files{list-style:none;padding:0}.file img{display:block;max-width:100%;margin:.5em 0}.file em{color:#a00}
footer{color:#a00;font-size:12px}
@media print{.watermark{position:fixed}}
</style></head>
<body><div class="watermark" data-mark="${escapeHtml(view.mark)}"></div>
<h1>${escapeHtml(view.title)}</h1><p class="mark">${escapeHtml(view.mark)}</p>${download}
${pages}
${fileList}
</body></html>`;
}

/** The download of a copy-scope grant: plain text, the watermark line above and below every material. */
export function watermarkedText(view: WatermarkedView): string {
  const line = `【${view.mark}】`;
  return [view.title, line, ...view.pages.flatMap((p) => ['', line, p.number, p.text, line])].join('\n');
}
