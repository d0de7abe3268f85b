#!/usr/bin/env node
// Reads the tool, tool-set and model tables VS Code 1.139.1 ships, out of the code-server install,
// and prints them as JSON:
//
//   node extract-tools.js [--vscode DIR] [--candidates]
//
// DIR is code-server's lib/vscode (default: tests/editors/.cache/code-server-4.139.1/…).
// Sources, all static (nothing is run):
//   - the workbench bundle (out/vs/code/browser/workbench/workbench.js): tool definitions
//     registered by VS Code itself (id, toolReferenceName, legacyToolReferenceFullNames, when),
//     the internal tool sets (vscode, execute, read, agent; SpecedToolAliases; VSCodeToolReference),
//     the "dynamic" tool sets (vscodeTasks, vscodeGeneral, …) and their members, the tool-set
//     aliases (execute ← shell, agent ← runSubagent, custom-agent), the GitHub/Playwright MCP
//     aliases, the Claude tool → VS Code tool map and the Claude model alias → Copilot model map;
//   - every built-in extension's package.json (languageModelTools, languageModelToolSets), the
//     bundled Copilot Chat (GitHub.copilot-chat) included — VS Code 1.139 keeps that one disabled
//     until chat setup is completed, so its names are reported under `enabled_by_default: false`.
// Messages are resolved from out/nls.messages.json.
//
// The full reference names and renames VS Code derives from these (LanguageModelToolsService:
// toolsWithFullReferenceName, getDeprecatedFullReferenceNames) depend on which tools are
// registered at run time (`when` clauses, settings, the web host's `isWeb`, MCP servers), so the
// authoritative per-name verdicts come from running the validator: --candidates prints every name
// worth asking about (one per line) for that (see README.md, "Tool and model tables").
'use strict';

const fs = require('fs');
const path = require('path');

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const REPO = path.resolve(__dirname, '../../../..');
const VSCODE = path.resolve(
  arg('--vscode') ||
    path.join(process.env.AGENTLS_EDITOR_CACHE || path.join(REPO, 'tests/editors/.cache'), 'code-server-4.139.1/node_modules/code-server/lib/vscode'),
);
const OUT = path.join(VSCODE, 'out');
const bundle = fs.readFileSync(path.join(OUT, 'vs/code/browser/workbench/workbench.js'), 'utf8');
const product = JSON.parse(fs.readFileSync(path.join(VSCODE, 'product.json'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(VSCODE, 'package.json'), 'utf8'));

const strings = (s) => [...(s || '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`));

/** The minified enum `var X;(a=>(a.k="v",…))(X||={})` whose body contains `probe`. */
function enumWith(probe) {
  const i = bundle.indexOf(probe);
  if (i < 0) return { name: undefined, values: {} };
  const start = bundle.lastIndexOf('(', bundle.lastIndexOf('=>', i));
  const end = bundle.indexOf('||={})', i);
  const body = bundle.slice(start, end);
  const name = /\)\)\((\w+)$/.exec(body)?.[1] ?? /\((\w+)$/.exec(body)?.[1];
  const values = {};
  for (const m of body.matchAll(/\w\.(\w+)="([^"]*)"/g)) values[m[1]] = m[2];
  return { name, values };
}

const speced = enumWith('.execute="execute",');
const vscodeRef = enumWith('.runSubagent="runSubagent"');
const resolveRef = (expr) => {
  const m = /^(\w+)\.(\w+)$/.exec(expr);
  if (!m) return undefined;
  if (m[1] === speced.name) return speced.values[m[2]];
  if (m[1] === vscodeRef.name) return vscodeRef.values[m[2]];
  return undefined;
};

// --- tools VS Code registers itself ---------------------------------------------------------------
const coreTools = [];
for (const m of bundle.matchAll(/toolReferenceName:("[\w-]+"|\w+\.\w+)/g)) {
  const name = m[1].startsWith('"') ? JSON.parse(m[1]) : resolveRef(m[1]);
  if (!name) continue;
  // The object literal around it: from the nearest `{id:` before to a bounded window after.
  const from = bundle.lastIndexOf('{id:', m.index);
  if (from < 0 || m.index - from > 400) continue;
  const win = bundle.slice(from, m.index + 600);
  const id = /^\{id:("[^"]*"|[\w.]+)/.exec(win)?.[1];
  const legacy = /legacyToolReferenceFullNames:\[([^\]]*)\]/.exec(win.slice(0, 400));
  const cbr = /canBeReferencedInPrompt:(!0|!1)/.exec(win);
  const pre = bundle.slice(Math.max(0, from - 40), from);
  const varName = /(?:[,;\s]|var )(\w+)=$/.exec(pre)?.[1] || (/(\w+)\.DEFINITION=$/.test(bundle.slice(Math.max(0, from - 60), from).replace(/static\{this\.DEFINITION=$/, '')) ? undefined : undefined);
  const cls = /static\{this\.ID="(\w+)"\}static\{this\.DEFINITION=$/.exec(bundle.slice(Math.max(0, from - 80), from));
  coreTools.push({
    var: varName,
    id: cls ? cls[1] : id && id.startsWith('"') ? JSON.parse(id) : id,
    toolReferenceName: name,
    legacyToolReferenceFullNames: legacy ? strings(legacy[1]) : [],
    canBeReferencedInPrompt: cbr ? cbr[1] === '!0' : undefined,
  });
}
const seen = new Set();
const tools = coreTools.filter((t) => {
  const k = `${t.id}|${t.toolReferenceName}`;
  if (seen.has(k)) return false;
  seen.add(k);
  return true;
});

// --- tool sets --------------------------------------------------------------------------------------
const internalSets = [];
for (const m of bundle.matchAll(/this\.(\w+ToolSet)=this\._register\(this\.createToolSet\(\w+\.Internal,"([\w-]+)",([\w.]+|"[\w-]+")/g)) {
  internalSets.push({ field: m[1], id: m[2], referenceName: m[3].startsWith('"') ? JSON.parse(m[3]) : resolveRef(m[3]) });
}
// Which core tools are added to which internal set: `<x>.executeToolSet.addTool(<def>)`.
const memberOf = {};
for (const m of bundle.matchAll(/\.(vscodeToolSet|executeToolSet|readToolSet|agentToolSet)\.addTool\(([\w.]+)\)/g)) {
  (memberOf[m[1]] ||= new Set()).add(m[2]);
}
/** The bracketed expression starting at `at` (`[` … its matching `]`). */
function bracketed(at) {
  let depth = 0;
  for (let i = at; i < bundle.length; i++) {
    if (bundle[i] === '[') depth++;
    else if (bundle[i] === ']' && --depth === 0) return bundle.slice(at, i + 1);
  }
  return '';
}
const dynamicSets = [];
for (const m of bundle.matchAll(/_registerDynamicToolSet\(\w+,\{id:"([\w-]+)",referenceName:"([\w-]+)",[^{}]*?members:/g)) {
  const at = m.index + m[0].length;
  let members;
  if (bundle[at] === '[') members = strings(bracketed(at));
  else {
    const v = /^\w+/.exec(bundle.slice(at))[0];
    const def = new RegExp(`\\b${v}=\\[`).exec(bundle);
    members = def ? strings(bracketed(def.index + def[0].length - 1)) : [];
  }
  // `[...e.isSessionsWindow?[]:["runTests",…],"toolSearch"]`: members outside the Sessions window.
  dynamicSets.push({ id: m[1], referenceName: m[2], members });
}
const setAliases = {};
const aliasBody = /\*getToolSetAliases\(e,t\)\{([^]*?)\}\*getToolAliases/.exec(bundle)?.[1] || '';
for (const m of aliasBody.matchAll(/case ([\w.]+|"[\w-]+"):([^]*?)break/g)) {
  const key = m[1].startsWith('"') ? JSON.parse(m[1]) : resolveRef(m[1]) || m[1];
  const vals = [...strings(m[2]), ...[...m[2].matchAll(/yield ([\w]+\.\w+)/g)].map((x) => resolveRef(x[1])).filter(Boolean)];
  setAliases[key] = vals;
}
const mcpAliases = {
  github: strings(/githubMCPServerAliases=\[([^\]]*)\]/.exec(bundle)?.[1]),
  playwright: strings(/playwrightMCPServerAliases=\[([^\]]*)\]/.exec(bundle)?.[1]),
};

// --- Claude tables of the prompt validator ------------------------------------------------------------
const claudeTools = [];
const claudeToolsAt = bundle.lastIndexOf('{name:"Bash",');
if (claudeToolsAt >= 0) {
  const arr = bundle.slice(claudeToolsAt, bundle.indexOf('}]', claudeToolsAt) + 2);
  for (const m of arr.matchAll(/\{name:"(\w+)",description:d\(\d+,null\),toolEquivalent:\[([^\]]*)\]\}/g)) {
    claudeTools.push({ name: m[1], vscode: [...strings(m[2]), ...[...m[2].matchAll(/(\w+\.\w+)/g)].map((x) => resolveRef(x[1])).filter(Boolean)] });
  }
}
const claudeModels = [];
const modelsAt = bundle.lastIndexOf('[{name:"sonnet",');
if (modelsAt >= 0) {
  const arr = bundle.slice(modelsAt, bundle.indexOf('}]', modelsAt) + 2);
  for (const m of arr.matchAll(/\{name:"([\w-]+)",description:d\(\d+,null\),modelEquivalent:("[^"]*"|void 0)\}/g)) claudeModels.push({ name: m[1], copilot: m[2] === 'void 0' ? null : JSON.parse(m[2]) });
}

// --- built-in extensions ---------------------------------------------------------------------------------
const chatExtensionId = product.defaultChatAgent && product.defaultChatAgent.chatExtensionId;
const extensions = [];
for (const dir of fs.readdirSync(path.join(VSCODE, 'extensions')).sort()) {
  const f = path.join(VSCODE, 'extensions', dir, 'package.json');
  if (!fs.existsSync(f)) continue;
  const p = JSON.parse(fs.readFileSync(f, 'utf8'));
  const c = p.contributes || {};
  if (!c.languageModelTools && !c.languageModelToolSets) continue;
  const id = `${p.publisher}.${p.name}`;
  extensions.push({
    id,
    version: p.version,
    folder: dir,
    enabled_by_default: id.toLowerCase() !== String(chatExtensionId).toLowerCase(),
    note: id.toLowerCase() === String(chatExtensionId).toLowerCase() ? 'VS Code 1.139 disables the bundled Copilot Chat until chat setup (sign-in) is completed' : undefined,
    tools: (c.languageModelTools || []).map((t) => ({
      name: t.name,
      toolReferenceName: t.toolReferenceName,
      legacyToolReferenceFullNames: t.legacyToolReferenceFullNames || [],
      canBeReferencedInPrompt: t.canBeReferencedInPrompt,
      when: t.when,
    })),
    toolSets: (c.languageModelToolSets || []).map((s) => ({ name: s.name, referenceName: s.referenceName, tools: s.tools, legacyFullNames: s.legacyFullNames })),
    models: (c.languageModelChatProviders || []).map((x) => ({ vendor: x.vendor, displayName: x.displayName })),
  });
}

const result = {
  vscode: { version: pkg.version, commit: product.commit, codeServer: product.codeServerVersion },
  specedToolAliases: speced.values,
  vscodeToolReference: vscodeRef.values,
  internalToolSets: internalSets.map((s) => ({
    id: s.id,
    referenceName: s.referenceName,
    // addTool(<definition>) calls, resolved to reference names where the definition is a literal
    members: [...(memberOf[s.field] || [])].map((v) => {
      const viaVar = tools.find((t) => t.var && t.var === v);
      if (viaVar) return viaVar.toolReferenceName;
      const cls = /^(\w+)\.DEFINITION$/.exec(v);
      if (cls) {
        const c = new RegExp(`\\b${cls[1]}=class[^]*?static\\{this\\.ID="(\\w+)"\\}`).exec(bundle);
        const t = c && tools.find((x) => x.id === c[1]);
        if (t) return t.toolReferenceName;
      }
      return `<${v}>`;
    }),
  })),
  dynamicToolSets: dynamicSets,
  toolSetAliases: setAliases,
  mcpServerAliases: mcpAliases,
  coreTools: tools,
  builtinExtensions: extensions,
  claude: { tools: claudeTools, models: claudeModels },
  models: {
    note: 'VS Code ships no language model list: models come from providers at run time (the Copilot Chat extension, BYOK). Without one, the validator skips model checks (languageModelsService.getLanguageModelIds() is empty). The only model names in the bundle are the Claude alias → Copilot model map above.',
  },
};

if (process.argv.includes('--candidates')) {
  // Every name worth asking the validator about: reference names alone, under every set that
  // could hold them, legacy names and their last segments, set aliases.
  const names = new Set();
  const sets = new Set([...internalSets.map((s) => s.referenceName), ...dynamicSets.map((s) => s.referenceName), ...Object.values(speced.values), 'browser', 'github', 'playwright']);
  const refs = new Set();
  const add = (n) => n && names.add(n);
  for (const t of tools) refs.add(t.toolReferenceName);
  for (const e of extensions) for (const t of e.tools) if (t.toolReferenceName) refs.add(t.toolReferenceName);
  for (const e of extensions) for (const s of e.toolSets) {
    sets.add(s.referenceName || s.name);
    for (const t of s.tools) refs.add(t);
  }
  for (const s of dynamicSets) for (const m of s.members) refs.add(m);
  for (const s of sets) add(s);
  for (const r of refs) {
    add(r);
    for (const s of sets) add(`${s}/${r}`);
  }
  const legacy = [...tools, ...extensions.flatMap((e) => e.tools)].flatMap((t) => t.legacyToolReferenceFullNames || []);
  for (const l of [...legacy, ...extensions.flatMap((e) => e.toolSets.flatMap((s) => s.legacyFullNames || []))]) {
    add(l);
    add(l.split('/').pop());
    if (l.includes('/')) add(l.slice(0, l.lastIndexOf('/')));
  }
  for (const v of Object.values(setAliases).flat()) add(v);
  for (const [k, v] of Object.entries(mcpAliases)) for (const a of v) add(`${a}/*`);
  for (const t of claudeTools) for (const v of t.vscode) add(v);
  process.stdout.write([...names].sort().join('\n') + '\n');
} else {
  process.stdout.write(JSON.stringify(result, null, 1) + '\n');
}
