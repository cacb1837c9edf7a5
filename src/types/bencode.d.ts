/** bencode's decoder, as the mirror-kit test uses it. */
declare module 'bencode' {
  const bencode: { decode(data: Uint8Array, encoding?: string): Record<string, unknown> };
  export default bencode;
}
