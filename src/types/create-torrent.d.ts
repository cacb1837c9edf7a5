/** The part of create-torrent (webtorrent) that the mirror kit uses. */
declare module 'create-torrent' {
  interface Options {
    name?: string;
    comment?: string;
    createdBy?: string;
    creationDate?: Date;
    private?: boolean;
    announceList?: string[][];
    urlList?: string[];
    pieceLength?: number;
  }
  export default function createTorrent(input: string | string[], options: Options, callback: (err: Error | null, torrent: Buffer) => void): void;
}
