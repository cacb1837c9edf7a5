/**
 * One attachment of a multipart e-mail, as the example leak's message
 * (scripts/example-leak.ts) and the tests' messages are written: its part
 * of the body, opened by `--<boundary>`, base64 wrapped at 76 columns.
 */
export function mimeAttachment(boundary: string, name: string, type: string, body: string, base64 = false): string {
  return [
    `--${boundary}`,
    `Content-Type: ${type}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    ...(base64 ? ['Content-Transfer-Encoding: base64'] : []),
    '',
    base64 ? body.replace(/(.{76})/g, '$1\r\n') : body,
  ].join('\r\n');
}
