//! `akplan`: plan and check AWS ECS Fargate services. A thin shell over `akplan-core`:
//! arguments, files and terminal output live here, everything else in the core.

mod diff;
mod emit;
mod import;
mod plan;
mod prices;
mod read;
mod render;
mod repo;
mod safe_write;
mod validate;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

/// Exit code for usage and I/O errors (1 means "the files have errors").
pub const EXIT_USAGE: u8 = 2;

/// Plan and check AWS ECS Fargate services before anything is deployed.
#[derive(Debug, Parser)]
#[command(name = "akplan", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check akplan specs and ECS task-definition JSON files; print every problem at once.
    ///
    /// Exit status: 0 no errors, 1 errors (or warnings with --deny-warnings), 2 usage or I/O error.
    Validate(validate::Args),
    /// Plan a spec: capacity per AZ, deployment timeline, recovery time and monthly cost.
    ///
    /// A spec with errors is refused (exit 1) with its diagnostics.
    Plan(plan::Args),
    /// AWS Price List prices: fetch them, build a prices file from downloaded files, show the
    /// table in use.
    Prices(prices::Args),
    /// Generate ECS API inputs from a spec and its plan.
    ///
    /// A spec with errors is refused (exit 1) with its diagnostics.
    Emit(emit::Args),
    /// Write a spec from ECS task and service definitions or AWS Copilot manifests.
    ///
    /// Exit status: 0 written and valid, 1 written with errors in the result, 2 nothing could be
    /// read.
    Import(import::Args),
    /// Compare two versions of a spec: capacity, deployment, recovery, cost and diagnostics.
    ///
    /// Exit status: 0 compared, 2 usage or I/O error (a side with errors is still compared).
    Diff(diff::Args),
    /// Print the spec's JSON Schema (draft 2020-12), for editors and other tools.
    Schema {
        /// Print the schema of `akplan plan --format json` instead.
        #[arg(long, conflicts_with = "diff")]
        plan: bool,
        /// Print the schema of `akplan diff --format json` instead.
        #[arg(long)]
        diff: bool,
    },
    /// Explain a diagnostic code (e.g. `akplan explain AKP010`), or list every code.
    Explain {
        /// The code; leave it out to list every code.
        code: Option<String>,
    },
    /// Run the language server on stdin and stdout, for editors (docs/editors.md).
    ///
    /// Diagnostics as you type, hover, completion, quick fixes and each service's plan above
    /// it. Prices as `plan --prices auto`: the Price List cache, else the built-in table.
    Lsp {
        /// Accepted and ignored: editors' clients often pass it.
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Print a shell completion script: `akplan completions bash > /etc/bash_completion.d/akplan`
    /// (zsh: into a directory on `$fpath` as `_akplan`; fish: `~/.config/fish/completions/`;
    /// PowerShell: add it to `$PROFILE`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Write a commented starter spec.
    Init {
        /// Where to write it.
        #[arg(default_value = "akplan.yaml")]
        path: PathBuf,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
    },
}

/// When to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour (still not with `NO_COLOR`).
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour stdout now.
    #[must_use]
    pub fn enabled(self) -> bool {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        match self {
            _ if no_color => false,
            Self::Auto => std::io::stdout().is_terminal(),
            Self::Always => true,
            Self::Never => false,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Plan(args) => plan::run(&args),
        Command::Prices(args) => prices::run(&args),
        Command::Emit(args) => emit::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Schema { plan: true, .. } => print(&akplan_core::schema::plan_schema_json()),
        Command::Schema { diff: true, .. } => print(&akplan_core::schema::diff_schema_json()),
        Command::Schema { .. } => print(&akplan_core::schema::spec_schema_json()),
        Command::Explain { code } => explain(code.as_deref()),
        Command::Init { path, force } => init(&path, force),
        Command::Lsp { .. } => lsp(),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "akplan", &mut script);
            print(&String::from_utf8_lossy(&script))
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "akplan: error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Writes `text` to stdout; a closed pipe is not an error worth a message.
fn print(text: &str) -> Result<u8, String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(0),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(format!("cannot write to stdout: {e}")),
    }
}

fn explain(code: Option<&str>) -> Result<u8, String> {
    use akplan_core::Code;
    let Some(text) = code else {
        let list: String = Code::ALL
            .iter()
            .map(|c| format!("{c}  {:<7}  {}\n", c.severity().to_string(), c.title()))
            .collect();
        return print(&list);
    };
    let Some(code) = Code::parse(text) else {
        return Err(format!(
            "unknown code `{text}`; `akplan explain` lists every code"
        ));
    };
    print(&format!(
        "{code} ({}): {}\n\n{}\n",
        code.severity(),
        code.title(),
        code.explanation()
    ))
}

fn lsp() -> Result<u8, String> {
    let options = akplan_lsp::Options {
        prices: std::rc::Rc::new(|region: &str| {
            prices::resolve(&["auto".to_owned()], region)
                .unwrap_or_else(|_| akplan_core::Prices::builtin(region))
        }),
        ..akplan_lsp::builtin_options()
    };
    match akplan_lsp::run_stdio(options) {
        Ok(akplan_lsp::Stop::Clean) => Ok(0),
        Ok(akplan_lsp::Stop::Abrupt) => Ok(1),
        Err(e) => Err(format!("language server: {e}")),
    }
}

fn init(path: &std::path::Path, force: bool) -> Result<u8, String> {
    // `symlink_metadata` sees a link itself, dangling or not: init never writes through one.
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            return Err(format!(
                "{} is a symbolic link; akplan init does not write through links",
                path.display()
            ));
        }
        if !force {
            return Err(format!(
                "{} exists; pass --force to overwrite it",
                path.display()
            ));
        }
    }
    std::fs::write(path, akplan_core::STARTER_SPEC)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    print(&format!(
        "wrote {}; check it with `akplan validate {}`\n",
        path.display(),
        path.display()
    ))
}
