/**
 * Where a StackSet instance's functions get their code: a bucket of the instance's own region
 * (`<prefix>-${AWS::Region}`), because Lambda reads the code "from an Amazon S3 bucket in the same AWS
 * Region as your function; the bucket can be in a different AWS account" (Lambda API reference,
 * FunctionCode). The framework's deployment bucket, which each instance would create empty, goes.
 */
import { ofType, refersTo, type Template } from './template';

/** A zip the template's functions read, and the key it must be uploaded under in every region's bucket. */
export interface Artifact {
  /** The zip's file name in the package directory. */
  readonly zip: string;
  readonly key: string;
}

/** The key of a packaged zip for StackSets: the framework's key with its timestamp replaced by the zip's hash. */
export function codeKey(packagedKey: string, hash: string): string {
  const segments = packagedKey.split('/');
  if (segments[0] === 'serverless') segments.shift();
  if (segments.length < 2) throw new Error(`unexpected S3Key ${packagedKey}: no folder to version`);
  segments.splice(-2, 1, hash);
  return segments.join('/');
}

const codeBucket = (bucketPrefix: string) => ({ 'Fn::Sub': `${bucketPrefix}-\${AWS::Region}` });

/** The code location of each resource that has one (functions' Code, layers' Content), by logical id. */
function codeLocations(template: Template): [string, Record<string, unknown>][] {
  const functions = ofType(template, 'AWS::Lambda::Function').map(([id, r]) => [id, r.Properties?.Code]);
  const layers = ofType(template, 'AWS::Lambda::LayerVersion').map(([id, r]) => [id, r.Properties?.Content]);
  return [...functions, ...layers].map(([id, location]) => {
    if (typeof location !== 'object' || location === null || !('S3Key' in location))
      throw new Error(`${id} has no S3 code location to move`);
    return [id as string, location as Record<string, unknown>];
  });
}

/**
 * Points every function and layer at `<bucketPrefix>-${AWS::Region}` under a key versioned by its zip's
 * hash (`hashOf(zipFileName)`), removes the buckets they read from before, those buckets' policies and
 * outputs, and throws if anything else still refers to them. Mutates `template`.
 */
export function moveCode(
  template: Template,
  bucketPrefix: string,
  hashOf: (zip: string) => string,
): { artifacts: Artifact[]; removed: string[] } {
  const buckets = new Set<string>();
  const artifacts = new Map<string, string>();
  for (const [id, location] of codeLocations(template)) {
    const bucket = (location.S3Bucket as { Ref?: unknown } | undefined)?.Ref;
    if (typeof bucket !== 'string') throw new Error(`${id} reads its code from no bucket of the template`);
    buckets.add(bucket);
    const zip = String(location.S3Key).split('/').pop() ?? '';
    const key = codeKey(String(location.S3Key), hashOf(zip));
    artifacts.set(zip, key);
    location.S3Bucket = codeBucket(bucketPrefix);
    location.S3Key = key;
  }
  const policies = ofType(template, 'AWS::S3::BucketPolicy')
    .filter(([, r]) => [...buckets].some((bucket) => refersTo(r.Properties?.Bucket, bucket)))
    .map(([id]) => id);
  const removed = [...buckets, ...policies];
  for (const id of removed) delete template.Resources[id];
  for (const [name, output] of Object.entries(template.Outputs ?? {}))
    if (removed.some((id) => refersTo(output, id))) delete template.Outputs?.[name];
  for (const id of removed) {
    if (refersTo(template, id)) throw new Error(`the template still refers to ${id} after it was removed`);
  }
  return { artifacts: [...artifacts].map(([zip, key]) => ({ zip, key })), removed };
}
