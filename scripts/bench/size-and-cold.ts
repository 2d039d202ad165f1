import { join } from 'node:path';
import { type Artifact, buildVariant, packageService, sameCode } from './bundle';

/** The artifacts to compare: both build variants, the deployed one marked (or listed apart if neither). */
export interface Artifacts {
  readonly rows: readonly Artifact[];
  readonly notes: readonly string[];
}

/** Packages the service offline and builds both variants: SDK bundled, and SDK left to the runtime. */
export function buildArtifacts(root: string): Artifacts {
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
  const estimate = twin
    ? `the estimate for the deployed build is ${twin.zipBytes} B, the real zip ${deployed.zipBytes} B`
    : 'no variant matched the deployed build, so the estimate is unchecked';
  const notes = [
    `Deployed artifact: \`sls package\` → \`cis-monitoring-enforcer.zip\` ${deployed.zipBytes} B holding a ` +
      `${deployed.bytes} B handler${twin ? ` (byte-identical to the "${twin.label}" build)` : ' (matches neither variant build)'}.`,
    `"≈" zips are estimated the way serverless-esbuild writes them (deflate level 1 + headers; ${estimate}).`,
  ];
  return { rows, notes };
}
