//! Starts `akplan lsp` for YAML and JSON files; the server decides which are specs or ECS
//! definitions, as `akplan validate` does.

use zed_extension_api as zed;

struct Akplan;

impl zed::Extension for Akplan {
    fn new() -> Self {
        Akplan
    }

    fn language_server_command(
        &mut self,
        _id: &zed::LanguageServerId,
        worktree: &zed::Worktree,
    ) -> zed::Result<zed::Command> {
        let command = worktree
            .which("akplan")
            .ok_or_else(|| "akplan is not on PATH: `cargo install --path .` in akplan's repository".to_string())?;
        Ok(zed::Command {
            command,
            args: vec!["lsp".to_string()],
            env: Vec::new(),
        })
    }
}

zed::register_extension!(Akplan);
