import { describe, expect, it } from 'vitest';
import { miniMarkdown } from './mini-markdown.ts';

describe('miniMarkdown', () => {
  it('renders paragraphs, code, bold and lists', () => {
    expect(miniMarkdown('Run `show bgp` **now**.\n\n- one\n- *two*')).toBe(
      '<p>Run <code>show bgp</code> <strong>now</strong>.</p><ul><li>one</li><li><em>two</em></li></ul>',
    );
  });
  it('escapes HTML everywhere', () => {
    expect(miniMarkdown('<img src=x onerror=alert(1)> `<b>`')).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt; <code>&lt;b&gt;</code></p>',
    );
  });
  it('renders fenced code blocks verbatim', () => {
    expect(miniMarkdown('```\nrouter bgp 1\n *x*\n```')).toBe('<pre><code>router bgp 1\n *x*</code></pre>');
  });
});
