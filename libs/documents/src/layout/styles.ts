import { AlignmentType, LineRuleType, type IBaseParagraphStyleOptions, type IStylesOptions } from 'docx';
import {
  BODY_SIZE,
  CHARACTER_SPACING,
  CHAR_WIDTH,
  FONT,
  LINE_PITCH,
  MASTHEAD_LINE,
  MASTHEAD_SIZE,
  RED,
  SIZE_4,
  SIZE_SMALL_4,
  TITLE_SIZE,
} from './gbt9704.js';

/** Exact line heights: on the 22-line grid for 3号 text, their own height for smaller table text. */
export const gridLine = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;
/** 小四 in forms: a registration form or an assignment sheet with a realistic matter fits one page. */
export const FORM_LINE = 360;
export const NOTE_LINE = 340;
export { MASTHEAD_LINE };

/** First-line indent of two characters (STACK.md: LibreOffice ignores firstLineChars). */
export const TWO_CHARS = CHAR_WIDTH * 2;

export const STYLE = {
  body: 'GbBody',
  flush: 'GbFlush',
  masthead: 'GbMasthead',
  formText: 'GbFormText',
  formNote: 'GbFormNote',
  imprint: 'GbImprint',
  pageNumber: 'GbPageNumber',
} as const;

function heading(font: string, bold = false): IBaseParagraphStyleOptions {
  return {
    basedOn: 'Normal',
    next: STYLE.body,
    quickFormat: true,
    run: {
      font,
      size: BODY_SIZE,
      bold,
      italics: false,
      color: '000000',
      characterSpacing: CHARACTER_SPACING,
    },
    paragraph: { indent: { firstLine: TWO_CHARS }, spacing: gridLine, alignment: AlignmentType.JUSTIFIED },
  };
}

/**
 * Styles every template shares. A park editing a template in Word finds them by name: 正文 (GbBody)
 * for body text, 标题 1–4 for the headings (黑体, 楷体, 仿宋 bold, 仿宋), Title for the 2号 title.
 */
export const GB_STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT.fangSong, size: BODY_SIZE, characterSpacing: CHARACTER_SPACING },
      paragraph: { spacing: gridLine },
    },
    title: {
      basedOn: 'Normal',
      next: STYLE.body,
      quickFormat: true,
      run: { font: FONT.xiaoBiaoSong, size: TITLE_SIZE, color: '000000' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: gridLine },
    },
    heading1: heading(FONT.hei),
    heading2: heading(FONT.kai),
    heading3: heading(FONT.fangSong, true),
    heading4: heading(FONT.fangSong),
  },
  paragraphStyles: [
    {
      id: STYLE.body,
      name: 'GB Body',
      basedOn: 'Normal',
      next: STYLE.body,
      quickFormat: true,
      paragraph: { indent: { firstLine: TWO_CHARS }, alignment: AlignmentType.JUSTIFIED, spacing: gridLine },
    },
    {
      id: STYLE.flush,
      name: 'GB Flush',
      basedOn: 'Normal',
      next: STYLE.body,
      paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: gridLine },
    },
    {
      id: STYLE.masthead,
      name: 'GB Masthead',
      basedOn: 'Normal',
      next: STYLE.body,
      run: { font: FONT.xiaoBiaoSong, size: MASTHEAD_SIZE, color: RED },
      paragraph: {
        alignment: AlignmentType.CENTER,
        spacing: { line: MASTHEAD_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      },
    },
    {
      id: STYLE.formText,
      name: 'GB Form Text',
      basedOn: 'Normal',
      run: { size: SIZE_SMALL_4 },
      paragraph: { spacing: { line: FORM_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
    },
    {
      id: STYLE.formNote,
      name: 'GB Form Note',
      basedOn: 'Normal',
      run: { size: SIZE_SMALL_4 },
      paragraph: {
        spacing: { line: NOTE_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        // A comma that may not start a line is set at the end of the one before, past its end: one
        // character of room keeps it inside the type area.
        indent: { right: SIZE_SMALL_4 * 10 },
      },
    },
    {
      id: STYLE.imprint,
      name: 'GB Imprint',
      basedOn: 'Normal',
      run: { size: SIZE_4 },
      paragraph: { spacing: { line: 560, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
    },
    {
      id: STYLE.pageNumber,
      name: 'GB Page Number',
      basedOn: 'Normal',
      run: { font: FONT.song, size: SIZE_4 },
      paragraph: { spacing: { line: 280, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
    },
  ],
};
