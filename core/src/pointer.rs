//! JSON pointers (RFC 6901): the path of every diagnostic, stable across YAML and JSON.

use std::fmt;

use serde::{Serialize, Serializer};

/// A JSON pointer, kept as its unescaped tokens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Pointer(Vec<String>);

impl Pointer {
    /// The pointer to the whole document (`""`).
    #[must_use]
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// Parses an escaped pointer such as `/services/api~1v2/cpu`.
    #[must_use]
    pub fn parse(text: &str) -> Self {
        Self(
            text.split('/')
                .skip(1)
                .map(|t| t.replace("~1", "/").replace("~0", "~"))
                .collect(),
        )
    }

    /// This pointer extended by one token.
    #[must_use]
    pub fn join(&self, token: impl ToString) -> Self {
        let mut tokens = self.0.clone();
        tokens.push(token.to_string());
        Self(tokens)
    }

    /// This pointer extended by several tokens.
    #[must_use]
    pub fn join_all<T: ToString>(&self, tokens: impl IntoIterator<Item = T>) -> Self {
        let mut out = self.clone();
        out.0.extend(tokens.into_iter().map(|t| t.to_string()));
        out
    }

    /// The unescaped tokens.
    pub fn tokens(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// The pointer one level up, if any.
    #[must_use]
    pub fn parent(&self) -> Option<Self> {
        let (_, rest) = self.0.split_last()?;
        Some(Self(rest.to_vec()))
    }

    /// The last token, if any.
    #[must_use]
    pub fn last(&self) -> Option<&str> {
        self.0.last().map(String::as_str)
    }

    /// Whether `self` equals `other` or lies inside it.
    #[must_use]
    pub fn starts_with(&self, other: &Self) -> bool {
        self.0.starts_with(&other.0)
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for token in &self.0 {
            write!(f, "/{}", token.replace('~', "~0").replace('/', "~1"))?;
        }
        Ok(())
    }
}

impl Serialize for Pointer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        let p = Pointer::root().join("services").join("a/b~c").join(0);
        assert_eq!(p.to_string(), "/services/a~1b~0c/0");
        assert_eq!(Pointer::parse(&p.to_string()), p);
        assert_eq!(Pointer::root().to_string(), "");
        assert!(p.starts_with(&Pointer::parse("/services")));
    }
}
