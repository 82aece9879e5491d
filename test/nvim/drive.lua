-- Drives `cloudline lsp --stdio` from Neovim's built-in LSP client, headless (test/nvim/nvim.test.ts runs it):
--   nvim --headless -u NONE -i NONE -n -c 'luafile test/nvim/drive.lua'
-- Environment: CLOUDLINE_CLI (dist/cli.js), CLOUDLINE_FILE (the file to open), CLOUDLINE_CODE (the rule to fix),
-- CLOUDLINE_OUT (a folder). Writes there: diagnostics.json (every diagnostic Neovim holds), actions.json (the code
-- actions' titles, kinds and commands), message.txt (what the documentation command said), fixed.txt (the buffer
-- after the quick-fix) and, on failure, error.txt; then quits (exit 1 on failure).
-- Neovim 0.7 (Debian 12's) has no vim.lsp.start (0.8+): vim.lsp.start_client and vim.lsp.buf_attach_client instead.
local cli = assert(os.getenv('CLOUDLINE_CLI'), 'CLOUDLINE_CLI')
local file = assert(os.getenv('CLOUDLINE_FILE'), 'CLOUDLINE_FILE')
local code = assert(os.getenv('CLOUDLINE_CODE'), 'CLOUDLINE_CODE')
local out = assert(os.getenv('CLOUDLINE_OUT'), 'CLOUDLINE_OUT')
local TIMEOUT = 20000

local function write(name, text)
  local f = assert(io.open(out .. '/' .. name, 'w'))
  f:write(text)
  f:close()
end

local function run()
  local messages = {}
  vim.lsp.handlers['window/showMessage'] = function(_, result)
    table.insert(messages, result.message)
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'cloudline',
    cmd = { 'node', cli, 'lsp', '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
  })
  assert(client_id, 'the server did not start')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'could not attach the buffer')
  local client = vim.lsp.get_client_by_id(client_id)

  local function finding()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == code then return d end
    end
  end
  assert(vim.wait(TIMEOUT, function() return finding() ~= nil end, 50), 'no ' .. code .. ' diagnostic within the timeout')
  local all = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(all, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, code = d.code, source = d.source, message = d.message })
  end
  write('diagnostics.json', vim.fn.json_encode(all))

  -- The code actions at the finding, asked with its LSP diagnostic (its `data` carries the fixes).
  local d = finding()
  local range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } }
  local lsp_diagnostic = vim.tbl_extend('keep', { range = range, severity = d.severity, message = d.message, source = d.source, code = d.code }, d.user_data.lsp)
  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), range = range, context = { diagnostics = { lsp_diagnostic } } }
  local answers = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, TIMEOUT)
  local actions = assert(answers and answers[client_id] and answers[client_id].result, 'no code actions')
  local summary = {}
  for _, a in ipairs(actions) do
    table.insert(summary, { title = a.title, kind = a.kind, isPreferred = a.isPreferred or false, edit = a.edit ~= nil, command = a.command and a.command.command or vim.NIL })
  end
  write('actions.json', vim.fn.json_encode(summary))

  -- The documentation action is a server command: Neovim 0.7 cannot show a document, so the server says where it is.
  for _, a in ipairs(actions) do
    if a.command then
      local r = client.request_sync('workspace/executeCommand', a.command, TIMEOUT, bufnr)
      assert(r and not r.err, 'workspace/executeCommand failed: ' .. vim.inspect(r))
      assert(vim.wait(TIMEOUT, function() return #messages > 0 end, 20), 'no message from the documentation command')
      write('message.txt', table.concat(messages, '\n'))
      break
    end
  end

  -- The quick-fix: a plain WorkspaceEdit, applied as Neovim applies any.
  local fix
  for _, a in ipairs(actions) do
    if a.isPreferred then fix = a break end
  end
  assert(fix and fix.edit, 'no preferred quick-fix with an edit')
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  write('fixed.txt', table.concat(lines, '\n') .. '\n')

  -- After the edit, the server lints the new text: the finding goes.
  assert(vim.wait(TIMEOUT, function() return finding() == nil end, 50), code .. ' still reported after the quick-fix')
end

local ok, err = xpcall(run, debug.traceback)
if not ok then
  write('error.txt', tostring(err))
  vim.cmd('cquit 1')
else
  vim.cmd('qall!')
end
