import type Docxtemplater from 'docxtemplater';

/**
 * The options every template is compiled with, for validation and for rendering alike, so that a
 * template that validates renders. A missing value prints as nothing rather than "undefined".
 */
export const TEMPLATE_OPTIONS: Docxtemplater.DXT.Options = {
  paragraphLoop: true,
  linebreaks: true,
  errorLogging: false,
  stripInvalidXMLChars: true,
  nullGetter: () => '',
};
