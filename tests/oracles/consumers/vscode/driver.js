// VS Code oracle driver: starts the VS Code 1.139.1 server bundled in code-server 4.139.1 on a
// case folder (no extension installed), opens its workbench in Debian's Chromium through
// playwright-core with an extensionTestsPath payload, and lets collector.js (running in the
// extension host, through the real `vscode` API) write the verdicts.
//
//   node driver.js --cases CASES_DIR --out OUT.jsonl
//
// Run it with node 24 (run.sh does). Environment: VSCODE_SERVER_MAIN (lib/vscode/out/server-main.js
// of code-server 4.139.1), PLAYWRIGHT_CORE (its package folder), CHROMIUM, and the tuning knobs
// documented in README.md (AGENTLS_VSCODE_WORKERS, …).
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const http = require('http');

const HERE = __dirname;
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const CASES = path.resolve(arg('--cases') || '');
const OUT = path.resolve(arg('--out') || '');
const SERVER_MAIN = process.env.VSCODE_SERVER_MAIN;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const { chromium } = require(process.env.PLAYWRIGHT_CORE);
const num = (name, dflt) => (process.env[name] !== undefined && process.env[name] !== '' ? Number(process.env[name]) : dflt);
const COPILOT = process.env.AGENTLS_VSCODE_COPILOT === '1';
const TOTAL_TIMEOUT = num('AGENTLS_VSCODE_TIMEOUT_MS', 20 * 60 * 1000);

for (const [what, p] of [['--cases', CASES], ['VSCODE_SERVER_MAIN', SERVER_MAIN], ['chromium', CHROMIUM]]) {
  if (!p || !fs.existsSync(p)) {
    console.error(`${what}: ${p} not found`);
    process.exit(2);
  }
}

const log = (s) => process.stderr.write(s + '\n');
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

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'agentls-vscode-oracle-'));
const serverData = path.join(root, 'server-data');
const extDir = path.join(root, 'extensions'); // empty: no extension but VS Code's built-ins
const home = path.join(root, 'home'); // no ~/.copilot, ~/.claude: only the workspace's files count
for (const d of [serverData, extDir, home]) fs.mkdirSync(d, { recursive: true });

const settings = {
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.editor.enablePreview': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'editor.minimap.enabled': false,
  'workbench.editor.closeEmptyGroups': false,
  ...(process.env.AGENTLS_VSCODE_SETTINGS ? JSON.parse(process.env.AGENTLS_VSCODE_SETTINGS) : {}),
};
for (const scope of ['User', 'Machine']) {
  fs.mkdirSync(path.join(serverData, 'data', scope), { recursive: true });
  fs.writeFileSync(path.join(serverData, 'data', scope, 'settings.json'), JSON.stringify(settings, null, 2));
}

const config = {
  casesDir: CASES,
  out: OUT,
  version: process.env.AGENTLS_VSCODE_VERSION || '1.139.1',
  workers: Math.min(9, num('AGENTLS_VSCODE_WORKERS', 9)), // vscode.ViewColumn stops at Nine,
  // Probe every file at once (default) or only those that stay silent for quietMs.
  probeAll: process.env.AGENTLS_VSCODE_PROBE_ALL !== '0',
  quietMs: num('AGENTLS_VSCODE_QUIET_MS', 500),
  settleMs: num('AGENTLS_VSCODE_SETTLE_MS', 150),
  probeTimeoutMs: num('AGENTLS_VSCODE_PROBE_TIMEOUT_MS', 5000),
  toolsWaitMs: num('AGENTLS_VSCODE_TOOLS_WAIT_MS', 15000),
  toolsStableMs: num('AGENTLS_VSCODE_TOOLS_STABLE_MS', 2000),
  extraWaitMs: num('AGENTLS_VSCODE_EXTRA_WAIT_MS', 0),
  dumpTools: process.env.AGENTLS_VSCODE_DUMP_TOOLS || '',
  timings: !!process.env.AGENTLS_VSCODE_TIMINGS,
};
const configFile = path.join(root, 'config.json');
fs.writeFileSync(configFile, JSON.stringify(config, null, 2));

let server;
let browser;
function killServer(signal) {
  if (server && server.pid) {
    try {
      process.kill(-server.pid, signal); // its own process group: the extension host and watchers too
    } catch {
      /* gone */
    }
  }
}
process.on('exit', () => killServer('SIGKILL'));
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    killServer('SIGKILL');
    process.exit(1);
  });
}

async function startServer() {
  const port = await freePort();
  const logFile = path.join(root, 'vscode-server.log');
  const out = fs.openSync(logFile, 'a');
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    AGENTLS_VSCODE_ORACLE_CONFIG: configFile,
  };
  server = spawn(
    process.execPath,
    [
      SERVER_MAIN,
      '--host', '127.0.0.1',
      '--port', String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--server-data-dir', serverData,
      '--user-data-dir', path.join(serverData, 'data'),
      '--extensions-dir', extDir,
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      '--disable-workspace-trust',
    ],
    { env, stdio: ['ignore', out, out], detached: true },
  );
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    if ((await get(`http://127.0.0.1:${port}/`)) === 200) return { port, logFile };
    if (server.exitCode !== null) break;
    await sleep(100);
  }
  throw new Error(`VS Code server did not start: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
}

/** VS Code 1.139 disables its bundled Copilot Chat (GitHub.copilot-chat 0.67.0) on first start
 * until chat setup is completed (ExtensionEnablementService.ensureChatExtensionInitialDisabledState,
 * a one-time migration keyed `builtinChatExtensionEnablementMigration` in the browser's
 * application storage). Marking that migration as done leaves the extension enabled, so its
 * contributed tools and tool sets register (without sign-in: the extension's activation fails
 * harmlessly offline). Seed the key in IndexedDB before the workbench loads. */
async function enableBundledCopilotChat(page, port) {
  await page.goto(`http://127.0.0.1:${port}/favicon.ico`).catch(() => {});
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const r = indexedDB.open('vscode-web-state-db-global');
        r.onupgradeneeded = () => r.result.createObjectStore('ItemTable');
        r.onerror = () => reject(r.error);
        r.onsuccess = () => {
          const db = r.result;
          const tx = db.transaction('ItemTable', 'readwrite');
          tx.objectStore('ItemTable').put('true', 'builtinChatExtensionEnablementMigration');
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  log('# bundled Copilot Chat left enabled (AGENTLS_VSCODE_COPILOT=1)');
}

(async () => {
  let code = 1;
  const t0 = Date.now();
  try {
    const { port, logFile } = await startServer();
    log(`# VS Code server on 127.0.0.1:${port} (${Date.now() - t0} ms), workspace ${CASES}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--no-first-run', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage'],
    });
    const page = await browser.newPage({ viewport: { width: 2400, height: 1000 } });
    let exitCode;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      for (const line of text.split('\n')) if (line.startsWith('#') || /error/i.test(type || '')) log(line);
    });
    await page.exposeFunction('codeAutomationExit', (c) => {
      exitCode = c;
    });
    if (COPILOT) await enableBundledCopilotChat(page, port);
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(path.join(HERE, 'probe-extension'))],
      ['extensionTestsPath', remote(path.join(HERE, 'collector.js'))],
    ]);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(CASES)}&payload=${encodeURIComponent(payload)}`);
    const started = Date.now();
    while (exitCode === undefined && Date.now() - started < TOTAL_TIMEOUT) await sleep(100);
    if (exitCode === undefined) {
      log(`not ok - the collector did not finish in ${TOTAL_TIMEOUT} ms (server log: ${logFile})`);
      if (process.env.AGENTLS_VSCODE_ARTIFACTS) await page.screenshot({ path: path.join(process.env.AGENTLS_VSCODE_ARTIFACTS, 'vscode-oracle.png') }).catch(() => {});
    } else if (exitCode !== 0) {
      log(`not ok - the collector failed (exit ${exitCode}); server log: ${logFile}`);
    } else if (!fs.existsSync(OUT)) {
      log('not ok - the collector wrote no output');
    } else {
      code = 0;
    }
    log(`# total ${Date.now() - t0} ms`);
  } catch (err) {
    log(`not ok - vscode oracle: ${err && err.stack ? err.stack : err}`);
  } finally {
    killServer('SIGTERM');
    if (browser) await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
    await sleep(300);
    killServer('SIGKILL');
    if (process.env.AGENTLS_KEEP_TMP) log(`# kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
    process.exit(code);
  }
})();
