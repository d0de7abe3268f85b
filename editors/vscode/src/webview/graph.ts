// The agent graph webview's script (bundled with Mermaid into dist/graph-webview.js; nothing is
// fetched at run time). It renders the Mermaid source the server made (`agentls.graph`, the
// same text `agentls graph` prints) and posts `{type: 'open', id}` when a node is clicked, so
// the extension opens that node's file.

import mermaid from 'mermaid';

interface GraphMessage {
  type: 'graph';
  mermaid: string;
  /** Node ids (`n0`, …) that have a file to open. */
  clickable: string[];
  dark: boolean;
}

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };
const vscode = acquireVsCodeApi();
let rendered = 0;

/** The node id (`n3`) of a rendered node element: Mermaid 12 prefixes the render id
 * (`agent-graph-1-flowchart-n3-0`), older versions did not (`flowchart-n3-12`). */
function nodeId(el: { id: string }): string | undefined {
  return /(?:^|-)flowchart-(n\d+)-\d+$/.exec(el.id)?.[1];
}

async function show(msg: GraphMessage): Promise<void> {
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: msg.dark ? 'dark' : 'default' });
  const target = document.getElementById('graph');
  const status = document.getElementById('status');
  if (!target || !status) {
    return;
  }
  try {
    const { svg } = await mermaid.render(`agent-graph-${++rendered}`, msg.mermaid);
    target.innerHTML = svg;
    status.textContent = '';
  } catch (err) {
    status.textContent = `The graph could not be drawn: ${err instanceof Error ? err.message : String(err)}`;
    return;
  }
  const clickable = new Set(msg.clickable);
  for (const el of Array.from(target.querySelectorAll('g.node'))) {
    const id = nodeId(el);
    if (id && clickable.has(id)) {
      el.classList.add('agentls-clickable');
      el.setAttribute('data-agentls-node', id);
      el.addEventListener('click', () => vscode.postMessage({ type: 'open', id }));
    }
  }
  vscode.postMessage({ type: 'rendered', nodes: target.querySelectorAll('g.node').length });
}

window.addEventListener('message', (event: MessageEvent<GraphMessage>) => {
  if (event.data?.type === 'graph') {
    void show(event.data);
  }
});
vscode.postMessage({ type: 'ready' });
