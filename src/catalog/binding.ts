/**
 * True when a pattern text joins terms with both `&&` and `||` at one level of parentheses, so its meaning
 * rests on operator precedence (documented: `&&` first). Quoted strings and `%regex%` values are skipped.
 */
export function mixesAndOr(text: string): boolean {
  const levels: Array<Set<string>> = [new Set()];
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '"' || c === '%') i = closing(text, i);
    else if (c === '(') levels.push(new Set());
    else if (c === ')' && levels.length > 1) levels.pop();
    else if ((c === '&' || c === '|') && text.charAt(i + 1) === c) {
      const level = levels[levels.length - 1];
      level?.add(c);
      if (level?.size === 2) return true;
      i++;
    }
  }
  return false;
}

/** Index of the quote or percent sign that closes the one at `open` (backslash escapes in quotes). */
function closing(text: string, open: number): number {
  const mark = text.charAt(open);
  for (let i = open + 1; i < text.length; i++) {
    if (mark === '"' && text.charAt(i) === '\\') i++;
    else if (text.charAt(i) === mark) return i;
  }
  return text.length;
}
