-- Headless Neovim end-to-end test of agentls with the shipped editors/neovim config.
--
--   nvim --clean --headless -u tests/editors/neovim/test_init.lua
--
-- Environment: AGENTLS_BIN (the server binary), AGENTLS_REPO (the repository root),
-- AGENTLS_WORKSPACE (a copy of tests/editors/fixtures/workspace: the rename case edits buffers
-- there; nothing is written), AGENTLS_TIMEOUT_MS (each wait; default 5000). Prints one
-- `ok`/`not ok` line per case and exits non-zero (cquit) when any case failed.
--
-- Each case is a function in CASES below; it opens a fixture, waits for the server and asserts
-- through the real client (vim.lsp, vim.diagnostic). To add go-to-definition later, add a case
-- that calls `request(buf, 'textDocument/definition', pos(...))` and checks the location.

local repo = assert(os.getenv('AGENTLS_REPO'), 'AGENTLS_REPO is not set')
local bin = assert(os.getenv('AGENTLS_BIN'), 'AGENTLS_BIN is not set')
local timeout = tonumber(os.getenv('AGENTLS_TIMEOUT_MS') or '') or 5000
local workspace = vim.fs.normalize(os.getenv('AGENTLS_WORKSPACE') or (repo .. '/tests/editors/fixtures/workspace'))

-- The shipped config, with only `cmd` pointed at the binary under test.
vim.opt.runtimepath:prepend(repo .. '/editors/neovim')
vim.lsp.config('agentls', { cmd = { bin, 'server' } })
vim.lsp.enable('agentls')

local function out(s)
  io.stdout:write(s .. '\n')
end

--- Polls `cond` until it returns a truthy value or the time-out passes; errors with `what` then.
local function wait_for(what, cond)
  local value
  local ok = vim.wait(timeout, function()
    value = cond()
    return value ~= nil and value ~= false
  end, 20)
  if not ok then
    error(('timed out after %d ms waiting for %s'):format(timeout, what), 0)
  end
  return value
end

local function check(cond, fmt, ...)
  if not cond then
    error(fmt:format(...), 0)
  end
end

--- Opens `rel` (relative to the fixture workspace) in a fresh buffer and returns it.
local function open(rel)
  vim.cmd('silent! %bwipeout!')
  vim.cmd.edit(vim.fn.fnameescape(workspace .. '/' .. rel))
  return vim.api.nvim_get_current_buf()
end

local function agentls_client(buf)
  return vim.lsp.get_clients({ bufnr = buf, name = 'agentls' })[1]
end

local function attached(buf)
  return wait_for('agentls to attach', function()
    return agentls_client(buf)
  end)
end

--- Text document position params for 0-based `line`, `character` (ASCII fixtures: the same in
--- every encoding).
local function pos(buf, line, character)
  return { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = line, character = character } }
end

--- A synchronous request through the attached client; returns the result.
local function request(buf, method, params)
  local client = attached(buf)
  local resp, err = client:request_sync(method, params, timeout, buf)
  check(resp ~= nil, '%s: no response (%s)', method, tostring(err))
  check(resp.err == nil, '%s: error %s', method, vim.inspect(resp.err))
  return resp.result
end

local function diagnostics(buf)
  local ds = vim.diagnostic.get(buf)
  return #ds > 0 and ds or nil
end

local function find_diag(ds, code)
  for _, d in ipairs(ds) do
    if d.code == code then
      return d
    end
  end
end

local CASES = {}

CASES[#CASES + 1] = {
  'claude subagent: unknown-tool diagnostic on line 5',
  function()
    local buf = open('.claude/agents/code-reviewer.md')
    local client = attached(buf)
    check(client.config.root_dir == workspace, 'root_dir %s, expected %s', tostring(client.config.root_dir), workspace)
    local d = find_diag(wait_for('diagnostics', function()
      return diagnostics(buf)
    end), 'unknown-tool')
    check(d ~= nil, 'no unknown-tool diagnostic in %s', vim.inspect(vim.diagnostic.get(buf)))
    local want = 'unknown tool `Docker` for Claude Code (did you mean `Bash`?): it is dropped'
    check(d.message == want, 'message %q, expected %q', d.message, want)
    check(d.lnum == 4 and d.col == 19, 'at %d:%d, expected line 5 col 20 (1-based)', d.lnum + 1, d.col + 1)
    check(d.severity == vim.diagnostic.severity.WARN, 'severity %s, expected WARN', tostring(d.severity))
    check(d.source == 'agentls', 'source %s', tostring(d.source))
    return ('%d:%d %s'):format(d.lnum + 1, d.col + 1, d.message)
  end,
}

CASES[#CASES + 1] = {
  'claude subagent: completion after `model: ` offers opus, sonnet, haiku, inherit',
  function()
    local buf = open('.claude/agents/code-reviewer.md')
    local line = vim.api.nvim_buf_get_lines(buf, 3, 4, true)[1]
    check(line == 'model: ', 'fixture line 4 is %q', line)
    local result = request(buf, 'textDocument/completion', pos(buf, 3, 7))
    local items = result and (result.items or result) or {}
    local labels = {}
    for _, item in ipairs(items) do
      labels[item.label] = true
    end
    for _, want in ipairs({ 'opus', 'sonnet', 'haiku', 'inherit' }) do
      check(labels[want], '%s missing from completion %s', want, vim.inspect(vim.tbl_keys(labels)))
    end
    return table.concat(vim.tbl_map(function(i)
      return i.label
    end, items), ', ')
  end,
}

CASES[#CASES + 1] = {
  'claude subagent: hover on `tools`',
  function()
    local buf = open('.claude/agents/code-reviewer.md')
    local result = request(buf, 'textDocument/hover', pos(buf, 4, 2))
    check(result ~= nil and result.contents ~= nil, 'empty hover')
    local value = type(result.contents) == 'table' and (result.contents.value or '') or tostring(result.contents)
    local want = '**`tools`** · Claude Code subagent'
    check(value:sub(1, #want) == want, 'hover starts %q, expected %q', value:sub(1, 60), want)
    return (value:gsub('\n.*', ''))
  end,
}

CASES[#CASES + 1] = {
  'claude subagent: fixing the tool clears the diagnostic (incremental sync)',
  function()
    local buf = open('.claude/agents/code-reviewer.md')
    attached(buf)
    wait_for('diagnostics', function()
      return diagnostics(buf)
    end)
    local line = vim.api.nvim_buf_get_lines(buf, 4, 5, true)[1]
    local s = assert(line:find('Docker', 1, true))
    vim.api.nvim_buf_set_text(buf, 4, s - 1, 4, s - 1 + #'Docker', { 'Bash' })
    wait_for('the unknown-tool diagnostic to clear', function()
      return find_diag(vim.diagnostic.get(buf), 'unknown-tool') == nil
    end)
    vim.cmd('silent! undo')
    wait_for('the diagnostic to come back after undo', function()
      return find_diag(vim.diagnostic.get(buf), 'unknown-tool')
    end)
    return 'cleared and restored'
  end,
}

CASES[#CASES + 1] = {
  'copilot *.agent.md: unknown-tool diagnostic',
  function()
    local buf = open('docs.agent.md')
    attached(buf)
    local d = find_diag(wait_for('diagnostics', function()
      return diagnostics(buf)
    end), 'unknown-tool')
    check(d ~= nil, 'no unknown-tool diagnostic in %s', vim.inspect(vim.diagnostic.get(buf)))
    check(d.lnum == 2, 'on line %d, expected 3', d.lnum + 1)
    check(d.message:find('dockerize', 1, true), 'message %q', d.message)
    return ('%d:%d %s'):format(d.lnum + 1, d.col + 1, d.message)
  end,
}

--- The lines of the buffer of `rel` (loaded or not).
local function buffer_lines(rel)
  local buf = vim.fn.bufnr(workspace .. '/' .. rel)
  if buf < 0 then
    return nil
  end
  vim.fn.bufload(buf)
  return vim.api.nvim_buf_get_lines(buf, 0, -1, true)
end

CASES[#CASES + 1] = {
  'copilot handoff: definition (and <C-]>) of `agent: helper` is .github/agents/helper.agent.md; references',
  function()
    local buf = open('.github/agents/planner.agent.md')
    local line = vim.api.nvim_buf_get_lines(buf, 8, 9, true)[1]
    check(line == '    agent: helper', 'fixture line 9 is %q', line)
    local result = request(buf, 'textDocument/definition', pos(buf, 8, 13))
    local locs = result and (result.uri and { result } or result) or {}
    check(#locs > 0, 'no definition')
    local target = vim.uri_to_fname(locs[1].uri or locs[1].targetUri)
    check(vim.endswith(target, '/.github/agents/helper.agent.md'), 'definition in %s', target)
    local params = pos(buf, 8, 13)
    params.context = { includeDeclaration = true }
    local refs = request(buf, 'textDocument/references', params) or {}
    local files = {}
    for _, r in ipairs(refs) do
      files[#files + 1] = vim.fs.basename(vim.uri_to_fname(r.uri)) .. ':' .. (r.range.start.line + 1)
    end
    check(vim.tbl_contains(files, 'planner.agent.md:9'), 'references %s', table.concat(files, ', '))
    -- <C-]> (Neovim sets 'tagfunc' to the LSP definition) jumps there.
    check(vim.bo[buf].tagfunc == 'v:lua.vim.lsp.tagfunc', 'tagfunc %q', vim.bo[buf].tagfunc)
    vim.api.nvim_win_set_cursor(0, { 9, 13 })
    vim.cmd('silent! normal! ' .. vim.keycode('<C-]>'))
    local jumped = wait_for('<C-]> to open helper.agent.md', function()
      local name = vim.api.nvim_buf_get_name(0)
      return vim.endswith(name, '/.github/agents/helper.agent.md') and name
    end)
    return ('definition %s, <C-]> → %s; references %s'):format(
      vim.fs.basename(target), vim.fs.basename(jumped), table.concat(files, ', '))
  end,
}

CASES[#CASES + 1] = {
  'rename the file-named agent `helper` (no documentChanges): the reference changes and helper.agent.md gets `name:`',
  function()
    local buf = open('.github/agents/planner.agent.md')
    local client = attached(buf)
    check(client.server_capabilities.renameProvider, 'no renameProvider')
    vim.api.nvim_win_set_cursor(0, { 9, 13 })
    vim.lsp.buf.rename('assistant', { name = 'agentls' })
    wait_for('the reference to be renamed', function()
      return vim.api.nvim_buf_get_lines(buf, 8, 9, true)[1] == '    agent: assistant'
    end)
    local helper = wait_for('helper.agent.md to get `name: assistant`', function()
      local lines = buffer_lines('.github/agents/helper.agent.md')
      return lines and vim.tbl_contains(lines, 'name: assistant') and lines or nil
    end)
    -- The name goes into the frontmatter (between the first two `---`), and the file keeps its name.
    check(helper[1] == '---', 'helper.agent.md starts %q', helper[1])
    local close = nil
    for i = 2, #helper do
      if helper[i] == '---' then
        close = i
        break
      end
    end
    local at = nil
    for i, l in ipairs(helper) do
      if l == 'name: assistant' then
        at = i
      end
    end
    check(close and at < close, '`name: assistant` on line %s, outside the frontmatter (closes on %s)', tostring(at), tostring(close))
    check(vim.uv.fs_stat(workspace .. '/.github/agents/helper.agent.md') ~= nil, 'helper.agent.md was renamed on disk')
    check(vim.uv.fs_stat(workspace .. '/.github/agents/assistant.agent.md') == nil, 'assistant.agent.md exists')
    local modified = vim.bo[vim.fn.bufnr(workspace .. '/.github/agents/helper.agent.md')].modified
    check(modified, 'helper.agent.md buffer not marked modified')
    return ('planner.agent.md:9 %q; helper.agent.md:%d %q (unsaved)'):format(
      vim.trim(vim.api.nvim_buf_get_lines(buf, 8, 9, true)[1]), at, helper[at])
  end,
}

CASES[#CASES + 1] = {
  'check workspace (:lua vim.lsp.buf.execute_command and client:exec_cmd): the closed test-writer.md gets its diagnostic',
  function()
    local buf = open('.claude/agents/code-reviewer.md')
    local client = attached(buf)
    local closed = workspace .. '/.claude/agents/test-writer.md'
    check(vim.fn.bufloaded(closed) == 0, 'test-writer.md is loaded')
    local function kubectl()
      for _, d in ipairs(vim.diagnostic.get(nil)) do
        if vim.api.nvim_buf_get_name(d.bufnr) == closed and d.message:find('Kubectl', 1, true) then
          return d
        end
      end
    end
    -- The documented one-liner (deprecated in 0.11 in favour of client:exec_cmd, still working).
    vim.cmd([[silent! lua vim.lsp.buf.execute_command({ command = 'agentls.checkWorkspace' })]])
    local d = wait_for("test-writer.md's diagnostic", kubectl)
    -- And the 0.11 way, with the counts.
    local result
    client:exec_cmd({ title = 'Check workspace', command = 'agentls.checkWorkspace' }, { bufnr = buf }, function(err, res)
      result = err and { err = err } or res
    end)
    wait_for('the checkWorkspace result', function()
      return result
    end)
    check(not result.err, 'error %s', vim.inspect(result.err))
    check((result.files or 0) >= 1 and (result.findings or 0) >= 1, 'result %s', vim.inspect(result))
    local count = 0
    for _, x in ipairs(vim.diagnostic.get(nil)) do
      if vim.api.nvim_buf_get_name(x.bufnr) == closed and x.message:find('Kubectl', 1, true) then
        count = count + 1
      end
    end
    check(count == 1, '%d Kubectl diagnostics for test-writer.md', count)
    check(vim.fn.bufloaded(closed) == 0, 'test-writer.md got loaded')
    return ('%s; test-writer.md:%d %s'):format(vim.inspect(result, { newline = ' ', indent = '' }), d.lnum + 1, d.message)
  end,
}

CASES[#CASES + 1] = {
  "settings = { agentls = { rules = ... } } reach the server (workspace/configuration): unknown-tool 'off' clears it",
  function()
    local buf = open('.claude/agents/code-reviewer.md')
    local client = attached(buf)
    wait_for('the unknown-tool diagnostic', function()
      return find_diag(vim.diagnostic.get(buf), 'unknown-tool')
    end)
    -- What `vim.lsp.config('agentls', { settings = ... })` sets, changed while running.
    client.settings = { agentls = { rules = { ['unknown-tool'] = 'off' } } }
    client:notify('workspace/didChangeConfiguration', { settings = client.settings })
    local ok, err = pcall(wait_for, 'unknown-tool to be off', function()
      return find_diag(vim.diagnostic.get(buf), 'unknown-tool') == nil
    end)
    client.settings = {}
    client:notify('workspace/didChangeConfiguration', { settings = client.settings })
    check(ok, '%s', tostring(err))
    wait_for('unknown-tool back', function()
      return find_diag(vim.diagnostic.get(buf), 'unknown-tool')
    end)
    return 'off, then back'
  end,
}

CASES[#CASES + 1] = {
  'quick fix: vim.lsp.buf.code_action with a filter and apply = true replaces `Grpe` with `Grep`',
  function()
    local buf = open('.claude/agents/deployer.md')
    attached(buf)
    local d = wait_for('the unknown-tool diagnostic on `Grpe`', function()
      return find_diag(vim.diagnostic.get(buf), 'unknown-tool')
    end)
    check(d.message:find('`Grpe`', 1, true), 'message %q', d.message)
    vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
    local offered = {}
    vim.lsp.buf.code_action({
      filter = function(action)
        offered[#offered + 1] = action.title
        return action.title == 'Replace `Grpe` with `Grep`'
      end,
      apply = true,
    })
    local line = wait_for('the fix to edit line 5', function()
      local l = vim.api.nvim_buf_get_lines(buf, 4, 5, true)[1]
      return l == 'tools: Read, Bash, Grep' and l
    end)
    wait_for('the diagnostic to clear', function()
      return find_diag(vim.diagnostic.get(buf), 'unknown-tool') == nil
    end)
    return ('%q after choosing among %s'):format(line, table.concat(offered, ' | '))
  end,
}

CASES[#CASES + 1] = {
  'code lens: vim.lsp.codelens.refresh() then get() shows the per-runtime verdict at the top and "N references" above name:',
  function()
    local buf = open('.claude/agents/code-reviewer.md')
    local client = attached(buf)
    check(client.server_capabilities.codeLensProvider, 'no codeLensProvider')
    wait_for('diagnostics', function()
      return diagnostics(buf)
    end)
    local titles = wait_for('resolved code lenses', function()
      vim.lsp.codelens.refresh({ bufnr = buf })
      local by_line = {}
      for _, lens in ipairs(vim.lsp.codelens.get(buf)) do
        if not (lens.command and lens.command.title) then
          return nil -- not resolved yet
        end
        by_line[lens.range.start.line] = lens.command.title
      end
      return by_line[0] and by_line[1] and by_line
    end)
    -- code-reviewer.md's empty `model:` and unknown `Docker` are ignored by each reader.
    local verdict = 'Claude Code: `model`, `Docker` in `tools` ignored · VS Code: '
    check(titles[0]:sub(1, #verdict) == verdict, 'verdict lens on line 1: %q', titles[0])
    check(titles[0]:find(' · Copilot CLI: ', 1, true), 'no Copilot CLI verdict: %q', titles[0])
    check(titles[1]:find('^%d+ references?'), 'references lens on line 2: %q', titles[1])
    return ('1: %q; 2: %q'):format(titles[0], titles[1])
  end,
}

CASES[#CASES + 1] = {
  'inlay hints: vim.lsp.inlay_hint.enable() then get() shows the model `sonnet` resolves to',
  function()
    local buf = open('.claude/agents/deployer.md')
    local client = attached(buf)
    check(client.server_capabilities.inlayHintProvider, 'no inlayHintProvider')
    check(vim.api.nvim_buf_get_lines(buf, 3, 4, true)[1] == 'model: sonnet', 'fixture line 4')
    vim.lsp.inlay_hint.enable(true, { bufnr = buf })
    local hint = wait_for('an inlay hint after `model: sonnet`', function()
      for _, h in ipairs(vim.lsp.inlay_hint.get({ bufnr = buf })) do
        local label = h.inlay_hint.label
        if type(label) == 'table' then
          label = table.concat(vim.tbl_map(function(part)
            return part.value
          end, label))
        end
        if h.inlay_hint.position.line == 3 then
          return { label = label, character = h.inlay_hint.position.character }
        end
      end
    end)
    check(hint.character == #'model: sonnet', 'hint at character %d, not after the value', hint.character)
    check(hint.label:find('^→ Claude Code: claude%-sonnet%-'), 'label %q', hint.label)
    vim.lsp.inlay_hint.enable(false, { bufnr = buf })
    return hint.label
  end,
}

CASES[#CASES + 1] = {
  'ordinary README.md: no client attached',
  function()
    local buf = open('README.md')
    check(vim.bo[buf].filetype == 'markdown', 'filetype %q', vim.bo[buf].filetype)
    -- root_dir decides synchronously on FileType; give a late attach a moment anyway.
    vim.wait(300, function()
      return #vim.lsp.get_clients({ bufnr = buf }) > 0
    end, 20)
    local clients = vim.lsp.get_clients({ bufnr = buf })
    check(#clients == 0, 'attached: %s', table.concat(vim.tbl_map(function(c)
      return c.name
    end, clients), ', '))
    check(#vim.diagnostic.get(buf) == 0, 'diagnostics on README.md')
    return 'no client'
  end,
}

local function run()
  local failed = 0
  out(('# agentls %s, nvim %s, workspace %s'):format(bin, tostring(vim.version()), workspace))
  for i, case in ipairs(CASES) do
    local name, fn = case[1], case[2]
    local t0 = vim.uv.hrtime()
    local ok, detail = pcall(fn)
    local ms = (vim.uv.hrtime() - t0) / 1e6
    if ok then
      out(('ok %d - %s (%.0f ms): %s'):format(i, name, ms, tostring(detail)))
    else
      failed = failed + 1
      out(('not ok %d - %s (%.0f ms): %s'):format(i, name, ms, tostring(detail)))
    end
  end
  out(('# neovim: %d passed, %d failed'):format(#CASES - failed, failed))
  if failed > 0 then
    local log = vim.lsp.get_log_path()
    out('# LSP log: ' .. log)
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  nested = true, -- so :edit inside fires BufRead/FileType and vim.lsp.enable attaches
  callback = function()
    local ok, err = pcall(run)
    if not ok then
      out('not ok - harness error: ' .. tostring(err))
      vim.cmd('cquit 2')
    end
  end,
})
