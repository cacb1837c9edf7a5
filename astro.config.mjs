// Wires Trove into Astro; all behaviour lives in src/integrations/trove.ts.
import { defineConfig } from 'astro/config';
import trove from './src/integrations/trove.ts';

export default defineConfig({
  integrations: [trove()],
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  // The site must not call home: no telemetry-like prefetching or dev toolbar.
  devToolbar: { enabled: false },
  prefetch: false,
});
