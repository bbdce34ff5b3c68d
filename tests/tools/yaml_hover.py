#!/usr/bin/env python3
"""Asks yaml-language-server what an editor shows on hover over spec fields.

Usage: yaml_hover.py SERVER_JS SCHEMA_FILE   (SERVER_JS: node_modules/yaml-language-server/bin/yaml-language-server)

Opens a small spec whose modeline points at SCHEMA_FILE, hovers over `cpu`, `memory`,
`availability_zones` and `base_count`, and prints {"field": "hover text"} as JSON. Talks the
Language Server Protocol over stdio, as VS Code, Neovim and Helix do.
"""
import json
import subprocess
import sys
import time

FIELDS = ["availability_zones", "cpu", "memory", "base_count"]


def main():
    server, schema = sys.argv[1], sys.argv[2]
    text = (
        f"# yaml-language-server: $schema={schema}\n"
        "version: 1\napp: shop\nregion: us-east-1\navailability_zones: 3\nservices:\n  api:\n"
        "    image: nginx:1.27\n    cpu: 1024\n    memory: 2048\n    capacity:\n      base_count: 2\n"
    )
    proc = subprocess.Popen(["node", server, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)

    def send(message):
        body = json.dumps(message).encode()
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        proc.stdin.flush()

    def receive(wanted_id):
        deadline = time.time() + 30
        while time.time() < deadline:
            headers = {}
            while True:
                line = proc.stdout.readline()
                if not line:
                    raise SystemExit("the language server stopped")
                line = line.strip()
                if not line:
                    break
                key, value = line.decode().split(":", 1)
                headers[key.lower()] = value.strip()
            message = json.loads(proc.stdout.read(int(headers["content-length"])))
            if message.get("id") == wanted_id and "method" not in message:
                return message
            if "method" in message and "id" in message:
                # A request from the server (configuration, registration): answer it.
                result = [{"validate": True, "hover": True, "completion": True}] * 8 \
                    if message["method"] == "workspace/configuration" else None
                send({"jsonrpc": "2.0", "id": message["id"], "result": result})
        raise SystemExit("no answer from the language server")

    uri = "file:///tmp/akplan-hover/akplan.yaml"
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": None, "capabilities": {
              "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}}}})
    receive(1)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration",
          "params": {"settings": {"yaml": {"validate": True, "hover": True, "schemaStore": {"enable": False}}}}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}})
    hovers = {}
    lines = text.splitlines()
    for n, field in enumerate(FIELDS, start=2):
        line = next(i for i, l in enumerate(lines) if l.strip().startswith(field + ":"))
        column = lines[line].index(field) + 1
        send({"jsonrpc": "2.0", "id": n, "method": "textDocument/hover",
              "params": {"textDocument": {"uri": uri}, "position": {"line": line, "character": column}}})
        result = receive(n).get("result") or {}
        contents = result.get("contents", "")
        hovers[field] = contents.get("value", "") if isinstance(contents, dict) else str(contents)
    proc.kill()
    json.dump(hovers, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
