type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a CloudTrail-recorded call asked for and got, beyond what the trigger names; never logged whole. */
export interface CloudTrailRequest {
  readonly eventSource: string;
  readonly eventName: string;
  readonly parameters: Json;
  readonly response: Json;
}

/** The request of an EventBridge "AWS API Call via CloudTrail" event; undefined for anything else. */
export function requestOf(event: unknown): CloudTrailRequest | undefined {
  if (!isObject(event) || event['detail-type'] !== 'AWS API Call via CloudTrail') return undefined;
  const detail = event.detail;
  if (!isObject(detail)) return undefined;
  const { eventSource, eventName, requestParameters, responseElements } = detail;
  if (typeof eventSource !== 'string' || typeof eventName !== 'string') return undefined;
  return {
    eventSource,
    eventName,
    parameters: isObject(requestParameters) ? requestParameters : {},
    response: isObject(responseElements) ? responseElements : {},
  };
}

/** A request field by name, whatever its letter case (CloudTrail writes `resourceARN` and `resourceArn`). */
export function field(params: Json, name: string): unknown {
  if (Object.hasOwn(params, name)) return params[name];
  const key = Object.keys(params).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : params[key];
}

/** A string field, when it is one. */
export function textField(params: Json, name: string): string | undefined {
  const value = field(params, name);
  return typeof value === 'string' ? value : undefined;
}

/** A list-of-strings field (or a single string), as a list. */
export function textsField(params: Json, name: string): string[] {
  const value = field(params, name);
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A number field, when it is one. */
export function numberField(params: Json, name: string): number | undefined {
  const value = field(params, name);
  return typeof value === 'number' ? value : undefined;
}

/** A list of objects field, as a list of objects. */
export function objectsField(params: Json, name: string): Json[] {
  const value = field(params, name);
  return Array.isArray(value) ? value.filter(isObject) : [];
}
