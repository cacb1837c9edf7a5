/**
 * The ways street addresses are written, as regular expressions for
 * `pii-address`. Each is narrow on purpose: a number next to a word is
 * everywhere in public records ("12 months", "Platz 3" as a ranking,
 * "140 S. Ct. 1234"), so each form needs a street word it is known by.
 */

/** A house number: `12`, `12A`, `12 b`, `12-14`. */
const HOUSE = String.raw`[1-9]\d{0,5}(?:\s?[A-Za-z](?![\p{L}\d]))?(?:\s?[-–]\s?\d{1,4}[A-Za-z]?)?`;
/** The end of a house number written after the street: not a longer figure or a decimal. */
const HOUSE_END = String.raw`(?![\d.,]\d)`;

/** English street types, after the name (`1428 Elm Street`); written any case when capitalised or all capitals. */
const EN_TYPES = [
  'Street',
  'St',
  'Avenue',
  'Ave',
  'Road',
  'Rd',
  'Boulevard',
  'Blvd',
  'Drive',
  'Dr',
  'Lane',
  'Ln',
  'Way',
  'Court',
  'Ct',
  'Place',
  'Pl',
  'Terrace',
  'Ter',
  'Circle',
  'Cir',
  'Highway',
  'Hwy',
  'Parkway',
  'Pkwy',
  'Square',
  'Sq',
  'Trail',
  'Trl',
  'Plaza',
  'Alley',
  'Crescent',
  'Close',
  'Grove',
  'Gardens',
  'Mews',
];
const EN = EN_TYPES.flatMap((t) => [t, t.toUpperCase()]).join('|');
/** Courts that are not streets: "UNITED STATES DISTRICT COURT" after a pleading's line number 13 is no address. */
const COURT_KINDS = anyCase([
  'district',
  'supreme',
  'appeals',
  'appellate',
  'circuit',
  'bankruptcy',
  'superior',
  'county',
  'claims',
  'tax',
  'municipal',
  'family',
  'juvenile',
  'probate',
  'trial',
  'federal',
  'state',
]);
/** A street type after its name, except Court after a kind of court. */
const EN_TYPE = String.raw`(?:(?!(?:Court|COURT)\b)(?:${EN})|(?<!\b(?:${COURT_KINDS})\s+)(?:Court|COURT))`;
/**
 * Types that are street words in lower case too (`12 station road`); not
 * "way", "drive", "court", "place" and the like, which in lower case are
 * mostly something else ("4 hour drive", "second place").
 */
const EN_LOWER = 'street|st|avenue|ave|road|rd|boulevard|blvd|highway|hwy|parkway|pkwy';
const DIRECTION = String.raw`(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West|NORTH|SOUTH|EAST|WEST)\.?\s+`;
/** Words that start no street name (as in "8 The Bankruptcy Court", "2017 By the Court", "12 months at the court"). */
const NOT_A_NAME = String.raw`(?!(?:the|by|of|in|on|at|for|to|and|or|a|an|per|from|with|than|years?|months?|weeks?|days?|hours?|minutes?|times?|pages?|percent|lanes?|miles?|km|kilomet(?:er|re)s?|feet|foot|ft|met(?:er|re)s?|yards?|blocks?|stor(?:e?y|ies)|cars?|ways?)\b)`;
/** A capitalised street-name word. */
const NAME_WORD = String.raw`(?!(?:The|THE|By|BY|Of|OF|In|IN|On|ON|At|AT|For|FOR|To|TO)\b)[A-Z0-9][A-Za-z0-9'’-]+\.?\s+`;
const LOWER_WORD = String.raw`${NOT_A_NAME}[a-z][a-z'’-]+\s+`;

/** Suffixes of compound street names, number after (`Goethestraße 9`, `Kalverstraat 92`, `Hauptstr. 5`). */
const COMPOUND = [
  'straße',
  'strasse',
  'str\\.',
  'gasse',
  'weg',
  'allee',
  'platz',
  'damm',
  'ufer',
  'chaussee',
  'steig',
  'pfad',
  'straat',
  'laan',
  'gracht',
  'plein',
  'kade',
  'singel',
  'dijk',
  'steeg',
  'dreef',
  'gatan',
  'vägen',
  'vej',
  'veien',
].join('|');
/**
 * Street words written apart, after a capitalised name, number after
 * (`Berliner Straße 12`, `Nørre Gade 5`), not after a word that starts no
 * name ("Auf Platz 3" is a ranking).
 */
const APART = 'Straße|Strasse|Str\\.|Gasse|Weg|Allee|Platz|Ring|Damm|Ufer|Straat|Laan|Gracht|Plein|Kade|Gatan|Vägen|Gade|Vej';
const NOT_A_GERMAN_NAME = String.raw`(?!(?:Auf|Der|Die|Das|Den|Dem|Des|Ein|Eine|Einen|Im|Am|Zum|Zur|Vom|Von|Mit|Nach|Und|Oder|Bei|Beim|Het|De|Een|Op|In|The)\s)`;
/** Street words written first, name and number after (`Via Roma 12`, `Calle Mayor, 5`, `Rue de Rivoli 12`). */
const LEADING = anyCase([
  'via',
  'viale',
  'piazza',
  'piazzale',
  'corso',
  'vicolo',
  'largo',
  'calle',
  'avenida',
  'avda\\.',
  'paseo',
  'plaza',
  'carrer',
  'camino',
  'carretera',
  'rua',
  'travessa',
  'praça',
  'rue',
  'avenue',
  'boulevard',
  'bd\\.?',
  'chemin',
  'quai',
  'impasse',
  'allée',
  'ulica',
  'ul\\.',
  'aleja',
]);
/** Little words inside names written type first: `Rue de la Paix`, `Via dei Mille`, `Calle de los Reyes`. */
const PARTICLE = String.raw`(?:d[eiaou]|de[il]|dell[ao']|degli|della|des|du|la|le|les|los|las|el|y|e|d')`;
const CAP_NAME = String.raw`\p{Lu}[\p{L}'’.-]+`;
/** Street words written first in French, after the number (`12 rue de Rivoli`, `5 bis avenue Foch`). */
const FR_LEADING = anyCase(['rue', 'avenue', 'av\\.', 'boulevard', 'bd', 'place', 'allée', 'chemin', 'impasse', 'quai', 'route', 'cours']);

/**
 * Alternatives of words written in lower case, capitalised or in capitals.
 * (A case-insensitive flag would not do: under it `\p{Lu}` matches lower
 * case too, and a name after a leading street word must be capitalised.)
 */
function anyCase(words: string[]): string {
  return words.flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()]).join('|');
}

export const ADDRESS_PATTERNS: RegExp[] = [
  // 1600 Pennsylvania Avenue, 12 N. Main St., 12A Station Road
  new RegExp(String.raw`\b${HOUSE}\s+(?:${DIRECTION})?(?:${NAME_WORD}){1,3}${EN_TYPE}\b\.?`, 'gu'),
  // 12 station road, 1428 elm street
  new RegExp(String.raw`\b${HOUSE}\s+(?:(?:n|s|e|w|north|south|east|west)\.?\s+)?(?:${LOWER_WORD}){1,3}(?:${EN_LOWER})\b\.?`, 'gu'),
  // Goethestraße 9, goethestr. 9a, Kalverstraat 92-94
  new RegExp(String.raw`(?<![\p{L}\d])[\p{L}][\p{L}-]{1,40}?(?:${COMPOUND})(?:\.?,?\s+|\.\s*)${HOUSE}${HOUSE_END}`, 'giu'),
  // Berliner Straße 12, Karl Johans gate 22
  new RegExp(String.raw`(?<![\p{L}\d])${NOT_A_GERMAN_NAME}(?:${CAP_NAME}\s+){1,3}(?:${APART}),?\s+${HOUSE}${HOUSE_END}`, 'gu'),
  // Via Roma 12, Calle Mayor, 5, Rue de Rivoli 12, ul. Marszałkowska 1
  new RegExp(
    String.raw`(?<![\p{L}\d])(?:${LEADING})\s+(?:${PARTICLE}\s+)*${CAP_NAME}(?:\s+(?:${PARTICLE}\s+)*${CAP_NAME}){0,3},?\s+(?:n\.?\s?[º°o]?\s?)?${HOUSE}${HOUSE_END}`,
    'gu',
  ),
  // 12 rue de Rivoli, 5 bis avenue Foch, 10, place de la Concorde
  new RegExp(String.raw`\b${HOUSE}(?:\s?(?:bis|ter))?,?\s+(?:${FR_LEADING})\s+(?:${PARTICLE}\s+|d')*${CAP_NAME}`, 'gu'),
  // P.O. Box 1031, po box 12, Post Office Box 7, Postfach 12 34
  /\b(?:p\.?\s?o\.?\s?box|post\s+office\s+box|postfach|apartado(?:\s+de\s+correos)?|bo[iî]te\s+postale|casella\s+postale)\s+\d[\d ]{0,8}\d?/giu,
];
