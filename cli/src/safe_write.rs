//! Writing a generated tree so that a planted link cannot redirect it, a failure cannot leave half
//! of it, and files from an earlier run that no longer belong do not linger.
//!
//! Every file is first written into a fresh staging directory inside the output directory; only
//! when all of them are written, and every destination has been checked (no symbolic link on the
//! way, no directory where a file goes), are they renamed into place. `.akplan-manifest` lists what
//! the last run wrote; files it listed that this run does not write are removed (the user's own
//! files, `node_modules` and `cdk.out` among them, are never touched).

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// The file that lists what the last run wrote, relative to the output directory.
pub const MANIFEST: &str = ".akplan-manifest";

/// What a write did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files written, relative to the output directory.
    pub files: Vec<PathBuf>,
    /// Files of the last run removed because this run no longer writes them.
    pub removed: Vec<PathBuf>,
}

/// Writes `files` (relative path, contents) under `out`.
///
/// # Errors
/// A sentence naming what was refused or failed; nothing under `out` has changed then.
pub fn write(out: &Path, files: &[(PathBuf, String)]) -> Result<Written, String> {
    if let Ok(meta) = std::fs::symlink_metadata(out)
        && !meta.is_dir()
        && !(meta.file_type().is_symlink() && out.is_dir())
    {
        return Err(format!("{} exists and is not a directory", out.display()));
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for (relative, _) in files {
        if !is_plain_relative(relative) {
            return Err(format!(
                "refusing to write outside {}: {}",
                out.display(),
                relative.display()
            ));
        }
        check_destination(out, relative)?;
    }
    let staging = staging_dir(out)?;
    let result = stage_and_move(out, &staging, files);
    let _ = std::fs::remove_dir_all(&staging);
    result
}

fn stage_and_move(
    out: &Path,
    staging: &Path,
    files: &[(PathBuf, String)],
) -> Result<Written, String> {
    for (relative, contents) in files {
        let path = staging.join(relative);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::write(&path, contents)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let before = previous(out);
    // A run owns the top-level folders it writes (`cdk/`, `terraform/`, ...): `emit cdk` after
    // `emit taskdef` keeps the task definitions.
    let now: BTreeSet<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    let owned: BTreeSet<Component<'_>> = now.iter().filter_map(|p| p.components().next()).collect();
    let stale: Vec<&PathBuf> = before
        .iter()
        .filter(|p| !now.contains(*p) && p.components().next().is_some_and(|c| owned.contains(&c)))
        .collect();
    let kept = before
        .iter()
        .filter(|p| !stale.contains(p) && !now.contains(*p));
    let manifest: Vec<String> = now
        .iter()
        .chain(kept)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    std::fs::write(staging.join(MANIFEST), manifest.join("\n") + "\n")
        .map_err(|e| format!("cannot write the manifest: {e}"))?;
    // Everything is staged: now the renames, which do not fail for space.
    for (relative, _) in files {
        let dest = out.join(relative);
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::rename(staging.join(relative), &dest)
            .map_err(|e| format!("cannot move {} into place: {e}", dest.display()))?;
    }
    let mut removed = Vec::new();
    for old in stale {
        if check_destination(out, old).is_ok()
            && std::fs::symlink_metadata(out.join(old)).is_ok_and(|m| m.is_file())
            && std::fs::remove_file(out.join(old)).is_ok()
        {
            removed.push(old.clone());
        }
    }
    std::fs::rename(staging.join(MANIFEST), out.join(MANIFEST))
        .map_err(|e| format!("cannot write the manifest: {e}"))?;
    Ok(Written {
        files: files.iter().map(|(p, _)| p.clone()).collect(),
        removed,
    })
}

/// The files the last run listed, if its manifest is readable.
fn previous(out: &Path) -> BTreeSet<PathBuf> {
    let Ok(meta) = std::fs::symlink_metadata(out.join(MANIFEST)) else {
        return BTreeSet::new();
    };
    if !meta.is_file() {
        return BTreeSet::new();
    }
    std::fs::read_to_string(out.join(MANIFEST))
        .unwrap_or_default()
        .lines()
        .map(PathBuf::from)
        .filter(|p| is_plain_relative(p))
        .collect()
}

/// A path of normal components only: no `..`, no root, no prefix.
fn is_plain_relative(path: &Path) -> bool {
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Refuses a destination reached through a symbolic link, or where a directory is in the way.
fn check_destination(out: &Path, relative: &Path) -> Result<(), String> {
    let mut path = out.to_path_buf();
    let parts: Vec<Component<'_>> = relative.components().collect();
    for (i, part) in parts.iter().enumerate() {
        path.push(part);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            return Ok(());
        };
        if meta.file_type().is_symlink() {
            return Err(format!(
                "{} is a symbolic link; akplan does not write through links in its output",
                path.display()
            ));
        }
        let last = i + 1 == parts.len();
        if last && meta.is_dir() {
            return Err(format!(
                "{} is a directory where a file goes",
                path.display()
            ));
        }
        if !last && !meta.is_dir() {
            return Err(format!(
                "{} is a file where a directory goes",
                path.display()
            ));
        }
    }
    Ok(())
}

/// A new, empty directory inside `out` for this run.
fn staging_dir(out: &Path) -> Result<PathBuf, String> {
    let pid = std::process::id();
    for n in 0..100 {
        let dir = out.join(format!(".akplan-staging-{pid}-{n}"));
        if std::fs::create_dir(&dir).is_ok() {
            return Ok(dir);
        }
    }
    Err(format!(
        "cannot create a staging directory in {}",
        out.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_paths() {
        assert!(is_plain_relative(Path::new("cdk/lib/stack.ts")));
        assert!(!is_plain_relative(Path::new("../x")));
        assert!(!is_plain_relative(Path::new("/etc/passwd")));
        assert!(!is_plain_relative(Path::new("")));
    }
}
