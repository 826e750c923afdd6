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

describe('wrapped list items', () => {
  it('keeps indented continuation lines in their item', () => {
    const html = miniMarkdown('1. two static routes to rack 2 (via\n   20.20.20.20 and 30.30.30.20);\n2. `bgp 64512` with the\n   three nodes');
    expect(html).toBe('<ol><li>two static routes to rack 2 (via 20.20.20.20 and 30.30.30.20);</li><li><code>bgp 64512</code> with the three nodes</li></ol>');
  });
});
