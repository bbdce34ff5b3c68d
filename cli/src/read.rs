//! Reading input files safely: only regular files (a FIFO would block forever, `/dev/zero` never
//! ends), and never more than akplan's input limit (the size is checked before reading, and the
//! read stops one byte past the limit, so a 6 GB file costs nothing).

use std::io::Read as _;
use std::path::Path;

use akplan_core::MAX_INPUT_BYTES;

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not a regular file (a directory, FIFO, socket or device).
    NotAFile,
    /// Larger than akplan reads.
    TooLarge(u64),
    /// The operating system refused (permissions, a dangling link, ...).
    Io(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotAFile => f.write_str("not a regular file (a directory, FIFO or device)"),
            Self::TooLarge(n) => write!(f, "the file is {n} bytes, more than akplan reads"),
            Self::Io(e) => f.write_str(e),
        }
    }
}

/// The bytes of `path`, if it is a regular file within the input limit.
///
/// # Errors
/// See [`ReadError`].
pub fn bounded(path: &Path) -> Result<Vec<u8>, ReadError> {
    within(path, MAX_INPUT_BYTES)
}

/// The bytes of `path`, if it is a regular file of at most `max` bytes.
///
/// # Errors
/// See [`ReadError`].
pub fn within(path: &Path, max: usize) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    let limit = u64::try_from(max).unwrap_or(u64::MAX);
    if meta.len() > limit {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| ReadError::Io(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if bytes.len() > max {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// [`bounded`] as UTF-8 text, with the path in the error, for `plan` and `emit`.
///
/// # Errors
/// A sentence naming the file and why it cannot be read.
pub fn text(path: &Path) -> Result<String, String> {
    text_within(path, MAX_INPUT_BYTES)
}

/// [`within`] as UTF-8 text (AWS Price List offer files run to a few MiB: 64 MiB for them).
///
/// # Errors
/// A sentence naming the file and why it cannot be read.
pub fn text_within(path: &Path, max: usize) -> Result<String, String> {
    let bytes = within(path, max).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8 text", path.display()))
}
