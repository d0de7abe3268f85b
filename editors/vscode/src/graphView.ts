// "agentls: Show agent graph": asks the server for the workspace's agent graph
// (`agentls.graph`: the JSON of `agentls graph --format json` plus its Mermaid source) and shows
// it in a webview drawn by the bundled Mermaid (dist/graph-webview.js; no network). Clicking a
// node opens its file at its `name:` line.

import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';

/** One node of the server's graph JSON. */
export interface GraphNode {
  id: string;
  name: string;
  kind: string;
  uri: string | null;
  line: number | null;
}

/** The server's `agentls.graph` answer. */
export interface GraphData {
  nodes: GraphNode[];
  edges: unknown[];
  cycles: string[][];
  unreachable: string[];
  mermaid: string;
}

/** What the open view shows, for tests: the graph and how many nodes the webview drew. */
export interface GraphViewState {
  graph: GraphData | undefined;
  renderedNodes: number;
}

let panel: vscode.WebviewPanel | undefined;
const state: GraphViewState = { graph: undefined, renderedNodes: 0 };

export function graphViewState(): GraphViewState {
  return state;
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'graph-webview.js'));
  const nonce = Array.from({ length: 32 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
  // Mermaid writes its styles into the SVG: inline styles are allowed, scripts only with the nonce.
  const csp = `default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource} 'unsafe-inline'; font-src ${webview.cspSource}; script-src 'nonce-${nonce}'`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<style>
  body { padding: 8px; }
  #graph svg { max-width: none; }
  .agentls-clickable { cursor: pointer; }
  #status { color: var(--vscode-descriptionForeground); }
</style></head>
<body><div id="status">Drawing the agent graph…</div><div id="graph"></div>
<script nonce="${nonce}" src="${script}"></script></body></html>`;
}

async function open(node: GraphNode): Promise<void> {
  if (!node.uri) {
    return;
  }
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(node.uri));
  const line = Math.max(0, (node.line ?? 1) - 1);
  await vscode.window.showTextDocument(doc, {
    viewColumn: vscode.ViewColumn.One,
    selection: new vscode.Range(line, 0, line, 0),
  });
}

/** Shows (or refreshes) the agent graph view. */
export async function showGraph(client: LanguageClient | undefined, extensionUri: vscode.Uri): Promise<GraphViewState> {
  if (!client || !client.isRunning()) {
    void vscode.window.showErrorMessage('agentls is not running: the agent graph needs the server');
    return state;
  }
  const graph = (await client.sendRequest(ExecuteCommandRequest.type, { command: 'agentls.graph', arguments: [] })) as GraphData;
  state.graph = graph;
  state.renderedNodes = 0;
  const message = {
    type: 'graph',
    mermaid: graph.mermaid,
    clickable: graph.nodes.filter((n) => n.uri).map((n) => n.id),
    dark: vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Dark,
  };
  if (panel) {
    panel.reveal(vscode.ViewColumn.Beside);
    void panel.webview.postMessage(message);
    return state;
  }
  panel = vscode.window.createWebviewPanel('agentlsGraph', 'Agent graph', vscode.ViewColumn.Beside, {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
  });
  panel.onDidDispose(() => {
    panel = undefined;
  });
  panel.webview.onDidReceiveMessage((m: { type: string; id?: string; nodes?: number }) => {
    if (m.type === 'ready') {
      void panel?.webview.postMessage(message);
    } else if (m.type === 'rendered') {
      state.renderedNodes = m.nodes ?? 0;
    } else if (m.type === 'open') {
      const node = state.graph?.nodes.find((n) => n.id === m.id);
      if (node) {
        void open(node);
      }
    }
  });
  panel.webview.html = html(panel.webview, extensionUri);
  return state;
}
