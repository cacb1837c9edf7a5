/**
 * Vitest setup file: after each test file, the temporary folders its tests
 * made with tempDir() are removed, so a run leaves nothing in /tmp. Setup
 * files' hooks run after the test file's own (nginx and browsers are
 * stopped first).
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from './build.ts';

afterAll(removeTempDirs);
