/**
 * Runs every discovery fault in a plain Node process and prints, per fault, the report's status and
 * the promise rejections Node saw unhandled, even briefly. Jest forgives a rejection handled later;
 * Node (and the Lambda runtime, which then ends the process) does not.
 */
import { compliant } from '../../support/builders';
import { later, SLOW_MS, STATUS_DENIED, STS_DENIED } from './discovery-faults';
import { timedRun } from './timed-run';

async function main(): Promise<void> {
  const unhandled: string[] = [];
  process.on('unhandledRejection', (reason) => unhandled.push(String(reason)));
  const results: Record<string, { status: string; unhandled: string[] }> = {};
  for (const [name, arrange] of Object.entries({ 'STS denied': STS_DENIED, ...STATUS_DENIED })) {
    const { report } = await timedRun(compliant(), { arrange });
    await later(2 * SLOW_MS);
    results[name] = { status: report.status, unhandled: unhandled.splice(0) };
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

void main();
