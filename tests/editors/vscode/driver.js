// VS Code suite driver: installs the packaged .vsix into a fresh code-server (VS Code 1.100),
// opens the fixture workspace in Debian's Chromium through playwright-core and checks what a
// person sees (UI cases), then runs the extension integration test through the real `vscode`
// API (integration/index.js) in the same code-server.
//
//   node tests/editors/vscode/driver.js --vsix editors/vscode/agentls.vsix
//
// Environment: AGENTLS_BIN (server under test), CODE_SERVER (its out/node/entry.js),
// AGENTLS_EDITOR_ARTIFACTS (screenshots on failure), AGENTLS_TIMEOUT_MS (each wait).
'use strict';

const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const http = require('http');

const HERE = __dirname;
const TESTS = path.resolve(HERE, '..');
const { chromium } = require(path.join(TESTS, 'node_modules', 'playwright-core'));

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const VSIX = path.resolve(arg('--vsix') || '');
// `bundled`: the VSIX carries the server (bin/agentls) and no agentls is on PATH or in the
// settings; `universal`: it carries none, so the first UI cases set agentls.server.path.
const KIND = arg('--kind') || 'universal';
// Debugging knobs: another extension test module, another workspace to copy.
const API_TESTS = path.resolve(arg('--api-tests') || path.join(HERE, 'integration', 'index.js'));
const WORKSPACE = path.resolve(arg('--workspace') || path.join(TESTS, 'fixtures', 'workspace'));
const BIN = process.env.AGENTLS_BIN;
const CODE_SERVER = process.env.CODE_SERVER;
const ARTIFACTS = process.env.AGENTLS_EDITOR_ARTIFACTS || path.join(TESTS, 'artifacts');
const TIMEOUT = Number(process.env.AGENTLS_TIMEOUT_MS || 15000);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

for (const [what, p] of [['--vsix', VSIX], ['AGENTLS_BIN', BIN], ['CODE_SERVER', CODE_SERVER], ['chromium', CHROMIUM]]) {
  if (!p || !fs.existsSync(p)) {
    console.error(`${what}: ${p} not found (run tests/editors/install.sh)`);
    process.exit(2);
  }
}

const log = (s) => process.stdout.write(s + '\n');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function get(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(1000, () => req.destroy());
  });
}

// ---- the environment: user data, extensions, a copy of the fixture workspace -----------------
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agentls-vscode-'));
const dirs = {
  user: path.join(root, 'user'),
  ext: path.join(root, 'ext'),
  xdg: path.join(root, 'xdg'),
  ws: path.join(root, 'ws'),
  dev: path.join(root, 'dev'),
};
for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
fs.cpSync(WORKSPACE, dirs.ws, { recursive: true });
const settingsFile = path.join(dirs.user, 'User', 'settings.json');
// No agentls.server.path at first: the UI cases start as a new user whose agentls is not on PATH.
const baseSettings = {
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.editor.enablePreview': false,
  // Debugging knob: more user settings, e.g. '{"agentls.vscodeBuiltinValidation":"duplicate"}'.
  ...JSON.parse(process.env.AGENTLS_VSCODE_SETTINGS || '{}'),
};
function writeSettings(extra) {
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(settingsFile, JSON.stringify({ ...baseSettings, ...extra }, null, 2));
}
writeSettings({});

// A PATH without any agentls on it, so the not-found case sees what a new user sees.
const cleanPath = (process.env.PATH || '')
  .split(path.delimiter)
  .filter((d) => d && !fs.existsSync(path.join(d, 'agentls')))
  .join(path.delimiter);
const env = {
  ...process.env,
  PATH: cleanPath,
  XDG_CONFIG_HOME: dirs.xdg,
  XDG_DATA_HOME: path.join(root, 'data'),
  AGENTLS_TEST_KIND: KIND, // read by integration/index.js in the extension host
};

const csArgs = ['--user-data-dir', dirs.user, '--extensions-dir', dirs.ext];
execFileSync(process.execPath, [CODE_SERVER, ...csArgs, '--install-extension', VSIX, '--force'], {
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
});
// The same .vsix unpacked, for the integration test's extensionDevelopmentPath.
execFileSync('unzip', ['-q', VSIX, 'extension/*', '-d', dirs.dev]);
const devExtension = path.join(dirs.dev, 'extension');

let browser;
let VALIDATES = false; // set from code-server's version
const groups = []; // process groups we started (code-server, VS Code server) and their children

function alive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
function killGroups(signal) {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, signal);
    } catch {
      /* already gone */
    }
  }
}
// Last resort if the driver is stopped or crashes: no server outlives it.
process.on('exit', () => killGroups('SIGKILL'));
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`# driver got ${sig}: stopping the servers`);
    killGroups('SIGKILL');
    process.exit(1);
  });
}

/** Starts a server in its own process group (`detached`), on a free port; returns the port
 * once `probe` answers 200. code-server and the VS Code server fork children (file watcher,
 * extension hosts, language servers) into that group, so ending the group ends them all. */
async function startServer(name, args, probe) {
  const port = await freePort();
  const logFile = path.join(root, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const proc = spawn(process.execPath, args(port), { env, stdio: ['ignore', out, out], detached: true });
  groups.push(proc.pid);
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if ((await get(`http://127.0.0.1:${port}${probe}`)) === 200) return port;
    if (proc.exitCode !== null) break;
    await sleep(100);
  }
  throw new Error(`${name} did not start: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
}

/** code-server itself, for the UI cases. */
function startCodeServer() {
  return startServer(
    'code-server',
    (port) => [
      CODE_SERVER,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      ...csArgs,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      dirs.ws,
    ],
    '/healthz',
  );
}

/** The VS Code server inside code-server, for the integration test: built VS Code honours the
 * extensionDevelopmentPath/extensionTestsPath payload only with --enable-smoke-test-driver
 * (1.139 checks this; code-server's own CLI has no such flag). Its remote machine settings
 * hold agentls.server.path (a machine-scoped setting). */
function startVsCodeServer() {
  const serverData = path.join(root, 'vscode-server');
  fs.mkdirSync(path.join(serverData, 'data', 'Machine'), { recursive: true });
  fs.writeFileSync(
    path.join(serverData, 'data', 'Machine', 'settings.json'),
    JSON.stringify(KIND === 'bundled' ? {} : { 'agentls.server.path': BIN }, null, 2),
  );
  const serverMain = path.join(path.dirname(CODE_SERVER), '..', '..', 'lib', 'vscode', 'out', 'server-main.js');
  return startServer(
    'vscode-server',
    (port) => [
      serverMain,
      '--host', '127.0.0.1',
      '--port', String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--server-data-dir', serverData,
      '--extensions-dir', dirs.ext,
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      '--disable-workspace-trust',
    ],
    '/',
  );
}

async function shutdown() {
  killGroups('SIGTERM');
  if (browser) await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
  const deadline = Date.now() + 3000;
  while (groups.some(alive) && Date.now() < deadline) await sleep(100);
  killGroups('SIGKILL');
  if (!process.env.AGENTLS_KEEP_TMP) {
    try {
      fs.rmSync(root, { recursive: true, force: true });
    } catch (err) {
      log(`# could not remove ${root}: ${err.message}`);
    }
  }
}

// ---- UI helpers --------------------------------------------------------------------------------
const results = [];
async function runCase(page, name, fn) {
  const t0 = Date.now();
  try {
    const detail = await fn();
    results.push(true);
    log(`ok ${results.length} - ${name} (${Date.now() - t0} ms)${detail ? ': ' + detail : ''}`);
  } catch (err) {
    results.push(false);
    log(`not ok ${results.length} - ${name} (${Date.now() - t0} ms): ${String(err && err.message ? err.message : err).split('\n')[0]}`);
    if (page) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const shot = path.join(ARTIFACTS, `vscode-${results.length}-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      log(`#   screenshot: ${shot}`);
    }
  }
}

function check(cond, message) {
  if (!cond) throw new Error(message);
}

/** Polls `fn` until it returns something truthy. */
async function poll(what, fn, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await fn().catch(() => undefined);
    if (last) return last;
    await sleep(100);
  }
  throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
}

/** Opens `rel` with Ctrl+P, as a person would; tries again (up to 3 times) when the quick input
 * or the tab does not come, which happens now and then on a loaded machine. */
async function quickOpen(page, rel) {
  const base = path.basename(rel);
  const step = (what, locator, options) =>
    locator.waitFor(options).catch((err) => {
      throw new Error(`${what}: ${String(err.message).split('\n')[0]}`);
    });
  const attempt = async (timeout) => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await step('the quick input', input, { state: 'visible', timeout });
    await input.fill(rel);
    // Enter opens the focused row: wait until that is the file (the list refills as results come).
    await step('the file focused in the list', page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: base }).first(), { timeout });
    await page.keyboard.press('Enter');
    await step('its tab', page.locator('.tabs-container .tab.active', { hasText: base }), { timeout });
    // The editor is focused once the quick input has closed.
    await step('the quick input to close', page.locator('.quick-input-widget'), { state: 'hidden', timeout });
  };
  for (let i = 1; ; i++) {
    try {
      return await attempt(i < 3 ? Math.min(TIMEOUT, 5000) : TIMEOUT);
    } catch (err) {
      if (i === 3) throw new Error(`quick open ${rel}: ${String(err.message).split('\n')[0]}`);
      log(`#   quick open ${rel}: attempt ${i} failed (${String(err.message).split('\n')[0]}); again`);
      if (process.env.AGENTLS_DEBUG_SHOTS) await page.screenshot({ path: path.join(ARTIFACTS, `quickopen-${base}-${i}.png`) }).catch(() => {});
    }
  }
}

const activeEditor = (page) => page.locator('.editor-group-container.active .monaco-editor').first();

/** Waits for a squiggle (`kind`: the decoration class, `.squiggly-warning` by default) on the
 * editor line whose text contains `lineText` (VS Code 1.139 adds its own diagnostics to agent
 * files, on other lines: only ours is on that line). */
async function markerOnLine(page, lineText, kind = '.squiggly-warning') {
  const editor = activeEditor(page);
  await editor.locator(kind).first().waitFor({ timeout: TIMEOUT });
  return poll(`a ${kind} squiggle on the line "${lineText}"`, () =>
    editor.evaluate(
      (root, [text, cls]) => {
        const line = [...root.querySelectorAll('.view-lines .view-line')].find((l) =>
          l.textContent.replace(/\u00a0/g, ' ').includes(text),
        );
        if (!line) return false;
        return [...root.querySelectorAll('.view-overlays > div')].some(
          (o) => o.style.top === line.style.top && o.querySelector(cls),
        );
      },
      [lineText, kind],
    ),
  );
}
const warningOnLine = (page, lineText) => markerOnLine(page, lineText);

async function gotoLine(page, lineCol) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await input.fill(`:${lineCol}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
  const [line, col] = lineCol.split(':');
  await page.locator('.statusbar', { hasText: `Ln ${line}, Col ${col}` }).waitFor({ timeout: TIMEOUT });
}

async function problemsText(page) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: TIMEOUT });
  }
  return panel.innerText();
}

// ---- UI cases ----------------------------------------------------------------------------------
/** The Problems panel's marker rows as { text, label } (aria-label: message, place, file). */
async function problemRows(page) {
  await problemsText(page);
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) =>
    rows.map((r) => ({ text: r.innerText.replace(/\s+/g, ' ').trim(), label: r.getAttribute('aria-label') || '' })),
  );
}

/** The marker rows of the Problems panel's group for the file named `base`. */
function rowsOf(rows, base) {
  const out = [];
  let current;
  for (const r of rows) {
    const header = r.label.match(/problems? in file (.+?)(?: of folder |$)/);
    if (header) current = header[1];
    else if (current === base) out.push(r);
  }
  return out;
}

/** Runs a command from the palette by its title. */
async function runFromPalette(page, title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: TIMEOUT });
}

async function uiCases(port) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.ws)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'docs.agent.md' }).waitFor({ timeout: 60000 });

  if (KIND === 'bundled') {
    await runCase(page, 'ui: the bundled server starts with no agentls on PATH: warning squiggle on line 5, no not-found message', async () => {
      await quickOpen(page, '.claude/agents/code-reviewer.md');
      await warningOnLine(page, 'tools: Read, Grep, Docker');
      const toast = await page.locator('.notifications-toasts', { hasText: 'agentls not found' }).count();
      check(toast === 0, 'a not-found message is shown');
      const mode = await page.locator('.statusbar-item[id="status.editor.mode"]').innerText().catch(() => '?');
      return `language mode: ${mode.trim()}`;
    });
  } else {
    await runCase(page, 'ui: agentls not on PATH: opening an agent file shows the message with the fix', async () => {
      await quickOpen(page, '.claude/agents/code-reviewer.md');
      const toast = page.locator('.notifications-toasts', { hasText: 'agentls not found on PATH' });
      await toast.waitFor({ timeout: TIMEOUT });
      const text = (await toast.innerText()).replace(/\s+/g, ' ');
      const want = 'agentls not found on PATH: install it with `cargo install --path server` or set agentls.server.path';
      check(text.includes(want), `toast: ${text}`);
      check(/Open Settings/.test(text), `no "Open Settings" button: ${text}`);
      const status = await page.locator('.statusbar-item', { hasText: 'agentls: stopped' }).first().innerText();
      return `${text.match(/agentls not found on PATH[^.]*\./)?.[0] ?? text.slice(0, 140)}; status bar: ${status.trim()}`;
    });

    await runCase(page, 'ui: "Open Settings" → agentls.server.path on the Remote tab starts the server: warning squiggle on line 5', async () => {
      // The not-found message's "Open Settings" button: in a remote window (code-server) it opens
      // the Remote tab (agentls.server.path is machine-scoped) filtered to the setting.
      await page
        .locator('.notifications-toasts .notification-list-item', { hasText: 'agentls not found on PATH' })
        .locator('.monaco-button', { hasText: 'Open Settings' })
        .first()
        .click();
      const settingsEditor = page.locator('.settings-editor');
      await settingsEditor.waitFor({ timeout: TIMEOUT });
      await settingsEditor
        .locator('.settings-tabs-widget .action-item.checked, .settings-tabs-widget .action-label.checked', { hasText: 'Remote' })
        .first()
        .waitFor({ timeout: TIMEOUT });
      const input = settingsEditor.locator('.setting-item-contents', { hasText: 'Path to the' }).locator('input').first();
      await input.waitFor({ timeout: TIMEOUT });
      await input.fill(BIN);
      await input.press('Tab');
      // The Settings editor writes after a short delay: wait for the file before closing it.
      const machineSettings = path.join(dirs.user, 'Machine', 'settings.json');
      await poll('the remote settings file to hold the path', async () =>
        fs.existsSync(machineSettings) && fs.readFileSync(machineSettings, 'utf8').includes(BIN),
      );
      await page.keyboard.press('Control+W'); // close the Settings editor (tab in 1.100, modal in 1.139)
      if (!(await settingsEditor.isHidden())) await page.keyboard.press('Escape');
      await settingsEditor.waitFor({ state: 'hidden', timeout: TIMEOUT });
      await quickOpen(page, '.claude/agents/code-reviewer.md');
      await warningOnLine(page, 'tools: Read, Grep, Docker');
      const mode = await page.locator('.statusbar-item[id="status.editor.mode"]').innerText().catch(() => '?');
      return `language mode: ${mode.trim()}`;
    });
  }

  await runCase(page, 'ui: the status bar shows "agentls: Claude Code subagent"; a click shows the agentls output', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'agentls: Claude Code subagent' }).first();
    await item.waitFor({ timeout: TIMEOUT });
    const text = (await item.innerText()).trim();
    await item.click();
    const outputView = page.locator('.part.panel .output-view, .part.panel [id="workbench.panel.output"]').first();
    await outputView.waitFor({ timeout: TIMEOUT });
    const started = page.locator('.part.panel .view-lines', { hasText: KIND === 'bundled' ? 'server (bundled)' : 'server (setting)' });
    await started.first().waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Control+J'); // hide the panel again
    return text;
  });

  await runCase(page, 'ui: the Problems panel lists the agentls diagnostic', async () => {
    await quickOpen(page, '.claude/agents/code-reviewer.md');
    const want = 'unknown tool `Docker` for Claude Code (did you mean `Bash`?): it is dropped';
    const text = await poll('the message in the Problems panel', async () => {
      const t = await problemsText(page);
      return t.includes(want) ? t : undefined;
    });
    check(text.includes('agentls'), 'no "agentls" source in the Problems panel');
    check(/unknown-tool/.test(text), 'no unknown-tool code in the Problems panel');
    check(/Ln 5, Col 20/.test(text), `not at Ln 5, Col 20: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
    await page.keyboard.press('Control+Shift+M'); // toggle the panel off again
    return text.replace(/\s+/g, ' ').trim().slice(0, 160);
  });

  await runCase(page, 'ui: hover on `tools` shows the agentls text', async () => {
    await activeEditor(page).click({ position: { x: 200, y: 200 } }).catch(() => {});
    await gotoLine(page, '5:2');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:visible', { hasText: 'Claude Code subagent' }).first();
    await hover.waitFor({ timeout: TIMEOUT });
    const text = await hover.innerText();
    check(text.includes('tools · Claude Code subagent'), `hover: ${text.slice(0, 120)}`);
    await page.keyboard.press('Escape');
    return text.split('\n')[0];
  });

  await runCase(page, 'ui: completion after `model: ` offers opus … fable, each once', async () => {
    await gotoLine(page, '4:8');
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.editor-widget.suggest-widget.visible');
    // `fable` is in agentls's model list and not in VS Code 1.139's own agent-file completion.
    await widget.locator('.monaco-list-row', { hasText: 'fable' }).first().waitFor({ timeout: TIMEOUT });
    const labels = await widget.locator('.monaco-list-row .label-name').allInnerTexts();
    await page.keyboard.press('Escape');
    for (const want of ['opus', 'sonnet', 'haiku', 'inherit']) check(labels.includes(want), `${want} missing: ${labels.join(', ')}`);
    const twice = labels.filter((l, i) => labels.indexOf(l) !== i);
    check(twice.length === 0, `offered twice: ${twice.join(', ')} (${labels.join(', ')})`);
    return labels.join(', ');
  });

  await runCase(page, 'ui: F12 on a handoff\'s `agent: helper` opens .github/agents/helper.agent.md', async () => {
    await quickOpen(page, '.github/agents/planner.agent.md');
    await gotoLine(page, '9:14');
    await page.keyboard.press('F12');
    await page.locator('.tabs-container .tab.active', { hasText: 'helper.agent.md' }).waitFor({ timeout: TIMEOUT });
    return 'helper.agent.md';
  });

  await runCase(page, 'ui: the "1 reference" code lens on helper.agent.md opens the references peek on planner.agent.md', async () => {
    await quickOpen(page, '.github/agents/helper.agent.md');
    const lens = activeEditor(page).locator('.codelens-decoration a', { hasText: /1 reference/ }).first();
    await lens.waitFor({ timeout: TIMEOUT });
    const title = (await lens.innerText()).trim();
    await lens.click();
    const peek = page.locator('.peekview-widget', { hasText: 'planner.agent.md' }).first();
    await peek.waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Escape');
    await peek.waitFor({ state: 'hidden', timeout: TIMEOUT });
    return `"${title}" → peek with planner.agent.md`;
  });

  // deployer.md: `model: sonnet` (an inlay hint names the model it runs) and the unknown tool
  // `Grpe` (a quick fix replaces it with `Grep`; the verdict lens then turns to ✓).
  const lineText = (needle) =>
    activeEditor(page).evaluate((root, n) => {
      const line = [...root.querySelectorAll('.view-lines .view-line')]
        .map((l) => l.textContent.replace(/\u00a0/g, ' '))
        .find((t) => t.includes(n));
      return line === undefined ? false : line;
    }, needle);
  const verdictLens = () =>
    activeEditor(page)
      .locator('.codelens-decoration', { hasText: 'Copilot CLI' })
      .first()
      .innerText()
      .then((t) => t.replace(/\s+/g, ' ').trim());

  await runCase(page, 'ui: the per-runtime verdict code lens at the top of deployer.md and the inlay hint after `model: sonnet`', async () => {
    await quickOpen(page, '.claude/agents/deployer.md');
    const lens = await poll('the verdict code lens', async () => {
      const t = await verdictLens();
      return t.startsWith('Claude Code: `Grpe` in `tools` ignored') ? t : undefined;
    });
    check(/ · VS Code: `Grpe` in `tools` ignored · Copilot CLI: /.test(lens), `lens: ${lens}`);
    const model = await poll('the inlay hint on the `model: sonnet` line', async () => {
      const t = await lineText('model: sonnet');
      return t && t.includes('→') ? t : undefined;
    });
    check(/^model: sonnet\s*→ Claude Code: claude-sonnet-/.test(model), `line 4 shows: ${model}`);
    return `lens "${lens}"; line 4 "${model}"`;
  });

  await runCase(page, 'ui: Ctrl+. on `Grpe` → "Replace `Grpe` with `Grep`" edits the line; the verdict lens turns to ✓', async () => {
    await quickOpen(page, '.claude/agents/deployer.md');
    await warningOnLine(page, 'tools: Read, Bash, Grpe');
    await gotoLine(page, '5:21');
    const title = 'Replace `Grpe` with `Grep`';
    // On a busy machine the menu may open before the server's actions arrive (VS Code 1.139
    // then shows only Copilot's): close it and ask again until ours is there.
    const row = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    for (const deadline = Date.now() + TIMEOUT; ;) {
      await page.keyboard.press('Control+.');
      try {
        await row.waitFor({ timeout: 4000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await page.keyboard.press('Escape');
      }
    }
    const offered = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    // The menu is keyboard-driven: move the focus to the fix, then Enter.
    const focused = page.locator('.action-widget .monaco-list-row.focused', { hasText: title });
    for (let i = 0; i < offered.length && !(await focused.count()); i++) await page.keyboard.press('ArrowDown');
    check(await focused.count(), `could not focus "${title}" among ${offered.join(' | ')}`);
    await page.keyboard.press('Enter');
    await poll('line 5 to read `tools: Read, Bash, Grep`', async () => (await lineText('tools: Read, Bash, Gre')) === 'tools: Read, Bash, Grep');
    const lens = await poll('the verdict lens to turn to ✓', async () => {
      const t = await verdictLens();
      return t === 'Claude Code ✓ · VS Code ✓ · Copilot CLI ✓' ? t : undefined;
    });
    await page.keyboard.press('Control+Z');
    await poll('the undo to restore `Grpe`', async () => (await lineText('tools: Read, Bash, Gr')) === 'tools: Read, Bash, Grpe');
    return `offered: ${offered.join(' | ')}; then "${lens}"; undone`;
  });

  if (VALIDATES) {
    // VS Code validates the files of visible editors only: check each while it is shown.
    const once = async (file, dialectName, wanted) => {
      await quickOpen(page, file);
      // The server has classified the file (its dialect in the status bar): "nothing from
      // agentls" below is then its choice, not a silent server.
      await page.locator('.statusbar-item', { hasText: `agentls: ${dialectName}` }).first().waitFor({ timeout: TIMEOUT });
      await poll(`VS Code's markers for ${file} in the Problems panel`, async () => {
        const r = await problemRows(page);
        return wanted.every(([, f]) => r.some(f)) ? r : undefined;
      });
      await sleep(1500); // a late agentls pull would show here
      const rows = rowsOf(await problemRows(page), path.basename(file));
      const counts = wanted.map(([what, f]) => [what, rows.filter(f).length]);
      for (const [what, n] of counts) check(n === 1, `${what}: ${n} rows`);
      const agentls = rows.filter((r) => /generated by agentls$/.test(r.label));
      check(agentls.length === 0, `agentls repeats them: ${agentls.map((r) => r.text).join(' | ')}`);
      await page.keyboard.press('Control+Shift+M');
      return `${counts.map(([w, n]) => `${w} ×${n}`).join(', ')} (${rows.length} rows for the file, none from agentls)`;
    };
    await runCase(page, 'ui: defer: planner.agent.md\'s renamed tool and empty handoff `agent:` are listed once each (VS Code\'s)', () =>
      once('.github/agents/planner.agent.md', 'VS Code / Copilot custom agent', [
        ['the renamed tool', (r) => r.text.includes("'runCommands' has been renamed")],
        ['the empty handoff agent', (r) => r.text.includes("The 'agent' property in a handoff must be a non-empty string.")],
      ]),
    );
    await runCase(page, 'ui: defer: legacy.prompt.md\'s `mode:` is listed once (VS Code\'s)', () =>
      once('.github/prompts/legacy.prompt.md', 'VS Code prompt file', [['`mode:`', (r) => r.text.includes("The 'mode' attribute has been deprecated")]]),
    );
  } else {
    await runCase(page, 'ui: *.agent.md gets the agentls hint on the unknown tool (VS Code 1.100 does not check it)', async () => {
      await quickOpen(page, 'docs.agent.md');
      await markerOnLine(page, "'dockerize'", '.squiggly-hint');
      const mode = await page.locator('.statusbar-item[id="status.editor.mode"]').innerText().catch(() => '?');
      return `language mode: ${mode.trim()}`;
    });
  }

  await runCase(page, 'ui: "agentls: Check workspace" reports the counts; the Problems panel lists the closed test-writer.md once', async () => {
    await runFromPalette(page, 'agentls: Check workspace');
    const toast = page.locator('.notifications-toasts', { hasText: 'agentls: checked' });
    await toast.waitFor({ timeout: TIMEOUT });
    const message = (await toast.innerText()).replace(/\s+/g, ' ').match(/agentls: checked[^,]*, \d+ findings?/)?.[0] ?? '?';
    await toast.locator('.monaco-button', { hasText: 'Show Problems' }).first().click();
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: TIMEOUT });
    const rows = await poll("test-writer.md's finding in the Problems panel", async () => {
      const r = await problemRows(page);
      return r.some((x) => x.text.includes('Kubectl')) ? r : undefined;
    });
    await sleep(2500); // a workspace pull cycle (2 s) and any push
    const kubectl = rowsOf(await problemRows(page), 'test-writer.md').filter((r) => r.text.includes('Kubectl'));
    check(kubectl.length === 1, `listed ${kubectl.length} times under test-writer.md (${rows.length} rows)`);
    return `${message}; ${kubectl[0].text.slice(0, 100)}`;
  });

  await runCase(page, 'ui: "agentls: Show agent graph" draws the agents with the bundled Mermaid; clicking a node opens its file', async () => {
    // No network: every request the page (webview frames included) makes goes to code-server,
    // or is a webview resource (`https://*.vscode-resource.vscode-cdn.net/<path>`, answered by
    // VS Code's service worker from disk) inside the installed extension.
    const outside = [];
    const watch = (req) => {
      const u = new URL(req.url());
      const local = ['127.0.0.1', 'localhost'].includes(u.hostname);
      const resource = u.hostname.endsWith('.vscode-resource.vscode-cdn.net') && decodeURIComponent(u.pathname).startsWith(dirs.ext + '/');
      if (/^(https?|wss?):$/.test(u.protocol) && !local && !resource) outside.push(req.url());
    };
    page.on('request', watch);
    await runFromPalette(page, 'agentls: Show agent graph');
    // The webview's document is inside two iframes (the editor's and the content's), whose
    // markup differs between VS Code versions: find the frame that holds the drawn graph.
    const view = await poll('the graph drawn in the webview', async () => {
      for (const frame of page.frames()) {
        if ((await frame.locator('g.node', { hasText: 'planner' }).count().catch(() => 0)) > 0) return frame;
      }
      return undefined;
    });
    // SVG elements have no innerText: read their text content.
    const names = await view.locator('g.node').evaluateAll((nodes) => nodes.map((n) => n.textContent));
    for (const name of ['planner', 'helper', 'code-reviewer', 'test-writer']) {
      check(names.some((n) => n.trim() === name), `no node ${name} among ${names.join(', ')}`);
    }
    const edge = await view.locator('.edgeLabel', { hasText: 'handoff' }).count();
    check(edge >= 1, 'the handoff from planner to helper is not labelled');
    page.off('request', watch);
    check(outside.length === 0, `requests outside code-server: ${outside.join(', ')}`);
    await view.locator('g.node', { hasText: 'code-reviewer' }).first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'code-reviewer.md' }).waitFor({ timeout: TIMEOUT });
    return `${names.length} nodes drawn (${names.map((n) => n.trim()).join(', ')}), no request outside code-server; code-reviewer.md opened`;
  });

  await page.close();
}

// ---- the extension integration test (real vscode API in the extension host) -----------------
async function integration() {
  const t0 = Date.now();
  const port = await startVsCodeServer();
  log(`# VS Code server (smoke-test driver) on 127.0.0.1:${port} (${Date.now() - t0} ms)`);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  let exitCode;
  const lines = [];
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    for (const line of text.split('\n')) {
      if (/^(ok|not ok|#)/.test(line)) {
        lines.push(line);
        log(line.replace(/^(ok|not ok) (\d+)/, (_, s, n) => `${s} ${results.length + Number(n)}`));
      }
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    exitCode = code;
  });
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(devExtension)],
    ['extensionTestsPath', remote(API_TESTS)],
  ]);
  await page.goto(
    `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.ws)}&payload=${encodeURIComponent(payload)}`,
  );
  const started = Date.now();
  while (exitCode === undefined && Date.now() - started < 90000) await sleep(100);
  const oks = lines.filter((l) => l.startsWith('ok ')).length;
  const bad = lines.filter((l) => l.startsWith('not ok ')).length;
  for (let i = 0; i < oks; i++) results.push(true);
  for (let i = 0; i < bad; i++) results.push(false);
  if (exitCode === undefined || (exitCode !== 0 && bad === 0)) {
    results.push(false);
    log(`not ok ${results.length} - api: the extension test did not finish (exit code ${exitCode})`);
  }
  if (exitCode !== 0) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'vscode-integration.png');
    await page.screenshot({ path: shot }).catch(() => {});
    log(`#   screenshot: ${shot}`);
  }
  await page.close();
}

(async () => {
  let code = 1;
  try {
    const t0 = Date.now();
    const port = await startCodeServer();
    const version = execFileSync(process.execPath, [CODE_SERVER, '--version'], { env }).toString().trim().split('\n').pop();
    // VS Code validates agent and prompt files itself from 1.139 on (1.100.3 does not).
    const minor = Number((version.match(/Code 1\.(\d+)/) || [])[1] || 0);
    VALIDATES = minor >= 139;
    log(`# code-server ${version} on 127.0.0.1:${port} (${Date.now() - t0} ms), agentls ${BIN}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
        '--disable-dev-shm-usage',
      ],
    });
    if (!process.argv.includes('--no-ui')) await uiCases(port);
    if (!process.argv.includes('--no-api')) await integration();
    const failed = results.filter((r) => !r).length;
    log(`# vscode: ${results.length - failed} passed, ${failed} failed`);
    code = failed || results.length === 0 ? 1 : 0;
  } catch (err) {
    log(`not ok - vscode harness: ${err && err.stack ? err.stack : err}`);
  } finally {
    if (code !== 0) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      for (const name of ['code-server.log', 'vscode-server.log']) {
        const f = path.join(root, name);
        if (fs.existsSync(f)) fs.copyFileSync(f, path.join(ARTIFACTS, `vscode-${name}`));
      }
      for (const [from, to] of [
        [path.join(dirs.user, 'logs'), 'vscode-logs'],
        [path.join(root, 'vscode-server', 'data', 'logs'), 'vscode-server-logs'],
      ]) {
        if (fs.existsSync(from)) fs.cpSync(from, path.join(ARTIFACTS, to), { recursive: true });
      }
      log(`#   logs: ${ARTIFACTS}/vscode-*.log, ${ARTIFACTS}/vscode-logs/, ${ARTIFACTS}/vscode-server-logs/`);
    }
    await shutdown();
    process.exit(code);
  }
})();
