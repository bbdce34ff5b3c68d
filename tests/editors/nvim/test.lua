-- Neovim (0.7+, headless) drives `akplan lsp` as an editor does: open a spec, wait for the
-- diagnostics, take the first quick fix for AKP010, apply it, and check the buffer and the
-- diagnostics after it. Run by tests/tests/editors.rs:
--   AKPLAN_BIN=... AKPLAN_SPEC=... nvim --headless -u NONE -c 'luafile tests/editors/nvim/test.lua'
-- Exits 0 when every step holds; otherwise prints why and exits 1.

local bin = os.getenv('AKPLAN_BIN')
local spec = os.getenv('AKPLAN_SPEC')

local function fail(message)
  io.stderr:write('nvim test: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local function step(message)
  io.stdout:write('nvim test: ' .. message .. '\n')
end

if not bin or not spec then
  fail('set AKPLAN_BIN and AKPLAN_SPEC')
end

vim.cmd('edit ' .. vim.fn.fnameescape(spec))
local buf = vim.api.nvim_get_current_buf()

local client_id = vim.lsp.start_client({
  name = 'akplan',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.fnamemodify(spec, ':h'),
})
if not client_id then
  fail('the client did not start')
end
vim.lsp.buf_attach_client(buf, client_id)

local function akp010()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'AKP010' then
      return d
    end
  end
  return nil
end

if not vim.wait(15000, function() return akp010() ~= nil end, 50) then
  fail('no AKP010 diagnostic arrived; got ' .. vim.inspect(vim.diagnostic.get(buf)))
end
local d = akp010()
step('diagnostic: ' .. d.message)

local client = vim.lsp.get_client_by_id(client_id)
local params = {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = {
    start = { line = d.lnum, character = d.col },
    ['end'] = { line = d.end_lnum, character = d.end_col },
  },
  context = { diagnostics = { d.user_data.lsp }, only = { 'quickfix' } },
}
local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000)
local chosen = nil
for _, response in pairs(responses or {}) do
  for _, action in ipairs(response.result or {}) do
    if action.isPreferred and action.edit then
      chosen = action
    end
  end
end
if not chosen then
  fail('no preferred quick fix: ' .. vim.inspect(responses))
end
step('applying: ' .. chosen.title)
vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')

local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
if text:find('memory: 9 GB', 1, true) then
  fail('the buffer still has the invalid size:\n' .. text)
end

if not vim.wait(15000, function() return akp010() == nil end, 50) then
  fail('AKP010 is still reported after the fix:\n' .. text)
end
step('fixed and re-validated')

vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd('qall!')
