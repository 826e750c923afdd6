// monaco-yaml's language worker, re-exported from our own file so Vite bundles it as a worker
// chunk (importing monaco-yaml/yaml.worker directly with ?worker breaks under Vite; see the
// monaco-yaml README, "Why doesn't it work with Vite?").
import 'monaco-yaml/yaml.worker.js';
