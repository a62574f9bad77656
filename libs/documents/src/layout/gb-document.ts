import { Document, DocumentGridType, Header, Packer, type FileChild, type Paragraph } from 'docx';
import PizZip from 'pizzip';
import { gbFooters } from './blocks.js';
import {
  FOOTER_DISTANCE,
  HEADER_DISTANCE,
  LETTER_MASTHEAD_HEADER_DISTANCE,
  LINE_PITCH,
  MARGIN,
  PAGE,
} from './gbt9704.js';
import { GB_STYLES } from './styles.js';

export interface GbDocumentOptions {
  /** Document title in the file's properties. */
  title: string;
  /**
   * 信函格式: the red issuing-body name and its double rule, placed in the first page's header so
   * that the name's top is 30 mm below the page's top edge (the body's 37 mm margin is for the
   * other pages); page 1 has no page number but the lower red double rule.
   */
  letterMasthead?: Paragraph;
  children: FileChild[];
}

export function gbDocument(options: GbDocumentOptions): Document {
  const letter = options.letterMasthead !== undefined;
  return new Document({
    title: options.title,
    creator: 'Qifu',
    lastModifiedBy: 'Qifu',
    revision: 1,
    styles: GB_STYLES,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              ...MARGIN,
              header: letter ? LETTER_MASTHEAD_HEADER_DISTANCE : HEADER_DISTANCE,
              footer: FOOTER_DISTANCE,
              gutter: 0,
            },
          },
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
          titlePage: letter,
        },
        ...(options.letterMasthead
          ? { headers: { first: new Header({ children: [options.letterMasthead] }) } }
          : {}),
        footers: gbFooters(letter),
        children: options.children,
      },
    ],
  });
}

/** The fixed time written into the package, so that building a template twice gives the same bytes. */
const FIXED_W3CDTF = '2022-04-20T00:00:00Z';
// Built from local fields: ZIP entry times are local, so this gives the same bytes in every time zone.
const FIXED_ZIP_DATE = () => new Date(2022, 3, 20, 0, 0, 0);

/**
 * Paragraph properties docx does not write, put into the form styles before their spacing (schema
 * order). Form text keeps its own exact line height instead of the body's 22-line grid (else
 * LibreOffice sets the lines of a table 10.2 mm apart and a form runs to two pages).
 */
const FORM_STYLE_PROPERTIES: Record<string, string> = {
  GbFormText: '<w:snapToGrid w:val="0"/>',
  GbFormNote: '<w:snapToGrid w:val="0"/>',
};

function withFormStyleProperties(stylesXml: string): string {
  return stylesXml.replace(
    /(<w:style [^>]*w:styleId="(GbFormText|GbFormNote)"[^>]*>(?:(?!<\/w:style>).)*?<w:pPr>)(<w:spacing )/g,
    (_, opening: string, id: string, spacing: string) => opening + FORM_STYLE_PROPERTIES[id] + spacing,
  );
}

/**
 * Packs a document with stable bytes: docx writes the current time into docProps/core.xml and
 * into the ZIP entries; both are replaced by fixed values. The form styles get what docx omits.
 */
export async function packStable(document: Document): Promise<Buffer> {
  const packed = await Packer.toBuffer(document);
  const source = new PizZip(packed);
  const target = new PizZip();
  for (const name of Object.keys(source.files)) {
    const entry = source.files[name];
    if (entry.dir) continue;
    const options = { date: FIXED_ZIP_DATE(), createFolders: false };
    if (name === 'docProps/core.xml') {
      const core = entry
        .asText()
        .replace(
          /(<dcterms:(created|modified) xsi:type="dcterms:W3CDTF">)[^<]*(<\/dcterms:\2>)/g,
          `$1${FIXED_W3CDTF}$3`,
        );
      target.file(name, core, options);
    } else if (name === 'word/styles.xml') {
      target.file(name, withFormStyleProperties(entry.asText()), options);
    } else {
      target.file(name, entry.asUint8Array(), { ...options, binary: true });
    }
  }
  return target.generate({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}
