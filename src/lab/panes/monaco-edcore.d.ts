// Monaco's editor core without languages has the same API as the package root.
declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor';
}
