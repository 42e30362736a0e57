import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';

/** The official documents the bot writes, each from config/templates/<name>.xml. */
export const TEMPLATE_NAMES = ['urge-notice', 'status-sheet', 'meeting-notice', 'meeting-minutes', 'indicators-report'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// The fixed parts of a .docx package around the template's word/document.xml (ECMA-376 Part 2, Open Packaging).
const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';
const PACKAGE_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

/** A template package: the reviewable XML body of config/templates wrapped as a .docx zip. */
function packageOf(documentXml: string): PizZip {
  const zip = new PizZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('_rels/.rels', PACKAGE_RELS);
  zip.file('word/document.xml', documentXml);
  return zip;
}

/** What fills a template: values, and lists of rows for its loops (`{#rows}…{/rows}`). */
export type TemplateData = { [key: string]: string | number | TemplateData[] };

/**
 * Fills the templates of config/templates with docxtemplater. Every template is read and checked once, at
 * start-up: a missing file or a broken placeholder stops the bot with the file's name.
 */
export class DocxTemplates {
  private readonly bodies = new Map<TemplateName, string>();

  constructor(configDir: string) {
    for (const name of TEMPLATE_NAMES) {
      const file = join(configDir, 'templates', `${name}.xml`);
      const body = readFileSync(file, 'utf8');
      try {
        new Docxtemplater(packageOf(body), { paragraphLoop: true, linebreaks: true });
      } catch (error) {
        throw new Error(`${file}: not a usable template (${(error as Error).name})`);
      }
      this.bodies.set(name, body);
    }
  }

  /** The .docx bytes of a template filled with `data` (a value with line breaks keeps them). */
  render(name: TemplateName, data: TemplateData): Buffer {
    const doc = new Docxtemplater(packageOf(this.bodies.get(name)!), { paragraphLoop: true, linebreaks: true, nullGetter: () => '' });
    doc.render(data);
    return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
  }
}
