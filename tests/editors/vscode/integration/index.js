// Extension integration test: runs inside VS Code's extension host (code-server's), loaded as
// `extensionTestsPath` with the unpacked .vsix as `extensionDevelopmentPath`. Talks to the
// extension only through the `vscode` API, as another extension or a user would.
//
// `run()` resolves when every case passed and rejects otherwise; VS Code reports the result to
// the page through `codeAutomationExit`. Lines written with console.log reach the driver.
'use strict';

const vscode = require('vscode');

const EXTENSION_ID = 'agentls.agentls';
const TIMEOUT_MS = Number(process.env.AGENTLS_TIMEOUT_MS || 10000);

function workspaceUri(rel) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) throw new Error('no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
}

async function waitFor(what, fn, timeout = TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
}

function check(cond, message) {
  if (!cond) throw new Error(message);
}

async function open(rel) {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(rel));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

const codeOf = (d) => (d.code && typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'agentls');

function hoverText(hovers) {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n----\n');
}

const cases = [
  [
    'activates on .claude/agents/*.md and publishes unknown-tool on line 5',
    async () => {
      const doc = await open('.claude/agents/code-reviewer.md');
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      check(ext, `${EXTENSION_ID} is not installed`);
      await waitFor('the extension to activate', () => ext.isActive);
      const d = await waitFor('an agentls diagnostic', () =>
        ours(doc.uri).find((x) => codeOf(x) === 'unknown-tool'),
      );
      const want = 'unknown tool `Docker` for Claude Code (did you mean `Bash`?): it is dropped';
      check(d.message === want, `message ${JSON.stringify(d.message)}`);
      check(d.range.start.line === 4 && d.range.start.character === 19, `range ${JSON.stringify(d.range)}`);
      check(d.severity === vscode.DiagnosticSeverity.Warning, `severity ${d.severity}`);
      return `languageId=${doc.languageId}, ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`;
    },
  ],
  [
    'completion after `model: ` offers opus, sonnet, haiku, inherit, fable',
    async () => {
      const doc = await open('.claude/agents/code-reviewer.md');
      check(doc.lineAt(3).text === 'model: ', `line 4 is ${JSON.stringify(doc.lineAt(3).text)}`);
      const list = await waitFor('completion items', async () => {
        const l = await vscode.commands.executeCommand(
          'vscode.executeCompletionItemProvider',
          doc.uri,
          new vscode.Position(3, 7),
        );
        // `fable` comes from agentls only (VS Code 1.139 completes opus, sonnet, … itself).
        return l && l.items.some((i) => (i.label.label || i.label) === 'fable') ? l : undefined;
      });
      const labels = list.items.map((i) => i.label.label || i.label);
      for (const want of ['opus', 'sonnet', 'haiku', 'inherit', 'fable']) {
        check(labels.includes(want), `${want} missing from ${labels.join(', ')}`);
      }
      return labels.filter((l) => /^[a-z]+$/.test(l)).slice(0, 10).join(', ');
    },
  ],
  [
    'hover on `tools` shows the agentls text',
    async () => {
      const doc = await open('.claude/agents/code-reviewer.md');
      const text = await waitFor('the agentls hover', async () => {
        const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(4, 2));
        const t = hoverText(hovers || []);
        return t.includes('**`tools`** · Claude Code subagent') ? t : undefined;
      });
      return text.split('\n')[0];
    },
  ],
  [
    'activates on *.agent.md (Copilot custom agent)',
    async () => {
      const doc = await open('docs.agent.md');
      const d = await waitFor('an agentls diagnostic', () =>
        ours(doc.uri).find((x) => codeOf(x) === 'unknown-tool'),
      );
      check(d.range.start.line === 2, `on line ${d.range.start.line + 1}`);
      check(d.message.includes('dockerize'), `message ${d.message}`);
      return `languageId=${doc.languageId}, ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`;
    },
  ],
  [
    'ordinary README.md is not handed to agentls',
    async () => {
      const doc = await open('README.md');
      // The file has `tools: Read, Docker`; agentls would stay silent anyway, so this mainly
      // checks nothing blows up. Wait a moment for a stray publish.
      await new Promise((r) => setTimeout(r, 500));
      check(ours(doc.uri).length === 0, `diagnostics on README.md: ${ours(doc.uri).map((d) => d.message)}`);
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 2));
      check(!hoverText(hovers || []).includes('Claude Code'), 'agentls hover on README.md');
      return `languageId=${doc.languageId}`;
    },
  ],
  [
    'the "agentls: Restart server" command restarts and diagnostics come back',
    async () => {
      const commands = await vscode.commands.getCommands(true);
      check(commands.includes('agentls.restartServer'), 'agentls.restartServer is not registered');
      const doc = await open('.claude/agents/code-reviewer.md');
      await vscode.commands.executeCommand('agentls.restartServer');
      const d = await waitFor('diagnostics after the restart', () =>
        ours(doc.uri).find((x) => codeOf(x) === 'unknown-tool'),
      );
      return d.message;
    },
  ],
  [
    'an edit clears the diagnostic (incremental sync)',
    async () => {
      const doc = await open('.claude/agents/code-reviewer.md');
      await waitFor('the diagnostic', () => ours(doc.uri).length > 0);
      const line = doc.lineAt(4).text;
      const at = line.indexOf('Docker');
      const editor = vscode.window.activeTextEditor;
      await editor.edit((e) => e.replace(new vscode.Range(4, at, 4, at + 'Docker'.length), 'Bash'));
      await waitFor('the diagnostic to clear', () => ours(doc.uri).length === 0);
      await vscode.commands.executeCommand('undo');
      await waitFor('the diagnostic to return', () => ours(doc.uri).length > 0);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      return 'cleared and restored';
    },
  ],
];

exports.run = async function run() {
  let failed = 0;
  console.log(`# vscode ${vscode.version}, extension ${EXTENSION_ID}`);
  for (let i = 0; i < cases.length; i++) {
    const [name, fn] = cases[i];
    const t0 = Date.now();
    try {
      const detail = await fn();
      console.log(`ok ${i + 1} - ${name} (${Date.now() - t0} ms): ${detail}`);
    } catch (err) {
      failed++;
      console.log(`not ok ${i + 1} - ${name} (${Date.now() - t0} ms): ${err && err.message ? err.message : err}`);
    }
  }
  console.log(`# vscode api: ${cases.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} integration case(s) failed`);
};
