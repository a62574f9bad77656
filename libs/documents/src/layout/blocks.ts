import {
  AlignmentType,
  BorderStyle,
  Footer,
  FrameAnchorType,
  HeadingLevel,
  HeightRule,
  HorizontalPositionAlign,
  LineRuleType,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalPositionAlign,
  WidthType,
  type ParagraphChild,
} from 'docx';
import {
  DOUBLE_RULE_SIZE,
  LETTER_RULE_OVERHANG,
  MASTHEAD_SIZE,
  PAGE_NUMBER_LIFT,
  RED,
  LETTER_RULE_GAP_PT,
  RULE_GAP_PT,
  SIZE_4,
  TEXT_WIDTH,
  mmToTwips,
} from './gbt9704.js';
import { FORM_LINE, MASTHEAD_LINE, STYLE, TWO_CHARS } from './styles.js';

/*
 * The building blocks of the default templates. Text may carry docxtemplater tags ({name},
 * {#loop}…{/loop}); each block writes one run per string so that a tag is never split.
 */

type Content = string | ParagraphChild | (string | ParagraphChild)[];

function runs(content: Content): ParagraphChild[] {
  const list = Array.isArray(content) ? content : [content];
  return list.map((item) => (typeof item === 'string' ? new TextRun(item) : item));
}

function tab(): TextRun {
  return new TextRun({ children: [new Tab()] });
}

/** Body text: 3号 仿宋, indented two characters, on the grid. */
export function body(content: Content): Paragraph {
  return new Paragraph({ style: STYLE.body, children: runs(content) });
}

/** Body text without indent (主送机关, 附件 label). */
export function flush(content: Content): Paragraph {
  return new Paragraph({ style: STYLE.flush, children: runs(content) });
}

export function blankLine(): Paragraph {
  return new Paragraph({ style: STYLE.flush, children: [] });
}

/** 2号 方正小标宋简体, centred. */
export function title(content: Content): Paragraph {
  return new Paragraph({ heading: HeadingLevel.TITLE, children: runs(content) });
}

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
];

/** 一、(黑体) （一）(楷体) 1.(仿宋 bold) (1)(仿宋). */
export function heading(level: 1 | 2 | 3 | 4, content: Content): Paragraph {
  return new Paragraph({ heading: HEADINGS[level - 1], children: runs(content) });
}

/**
 * 信函格式: the issuing body's name in red, a red double rule (thick over thin) 4 mm under it,
 * 170 mm long.
 */
export function letterMasthead(issuingBody: string): Paragraph {
  return new Paragraph({
    style: STYLE.masthead,
    indent: { left: -LETTER_RULE_OVERHANG, right: -LETTER_RULE_OVERHANG },
    border: {
      bottom: {
        style: BorderStyle.THICK_THIN_SMALL_GAP,
        size: DOUBLE_RULE_SIZE,
        color: RED,
        space: LETTER_RULE_GAP_PT,
      },
    },
    children: runs(issuingBody),
  });
}

/** 信函格式: the number flush with the right edge of the type area, under the rule. */
export function letterNumber(number: string): Paragraph {
  return new Paragraph({
    style: STYLE.flush,
    alignment: AlignmentType.RIGHT,
    spacing: { before: 120 },
    children: runs(number),
  });
}

/**
 * 通用格式: the issuing body's name in red 35 mm below the top of the type area, the number
 * centred two lines below it, and a red rule as wide as the type area 4 mm under the number.
 */
export function documentMasthead(issuingBody: string, number: string): Paragraph[] {
  return [
    new Paragraph({
      style: STYLE.masthead,
      // An exact line places the glyphs at its foot: start the line so that their top is 35 mm down.
      spacing: { before: mmToTwips(35) - (MASTHEAD_LINE - MASTHEAD_SIZE * 10) },
      children: runs(issuingBody),
    }),
    blankLine(),
    new Paragraph({
      style: STYLE.flush,
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: RED, space: RULE_GAP_PT } },
      children: runs(number),
    }),
  ];
}

/** 发文机关署名 two characters from the right edge, 成文日期 four characters from it. */
export function signature(issuingBody: string, date: string): Paragraph[] {
  return [
    new Paragraph({
      style: STYLE.flush,
      alignment: AlignmentType.RIGHT,
      indent: { right: TWO_CHARS },
      children: runs(issuingBody),
    }),
    new Paragraph({
      style: STYLE.flush,
      alignment: AlignmentType.RIGHT,
      indent: { right: TWO_CHARS * 2 },
      children: runs(date),
    }),
  ];
}

/** 附件 label of an attachment page: 3号 黑体, flush left. */
export function attachmentLabel(text: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_1,
    indent: { firstLine: 0 },
    pageBreakBefore: true,
    children: runs(text),
  });
}

/**
 * GB/T 9704 places the 版记 at the foot of the last page: a frame at the bottom of the type area of
 * the page its paragraph ends up on, however short the text above it.
 */
const AT_PAGE_FOOT = {
  type: 'alignment',
  alignment: { x: HorizontalPositionAlign.LEFT, y: VerticalPositionAlign.BOTTOM },
  anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN },
  width: TEXT_WIDTH,
} as const;

/** 版记 line of a letter: 4号, one character in from each side, no rules (信函格式), at the page's foot. */
export function letterImprint(content: Content): Paragraph {
  return new Paragraph({
    style: STYLE.imprint,
    indent: { left: SIZE_4 * 10, right: SIZE_4 * 10 },
    frame: AT_PAGE_FOOT,
    children: runs(content),
  });
}

/**
 * A letter's 版记 line shown only when `condition` holds: the tags stand alone in their own
 * paragraphs, so that nothing is left when it does not.
 */
export function letterImprintIf(condition: string, content: Content): Paragraph[] {
  return [flush(`{#${condition}}`), letterImprint(content), flush(`{/${condition}}`)];
}

/**
 * 版记 of a document (通用格式): 抄送 between a thick and a thin rule, then 印发机关 and 印发日期
 * on one line above a thick rule; text one character in from each side.
 */
export function documentImprint(cc: Content, printingOffice: string, printedOn: string): Paragraph[] {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };
  const oneChar = SIZE_4 * 10;
  return [
    new Paragraph({
      style: STYLE.imprint,
      indent: { left: oneChar, right: oneChar, hanging: 0 },
      border: { top: thick, bottom: thin },
      children: runs(cc),
    }),
    new Paragraph({
      style: STYLE.imprint,
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - oneChar }],
      border: { bottom: thick },
      children: runs([`\u3000${printingOffice}`, tab(), `${printedOn}印发`]),
    }),
  ];
}

function pageNumberParagraph(side: 'odd' | 'even'): Paragraph {
  const oneChar = SIZE_4 * 10;
  return new Paragraph({
    style: STYLE.pageNumber,
    alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: side === 'odd' ? { right: oneChar } : { left: oneChar },
    spacing: { after: PAGE_NUMBER_LIFT },
    children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
  });
}

export interface GbFooters {
  default: Footer;
  even: Footer;
  first?: Footer;
}

/**
 * Page numbers "— N —" in 4号 宋体: odd pages on the right, even pages on the left, one character
 * in. A letter's first page has no number and carries the lower red double rule (thin over thick).
 */
export function gbFooters(letter: boolean): GbFooters {
  const footers: GbFooters = {
    default: new Footer({ children: [pageNumberParagraph('odd')] }),
    even: new Footer({ children: [pageNumberParagraph('even')] }),
  };
  if (letter) {
    footers.first = new Footer({
      children: [
        new Paragraph({
          style: STYLE.pageNumber,
          spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          indent: { left: -LETTER_RULE_OVERHANG, right: -LETTER_RULE_OVERHANG },
          border: {
            bottom: { style: BorderStyle.THIN_THICK_SMALL_GAP, size: DOUBLE_RULE_SIZE, color: RED, space: 0 },
          },
          children: [],
        }),
      ],
    });
  }
  return footers;
}

/* Forms (登记表, 交办单): fixed-layout tables as wide as the type area, 4号 text. */

export interface CellOptions {
  columnSpan?: number;
  rowSpan?: number;
  /** justify (the default) for running text; left for short items a spread line would pull apart. */
  align?: 'justify' | 'center' | 'left' | 'right';
  vertical?: 'center' | 'top';
}

const ALIGNMENT = {
  justify: AlignmentType.JUSTIFIED,
  center: AlignmentType.CENTER,
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
} as const;

export function formParagraph(content: Content, align: CellOptions['align'] = 'justify'): Paragraph {
  const alignment = ALIGNMENT[align];
  return new Paragraph({ style: STYLE.formText, alignment, children: runs(content) });
}

/** Left and right padding of a form cell, in twips. */
export const CELL_MARGIN = 100;

export function cell(content: Content | Paragraph[], options: CellOptions = {}): TableCell {
  const children =
    Array.isArray(content) && content.every((c) => c instanceof Paragraph)
      ? (content as Paragraph[])
      : [formParagraph(content as Content, options.align)];
  return new TableCell({
    children,
    columnSpan: options.columnSpan,
    rowSpan: options.rowSpan,
    verticalAlign: options.vertical === 'top' ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 40, bottom: 40 },
  });
}

/**
 * A label cell: centred text. A label too long for its column is given as its lines, so that it
 * breaks where a reader expects and never one character onto a line of its own.
 */
export function labelCell(text: string | string[], options: Omit<CellOptions, 'align'> = {}): TableCell {
  const lines = typeof text === 'string' ? [text] : text;
  return cell(
    lines.map((line) => formParagraph(line, 'center')),
    options,
  );
}

export function row(cells: TableCell[], minHeight = FORM_LINE + 120): TableRow {
  return new TableRow({ children: cells, height: { value: minHeight, rule: HeightRule.ATLEAST } });
}

export function formTable(columnWidths: number[], rows: TableRow[]): Table {
  return new Table({
    rows,
    columnWidths,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
  });
}

/** A form line in a cell whose text is `width` twips wide: `right` flush with the cell's right edge. */
export function formLineWithRight(left: Content, right: Content, width: number): Paragraph {
  return new Paragraph({
    style: STYLE.formText,
    tabStops: [{ type: TabStopType.RIGHT, position: width }],
    children: [...runs(left), tab(), ...runs(right)],
  });
}

/** The line above a form: left text, right text flush with the table's right edge. */
export function formHeaderLine(left: Content, right: Content): Paragraph {
  return new Paragraph({
    style: STYLE.formNote,
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
    spacing: { before: 120, after: 80 },
    children: [...runs(left), tab(), ...runs(right)],
  });
}

/**
 * Form lines shown only when a condition holds: the tags stand alone in their own paragraphs, so
 * that with paragraphLoop nothing (not even an empty line) is left when it does not.
 */
export function conditional(name: string, text: string): Paragraph[] {
  return [formParagraph(`{#${name}}`), formParagraph(text), formParagraph(`{/${name}}`)];
}

/** The 版记 line of a form (抄送), at the page's foot. */
export function formFootNote(content: Content): Paragraph {
  return new Paragraph({ style: STYLE.formNote, frame: AT_PAGE_FOOT, children: runs(content) });
}

export function formNote(content: Content): Paragraph {
  return new Paragraph({ style: STYLE.formNote, children: runs(content) });
}
