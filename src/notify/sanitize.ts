import type { Report } from '../report';
import { mapStrings } from '../telemetry/redact';

/**
 * Unicode format characters (category Cf): the bidirectional controls (U+202A–202E, U+2066–2069,
 * U+200E/200F, U+061C), the zero-width ones (U+200B–200D, U+2060, U+FEFF), soft hyphens and tags.
 * None is visible; in an alert they only serve to make text read other than it is.
 */
const FORMAT = /\p{Cf}/gu;
/** Control characters and the Unicode line and paragraph separators. */
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;
/** A URL with a scheme, or a `www.` host, up to whitespace, a closing bracket or a quote. */
const URL_LIKE = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s)\]}>"']*/gi;

/** Removes every invisible format character. */
export function stripInvisible(text: string): string {
  return text.replace(FORMAT, '');
}

/** One bounded line: invisible characters removed, control characters and line breaks shown as `?`. */
export function oneLine(text: string, max = 300): string {
  const line = stripInvisible(text).replace(CONTROL, '?');
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** A whole alert text: invisible characters removed, control characters other than line feeds as `?`. */
export function cleanText(text: string): string {
  return stripInvisible(text).replace(CONTROL, (c) => (c === '\n' ? c : '?'));
}

/**
 * Text a caller wrote into a CloudTrail record (user agent, session name, …): any URL in it becomes
 * `[url]`. The origin alone would still be a link the attacker chose, in a security alert.
 */
export function callerText(text: string): string {
  return oneLine(stripInvisible(text).replace(URL_LIKE, '[url]'));
}

/** The trigger as alerts show it: every field a caller can influence passed through `callerText`. */
export function cleanTrigger(trigger: Report['trigger']): Report['trigger'] {
  return mapStrings(trigger, callerText) as Report['trigger'];
}
