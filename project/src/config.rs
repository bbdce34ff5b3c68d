//! `akplan.toml`: which codes `akplan validate` reports, for a whole repository.
//!
//! Found like ruff's and cfn-lint's configs: `--config FILE` if given, else the first
//! `akplan.toml` in the current directory or a parent, looking no further up than the directory
//! that holds `.git` (the repository root).
//!
//! ```toml
//! select = ["AKP0", "AKP1"]          # only codes starting with these (default: all)
//! ignore = ["AKP065"]                # never these
//! [per-file-ignores]                 # globs relative to this file's directory
//! "legacy/**/*.json" = ["AKP090", "AKP097"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use akplan_core::{Code, Diagnostic};
use globset::{Glob, GlobMatcher};
use serde::Deserialize;

/// The file's contents.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Vec<String>>,
}

/// The codes to report, from `akplan.toml` and the command line.
#[derive(Debug, Default)]
pub struct Config {
    /// Report only codes starting with one of these; empty means all.
    select: Vec<String>,
    /// Never report codes starting with one of these.
    ignore: Vec<String>,
    /// Per-file ignores: a glob (relative to the config's directory) and its codes.
    per_file: Vec<(GlobMatcher, Vec<String>)>,
    /// The directory per-file globs are relative to.
    base: PathBuf,
}

/// The nearest `akplan.toml` from `start` up to the repository root, if any.
#[must_use]
pub fn find(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        let candidate = dir.join("akplan.toml");
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Checks that every selector names at least one code (`AKP065`, or a prefix such as `AKP1`).
fn selectors(list: &[String], what: &str) -> Result<Vec<String>, String> {
    list.iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            let upper = s.to_ascii_uppercase();
            if Code::ALL.iter().any(|c| c.as_str().starts_with(&upper)) {
                Ok(upper)
            } else {
                Err(format!(
                    "{what}: `{s}` matches no code (`akplan explain` lists them)"
                ))
            }
        })
        .collect()
}

impl Config {
    /// Loads `explicit`, or the file [`find`] finds from the current directory, and applies the
    /// command line's `--select` (which replaces the file's) and `--ignore` (which adds to it).
    ///
    /// # Errors
    /// An unreadable or invalid config file, or a selector that matches no code.
    pub fn load(
        explicit: Option<&Path>,
        cli_select: &[String],
        cli_ignore: &[String],
    ) -> Result<Self, String> {
        let cwd = std::env::current_dir().map_err(|e| format!("current directory: {e}"))?;
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => find(&cwd),
        };
        Self::read(path.as_deref(), cwd, cli_select, cli_ignore)
    }

    /// The configuration that applies to `file`: the nearest `akplan.toml` from its directory up
    /// to the repository root (what `akplan validate` run beside it would use), and that file's
    /// path. The language server asks this for every document.
    ///
    /// # Errors
    /// An unreadable or invalid config file.
    pub fn for_file(file: &Path) -> Result<(Self, Option<PathBuf>), String> {
        let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
        let path = find(&dir);
        let config = Self::read(path.as_deref(), dir, &[], &[])?;
        Ok((config, path))
    }

    fn read(
        path: Option<&Path>,
        cwd: PathBuf,
        cli_select: &[String],
        cli_ignore: &[String],
    ) -> Result<Self, String> {
        let file: File = match path {
            Some(p) => {
                let text = std::fs::read_to_string(p)
                    .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
                toml::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?
            }
            None => File::default(),
        };
        let shown = path.map_or("akplan.toml".to_owned(), |p| p.display().to_string());
        let base = path.and_then(Path::parent).map_or(cwd, Path::to_path_buf);
        let base = std::fs::canonicalize(&base).unwrap_or(base);
        let mut per_file = Vec::new();
        for (glob, codes) in &file.per_file_ignores {
            let matcher = Glob::new(glob)
                .map_err(|e| format!("{shown}: per-file-ignores `{glob}`: {e}"))?
                .compile_matcher();
            per_file.push((matcher, selectors(codes, &shown)?));
        }
        let select = if cli_select.is_empty() {
            selectors(&file.select, &shown)?
        } else {
            selectors(cli_select, "--select")?
        };
        let mut ignore = selectors(&file.ignore, &shown)?;
        ignore.extend(selectors(cli_ignore, "--ignore")?);
        Ok(Self {
            select,
            ignore,
            per_file,
            base,
        })
    }

    /// Drops the diagnostics of `file` that the configuration does not report.
    pub fn filter(&self, file: &Path, diagnostics: &mut Vec<Diagnostic>) {
        let absolute = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
        let relative = absolute.strip_prefix(&self.base).unwrap_or(file);
        let file_ignores: Vec<&String> = self
            .per_file
            .iter()
            .filter(|(glob, _)| glob.is_match(relative))
            .flat_map(|(_, codes)| codes)
            .collect();
        let matches = |list: &[&String], code: Code| {
            list.iter().any(|s| code.as_str().starts_with(s.as_str()))
        };
        let select: Vec<&String> = self.select.iter().collect();
        let ignore: Vec<&String> = self.ignore.iter().collect();
        diagnostics.retain(|d| {
            (select.is_empty() || matches(&select, d.code))
                && !matches(&ignore, d.code)
                && !matches(&file_ignores, d.code)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_must_name_a_code() {
        assert_eq!(
            selectors(&["akp065, AKP1".to_owned()], "x"),
            Ok(vec!["AKP065".to_owned(), "AKP1".to_owned()])
        );
        assert!(selectors(&["AKP999".to_owned()], "x").is_err());
        assert!(selectors(&["E501".to_owned()], "x").is_err());
    }
}
