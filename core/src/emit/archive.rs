//! All generated files as one zip archive: the web page's "Download zip". Laid out as
//! `akplan emit all -o DIR` writes them, under one top folder, and byte-for-byte deterministic
//! (fixed timestamps and permissions, files in emission order).

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::Artifact;

/// Zips `artifacts` under `folder/`.
///
/// # Errors
/// Only if the zip writer fails, which writing to memory does not; the message says what failed.
pub fn zip(artifacts: &[Artifact], folder: &str) -> Result<Vec<u8>, String> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for artifact in artifacts {
        let name = format!("{folder}/{}", artifact.path);
        writer
            .start_file(name.as_str(), options)
            .map_err(|e| format!("{name}: {e}"))?;
        writer
            .write_all(artifact.contents.as_bytes())
            .map_err(|e| format!("{name}: {e}"))?;
    }
    writer
        .finish()
        .map(Cursor::into_inner)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn files() -> Vec<Artifact> {
        vec![
            Artifact {
                path: "terraform/main.tf".into(),
                contents: "resource \"x\" \"y\" {}\n".into(),
            },
            Artifact {
                path: "cdk/bin/app.ts".into(),
                contents: "// ünïcode\n".repeat(50),
            },
        ]
    }

    #[test]
    fn the_archive_holds_every_file_under_the_folder_and_is_deterministic() {
        let bytes = zip(&files(), "akplan-out").expect("zip");
        assert_eq!(bytes, zip(&files(), "akplan-out").expect("zip"));
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("readable");
        assert_eq!(archive.len(), 2);
        for (i, file) in files().iter().enumerate() {
            let mut entry = archive.by_index(i).expect("entry");
            assert_eq!(
                entry.name().expect("name"),
                format!("akplan-out/{}", file.path)
            );
            let mut text = String::new();
            entry.read_to_string(&mut text).expect("inflates");
            assert_eq!(text, file.contents);
        }
    }
}
