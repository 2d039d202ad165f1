import { hintFor } from './hints';

/** A failed AWS call, kept with the IAM action and resource it was for. */
export interface StepError {
  readonly step: string;
  readonly action: string;
  readonly resource: string;
  readonly code: string;
  readonly message: string;
  /** What the failure means for the operator and what to do, when the code alone does not say it. */
  readonly hint?: string;
}

/** Thrown by `attempt`: the original SDK error is kept as `cause`. */
export class AwsCallError extends Error {
  constructor(
    readonly detail: StepError,
    options: { cause: unknown },
  ) {
    super(
      `${detail.step}: ${detail.action} on ${detail.resource} failed: ${detail.code}: ${detail.message}`,
      options,
    );
    this.name = 'AwsCallError';
  }
}

/** Runs one AWS call; a failure becomes an AwsCallError naming the step, IAM action and resource. */
export async function attempt<T>(
  step: string,
  action: string,
  resource: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AwsCallError) throw error;
    const { code, message } = describe(error);
    const hint = hintFor(action, resource, code, message);
    throw new AwsCallError(
      { step, action, resource, code, message, ...(hint ? { hint } : {}) },
      { cause: error },
    );
  }
}

/** Short code and message of any thrown value, for reports. */
export function describe(error: unknown): { code: string; message: string } {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : error.name, message: error.message };
  }
  return { code: 'Unknown', message: String(error) };
}

/** Turns a caught value into a StepError for the report. */
export function toStepError(step: string, error: unknown): StepError {
  if (error instanceof AwsCallError) return error.detail;
  return { step, action: '-', resource: '-', ...describe(error) };
}
