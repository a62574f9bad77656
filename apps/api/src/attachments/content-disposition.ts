/** RFC 5987 `value-chars`: percent-encoded UTF-8 for everything but `attr-char`. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** What a client without RFC 5987 support shows: printable ASCII, quotes and backslashes replaced. */
function asciiFallback(fileName: string): string {
  return fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
}

/**
 * `Content-Disposition: attachment` naming the file (RFC 6266): `filename*` in UTF-8 for Chinese
 * names, and an ASCII `filename` for clients that do not read it.
 */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeExtValue(fileName)}`;
}
