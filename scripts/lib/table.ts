/** Plain-text tables for terminal output: padded columns, a rule under the header, long cells wrapped. */

const WIDEST_CELL = 60;

/** Splits a cell into lines of at most `width` characters, at spaces where possible. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}

/** Renders rows under headers, indented by `indent` spaces. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  indent = 2,
): string {
  const cells = [headers, ...rows].map((row) => row.map((cell) => wrap(cell, WIDEST_CELL)));
  const widths = headers.map((_, col) =>
    Math.max(...cells.map((row) => Math.max(...(row[col] ?? ['']).map((line) => line.length)))),
  );
  const pad = ' '.repeat(indent);
  const render = (row: string[][]): string[] => {
    const height = Math.max(...row.map((cell) => cell.length));
    return Array.from({ length: height }, (_, i) =>
      `${pad}${row.map((cell, col) => (cell[i] ?? '').padEnd(widths[col] ?? 0)).join('  ')}`.trimEnd(),
    );
  };
  const [head, ...body] = cells;
  const rule = `${pad}${widths.map((w) => '─'.repeat(w)).join('  ')}`;
  return [...render(head ?? []), rule, ...body.flatMap(render)].join('\n');
}
