// A tiny in-memory filesystem for a shell session: files a learner writes with heredocs or
// `echo >`, and read-only files the machine "has" (BIRD's config, /etc/hostname).

export class MemFs {
  private readonly files = new Map<string, string>();
  private readonly generated = new Map<string, () => string | undefined>();

  constructor(private cwd_ = '/root') {}

  get cwd(): string {
    return this.cwd_;
  }

  resolve(path: string): string {
    if (path === '-') return path;
    const abs = path.startsWith('/') ? path : `${this.cwd_.replace(/\/$/, '')}/${path.replace(/^~\//, '')}`;
    const parts: string[] = [];
    for (const p of (path.startsWith('~/') ? `/root/${path.slice(2)}` : abs).split('/')) {
      if (p === '' || p === '.') continue;
      if (p === '..') parts.pop();
      else parts.push(p);
    }
    return `/${parts.join('/')}`;
  }

  /** A file whose content is computed on read (e.g. /etc/calico/confd/config/bird.cfg). */
  provide(path: string, f: () => string | undefined): void {
    this.generated.set(path, f);
  }

  read(path: string): string | undefined {
    const p = this.resolve(path);
    return this.files.get(p) ?? this.generated.get(p)?.();
  }

  write(path: string, text: string, append = false): void {
    const p = this.resolve(path);
    if (p === '/dev/null') return;
    this.files.set(p, append ? (this.files.get(p) ?? '') + text : text);
  }

  remove(path: string): boolean {
    return this.files.delete(this.resolve(path));
  }

  /** Entries directly under a directory. */
  list(dir: string): string[] {
    const d = this.resolve(dir).replace(/\/$/, '');
    const out = new Set<string>();
    for (const p of [...this.files.keys(), ...this.generated.keys()]) {
      if (!p.startsWith(`${d}/`)) continue;
      out.add(p.slice(d.length + 1).split('/')[0]!);
    }
    return [...out].sort();
  }

  isDir(path: string): boolean {
    const d = this.resolve(path);
    if (d === '/' || d === '/root') return true;
    return [...this.files.keys(), ...this.generated.keys()].some((p) => p.startsWith(`${d}/`));
  }

  cd(path: string): boolean {
    const d = this.resolve(path);
    if (!this.isDir(d)) return false;
    this.cwd_ = d;
    return true;
  }
}
