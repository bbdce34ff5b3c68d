// akplan for VS Code: starts `akplan lsp` for YAML and JSON files (the server decides which are
// specs or ECS definitions, as `akplan validate` does) and shows a service's plan from its code
// lens. The JSON Schema association in package.json gives completion even without the binary.
'use strict';

const vscode = require('vscode');
const { execFile } = require('child_process');
const path = require('path');
const { LanguageClient } = require('vscode-languageclient/node');

let client;
let output;

/** The server's command line, from the settings. */
function serverOptions(config) {
  const command = config.get('path', 'akplan');
  return { command, args: ['lsp'] };
}

/** What the client sends the server: YAML and JSON files on disk and unsaved YAML. */
function clientOptions(config) {
  return {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    initializationOptions: { debounceMs: config.get('debounceMs', 0) },
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/akplan.toml') },
    outputChannel: output,
  };
}

/** `akplan plan FILE` for the active editor, in akplan's output channel. */
function showPlan() {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== 'file') {
    vscode.window.showInformationMessage('akplan: open a saved spec to see its plan.');
    return;
  }
  const file = editor.document.uri.fsPath;
  const command = vscode.workspace.getConfiguration('akplan').get('path', 'akplan');
  execFile(command, ['plan', file], { cwd: path.dirname(file) }, (error, stdout, stderr) => {
    output.clear();
    output.append(stdout || '');
    if (stderr) {
      output.append(stderr);
    }
    output.show(true);
    if (error && !stdout) {
      vscode.window.showErrorMessage(`akplan plan: ${error.message}`);
    }
  });
}

async function start() {
  const config = vscode.workspace.getConfiguration('akplan');
  client = new LanguageClient('akplan', 'akplan', serverOptions(config), clientOptions(config));
  try {
    await client.start();
  } catch (error) {
    vscode.window.showWarningMessage(
      `akplan: the language server did not start (${error.message}); set akplan.path. ` +
        'Schema completion for akplan.yaml still works.'
    );
  }
}

async function activate(context) {
  output = vscode.window.createOutputChannel('akplan');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('akplan.showPlan', showPlan),
    vscode.commands.registerCommand('akplan.restart', async () => {
      if (client) {
        await client.stop();
      }
      await start();
    })
  );
  await start();
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate, serverOptions, clientOptions };
