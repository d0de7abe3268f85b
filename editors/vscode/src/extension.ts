// The agentls VS Code extension: starts `agentls server` over stdio and hands it the agent
// files. Everything about agent files (which dialect, which fields, what is wrong) is the
// server's business; this file only finds the binary, picks the documents and reports
// start-up failures.

import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';
import { PATH_PATTERNS } from './patterns';

/** VS Code's own language ids for agent files (VS Code ≥ 1.10x gives them to Copilot files). */
const LANGUAGE_IDS = ['chatagent', 'prompt', 'instructions', 'skill'];


const DOCUMENT_SELECTOR: DocumentSelector = [
  ...LANGUAGE_IDS.map((language) => ({ scheme: 'file', language })),
  // Agent files by path, whatever language id VS Code gave them.
  ...PATH_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
];

const NOT_FOUND_HINT = 'install it with `cargo install --path server` or set agentls.server.path';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;

/** The absolute path of `command`: itself when it contains a separator, else its first hit on PATH. */
function resolveCommand(command: string): string | undefined {
  const isFile = (p: string): boolean => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (command.includes('/') || command.includes('\\')) {
    return isFile(command) ? command : undefined;
  }
  const exts = process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    for (const ext of exts) {
      const candidate = path.join(dir, command + ext);
      if (isFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** Expands `~` and `${workspaceFolder}` in the configured path. */
function expandPath(configured: string): string {
  let p = configured.trim();
  if (p.startsWith('~/') || p === '~') {
    p = path.join(process.env.HOME ?? process.env.USERPROFILE ?? '', p.slice(1));
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (folder) {
    p = p.replace(/\$\{workspaceFolder\}/g, folder);
  }
  return p;
}

async function reportNotFound(configured: string): Promise<void> {
  const message =
    configured === 'agentls'
      ? `agentls not found on PATH: ${NOT_FOUND_HINT}.`
      : `agentls not found at "${configured}": ${NOT_FOUND_HINT}.`;
  output.appendLine(message);
  const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output');
  if (choice === 'Open Settings') {
    // A machine-scoped setting: in a remote window (SSH, WSL, code-server) it is on the Remote tab.
    if (vscode.env.remoteName) {
      await vscode.commands.executeCommand('workbench.action.openRemoteSettings', { query: 'agentls.server.path' });
    } else {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'agentls.server.path');
    }
  } else if (choice === 'Show Output') {
    output.show(true);
  }
}

async function startClient(): Promise<void> {
  const config = vscode.workspace.getConfiguration('agentls');
  const configured = config.get<string>('server.path', 'agentls') || 'agentls';
  const extraArgs = config.get<string[]>('server.args', []);
  const command = resolveCommand(expandPath(configured));
  if (!command) {
    void reportNotFound(configured);
    return;
  }
  // No `transport`: with TransportKind.stdio the client would append `--stdio` to the arguments.
  // Without it the client still talks over the child's stdin/stdout.
  const run = { command, args: ['server', ...extraArgs] };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    traceOutputChannel: output,
  };
  // The id `agentls` makes the client follow the `agentls.trace.server` setting.
  const next = new LanguageClient('agentls', 'agentls', serverOptions, clientOptions);
  output.appendLine(`starting ${command} ${run.args.join(' ')}`);
  try {
    await next.start();
    client = next;
  } catch (err) {
    const message = `agentls failed to start (${command}): ${err instanceof Error ? err.message : String(err)}`;
    output.appendLine(message);
    void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
      if (choice) {
        output.show(true);
      }
    });
    await next.dispose().catch(() => undefined);
  }
}

async function stopClient(): Promise<void> {
  const current = client;
  client = undefined;
  if (current) {
    try {
      await current.stop();
    } catch (err) {
      output.appendLine(`stopping agentls: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** Restarts one at a time: a settings change during a restart queues behind it. */
let restarting: Promise<void> = Promise.resolve();
function restartClient(): Promise<void> {
  restarting = restarting.then(stopClient).then(startClient);
  return restarting;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('agentls');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('agentls.restartServer', restartClient),
    vscode.commands.registerCommand('agentls.showOutput', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('agentls.server')) {
        void restartClient();
      }
    }),
    { dispose: () => void stopClient() },
  );
  await restartClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
