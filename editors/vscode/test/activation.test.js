// Installs the packaged .vsix as VS Code would (unpacks it) and runs its activation code
// against a stub of the `vscode` API: the client library it ships must load, the extension
// must register its commands and start a client for `akplan lsp` on YAML and JSON, and the
// schema it associates with akplan.yaml must be inside the package.
//   node test/activation.test.js akplan-0.1.0.vsix
'use strict';

const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');
const { execFileSync } = require('child_process');

const vsix = path.resolve(process.argv[2] || 'akplan-0.1.0.vsix');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'akplan-vsix-'));
execFileSync('python3', ['-m', 'zipfile', '-e', vsix, dir]);
const root = path.join(dir, 'extension');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// The stub: what the extension and vscode-languageclient touch while loading and activating.
// Any other member is a class, so that `class X extends vscode.Y` in the library loads.
const seen = { commands: [], warnings: [], errors: [], watchers: [] };
class Anything {
  constructor(...args) {
    this.args = args;
  }
  dispose() {}
}
class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (listener) => {
      this.listeners.push(listener);
      return new Anything();
    };
  }
  fire(value) {
    this.listeners.forEach((l) => l(value));
  }
  dispose() {}
}
class Disposable extends Anything {
  static from() {
    return new Disposable();
  }
}
const known = {
  version: '1.95.0',
  EventEmitter,
  Disposable,
  workspace: {
    getConfiguration: () => ({ get: (_key, fallback) => fallback }),
    createFileSystemWatcher: (glob) => {
      seen.watchers.push(glob);
      return new Anything(glob);
    },
  },
  window: {
    createOutputChannel: () => ({ append() {}, appendLine() {}, clear() {}, show() {}, dispose() {} }),
    showWarningMessage: (m) => seen.warnings.push(m),
    showErrorMessage: (m) => seen.errors.push(m),
    showInformationMessage: () => undefined,
  },
  commands: {
    registerCommand: (id) => {
      seen.commands.push(id);
      return new Anything(id);
    },
  },
};
// A namespace (`workspace`, `languages`, ...): its events subscribe, its functions do nothing.
const namespace = (members) =>
  new Proxy(members, {
    get: (target, name) => {
      if (name in target) return target[name];
      if (typeof name === 'string' && name.startsWith('on')) return () => new Anything();
      return () => new Anything();
    },
  });
for (const name of ['workspace', 'window', 'commands']) known[name] = namespace(known[name]);
const vscode = new Proxy(known, {
  get: (target, name) => {
    if (name in target) return target[name];
    if (typeof name === 'string' && /^[a-z]/.test(name)) return namespace({});
    return Anything;
  },
});
const load = Module._load;
Module._load = function (request, parent, isMain) {
  return request === 'vscode' ? vscode : load.call(this, request, parent, isMain);
};

// The client the package ships, from the package: its start is recorded, not run.
const { LanguageClient } = require(path.join(root, 'node_modules', 'vscode-languageclient', 'node'));
const started = [];
LanguageClient.prototype.start = function () {
  started.push(this);
  return Promise.resolve();
};

(async () => {
  const extension = require(path.join(root, manifest.main));
  const context = { subscriptions: [] };
  await extension.activate(context);

  assert.deepStrictEqual(seen.commands.sort(), ['akplan.restart', 'akplan.showPlan']);
  assert.strictEqual(started.length, 1, 'one client started');
  const client = started[0];
  assert.ok(client instanceof LanguageClient);
  const server = extension.serverOptions(known.workspace.getConfiguration());
  assert.deepStrictEqual(server, { command: 'akplan', args: ['lsp'] });
  const selector = client.clientOptions.documentSelector.map((s) => `${s.scheme}:${s.language}`);
  assert.deepStrictEqual(selector, ['file:yaml', 'file:json', 'untitled:yaml']);
  assert.deepStrictEqual(seen.watchers, ['**/akplan.toml']);
  assert.deepStrictEqual(seen.warnings.concat(seen.errors), []);
  assert.ok(context.subscriptions.length >= 3);

  for (const contribution of manifest.contributes.yamlValidation.concat(manifest.contributes.jsonValidation)) {
    const schema = JSON.parse(fs.readFileSync(path.join(root, contribution.url), 'utf8'));
    assert.ok(schema.properties && schema.properties.services, `${contribution.url} is the spec schema`);
    assert.ok(contribution.fileMatch.includes('akplan.yaml') || contribution.fileMatch.includes('akplan.json'));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`activation test: ${manifest.name} ${manifest.version} activated, client for akplan lsp started`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
