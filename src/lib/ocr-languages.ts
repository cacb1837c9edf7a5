/**
 * OCR languages: what a site reads pictures in when site.yml says nothing
 * (`ocr`), and what a language code looks like (Tesseract's: eng, deu,
 * chi_sim), which also keeps a code from naming a path.
 */
export const DEFAULT_OCR_LANGUAGES: readonly string[] = ['eng'];

export const OCR_LANGUAGE_CODE = /^[a-z]{3}(_[a-z]+)?$/;
