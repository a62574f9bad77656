import type Docxtemplater from 'docxtemplater';

/** A tag as written in a template, with the tags inside it for sections. */
export interface TemplateTag {
  name: string;
  /** text {x}, section {#x}…{/x}, inverted {^x}…{/x}, raw XML {@x}. */
  kind: 'text' | 'section' | 'inverted' | 'raw';
  file: string;
  children: TemplateTag[];
}

type Part = Docxtemplater.DXT.Part;

function toTags(parts: Part[], file: string): TemplateTag[] {
  const tags: TemplateTag[] = [];
  for (const part of parts) {
    if (part.type !== 'placeholder') continue;
    const kind: TemplateTag['kind'] =
      part.module === 'rawxml'
        ? 'raw'
        : part.module === 'loop'
          ? part.inverted
            ? 'inverted'
            : 'section'
          : 'text';
    tags.push({ name: part.value, kind, file, children: part.subparsed ? toTags(part.subparsed, file) : [] });
  }
  return tags;
}

/**
 * A docxtemplater module that keeps each templated part's compiled tree, the way its
 * InspectModule does, so that the tags can be compared with the catalogue. It sees the tree even
 * when the template has compile errors.
 */
export class TagCollector implements Docxtemplater.DXT.Module {
  readonly name = 'TagCollector';
  private readonly trees = new Map<string, Part[]>();

  set(options: { inspect?: { filePath?: string; postparsed?: Part[] } }): void {
    const inspect = options.inspect;
    if (inspect?.filePath && inspect.postparsed) this.trees.set(inspect.filePath, inspect.postparsed);
  }

  tags(): TemplateTag[] {
    return [...this.trees].flatMap(([file, parts]) => toTags(parts, file));
  }
}
