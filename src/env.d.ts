declare module 'virtual:trove/data' {
  /** Absolute path of the site data folder written by the pipeline. */
  export const dataDir: string;
}
