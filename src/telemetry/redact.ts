/**
 * Secrets a URL can carry (userinfo such as `alice:S3cr3t@`, webhook paths, query tokens) never reach
 * a report, a log line or an alert: every URL is shown as its scheme and host only.
 */

/** `scheme://[userinfo@]host[:port]` and whatever follows up to the next whitespace. */
const URL = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@]*@)?([^\s/?#@]*)[^\s]*/gi;

/** Hides the userinfo, path and query of every URL in a text: `https://***@host/…`. */
export function maskUrls(text: string): string {
  return text.replace(
    URL,
    (_, scheme: string, userinfo: string | undefined, host: string) =>
      `${scheme}${userinfo ? '***@' : ''}${host}/…`,
  );
}

/** A copy of any JSON-like value with `maskUrls` applied to every string in it. */
export function maskUrlsDeep<T>(value: T): T {
  return mapStrings(value, maskUrls) as T;
}

/** A copy of any JSON-like value with `map` applied to every string in it (keys stay as they are). */
export function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]));
}
