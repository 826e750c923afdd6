// A tiny, safe markdown subset for exercise goals, hints and explanations (paragraphs, lists,
// `code`, **bold**, *italic*, fenced code). Everything is escaped first, so lesson text can never
// inject HTML. Pulling in a full markdown parser for this would weigh more than the lab UI.

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(s: string): string {
  return escape(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
}

export function miniMarkdown(text: string): string {
  const out: string[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (/^```/.test(line)) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^```/.test(lines[i]!)) body.push(lines[i++]!);
      i++;
      out.push(`<pre><code>${escape(body.join('\n'))}</code></pre>`);
    } else if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const indent = /^\s*/.exec(line)![0].length;
      const items: string[] = [];
      while (i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i]!) && /^\s*/.exec(lines[i]!)![0].length === indent) {
        const text = [lines[i]!.replace(/^\s*([-*]|\d+\.)\s+/, '')];
        i++;
        // Wrapped lines of the item (indented, or a deeper list) belong to it.
        while (i < lines.length && lines[i]!.trim() !== '' && /^\s*/.exec(lines[i]!)![0].length > indent) text.push(lines[i++]!.trim());
        items.push(`<li>${inline(text.join(' '))}</li>`);
      }
      out.push(ordered ? `<ol>${items.join('')}</ol>` : `<ul>${items.join('')}</ul>`);
    } else if (line.trim() === '') {
      i++;
    } else {
      const para: string[] = [];
      while (i < lines.length && lines[i]!.trim() !== '' && !/^```/.test(lines[i]!) && !/^\s*([-*]|\d+\.)\s+/.test(lines[i]!)) {
        para.push(lines[i++]!);
      }
      out.push(`<p>${inline(para.join(' '))}</p>`);
    }
  }
  return out.join('');
}
