import { join } from 'node:path';
import { type Artifact, buildVariant, packageService, sameCode } from './bundle';
import { coldInit } from './coldstart';
import type { Spread } from './stats';
import { bundleTable } from './table';

/** The bundle section: sizes of the deployed zip and of each build variant, and their cold init. */
export interface BundleResult {
  readonly markdown: string;
  readonly deployedVariant: string;
  readonly cold: ReadonlyMap<Artifact, Spread>;
}

/** Packages the service, builds both variants (SDK bundled / left to the runtime) and times loading them. */
export function benchBundle(root: string, processes: number): BundleResult {
  const out = join(root, '.build', 'bench');
  const deployed = packageService(root, join(out, 'package'));
  const bundled = buildVariant(root, join(out, 'bundled'), 'SDK bundled', []);
  const external = buildVariant(root, join(out, 'sdk-external'), '`@aws-sdk/*` external (runtime SDK)', [
    '@aws-sdk/*',
  ]);
  const twin = [bundled, external].find((v) => sameCode(v, deployed));
  const rows: Artifact[] = [bundled, external].map((v) =>
    v === twin ? { ...v, label: `${v.label} — deployed`, zipBytes: deployed.zipBytes, zipMeasured: true } : v,
  );
  if (!twin) rows.unshift(deployed);
  const cold = coldInit(rows, processes);
  const estimateCheck = twin
    ? `the estimate for the deployed build is ${twin.zipBytes} B, the real zip ${deployed.zipBytes} B`
    : 'no variant matched the deployed build, so the estimate is unchecked';
  const lines = [
    bundleTable(rows, cold),
    '',
    `Deployed artifact: \`sls package\` → \`cis-monitoring-enforcer.zip\` ${deployed.zipBytes} B holding a ${deployed.bytes} B handler` +
      `${twin ? ` (byte-identical to the "${twin.label}" build)` : ' (matches neither variant build)'}.`,
    `"≈" zips are estimated as serverless-esbuild writes them (deflate level 1 + headers; ${estimateCheck}).`,
    `Cold init = \`require\` of the handler module in a fresh \`node\` process (config and SDK clients are built then), ${processes} processes per artifact, interleaved.`,
  ];
  return { markdown: lines.join('\n'), deployedVariant: twin?.label ?? deployed.label, cold };
}
