#!/usr/bin/env bash
# Regenerates docs/screenshots/editor-neovim.png: Neovim (Debian's 0.7) in xterm under Xvfb with
# `akplan lsp` attached to a small spec: warnings as virtual text, each service's plan as a code
# lens, and the hover on `cpu` (the sizes that CPU allows, priced for the service).
# Needs: apt-get install neovim xvfb xterm imagemagick fonts-dejavu-core; a built akplan.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${AKPLAN_BIN:-$root/target/debug/akplan}
work=$(mktemp -d)
trap 'kill %1 2>/dev/null || true; rm -rf "$work"' EXIT
cat > "$work/akplan.yaml" <<'YAML'
version: 1
app: shop
region: eu-west-1
availability_zones: 3
services:
  api:
    image: example/api:latest
    cpu: 1024
    memory: 2048
    port: 8080
    capacity:
      base_count: 6
      static_stability: true
    health_check:
      path: /health
      grace_period: 60
    deployment:
      circuit_breaker: true
      rollback: true
  worker:
    image: example/worker:2.3.1
    arch: arm64
    cpu: 512
    memory: 1024
    capacity:
      base_count: 2
YAML
cat > "$work/init.lua" <<'LUA'
vim.o.termguicolors = true
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.cmd('syntax on')
vim.cmd('hi NormalFloat guibg=#313244 guifg=#cdd6f4')
vim.cmd('hi FloatBorder guibg=#313244 guifg=#89b4fa')
vim.cmd('hi LspCodeLens guifg=#a6e3a1')
vim.diagnostic.config({ virtual_text = { prefix = '●' }, underline = true })
vim.cmd('edit ' .. os.getenv('SPEC'))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({ name = 'akplan', cmd = { os.getenv('AKPLAN_BIN'), 'lsp' }, root_dir = os.getenv('WORK') })
vim.lsp.buf_attach_client(buf, id)
vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
vim.lsp.codelens.refresh()
vim.wait(2000, function() return false end, 100)
vim.api.nvim_win_set_cursor(0, { 8, 5 })
vim.lsp.buf.hover()
LUA
Xvfb :97 -screen 0 1280x600x24 >/dev/null 2>&1 &
sleep 1
DISPLAY=:97 WORK="$work" SPEC="$work/akplan.yaml" AKPLAN_BIN="$bin" XDG_CACHE_HOME="$work/cache" \
  xterm -geometry 150x31+0+0 -fa 'DejaVu Sans Mono' -fs 11 -bg '#1e1e2e' -fg '#cdd6f4' \
  -e nvim -u "$work/init.lua" &
sleep 8
DISPLAY=:97 import -window root "$root/docs/screenshots/editor-neovim.png"
kill %2 2>/dev/null || true
echo "wrote docs/screenshots/editor-neovim.png"
