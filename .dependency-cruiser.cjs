// Which way imports may point. `npm run lint` runs it over src/ and scripts/;
// tests/unit/import-rules.test.ts proves each rule catches what it names.
// dependency-cruiser cannot read .astro files (it has no Astro parser), so the
// rules see the pages' .ts files (src/data, src/lib) and not the frontmatter
// of src/pages, src/components and src/layouts.

/** The reader's side: what Astro renders, from the site data alone. */
const PAGES = '^src/(pages|components|layouts|data)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'A module that imports its own importer hides which way data flows, and neither can be read, tested or moved alone. ' +
        'Type-only imports count (tsPreCompilationDeps): a type both sides need goes in a file both import, such as src/lib/model.ts.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pages-and-lib-not-to-pipeline',
      comment:
        'Pages and src/lib read only what the pipeline wrote (the site data), and src/lib is safe in the browser: ' +
        'pipeline and integration code is Node-only (pdf.js, sharp, fs). Shared types belong in src/lib/model.ts.',
      severity: 'error',
      from: { path: [PAGES, '^src/lib/'] },
      to: { path: '^src/(pipeline|integrations|build)/' },
    },
    {
      name: 'schemas-not-to-pipeline',
      comment:
        'The schemas say what an editor may write; the pipeline reads content through them. ' +
        'Importing the pipeline back would tie every schema to processing code (and to its cache keys).',
      severity: 'error',
      from: { path: '^src/schemas/' },
      to: { path: '^src/pipeline/' },
    },
    {
      name: 'src-not-to-public',
      comment:
        'public/ is what Astro copies into the site, not source code. Code the pipeline shares with a published file ' +
        '(the verifier) lives under src/; public/ links to it for the dev server, and the build writes the source into the site.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^public/' },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'An import of a file that does not exist (a moved or misspelt path) fails only when that code runs. ' +
        "Astro's and the integration's virtual modules are not files.",
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^(astro|virtual):' },
    },
  ],
  options: {
    // Packages are not followed: the rules are about this project's own files.
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too: a circle of types is a circle of meaning.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // public/trove-verify.mjs links to src/signing/: an import is judged by the path it names, so importing the link is still an import from public/.
    preserveSymlinks: true,
    // The pages are nodes of the graph, so a .ts file importing one is seen, though their own imports are not.
    extraExtensionsToScan: ['.astro'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
