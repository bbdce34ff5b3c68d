//! File names of generated files: the one way a service name becomes a path.

/// The file name (without extension) generated files of a service get: the service name, which
/// the schema restricts to letters, digits, `_` and `-`; anything else becomes `_`, so no name
/// can reach another directory.
pub fn file_stem(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
