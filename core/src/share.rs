//! Share links: a spec compressed into the URL fragment, so the page restores it exactly and the
//! spec never leaves the browser (fragments are not sent to servers).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Prefix of the fragment, versioned so the format can change.
pub const PREFIX: &str = "s1.";
/// Largest decompressed spec a link may carry (the parser's own limit).
const MAX_SPEC: usize = crate::document::MAX_INPUT_BYTES;

/// Encodes spec text for a URL fragment: raw DEFLATE, then URL-safe base64.
#[must_use]
pub fn encode(text: &str) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// Decodes a fragment made by [`encode`] (with or without a leading `#`).
///
/// # Errors
/// Why the fragment is not a share link.
pub fn decode(fragment: &str) -> Result<String, String> {
    let fragment = fragment.trim_start_matches('#');
    let data = fragment
        .strip_prefix(PREFIX)
        .ok_or("not an akplan share link")?;
    let compressed = URL_SAFE_NO_PAD
        .decode(data)
        .map_err(|e| format!("the link is damaged: {e}"))?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_SPEC)
        .map_err(|_| "the link is damaged or too large".to_owned())?;
    String::from_utf8(bytes).map_err(|_| "the link does not hold text".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn examples_round_trip_and_shrink() {
        for (_, text) in crate::examples::EXAMPLES {
            let link = encode(text);
            assert_eq!(decode(&format!("#{link}")).as_deref(), Ok(text));
            assert!(link.len() < text.len());
        }
        assert!(decode("#nope").is_err());
        assert!(decode("#s1.!!!").is_err());
    }

    proptest! {
        #[test]
        fn any_text_round_trips(text in "\\PC{0,300}") {
            prop_assert_eq!(decode(&encode(&text)), Ok(text));
        }
    }
}
