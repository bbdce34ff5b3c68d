//! Paths as code scanning and workflow annotations want them: relative to the repository root
//! (the nearest parent with `.git`, else the current directory), whatever directory akplan runs
//! from, so a run from a subdirectory still annotates the right files.

use std::path::{Component, Path, PathBuf};

/// The directory paths are made relative to.
#[derive(Debug, Clone)]
pub struct Root {
    dir: PathBuf,
    cwd: PathBuf,
}

/// A checked file's place for SARIF and GitHub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Forward-slash path relative to the root, or the absolute path of a file outside it.
    pub path: String,
    /// Whether the file is inside the root (then `path` is relative).
    pub inside: bool,
}

impl Location {
    /// The SARIF `artifactLocation.uri`: relative and percent-encoded inside the root, a
    /// `file://` URI outside it.
    #[must_use]
    pub fn uri(&self) -> String {
        if self.inside {
            encode(&self.path)
        } else {
            format!("file://{}", encode(&self.path))
        }
    }
}

impl Root {
    /// The repository root of the current directory.
    ///
    /// # Errors
    /// The current directory cannot be read.
    pub fn find() -> Result<Self, String> {
        let cwd = std::env::current_dir().map_err(|e| format!("current directory: {e}"))?;
        let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
        let dir = cwd
            .ancestors()
            .find(|d| d.join(".git").exists())
            .unwrap_or(&cwd)
            .to_path_buf();
        Ok(Self { dir, cwd })
    }

    /// The root as a `file://` URI ending in `/`, for SARIF's `originalUriBaseIds`.
    #[must_use]
    pub fn uri(&self) -> String {
        let mut path = slashes(&self.dir);
        if !path.ends_with('/') {
            path.push('/');
        }
        format!("file://{}", encode(&path))
    }

    /// Where `path` (as given on the command line or found by walking) is.
    #[must_use]
    pub fn locate(&self, path: &Path) -> Location {
        let absolute = normalize(&self.cwd.join(path));
        match absolute.strip_prefix(&self.dir) {
            Ok(relative) => Location {
                path: slashes(relative),
                inside: true,
            },
            Err(_) => Location {
                path: slashes(&absolute),
                inside: false,
            },
        }
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system (the file may be a symlink).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Percent-encodes everything but RFC 3986's unreserved characters and `/`.
#[must_use]
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_root_and_encoded() {
        let root = Root {
            dir: PathBuf::from("/repo"),
            cwd: PathBuf::from("/repo/deploy"),
        };
        let inside = root.locate(Path::new("ecs/task def #1.json"));
        assert_eq!(inside.path, "deploy/ecs/task def #1.json");
        assert_eq!(inside.uri(), "deploy/ecs/task%20def%20%231.json");
        let up = root.locate(Path::new("../infra/100%.json"));
        assert_eq!(up.uri(), "infra/100%25.json");
        let outside = root.locate(Path::new("/tmp/x.json"));
        assert!(!outside.inside);
        assert_eq!(outside.uri(), "file:///tmp/x.json");
        assert_eq!(root.uri(), "file:///repo/");
    }
}
