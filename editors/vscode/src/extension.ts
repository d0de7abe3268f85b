// The agentls VS Code extension: starts `agentls server` over stdio and hands it the agent
// files. Everything about agent files (which dialect, which fields, what is wrong) is the
// server's business; this file finds the binary, picks the documents, passes the settings,
// shows the server's state in the status bar and offers the "Check workspace" command.

import * as vscode from 'vscode';
import {
  CloseAction,
  ConfigurationParams,
  ErrorHandler,
  ExecuteCommandRequest,
  LanguageClient,
  Location,
  Position,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { PATH_PATTERNS } from './patterns';
import { resolveServer, ServerBinary } from './server';
import { FileInfo, Status } from './status';
import { GraphViewState, showGraph } from './graphView';

/** VS Code's own language ids for agent files (VS Code ≥ 1.10x gives them to Copilot files). */
const LANGUAGE_IDS = ['chatagent', 'prompt', 'instructions', 'skill'];

type Filter = { scheme: string; language?: string; pattern?: string };
const DOCUMENT_SELECTOR: Filter[] = [
  ...LANGUAGE_IDS.map((language) => ({ scheme: 'file', language })),
  // Agent files by path, whatever language id VS Code gave them.
  ...PATH_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
];

/** Settings under `agentls.` that the server reads (`workspace/configuration`, section
 * `agentls`): the keys of `agentls.toml`. The others configure the extension itself. */
const SERVER_SETTINGS = ['rules', 'overrides', 'files', 'knowledge', 'consumers'];
/** Settings that the server takes at start-up (command line, `initializationOptions`). */
const RESTART_SETTINGS = ['agentls.server', 'agentls.vscodeBuiltinValidation', 'agentls.userFolders'];

const INDEX_TOKEN = 'agentls/index';
const SHOW_REFERENCES = 'agentls.showReferences';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: Status;
let extensionPath = '';
/** Set while the extension stops the client itself (restart, deactivate). */
let stopping = false;
/** How often the server asked for the `agentls` settings (the API reports it, for tests). */
let settingsRequests = 0;

/** The `agentls` settings the server reads, as the user set them (unset keys are left out, so
 * the server applies its defaults and `agentls.toml`). */
function serverSettings(scope: vscode.Uri | undefined): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('agentls', scope);
  const out: Record<string, unknown> = {};
  for (const key of SERVER_SETTINGS) {
    const i = config.inspect(key);
    const values = [i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue];
    const value: unknown = config.get(key);
    // An empty `consumers` list means "all", as when it is not set.
    const empty = key === 'consumers' && Array.isArray(value) && value.length === 0;
    if (values.some((v) => v !== undefined) && !empty) {
      out[key] = JSON.parse(JSON.stringify(value));
    }
  }
  return out;
}

function initializationOptions(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('agentls');
  return {
    userFolders: config.get<boolean>('userFolders', false),
    vscode: {
      builtinValidation: config.get<string>('vscodeBuiltinValidation', 'defer'),
      version: vscode.version,
    },
  };
}

async function reportNotFound(message: string): Promise<void> {
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

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function startClient(): Promise<void> {
  const config = vscode.workspace.getConfiguration('agentls');
  const resolution = resolveServer(extensionPath, config.get<string>('server.path', '') ?? '');
  if ('problem' in resolution) {
    output.appendLine(resolution.problem);
    status.stopped(resolution.problem);
    void reportNotFound(resolution.problem);
    return;
  }
  const binary: ServerBinary = resolution.binary;
  const extraArgs = config.get<string[]>('server.args', []);
  // No `transport`: with TransportKind.stdio the client would append `--stdio` to the arguments.
  // Without it the client still talks over the child's stdin/stdout.
  const run = { command: binary.command, args: ['server', ...extraArgs] };
  const serverOptions: ServerOptions = { run, debug: run };
  let defaultHandler: ErrorHandler | undefined;
  let closeReason = '';
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    traceOutputChannel: output,
    initializationOptions,
    // `workspace/didChangeConfiguration` when an `agentls.*` setting changes; the server then
    // reads the settings it uses with `workspace/configuration` (filtered below).
    synchronize: { configurationSection: 'agentls' },
    errorHandler: {
      error: (error, message, count) => {
        defaultHandler ??= next.createDefaultErrorHandler();
        return defaultHandler.error(error, message, count);
      },
      closed: async () => {
        defaultHandler ??= next.createDefaultErrorHandler();
        const result = await defaultHandler.closed();
        if (result.action === CloseAction.DoNotRestart) {
          closeReason = result.message ?? 'the server exited';
        } else {
          status.starting(binary, 'the server exited; restarting');
        }
        return result;
      },
    },
    middleware: {
      // With pull diagnostics (LSP 3.17, which this client offers) VS Code gets every file's
      // findings by pulling: open documents one by one, closed ones through workspace pulls.
      // A push on top (agentls.checkWorkspace publishes) would list each finding twice.
      handleDiagnostics: (uri, diagnostics, nextHandler) => {
        if (next.initializeResult?.capabilities.diagnosticProvider === undefined) {
          nextHandler(uri, diagnostics);
        }
      },
      // The server's code lenses ("N references") run `agentls.showReferences` with the LSP
      // `[uri, position, locations]`: VS Code shows them in its references peek.
      executeCommand: async (command, args, nextHandler) => {
        if (command === SHOW_REFERENCES && args.length >= 3 && Array.isArray(args[2])) {
          const p2c = next.protocol2CodeConverter;
          const [uri, position, locations] = args as [string, Position, Location[]];
          await vscode.commands.executeCommand(
            'editor.action.showReferences',
            p2c.asUri(uri),
            p2c.asPosition(position),
            locations.map((l) => p2c.asLocation(l)),
          );
          return undefined;
        }
        return nextHandler(command, args);
      },
      workspace: {
        configuration: async (params: ConfigurationParams, token, nextHandler) => {
          const result = await nextHandler(params, token);
          if (!Array.isArray(result)) {
            return result;
          }
          return params.items.map((item, i) => {
            if (item.section !== 'agentls') {
              return result[i];
            }
            settingsRequests++;
            return serverSettings(item.scopeUri ? next.protocol2CodeConverter.asUri(item.scopeUri) : undefined);
          });
        },
      },
      handleWorkDoneProgress: (token, params, nextHandler) => {
        if (token === INDEX_TOKEN) {
          if (params.kind === 'end') {
            status.ready(params.message ?? '');
            void refreshFileInfo();
          } else {
            status.indexing(params.message ?? '', params.percentage);
          }
        }
        nextHandler(token, params);
      },
    },
  };
  // The id `agentls` makes the client follow the `agentls.trace.server` setting.
  const next = new LanguageClient('agentls', 'agentls', serverOptions, clientOptions);
  next.onDidChangeState((e) => {
    if (e.newState === State.Starting) {
      status.starting(binary);
    } else if (e.newState === State.Running) {
      if (status.current === 'starting') {
        status.ready();
      }
      void refreshFileInfo();
    } else if (e.newState === State.Stopped && !stopping) {
      status.stopped(closeReason || 'the server exited');
    }
  });
  output.appendLine(`starting ${binary.command} ${run.args.join(' ')} (${binary.source})`);
  status.starting(binary);
  try {
    await next.start();
    client = next;
    void refreshFileInfo();
  } catch (err) {
    const message = `agentls failed to start (${binary.command}): ${errorText(err)}`;
    output.appendLine(message);
    status.stopped(message);
    void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
      if (choice) {
        output.show(true);
      }
    });
    stopping = true;
    await next.dispose().catch(() => undefined);
    stopping = false;
  }
}

async function stopClient(): Promise<void> {
  const current = client;
  client = undefined;
  if (current) {
    stopping = true;
    try {
      await current.stop();
    } catch (err) {
      output.appendLine(`stopping agentls: ${errorText(err)}`);
    } finally {
      stopping = false;
    }
  }
}

/** Restarts one at a time: a settings change during a restart queues behind it. */
let restarting: Promise<void> = Promise.resolve();
function restartClient(): Promise<void> {
  restarting = restarting.then(stopClient).then(startClient);
  return restarting;
}

/** True when the extension hands `doc` to the server. */
function handed(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return doc !== undefined && vscode.languages.match(DOCUMENT_SELECTOR, doc) > 0;
}

/** Shows the status item for agent files and asks the server what the active one is. */
let infoRequest = 0;
async function refreshFileInfo(): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  const seq = ++infoRequest;
  if (!handed(doc)) {
    status.setVisible(false);
    return;
  }
  status.setVisible(true);
  const current = client;
  if (!current || !current.isRunning()) {
    status.setFile('', undefined);
    return;
  }
  const uri = current.code2ProtocolConverter.asUri(doc.uri);
  try {
    const info = (await current.sendRequest(ExecuteCommandRequest.type, {
      command: 'agentls.fileInfo',
      arguments: [uri],
    })) as FileInfo | null;
    if (seq === infoRequest) {
      status.setFile(uri, info ?? { dialect: null });
    }
  } catch (err) {
    output.appendLine(`agentls.fileInfo ${uri}: ${errorText(err)}`);
  }
}

interface CheckResult {
  files: number;
  findings: number;
}

/** "agentls: Check workspace": the server's `agentls.checkWorkspace` (diagnostics for every
 * agent file of the workspace, open or not), with the counts in a message. */
async function checkWorkspace(): Promise<CheckResult | undefined> {
  const current = client;
  if (!current || !current.isRunning()) {
    const why = status.snapshot().reason;
    const choice = await vscode.window.showErrorMessage(
      `agentls is not running${why ? `: ${why}` : ''}`,
      'Show Output',
    );
    if (choice) {
      output.show(true);
    }
    return undefined;
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'agentls: checking the workspace…' },
    async () => {
      const result = (await current.sendRequest(ExecuteCommandRequest.type, {
        command: 'agentls.checkWorkspace',
        arguments: [],
      })) as Partial<CheckResult> | null;
      const counts = { files: result?.files ?? 0, findings: result?.findings ?? 0 };
      const message = `agentls: checked ${counts.files} agent file${counts.files === 1 ? '' : 's'}, ${counts.findings} finding${counts.findings === 1 ? '' : 's'}`;
      output.appendLine(message);
      void vscode.window.showInformationMessage(message, 'Show Problems').then((choice) => {
        if (choice) {
          void vscode.commands.executeCommand('workbench.actions.view.problems');
        }
      });
      return counts;
    },
  );
}

/** What other extensions (and the integration tests) can ask. */
export interface AgentlsApi {
  /** The status bar's state: server state and why, the binary and its source, the active file. */
  status(): ReturnType<Status['snapshot']>;
  /** Runs "agentls: Check workspace" and returns the server's counts. */
  checkWorkspace(): Promise<CheckResult | undefined>;
  /** How many times the server has read the `agentls` settings (`workspace/configuration`). */
  settingsRequests(): number;
  /** Runs "agentls: Show agent graph" and returns what the view shows. */
  showGraph(): Promise<GraphViewState>;
}

export async function activate(context: vscode.ExtensionContext): Promise<AgentlsApi> {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel('agentls');
  status = new Status();
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('agentls.restartServer', restartClient),
    vscode.commands.registerCommand('agentls.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('agentls.checkWorkspaceFiles', checkWorkspace),
    vscode.commands.registerCommand('agentls.showGraph', () => showGraph(client, context.extensionUri)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_SETTINGS.some((s) => e.affectsConfiguration(s))) {
        void restartClient();
      }
    }),
    vscode.window.onDidChangeActiveTextEditor(() => void refreshFileInfo()),
    { dispose: () => void stopClient() },
  );
  void refreshFileInfo();
  await restartClient();
  return {
    status: () => status.snapshot(),
    checkWorkspace,
    settingsRequests: () => settingsRequests,
    showGraph: () => showGraph(client, context.extensionUri),
  };
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
