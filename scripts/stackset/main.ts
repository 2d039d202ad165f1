/**
 * `npm run package:stackset -- --bucket-prefix my-org-artifacts [--regions …] [--ou …] [--param k=v …]`:
 * packages the service offline, writes the StackSet template and the zip to `.serverless-stackset/`
 * and prints the commands that roll it out (options: scripts/stackset/options.ts).
 */
import { join } from 'node:path';
import { buildStackSet } from './build';
import { rolloutText } from './commands';
import { parseOptions, UsageError } from './options';

function main(): void {
  try {
    const options = parseOptions(process.argv.slice(2));
    const built = buildStackSet(join(process.cwd(), '.serverless-stackset'), options);
    console.log(rolloutText(built, options));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  }
}

main();
