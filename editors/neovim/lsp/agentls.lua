-- agentls: language server for AI agent definition files, for Neovim >= 0.11.
--
-- Put the folder that holds this `lsp/` directory on 'runtimepath' and enable it:
--
--   vim.opt.runtimepath:append('/path/to/agentls/editors/neovim')
--   vim.lsp.enable('agentls')
--
-- Override any field with vim.lsp.config('agentls', { cmd = { '/abs/path/agentls', 'server' } }).
--
-- The server attaches only to Markdown buffers whose path makes them agent files (the patterns
-- below, the same as the VS Code extension's); ordinary Markdown never starts it.

--- Agent files by path. Keep in step with editors/vscode/src/extension.ts.
local patterns = {
  '**/.claude/agents/**/*.md',
  '**/.claude/commands/**/*.md',
  '**/.claude/skills/**/SKILL.md',
  '**/.claude/rules/**/*.md',
  '**/.github/agents/*.md',
  '**/.github/chatmodes/*.md',
  '**/*.agent.md',
  '**/*.chatmode.md',
  '**/*.prompt.md',
  '**/*.instructions.md',
  '**/SKILL.md',
  '**/.opencode/agent/**/*.md',
  '**/.opencode/agents/**/*.md',
  '**/.opencode/command/**/*.md',
  '**/.opencode/commands/**/*.md',
  '**/.gemini/agents/*.md',
  '**/.cursor/agents/*.md',
}

local matchers ---@type vim.lpeg.Pattern[]?

--- True when `path` (absolute, `/`-separated) is an agent file.
---@param path string
---@return boolean
local function is_agent_file(path)
  if not matchers then
    matchers = {}
    for _, glob in ipairs(patterns) do
      table.insert(matchers, vim.glob.to_lpeg(glob))
    end
  end
  for _, m in ipairs(matchers) do
    if m:match(path) then
      return true
    end
  end
  return false
end

---@type vim.lsp.Config
return {
  cmd = { 'agentls', 'server' },
  filetypes = { 'markdown' },
  --- Starts (or reuses) the server only for agent files; the root is the nearest folder with
  --- `.claude`, `.github` or `.git`, else the file's own folder.
  ---@param bufnr integer
  ---@param on_dir fun(root_dir?: string)
  root_dir = function(bufnr, on_dir)
    local name = vim.api.nvim_buf_get_name(bufnr)
    if name == '' or vim.bo[bufnr].buftype ~= '' then
      return
    end
    local path = vim.fs.normalize(vim.fn.fnamemodify(name, ':p'))
    if not is_agent_file(path) then
      return
    end
    on_dir(vim.fs.root(path, { '.claude', '.github', '.git' }) or vim.fs.dirname(path))
  end,
}
