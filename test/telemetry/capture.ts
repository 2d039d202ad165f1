/** Everything written to stdout and stderr while `run` runs, as parsed JSON lines (non-JSON lines kept raw). */
export function captureLines(run: () => void): { json: Record<string, unknown>[]; raw: string } {
  const chunks: string[] = [];
  const record = (chunk: unknown): boolean => {
    chunks.push(String(chunk));
    return true;
  };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(record);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(record);
  try {
    run();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const raw = chunks.join('');
  const json = raw
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { json, raw };
}
