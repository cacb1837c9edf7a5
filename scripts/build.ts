/**
 * `npm run build`: src/build/build-command.ts, with Node's compile cache on
 * for this process too (src/build/compile-cache.ts). Only modules imported
 * after the cache is on are cached, so the build is imported here, not at
 * the top.
 */
import { enableCompileCache } from 'node:module';
import { compileCacheEnv } from '../src/build/compile-cache.ts';

enableCompileCache(compileCacheEnv().NODE_COMPILE_CACHE);
await import('../src/build/build-command.ts');
