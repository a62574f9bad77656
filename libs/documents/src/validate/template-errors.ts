import type { TemplateProblem } from './template-problem.js';

export type { TemplateProblem } from './template-problem.js';

interface DocxtemplaterErrorProperties {
  id?: string;
  xtag?: string;
  explanation?: string;
  file?: string;
  openingtag?: string;
  closingtag?: string;
  errors?: { properties?: DocxtemplaterErrorProperties; message?: string }[];
  pair?: { left: string; right: string };
  lastPair?: { left: string; right: string };
}

/** The placeholder name at the start of docxtemplater's `xtag`, which runs on to the next brace. */
function tagName(xtag: string | undefined): string | undefined {
  if (!xtag) return undefined;
  const rest = xtag.replace(/^[\s{}#^/@]+/, '');
  const name = /^[A-Za-z0-9_$.]+/.exec(rest)?.[0] ?? rest.split(/[\s{}]/)[0].slice(0, 30);
  return name || undefined;
}

function syntaxProblem(props: DocxtemplaterErrorProperties, fallback: string): TemplateProblem {
  const id = props.id ?? 'template_error';
  const tag = tagName(props.xtag);
  const base = { code: 'TEMPLATE_SYNTAX' as const, errorId: id, file: props.file, ...(tag ? { tag } : {}) };
  switch (id) {
    case 'unclosed_tag':
      return {
        ...base,
        message: `The tag {${tag} is not closed with }`,
        messageZh: `标签 {${tag} 缺少右花括号 }`,
      };
    case 'unopened_tag':
      return {
        ...base,
        message: `A } has no opening { (near "${props.xtag}")`,
        messageZh: `右花括号 } 没有对应的左花括号 {（位于“${props.xtag}”附近）`,
      };
    case 'duplicate_open_tag':
      return {
        ...base,
        message: `The tag {${tag}} has a duplicate {`,
        messageZh: `标签 {${tag}} 有多余的左花括号 {`,
      };
    case 'duplicate_close_tag':
      return {
        ...base,
        message: `The tag {${tag}} has a duplicate }`,
        messageZh: `标签 {${tag}} 有多余的右花括号 }`,
      };
    case 'unclosed_loop':
      return {
        ...base,
        message: `The section {#${tag}} is never closed: add {/${tag}}`,
        messageZh: `{#${tag}} 没有对应的结束标签 {/${tag}}`,
      };
    case 'unopened_loop':
      return {
        ...base,
        message: `The closing tag {/${tag}} has no opening {#${tag}}`,
        messageZh: `结束标签 {/${tag}} 没有对应的开始标签 {#${tag}}`,
      };
    case 'closing_tag_does_not_match_opening_tag':
      return {
        ...base,
        tag: props.openingtag,
        message: `{#${props.openingtag}} is closed by {/${props.closingtag}}: both must have the same name`,
        messageZh: `{#${props.openingtag}} 被 {/${props.closingtag}} 关闭，开始和结束标签应同名`,
      };
    case 'unbalanced_loop_tags':
      return {
        ...base,
        tag: props.pair?.left,
        message: `The sections {#${props.lastPair?.left}} and {#${props.pair?.left}} overlap; nest them instead`,
        messageZh: `{#${props.lastPair?.left}} 与 {#${props.pair?.left}} 两段交错，应当嵌套`,
      };
    case 'loop_position_invalid':
      return {
        ...base,
        message: `The start and end of {#${tag}} are at different levels (e.g. one inside a table, one outside)`,
        messageZh: `{#${tag}} 的开始和结束不在同一层级（例如一个在表格内、一个在表格外）`,
      };
    case 'raw_xml_tag_should_be_only_text_in_paragraph':
      return {
        ...base,
        code: 'RAW_XML_TAG',
        message: `Raw XML tags such as {@${tag}} are not allowed`,
        messageZh: `不允许使用 {@${tag}} 这类原始 XML 标签`,
      };
    case 'malformed_xml':
    case 'file_has_invalid_xml':
      return {
        ...base,
        code: 'NOT_A_DOCX',
        message: 'The document XML is damaged',
        messageZh: '文档内部 XML 已损坏',
      };
    case 'filetype_not_identified':
    case 'filetype_not_handled':
      return {
        ...base,
        code: 'NOT_A_DOCX',
        message: 'The file is not a Word document (.docx)',
        messageZh: '文件不是 Word 文档（.docx）',
      };
    default:
      return {
        ...base,
        message: `Template error (${id}): ${props.explanation ?? fallback}`,
        messageZh: `模板错误（${id}）：${props.explanation ?? fallback}`,
      };
  }
}

/**
 * Turns whatever docxtemplater or PizZip threw into problems. docxtemplater reports all compile
 * errors of a template at once (multi_error); PizZip throws plain errors for a broken archive.
 */
export function describeTemplateErrors(error: unknown): TemplateProblem[] {
  const props = (error as { properties?: DocxtemplaterErrorProperties } | null)?.properties;
  const message = error instanceof Error ? error.message : String(error);
  if (props?.errors?.length) {
    return props.errors.map((e) => syntaxProblem(e.properties ?? {}, e.message ?? message));
  }
  if (props?.id) return [syntaxProblem(props, message)];
  return [
    {
      code: 'NOT_A_ZIP',
      message: `The file cannot be opened as a .docx archive: ${message}`,
      messageZh: `文件无法作为 .docx 压缩包打开：${message}`,
    },
  ];
}
