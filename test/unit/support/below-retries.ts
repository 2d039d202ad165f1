import type { Clients } from '../../../src/aws/clients';

/** What a middleware stack needs to accept one short-circuiting middleware (the SDK's own types, narrowed). */
interface Stack {
  add(
    middleware: (
      next: unknown,
      context: { commandName?: string },
    ) => (args: { input: unknown }) => Promise<{ output: unknown; response: unknown }>,
    options: { step: 'deserialize'; priority: 'high'; name: string },
  ): void;
}

/**
 * Answers a real client's calls inside its middleware stack, after the SDK's retry step: unlike
 * aws-sdk-client-mock (which replaces `send`), the SDK's retry strategy sees what `answer` throws.
 * Each attempt is recorded by command name. The client still resolves credentials before this step.
 */
export function answerBelowRetries(
  client: Clients[keyof Clients],
  answer: (command: string, input: unknown) => Promise<object>,
): { readonly attempts: readonly string[] } {
  const attempts: string[] = [];
  (client.middlewareStack as unknown as Stack).add(
    (_next, context) => async (args) => {
      const command = context.commandName ?? '?';
      attempts.push(command);
      const output = await answer(command, args.input);
      return { output: { ...output, $metadata: {} }, response: {} };
    },
    { step: 'deserialize', priority: 'high', name: 'answerBelowRetries' },
  );
  return { attempts };
}
