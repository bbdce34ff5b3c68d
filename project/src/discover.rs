//! Which files `akplan validate` reads: named files, directories walked, and globs.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSetBuilder};
use walkdir::WalkDir;

/// A file to check, and whether it must be recognised (named files and akplan spec names).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    /// The path as the user will see it.
    pub path: PathBuf,
    /// An unrecognised file is an error, not skipped: named on the command line, or spec-named.
    pub explicit: bool,
    /// Named on the command line: a file that cannot be read stops the run (exit 2), where a
    /// walked one is reported and the run goes on.
    pub named: bool,
}

/// Directories never worth walking.
pub const SKIP_DIRS: [&str; 5] = ["target", "node_modules", ".git", "cdk.out", ".terraform"];

/// Whether a file name is one of akplan's own spec names.
#[must_use]
pub fn is_spec_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    matches!(name.as_str(), "akplan.yaml" | "akplan.yml" | "akplan.json")
        || [".akplan.yaml", ".akplan.yml", ".akplan.json"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// Whether a file that does not parse should still be reported: its name says it is a task or
/// service definition or a spec, or its text mentions `containerDefinitions`.
#[must_use]
pub fn looks_like_definition(path: &Path, text: &str) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let words: Vec<&str> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let named = words.iter().enumerate().any(|(i, w)| {
        let next = words.get(i + 1).copied().unwrap_or_default();
        matches!(*w, "taskdef" | "taskdefinition" | "servicedef" | "akplan")
            || (matches!(*w, "task" | "service") && matches!(next, "def" | "definition"))
    });
    named || text.contains("\"containerDefinitions\"")
}

fn has_data_extension(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        // `.tf`: its `aws_ecs_express_gateway_service` resources are checked; other
        // Terraform is skipped like any file that is none of akplan's kinds.
        Some("yaml" | "yml" | "json" | "tf")
    )
}

/// Expands the command line's paths. With none, walks the current directory.
///
/// # Errors
/// A path that does not exist and matches nothing, or a bad glob.
pub fn collect(paths: &[String]) -> Result<Vec<Candidate>, String> {
    let mut out = Vec::new();
    if paths.is_empty() {
        walk(Path::new("."), None, &mut out);
    }
    for arg in paths {
        let path = Path::new(arg);
        if path.is_file() {
            out.push(Candidate {
                path: path.to_path_buf(),
                explicit: true,
                named: true,
            });
        } else if path.is_dir() {
            walk(path, None, &mut out);
        } else if arg.contains(['*', '?', '[']) {
            let glob = Glob::new(arg).map_err(|e| format!("bad glob `{arg}`: {e}"))?;
            let set = GlobSetBuilder::new()
                .add(glob)
                .build()
                .map_err(|e| format!("bad glob `{arg}`: {e}"))?;
            let root = literal_prefix(arg);
            let before = out.len();
            walk(&root, Some(&set), &mut out);
            if out.len() == before {
                return Err(format!("no file matches `{arg}`"));
            }
        } else {
            return Err(format!("{arg}: no such file or directory"));
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.path == b.path);
    Ok(out)
}

/// The directory a glob starts in: its path up to the first component with a wildcard.
fn literal_prefix(glob: &str) -> PathBuf {
    let mut root = PathBuf::new();
    for part in Path::new(glob).components() {
        if part.as_os_str().to_string_lossy().contains(['*', '?', '[']) {
            break;
        }
        root.push(part);
    }
    if root.as_os_str().is_empty() || root.is_file() {
        PathBuf::from(".")
    } else {
        root
    }
}

fn walk(root: &Path, glob: Option<&globset::GlobSet>, out: &mut Vec<Candidate>) {
    let entries = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !(e.file_type().is_dir()
                    && e.file_name()
                        .to_str()
                        .is_some_and(|n| SKIP_DIRS.contains(&n) || n.starts_with('.')))
        });
    for entry in entries.flatten() {
        // A symbolic link to a file is checked like the file (a linked `akplan.yaml` must not
        // pass as "0 files"); a dangling one is reported as unreadable.
        let linked = entry.file_type().is_symlink() && !entry.path().is_dir();
        if !entry.file_type().is_file() && !linked {
            continue;
        }
        let path = entry.path();
        let shown = path.strip_prefix("./").unwrap_or(path).to_path_buf();
        let wanted = match glob {
            Some(set) => set.is_match(&shown) || set.is_match(path),
            None => has_data_extension(path),
        };
        if wanted {
            out.push(Candidate {
                path: shown,
                explicit: is_spec_name(path),
                named: false,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_names() {
        for name in [
            "taskdef.json",
            "task-definition.json",
            "app.taskdef.json",
            "ecs-task-def.json",
            "ecs-service-def.json",
            "api.akplan.yaml",
        ] {
            assert!(looks_like_definition(Path::new(name), ""), "{name}");
        }
        for name in ["taskdefaults.json", "package.json", "tasks.json"] {
            assert!(!looks_like_definition(Path::new(name), "{}"), "{name}");
        }
        assert!(looks_like_definition(
            Path::new("x.json"),
            "{\"containerDefinitions\": [${X}]}"
        ));
    }
}
