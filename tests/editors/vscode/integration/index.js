// Extension integration test: runs inside VS Code's extension host (code-server's), loaded as
// `extensionTestsPath` with the unpacked .vsix as `extensionDevelopmentPath`. Talks to the
// extension only through the `vscode` API and the extension's exported API, as another
// extension or a user would.
//
// `run()` resolves when every case passed and rejects otherwise; VS Code reports the result to
// the page through `codeAutomationExit`. Lines written with console.log reach the driver.
//
// Environment (from driver.js): AGENTLS_TEST_KIND = `bundled` (the VSIX carries the server and
// nothing else provides one) or `universal` (agentls.server.path is set in the machine
// settings); AGENTLS_TIMEOUT_MS.
'use strict';

const vscode = require('vscode');

const EXTENSION_ID = 'agentls.agentls';
const TIMEOUT_MS = Number(process.env.AGENTLS_TIMEOUT_MS || 10000);
const KIND = process.env.AGENTLS_TEST_KIND || 'universal';

/** VS Code 1.139 validates agent, prompt, instructions and skill files itself (measured: 1.100.3
 * does not validate any of the files used here, 1.139.1 does). */
const [major, minor] = vscode.version.split('.').map(Number);
const VSCODE_VALIDATES = major > 1 || minor >= 139;

function workspaceUri(rel) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) throw new Error('no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, timeout = TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await sleep(50);
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
/** VS Code's own markers (its prompt/agent validator sets no source). */
const vscodes = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'agentls');
const describe = (ds) =>
  ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} [${d.source || 'vscode'}] ${d.message}`).join(' | ');

function hoverText(hovers) {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n----\n');
}

function api() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  check(ext, `${EXTENSION_ID} is not installed`);
  check(ext.isActive, 'the extension is not active');
  return ext.exports;
}

async function completionLabels(doc, line, character, until) {
  const list = await waitFor('completion items', async () => {
    const l = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, character));
    const labels = l ? l.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)) : [];
    return until(labels) ? labels : undefined;
  });
  return list;
}

function duplicates(labels) {
  return labels.filter((l, i) => labels.indexOf(l) !== i);
}

/** Waits until the server has classified the active file as `dialect` (agentls.fileInfo, shown
 * in the status bar): a defer case's "nothing from agentls" then means agentls chose so. */
function servedAs(dialect) {
  return waitFor(`agentls to classify the file as ${dialect}`, () => {
    const st = api().status();
    return st.state === 'ready' && st.file && st.file.dialect === dialect ? st : undefined;
  });
}

/** Sets an `agentls.*` workspace setting (undefined removes it). */
function setSetting(key, value) {
  return vscode.workspace.getConfiguration('agentls').update(key, value, vscode.ConfigurationTarget.Workspace);
}

// Each case: [name, fn, { when }]; fn returns a detail string; `when` false → skipped with the reason.
const cases = [
  [
    `activates on .claude/agents/*.md with the ${KIND === 'bundled' ? 'bundled server' : 'server from agentls.server.path'}; unknown-tool on line 5`,
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
      const server = api().status().server;
      const source = KIND === 'bundled' ? 'bundled' : 'setting';
      check(server && server.source === source, `server ${JSON.stringify(server)}, expected source ${source}`);
      if (KIND === 'bundled') {
        check(/[/\\]extension[/\\]bin[/\\]agentls(\.exe)?$/.test(server.command), `not the bundled binary: ${server.command}`);
      }
      return `languageId=${doc.languageId}, ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}; server ${server.command} (${server.source})`;
    },
  ],
  [
    'status bar: ready, and the active file is a Claude Code subagent (agentls.fileInfo)',
    async () => {
      await open('.claude/agents/code-reviewer.md');
      const s = await waitFor('the status to show the dialect', () => {
        const st = api().status();
        return st.state === 'ready' && st.file && st.file.dialect === 'claude-agent' ? st : undefined;
      });
      check(s.text.includes('agentls: Claude Code subagent'), `status text ${JSON.stringify(s.text)}`);
      check(s.file.consumer === 'Claude Code', `consumer ${s.file.consumer}`);
      await open('docs.agent.md');
      const t = await waitFor('the status to follow the active editor', () => {
        const st = api().status();
        return st.file && st.file.dialect === 'copilot-agent' ? st : undefined;
      });
      return `${s.text} (${s.progress}); then ${t.text}`;
    },
  ],
  [
    'completion after `model: ` offers opus, sonnet, haiku, inherit, fable, each once',
    async () => {
      const doc = await open('.claude/agents/code-reviewer.md');
      check(doc.lineAt(3).text === 'model: ', `line 4 is ${JSON.stringify(doc.lineAt(3).text)}`);
      // `fable` comes from agentls only (VS Code 1.139 completes opus, sonnet, haiku, inherit itself).
      const labels = await completionLabels(doc, 3, 7, (l) => l.includes('fable'));
      for (const want of ['opus', 'sonnet', 'haiku', 'inherit', 'fable']) {
        check(labels.includes(want), `${want} missing from ${labels.join(', ')}`);
      }
      const twice = duplicates(labels);
      check(twice.length === 0, `offered twice: ${twice.join(', ')} (all: ${labels.join(', ')})`);
      return labels.join(', ');
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
    VSCODE_VALIDATES
      ? '*.agent.md: the unknown tool is reported once, by VS Code (defer mode)'
      : '*.agent.md: agentls reports the unknown tool (VS Code 1.100 does not check agent files)',
    async () => {
      const doc = await open('docs.agent.md');
      if (!VSCODE_VALIDATES) {
        const d = await waitFor('an agentls diagnostic', () => ours(doc.uri).find((x) => codeOf(x) === 'unknown-tool'));
        check(d.range.start.line === 2, `on line ${d.range.start.line + 1}`);
        check(d.message.includes('dockerize'), `message ${d.message}`);
        return `languageId=${doc.languageId}, ${describe([d])}`;
      }
      await servedAs('copilot-agent');
      await waitFor("VS Code's unknown-tool hint", () =>
        vscodes(doc.uri).find((d) => d.message === "Unknown tool 'dockerize' will be ignored."),
      );
      await sleep(1000); // let a late agentls pull land
      const all = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.message.includes('dockerize'));
      check(all.length === 1, `reported ${all.length} times: ${describe(all)}`);
      return `languageId=${doc.languageId}, ${describe(all)}`;
    },
  ],
  [
    'defer: in planner.agent.md the renamed tool and the empty handoff `agent:` show once each (VS Code)',
    async () => {
      const doc = await open('.github/agents/planner.agent.md');
      await servedAs('copilot-agent');
      await waitFor("VS Code's markers", () => {
        const v = vscodes(doc.uri);
        return v.some((d) => d.message.includes("'runCommands' has been renamed")) &&
          v.some((d) => d.message === "The 'agent' property in a handoff must be a non-empty string.");
      });
      await sleep(1000);
      const all = vscode.languages.getDiagnostics(doc.uri);
      const renamed = all.filter((d) => d.message.includes('runCommands'));
      check(renamed.length === 1, `renamed tool reported ${renamed.length} times: ${describe(renamed)}`);
      const handoff = all.filter((d) => d.range.start.line === 5 && d.source === 'agentls');
      check(handoff.length === 0, `agentls repeats the empty handoff agent: ${describe(handoff)}`);
      return describe(all);
    },
    { when: VSCODE_VALIDATES, why: 'VS Code 1.100 does not validate agent files' },
  ],
  [
    'defer: in legacy.prompt.md `mode:` shows once (VS Code)',
    async () => {
      const doc = await open('.github/prompts/legacy.prompt.md');
      await servedAs('copilot-prompt');
      await waitFor("VS Code's deprecation warning", () =>
        vscodes(doc.uri).find((d) => d.message.startsWith("The 'mode' attribute has been deprecated")),
      );
      await sleep(1000);
      const mode = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.range.start.line === 2);
      check(mode.length === 1, `line 3 has ${mode.length} problems: ${describe(mode)}`);
      return describe(mode);
    },
    { when: VSCODE_VALIDATES, why: 'VS Code 1.100 does not report `mode:`' },
  ],
  [
    'duplicate mode (agentls.vscodeBuiltinValidation = duplicate): agentls reports them as well',
    async () => {
      const prompt = await open('.github/prompts/legacy.prompt.md');
      const planner = await open('.github/agents/planner.agent.md');
      await setSetting('vscodeBuiltinValidation', 'duplicate');
      try {
        const d = await waitFor('agentls deprecated-field on `mode:`', () =>
          ours(prompt.uri).find((x) => codeOf(x) === 'deprecated-field'),
        );
        const e = await waitFor('agentls renamed-tool and empty-value in planner.agent.md', () => {
          const o = ours(planner.uri);
          return o.some((x) => codeOf(x) === 'renamed-tool') && o.some((x) => codeOf(x) === 'empty-value') ? o : undefined;
        });
        return `${describe([d])}; ${describe(e)}`;
      } finally {
        await setSetting('vscodeBuiltinValidation', undefined);
        await waitFor('agentls to defer again', () => ours(prompt.uri).length === 0);
      }
    },
    { when: VSCODE_VALIDATES, why: 'nothing to defer to in VS Code 1.100' },
  ],
  [
    'completion in a handoff `agent:` offers the workspace agent `helper`, each label once',
    async () => {
      const doc = await open('.github/agents/planner.agent.md');
      check(doc.lineAt(8).text === '    agent: helper', `line 9 is ${JSON.stringify(doc.lineAt(8).text)}`);
      const labels = await completionLabels(doc, 8, 11, (l) => l.includes('helper'));
      const twice = duplicates(labels);
      check(twice.length === 0, `offered twice: ${twice.join(', ')} (all: ${labels.join(', ')})`);
      return labels.join(', ');
    },
  ],
  [
    'go to definition on `agent: helper` opens .github/agents/helper.agent.md',
    async () => {
      const doc = await open('.github/agents/planner.agent.md');
      const defs = await waitFor('a definition', async () => {
        const d = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', doc.uri, new vscode.Position(8, 13));
        return d && d.length ? d : undefined;
      });
      const targets = defs.map((d) => (d.targetUri || d.uri).path);
      check(targets.some((p) => p.endsWith('/.github/agents/helper.agent.md')), `targets ${targets.join(', ')}`);
      return targets.map((p) => p.replace(/^.*\/ws\//, '')).join(', ');
    },
  ],
  [
    'rename (F2) the file-named agent `helper` to `assistant` renames helper.agent.md and the reference; and back',
    async () => {
      const doc = await open('.github/agents/planner.agent.md');
      const exists = async (rel) => {
        try {
          await vscode.workspace.fs.stat(workspaceUri(rel));
          return true;
        } catch {
          return false;
        }
      };
      const rename = async (to) => {
        // After a file rename the server learns of the new file from VS Code's file watcher:
        // until then the new name resolves to nothing and the rename is refused.
        const edit = await waitFor(`a rename edit to ${to}`, () =>
          vscode.commands
            .executeCommand('vscode.executeDocumentRenameProvider', doc.uri, new vscode.Position(8, 13), to)
            .then((e) => e, () => undefined),
        );
        check(await vscode.workspace.applyEdit(edit), `the rename to ${to} was not applied`);
        await waitFor(`${to}.agent.md`, async () => (await exists(`.github/agents/${to}.agent.md`)) && doc.lineAt(8).text === `    agent: ${to}`);
      };
      await rename('assistant');
      check(!(await exists('.github/agents/helper.agent.md')), 'helper.agent.md is still there');
      await rename('helper');
      check(!(await exists('.github/agents/assistant.agent.md')), 'assistant.agent.md is still there');
      await doc.save();
      return 'helper.agent.md → assistant.agent.md → helper.agent.md, `agent:` followed';
    },
  ],
  [
    '"agentls: Check workspace" reports the counts; the closed test-writer.md\'s finding is listed once',
    async () => {
      const commands = await vscode.commands.getCommands(true);
      check(commands.includes('agentls.checkWorkspaceFiles'), 'agentls.checkWorkspaceFiles is not registered');
      const result = await vscode.commands.executeCommand('agentls.checkWorkspaceFiles');
      check(result && result.files >= 1 && result.findings >= 1, `result ${JSON.stringify(result)}`);
      const closed = workspaceUri('.claude/agents/test-writer.md');
      check(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()), 'test-writer.md is open');
      await waitFor("test-writer.md's finding", () => ours(closed).some((d) => d.message.includes('Kubectl')));
      await sleep(2500); // a workspace pull cycle of the client (2 s) and any push
      const kubectl = vscode.languages.getDiagnostics(closed).filter((d) => d.message.includes('Kubectl'));
      check(kubectl.length === 1, `listed ${kubectl.length} times: ${describe(kubectl)}`);
      return `${JSON.stringify(result)}; ${describe(kubectl)}`;
    },
  ],
  [
    'agentls.rules reaches the server (workspace/configuration): unknown-tool "off" clears it',
    async () => {
      const doc = await open('.claude/agents/code-reviewer.md');
      await waitFor('the diagnostic', () => ours(doc.uri).some((d) => codeOf(d) === 'unknown-tool'));
      if (api().settingsRequests() === 0) {
        return 'SKIP: the server does not read workspace/configuration (yet)';
      }
      await setSetting('rules', { 'unknown-tool': 'off' });
      try {
        await waitFor('unknown-tool to be off', () => !ours(doc.uri).some((d) => codeOf(d) === 'unknown-tool'));
      } finally {
        await setSetting('rules', undefined);
      }
      await waitFor('unknown-tool back', () => ours(doc.uri).some((d) => codeOf(d) === 'unknown-tool'));
      return `settings read ${api().settingsRequests()} times`;
    },
  ],
  [
    'ordinary README.md is not handed to agentls',
    async () => {
      const doc = await open('README.md');
      // The file has `tools: Read, Docker`; agentls would stay silent anyway, so this mainly
      // checks nothing blows up. Wait a moment for a stray publish.
      await sleep(500);
      check(ours(doc.uri).length === 0, `diagnostics on README.md: ${ours(doc.uri).map((d) => d.message)}`);
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 2));
      check(!hoverText(hovers || []).includes('Claude Code'), 'agentls hover on README.md');
      check(api().status().text !== undefined, 'no status');
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
      await waitFor('the status to be ready', () => api().status().state === 'ready');
      return d.message;
    },
  ],
  [
    'an edit clears the diagnostic (incremental sync)',
    async () => {
      const doc = await open('.claude/agents/code-reviewer.md');
      const unknownTool = () => ours(doc.uri).some((d) => codeOf(d) === 'unknown-tool');
      await waitFor('the diagnostic', unknownTool);
      const line = doc.lineAt(4).text;
      const at = line.indexOf('Docker');
      const editor = vscode.window.activeTextEditor;
      await editor.edit((e) => e.replace(new vscode.Range(4, at, 4, at + 'Docker'.length), 'Bash'));
      await waitFor('the diagnostic to clear', () => !unknownTool());
      await vscode.commands.executeCommand('undo');
      await waitFor('the diagnostic to return', unknownTool);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      return 'cleared and restored';
    },
  ],
];

exports.run = async function run() {
  let failed = 0;
  console.log(`# vscode ${vscode.version}, extension ${EXTENSION_ID}, ${KIND} VSIX, VS Code validates agent files: ${VSCODE_VALIDATES}`);
  for (let i = 0; i < cases.length; i++) {
    const [name, fn, opts] = cases[i];
    if (opts && opts.when === false) {
      console.log(`ok ${i + 1} - ${name} # SKIP ${opts.why}`);
      continue;
    }
    const t0 = Date.now();
    try {
      const detail = await fn();
      const skip = typeof detail === 'string' && detail.startsWith('SKIP: ');
      console.log(`ok ${i + 1} - ${name} (${Date.now() - t0} ms)${skip ? ` # SKIP ${detail.slice(6)}` : `: ${detail}`}`);
    } catch (err) {
      failed++;
      console.log(`not ok ${i + 1} - ${name} (${Date.now() - t0} ms): ${err && err.message ? err.message : err}`);
    }
  }
  console.log(`# vscode api: ${cases.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} integration case(s) failed`);
};
