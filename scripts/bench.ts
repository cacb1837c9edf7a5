/**
 * `npm run bench -- [flags]`: the benchmark on a generated collection (see
 * src/bench/run-bench.ts and `--help`). Figures go to bench/results/.
 */
import { parseBenchArgs, USAGE } from '../src/bench/config.ts';
import { runBench } from '../src/bench/run-bench.ts';

if (process.argv.includes('--help')) {
  console.log(USAGE);
} else {
  try {
    await runBench(parseBenchArgs(process.argv.slice(2)));
  } catch (e) {
    console.error(`bench: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
