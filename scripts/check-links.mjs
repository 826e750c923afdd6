// Dead-link check over a built site: every href/src in every HTML page must point at a file
// of the build (a folder means its index.html) and every #fragment at an id on that page.
// External links are listed, not fetched (the site must work offline).
//   node scripts/check-links.mjs [dist-folder]        exit 1 when something is broken
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist');
const site = 'http://127.0.0.1:4321';

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? htmlFiles(p) : d.name.endsWith('.html') ? [p] : [];
  });
}

const pageUrl = (file) => {
  const rel = '/' + relative(root, file).split('\\').join('/');
  return rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
};

const ids = new Map();
const idsOf = (file) => {
  if (!ids.has(file)) {
    const html = readFileSync(file, 'utf8');
    ids.set(file, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  }
  return ids.get(file);
};

/** The built file a site path resolves to, or null. */
function target(pathname) {
  const p = join(root, decodeURIComponent(pathname));
  if (existsSync(p) && statSync(p).isFile()) return p;
  if (existsSync(join(p, 'index.html'))) return join(p, 'index.html');
  return null;
}

const broken = [];
const external = new Set();
let checked = 0;
for (const file of htmlFiles(root)) {
  const html = readFileSync(file, 'utf8')
    // Code samples and the JSON embedded for labs are not links.
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<pre\b[^>]*>[\s\S]*?<\/pre>/g, '');
  const from = new URL(pageUrl(file), site);
  for (const m of html.matchAll(/<(a|link|img|script|source|iframe)\b[^>]*?\s(href|src)="([^"]*)"/g)) {
    const raw = m[3].replace(/&amp;/g, '&');
    // Starlight gives 404.html a canonical /404/ that static hosts never serve: not a link.
    if (file.endsWith('404.html') && /rel="canonical"/.test(m[0] + html.slice(m.index, m.index + 200).split('>')[0])) continue;
    if (!raw || /^(mailto|tel|javascript|data):/i.test(raw)) continue;
    const url = new URL(raw, from);
    if (url.origin !== site) {
      external.add(url.href);
      continue;
    }
    checked++;
    const t = target(url.pathname);
    const where = `${pageUrl(file)}: <${m[1]} ${m[2]}="${raw}">`;
    if (!t) broken.push(`${where} → no such file`);
    else if (url.hash && url.hash.length > 1 && t.endsWith('.html') && !idsOf(t).has(decodeURIComponent(url.hash.slice(1)))) {
      broken.push(`${where} → no id "${decodeURIComponent(url.hash.slice(1))}" on ${pageUrl(t)}`);
    }
  }
}

console.log(`${checked} internal links checked in ${htmlFiles(root).length} pages; ${external.size} external links (not fetched)`);
for (const e of [...external].sort()) console.log(`  external: ${e}`);
for (const b of broken) console.log(`BROKEN ${b}`);
process.exit(broken.length ? 1 : 0);
