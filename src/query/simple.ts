// Minimal query compilation for the core engine: whitespace-separated terms, all required. Each term
// becomes a quoted FTS5 string, so punctuation and FTS operators in user input are always literal.
// The full query language (OR, NOT, phrases, regex, filters) builds on this in src/query/.

export function termsToFtsMatch(input: string): string | undefined {
  const terms = input.split(/\s+/).map((t) => t.trim()).filter(Boolean);
  const parts: string[] = [];
  for (const t of terms) {
    // Keep only characters the tokenizer would keep; a term with none (e.g. "(") contributes nothing.
    const words = t.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (words.length === 0) continue;
    parts.push(`"${words.join(' ').replace(/"/g, '""')}"`);
  }
  return parts.length === 0 ? undefined : parts.join(' AND ');
}
