import type { PolicyDocument, PolicyStatement } from '../model';

/** Parses a resource policy's JSON text; an unreadable one is treated as absent. */
export function parsePolicy(text: string | undefined): PolicyDocument | undefined {
  if (!text) return undefined;
  try {
    const doc = JSON.parse(text) as Omit<PolicyDocument, 'Statement'> & { Statement?: unknown };
    const statement = doc.Statement;
    if (Array.isArray(statement)) return { ...doc, Statement: statement };
    return statement && typeof statement === 'object'
      ? { ...doc, Statement: [statement as PolicyStatement] }
      : undefined;
  } catch {
    return undefined;
  }
}
