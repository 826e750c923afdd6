// Vite plugin: CSS imported by lazily loaded widget code (Monaco's ~100 internal CSS imports,
// xterm's stylesheet) becomes a <style> injected when that code runs, instead of a
// render-blocking <link> that Astro would put on every page. The lab's first paint and pages
// without a lab never wait for editor CSS. Relative url()s (Monaco's codicon font) become
// hashed assets through Vite's `?url`.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const PREFIX = '\0runtime-css:';
const SUFFIX = '.js';
const MATCH = [/[\\/]node_modules[\\/]monaco-editor[\\/]/, /[\\/]node_modules[\\/]@xterm[\\/]/];

/** @returns {import('vite').Plugin} */
export default function runtimeCss() {
  return {
    name: 'calico-bgp-lab-runtime-css',
    enforce: /** @type {const} */ ('pre'),
    async resolveId(source, importer, options) {
      if (!source.endsWith('.css') || !importer) return null;
      const fromWidget = MATCH.some((re) => re.test(importer)) || (source.startsWith('@xterm/') && /[\\/]src[\\/]lab[\\/]/.test(importer));
      if (!fromWidget) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved ? PREFIX + resolved.id + SUFFIX : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      const css = readFileSync(file, 'utf8');
      // Split at relative url()s: text parts stay literal, each url becomes an imported asset.
      const imports = [];
      const parts = [];
      let last = 0;
      for (const m of css.matchAll(/url\((['"]?)(\.{1,2}\/[^'")]+)\1\)/g)) {
        const name = `asset${imports.length}`;
        imports.push(`import ${name} from ${JSON.stringify(resolve(dirname(file), m[2]) + '?url')};`);
        parts.push(JSON.stringify(css.slice(last, m.index)), `'url(' + JSON.stringify(${name}) + ')'`);
        last = m.index + m[0].length;
      }
      parts.push(JSON.stringify(css.slice(last)));
      return `${imports.join('\n')}
const style = document.createElement('style');
style.dataset.from = ${JSON.stringify(file.split(/[\\/]node_modules[\\/]/).pop())};
style.textContent = ${parts.join(' + ')};
document.head.append(style);
`;
    },
  };
}
