import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import type { AlertDocument } from './document';
import { type Alert, snsMessage } from './message';

/**
 * SNS Publish: the message (with `MessageStructure: json`, all its per-protocol copies together) and
 * the message attributes are at most the topic's MaximumMessageSize, 262,144 bytes by default, counted
 * in UTF-8 bytes (SNS API reference, Publish and MessageAttributeValue).
 */
export const SNS_MESSAGE_MAX_BYTES = 262_144;

const NOTE =
  "\n\n… truncated to fit SNS's message size limit: the full report is in the enforcer's log line for this run";

const bytes = (text: string | undefined): number => Buffer.byteLength(text ?? '', 'utf8');

function attributeBytes(attributes: Record<string, MessageAttributeValue>): number {
  return Object.entries(attributes).reduce(
    (n, [name, v]) => n + bytes(name) + bytes(v.DataType) + bytes(v.StringValue),
    0,
  );
}

/** What one Publish of the alert weighs against the limit (the subject counted too, to be safe). */
export function publishBytes(alert: Alert): number {
  return bytes(snsMessage(alert)) + attributeBytes(alert.attributes) + bytes(alert.subject);
}

/** The first items whose lengths add up to at most `budget` characters. */
function firstWithin<T>(items: readonly T[], budget: number, size: (item: T) => number): T[] {
  const kept: T[] = [];
  let used = 0;
  for (const item of items) {
    used += size(item);
    if (used > budget) break;
    kept.push(item);
  }
  return kept;
}

/** The alert cut to about `keep` characters of text, and of each list of its JSON document. */
function shrunk(alert: Alert, keep: number): Alert {
  const cut = alert.text.slice(0, keep);
  const whole = keep >= alert.text.length;
  const text = `${whole ? cut : cut.slice(0, Math.max(0, cut.lastIndexOf('\n')))}${NOTE}`;
  const d = alert.document;
  const words = (items: readonly string[]) => firstWithin(items, keep / 8, (s) => s.length);
  const reasons = (c: AlertDocument['changes'][number]) => c.reasons.join('').length + 40;
  const document: AlertDocument = {
    ...d,
    changes: firstWithin(d.changes, keep / 8, reasons),
    remaining: firstWithin(d.remaining, keep / 8, reasons),
    findings: words(d.findings),
    news: words(d.news),
    errors: firstWithin(d.errors, keep / 8, (e) => e.message.length + 200),
    text,
    truncated: true,
  };
  return { ...alert, text, document };
}

/** The largest cut of `alert` in this layout that fits `maxBytes`; undefined when none does. */
function largestFit(alert: Alert, maxBytes: number): Alert | undefined {
  let best: Alert | undefined;
  let [lo, hi] = [0, alert.text.length + JSON.stringify(alert.document).length];
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const candidate = shrunk(alert, mid);
    if (publishBytes(candidate) <= maxBytes) [best, lo] = [candidate, mid + 1];
    else hi = mid - 1;
  }
  return best;
}

/**
 * The alert as SNS accepts it: unchanged when it fits `maxBytes`; else its text and lists cut (at a
 * line end, saying so) to the most that fits; on a topic too small even for that, the JSON document
 * sent once (`compact`), and at the very least the subject (`bare`). Never throws: whatever SNS still
 * refuses is reported like any failed publish.
 */
export function fitAlert(alert: Alert, maxBytes = SNS_MESSAGE_MAX_BYTES): Alert {
  if (publishBytes(alert) <= maxBytes) return alert;
  return (
    largestFit(alert, maxBytes) ??
    largestFit({ ...alert, layout: 'compact' }, maxBytes) ?? { ...alert, layout: 'bare' }
  );
}
