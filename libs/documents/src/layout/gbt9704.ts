/**
 * GB/T 9704-2012 (党政机关公文格式) page and type, in OOXML units: twips (1/20 pt) for lengths and
 * half-points for font sizes. The grid values are the ones LibreOffice honours (see STACK.md):
 * a "lines" document grid with an exact line height, and characters narrowed by 5 twips so that
 * 28 characters of 3号 fit the 156 mm type area.
 */

export function mmToTwips(mm: number): number {
  return Math.round((mm * 1440) / 25.4);
}

/** A4, 210 × 297 mm. */
export const PAGE = { width: 11906, height: 16838 } as const;

/** 天头 37 mm, 订口 28 mm; the type area is 156 × 225 mm. */
export const MARGIN = {
  top: mmToTwips(37),
  bottom: mmToTwips(35),
  left: mmToTwips(28),
  right: mmToTwips(26),
} as const;

export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/** 22 lines in the 225 mm type area: 12756 / 22 = 579.8, rounded down so that 22 lines fit. */
export const LINES_PER_PAGE = 22;
export const LINE_PITCH = 579;

/** 3号 = 16 pt; 28 characters of (320 − 5) twips = 8820 ≤ 8845. */
export const CHARS_PER_LINE = 28;
export const CHARACTER_SPACING = -5;
export const BODY_SIZE = 32;
export const CHAR_WIDTH = BODY_SIZE * 10 + CHARACTER_SPACING;

/** 2号 = 22 pt (title); 4号 = 14 pt (page numbers, imprint, forms); 小四 = 12 pt (form notes). */
export const TITLE_SIZE = 44;
export const SIZE_4 = 28;
export const SIZE_SMALL_4 = 24;
/** The red issuing-body name: large enough to stand out, small enough for a 16-character name. */
export const MASTHEAD_SIZE = 52;
/** The masthead's exact line height. */
export const MASTHEAD_LINE = 760;

export const FONT = {
  fangSong: '仿宋_GB2312',
  xiaoBiaoSong: '方正小标宋简体',
  hei: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
} as const;

export const RED = 'FF0000';

/**
 * The footer sits 20 mm above the page edge: the letter's lower red double rule lies there (信函格式),
 * and page numbers are lifted 5 mm by their spacing so that the number's top is 7 mm below the type area.
 */
export const HEADER_DISTANCE = mmToTwips(15);
/**
 * 信函格式: the issuing body's name 30 mm below the page's top edge. In its exact line
 * (MASTHEAD_LINE) the ink of the 26 pt glyphs starts 3 mm below the line's top (measured in the
 * PDF LibreOffice makes), so the first page's header starts that much higher.
 */
export const LETTER_MASTHEAD_TOP = mmToTwips(30);
export const MASTHEAD_INK_DROP = mmToTwips(3);
export const LETTER_MASTHEAD_HEADER_DISTANCE = LETTER_MASTHEAD_TOP - MASTHEAD_INK_DROP;
export const FOOTER_DISTANCE = mmToTwips(20);
export const PAGE_NUMBER_LIFT = mmToTwips(3);

/** The letter's red double rules are 170 mm long, centred: 7 mm beyond each side of the type area. */
export const LETTER_RULE_OVERHANG = mmToTwips(7);
/** 4 mm between the masthead and its rule; OOXML border spacing is in points. */
export const RULE_GAP_PT = 11;
/**
 * Under the letter's masthead the exact line already leaves about 2 mm below the glyphs' ink, so the
 * border adds 6 pt for the 4 mm from the name to the double rule (measured in LibreOffice's PDF).
 */
export const LETTER_RULE_GAP_PT = 6;
/** Thick-thin borders wider than 24 eighths of a point are not drawn by LibreOffice. */
export const DOUBLE_RULE_SIZE = 24;
