/**
 * The placeholder catalogue is written as typed specs: one entry per data field, with its
 * descriptions and an example of the field's own type. A field added to a document's data type
 * without a catalogue entry (or with an example of the wrong type) does not compile.
 */

export interface TextFieldSpec {
  kind: 'text';
  zh: string;
  en: string;
  example: string;
}

export interface ConditionFieldSpec {
  kind: 'condition';
  zh: string;
  en: string;
  example: boolean;
}

export interface LoopFieldSpec<T> {
  kind: 'loop';
  zh: string;
  en: string;
  fields: FieldSpecs<T>;
  example: T[];
}

/** A text placeholder: its descriptions in Chinese and English and an example value. */
export function textField(zh: string, en: string, example: string): TextFieldSpec {
  return { kind: 'text', zh, en, example };
}

/** A condition placeholder ({#name}…{/name}): its descriptions and an example value. */
export function conditionField(zh: string, en: string, example: boolean): ConditionFieldSpec {
  return { kind: 'condition', zh, en, example };
}

export type FieldSpec<V> = [V] extends [string]
  ? TextFieldSpec
  : [V] extends [boolean]
    ? ConditionFieldSpec
    : [V] extends [readonly (infer U)[]]
      ? LoopFieldSpec<U>
      : never;

export type FieldSpecs<T> = { [K in keyof T]-?: FieldSpec<T[K]> };

export type PlaceholderKind = 'text' | 'condition' | 'loop';

/** One placeholder as the console lists it next to a template upload. */
export interface PlaceholderInfo {
  name: string;
  kind: PlaceholderKind;
  /** How to write it in Word: {name}, {#name}…{/name}. */
  tag: string;
  descriptionZh: string;
  descriptionEn: string;
  /** The example value (text, true/false, or the list of example items for a loop). */
  example: string | boolean | Record<string, unknown>[];
  /** The placeholders usable inside a loop, besides those of the enclosing scope. */
  fields?: PlaceholderInfo[];
}

type AnySpec = TextFieldSpec | ConditionFieldSpec | LoopFieldSpec<Record<string, unknown>>;

function tagOf(name: string, spec: AnySpec): string {
  if (spec.kind === 'text') return `{${name}}`;
  if (spec.kind === 'condition') return `{#${name}}…{/${name}}`;
  const inner = Object.keys(spec.fields)
    .map((field) => `{${field}}`)
    .join('');
  return `{#${name}}${inner}{/${name}}`;
}

export function describeFields<T>(specs: FieldSpecs<T>): PlaceholderInfo[] {
  return Object.entries(specs as Record<string, AnySpec>).map(([name, spec]) => {
    const info: PlaceholderInfo = {
      name,
      kind: spec.kind,
      tag: tagOf(name, spec),
      descriptionZh: spec.zh,
      descriptionEn: spec.en,
      example: spec.example as PlaceholderInfo['example'],
    };
    if (spec.kind === 'loop') info.fields = describeFields(spec.fields);
    return info;
  });
}

/** The example values of every field: the preview's sample data. */
export function examplesOf<T>(specs: FieldSpecs<T>): T {
  const data: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs as Record<string, AnySpec>)) {
    data[name] = spec.kind === 'loop' ? spec.example.map((item) => ({ ...item })) : spec.example;
  }
  return data as T;
}
