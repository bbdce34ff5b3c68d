//! The open documents, what the core says of each, and the `akplan.toml` that applies to each.

// lsp-types' `Uri` hashes and compares its text; its cached parts never change that.
#![allow(clippy::mutable_key_type)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use akplan_core::{App, Assumptions, CheckOptions, Checked, Code, FileKind, Format, Plan, Prices};
use akplan_project::config::Config;
use akplan_project::discover;
use lsp_types::Uri;

/// Where a front end's prices come from: the CLI passes its `auto` (the Price List cache, else
/// the built-in table); tests pass the built-in table.
pub type PriceSource = Rc<dyn Fn(&str) -> Prices>;

/// One open document.
#[derive(Debug)]
pub struct Doc {
    /// Its path, for `file:` URIs.
    pub path: Option<PathBuf>,
    /// The text as the client has it.
    pub text: String,
    /// The client's version of the text.
    pub version: i32,
    analysis: Option<Rc<Analysis>>,
    /// The last analysis that planned: completion while the text is half-typed still knows the
    /// service's count, architecture and Region.
    last_planned: Option<Rc<Analysis>>,
    /// Once akplan has spoken about a document, a version that no longer parses (half-typed)
    /// is still its business until the document is closed.
    handled_before: bool,
    /// The last kind the core recognised, kept while the text does not parse.
    last_kind: Option<FileKind>,
}

impl Doc {
    /// The last kind of file this document was recognised as.
    #[must_use]
    pub fn last_kind(&self) -> Option<FileKind> {
        self.last_kind
    }

    /// The last analysis of this document that had a plan.
    #[must_use]
    pub fn last_planned(&self) -> Option<Rc<Analysis>> {
        self.last_planned.clone()
    }
}

/// What the core says of one version of a document.
#[derive(Debug)]
pub struct Analysis {
    /// How the text is read.
    pub format: Format,
    /// Whether akplan speaks about this file at all: a spec, a definition, or a file named or
    /// written like one (what `akplan validate` run over the directory would report).
    pub handled: bool,
    /// The diagnostics, with `akplan.toml` and inline suppressions applied.
    pub checked: Checked,
    /// The plan of a valid spec or Fargate task definition, with the prices of its Region.
    pub plan: Option<(Plan, Prices)>,
}

impl Analysis {
    /// The validated model, when the spec has no error.
    #[must_use]
    pub fn app(&self) -> Option<&App> {
        self.checked.model.as_ref()
    }
}

/// The documents and the configurations found for them.
pub struct Documents {
    docs: HashMap<Uri, Doc>,
    configs: HashMap<PathBuf, Rc<Result<Config, String>>>,
    prices: PriceSource,
    price_cache: HashMap<String, Prices>,
}

impl Documents {
    /// No documents yet.
    #[must_use]
    pub fn new(prices: PriceSource) -> Self {
        Self {
            docs: HashMap::new(),
            configs: HashMap::new(),
            prices,
            price_cache: HashMap::new(),
        }
    }

    /// Opens or replaces a document.
    pub fn open(&mut self, uri: Uri, text: String, version: i32) {
        let path = path_of(&uri);
        self.docs.insert(
            uri,
            Doc {
                path,
                text,
                version,
                analysis: None,
                last_planned: None,
                handled_before: false,
                last_kind: None,
            },
        );
    }

    /// Closes a document.
    pub fn close(&mut self, uri: &Uri) {
        self.docs.remove(uri);
    }

    /// The document, to edit its text (its analysis is dropped).
    pub fn edit(&mut self, uri: &Uri) -> Option<&mut Doc> {
        let doc = self.docs.get_mut(uri)?;
        doc.analysis = None;
        Some(doc)
    }

    /// The document.
    #[must_use]
    pub fn get(&self, uri: &Uri) -> Option<&Doc> {
        self.docs.get(uri)
    }

    /// Every open document's URI.
    #[must_use]
    pub fn uris(&self) -> Vec<Uri> {
        let mut uris: Vec<Uri> = self.docs.keys().cloned().collect();
        uris.sort();
        uris
    }

    /// Forgets every configuration and analysis: an `akplan.toml` changed.
    pub fn reload_configs(&mut self) {
        self.configs.clear();
        self.forget_analyses();
    }

    /// Forgets every analysis: what one document is held to depends on another (AKP130).
    pub fn forget_analyses(&mut self) {
        for doc in self.docs.values_mut() {
            doc.analysis = None;
        }
    }

    /// The configuration for `path`, read once per directory until [`Self::reload_configs`].
    pub fn config(&mut self, path: &Path) -> Rc<Result<Config, String>> {
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        Rc::clone(
            self.configs
                .entry(dir)
                .or_insert_with(|| Rc::new(Config::for_file(path).map(|(c, _)| c))),
        )
    }

    /// The analysis of the document's current text, computed once per version.
    pub fn analysis(&mut self, uri: &Uri) -> Option<Rc<Analysis>> {
        let doc = self.docs.get(uri)?;
        if let Some(a) = &doc.analysis {
            return Some(Rc::clone(a));
        }
        let path = doc.path.clone();
        let text = doc.text.clone();
        let before = doc.handled_before;
        let config = path.as_deref().map(|p| self.config(p));
        let mut analysis = self.analyze(uri, path.as_deref(), &text, config.as_deref());
        analysis.handled |= before;
        let analysis = Rc::new(analysis);
        if let Some(doc) = self.docs.get_mut(uri) {
            doc.handled_before = analysis.handled;
            if analysis.checked.kind != FileKind::Unknown {
                doc.last_kind = Some(analysis.checked.kind);
            }
            doc.analysis = Some(Rc::clone(&analysis));
            if analysis.plan.is_some() {
                doc.last_planned = Some(Rc::clone(&analysis));
            }
        }
        Some(analysis)
    }

    fn analyze(
        &mut self,
        uri: &Uri,
        path: Option<&Path>,
        text: &str,
        config: Option<&Result<Config, String>>,
    ) -> Analysis {
        let name = path.map_or_else(
            || uri.as_str().to_owned(),
            |p| p.to_string_lossy().into_owned(),
        );
        let named_spec = path.is_some_and(discover::is_spec_name);
        let format = Format::from_name(&name);
        let options = CheckOptions {
            kind: named_spec.then_some(FileKind::Spec),
            launch: None,
        };
        let mut checked = akplan_core::check_with(text, format, options);
        // The same choice as `akplan validate` walking a directory: a file none of akplan's
        // kinds is left alone unless its name or text says it is meant to be one.
        let unparsed = checked
            .diagnostics
            .iter()
            .any(|d| matches!(d.code, Code::Syntax | Code::InputLimit));
        let looks = path.is_some_and(|p| discover::looks_like_definition(p, text));
        // Nor does it walk into build output and dependencies.
        let skipped = path.is_some_and(|p| {
            p.components()
                .any(|c| discover::SKIP_DIRS.iter().any(|d| c.as_os_str() == *d))
        });
        let handled =
            named_spec || (!skipped && (checked.kind != FileKind::Unknown || (unparsed && looks)));
        // A task definition that an open Express input names is held to what Express needs of
        // it (AKP130), as `akplan validate` does over the files of one run.
        if checked.kind == FileKind::TaskDefinition
            && let Some((family, found)) = akplan_core::check_for_express(text, format)
            && self.express_families(uri).contains(&family)
        {
            checked.diagnostics.extend(found);
            checked.diagnostics.sort_by_key(|d| (d.span.start, d.code));
        }
        if let (Some(Ok(config)), Some(path)) = (config, path) {
            config.filter(path, &mut checked.diagnostics);
        }
        // A valid Fargate task definition is a one-service model: its sizes are priced too.
        let plan = match &checked.model {
            Some(app) => {
                let prices = self.prices_for(&app.region);
                let others: Vec<Prices> = app
                    .fleet
                    .iter()
                    .flat_map(|f| &f.regions)
                    .filter(|r| **r != app.region)
                    .map(|r| self.prices_for(r))
                    .collect();
                let plan =
                    akplan_core::plan_in_regions(app, Assumptions::default(), &prices, &others);
                Some((plan, prices))
            }
            None => None,
        };
        Analysis {
            format,
            handled,
            checked,
            plan,
        }
    }

    /// The task definition families the open Express inputs (other than `except`) name.
    fn express_families(&self, except: &Uri) -> Vec<String> {
        self.docs
            .iter()
            .filter(|(u, _)| *u != except)
            .filter_map(|(u, d)| {
                let name = d.path.as_ref().map_or_else(
                    || u.as_str().to_owned(),
                    |p| p.to_string_lossy().into_owned(),
                );
                akplan_core::express_task_family(&d.text, Format::from_name(&name))
            })
            .collect()
    }

    /// Whether the document is an Express input naming a task definition: its changes change
    /// what the open task definitions are held to.
    #[must_use]
    pub fn names_a_task_definition(&self, uri: &Uri) -> bool {
        self.docs.get(uri).is_some_and(|d| {
            let name = d.path.as_ref().map_or_else(
                || uri.as_str().to_owned(),
                |p| p.to_string_lossy().into_owned(),
            );
            akplan_core::express_task_family(&d.text, Format::from_name(&name)).is_some()
        })
    }

    fn prices_for(&mut self, region: &str) -> Prices {
        if let Some(p) = self.price_cache.get(region) {
            return p.clone();
        }
        let prices = (self.prices)(region);
        self.price_cache.insert(region.to_owned(), prices.clone());
        prices
    }
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Documents")
            .field("docs", &self.docs.len())
            .finish_non_exhaustive()
    }
}

/// The path of a `file:` URI, percent-decoded; `None` for other schemes (`untitled:`).
#[must_use]
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path`: the path starts at the first `/` after the authority.
    let path = &rest[rest.find('/')?..];
    let mut bytes = Vec::with_capacity(path.len());
    let raw = path.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            raw[i],
            raw.get(i + 1).copied().and_then(hex),
            raw.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                bytes.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                bytes.push(b);
                i += 1;
            }
        }
    }
    let text = String::from_utf8(bytes).ok()?;
    // `file:///C:/x` on Windows.
    let text = match text.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() && cfg!(windows) => {
            text[1..].to_owned()
        }
        _ => text,
    };
    Some(PathBuf::from(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        let uri: Uri = "file:///home/a%20b/akplan.yaml"
            .parse()
            .unwrap_or_else(|_| unreachable!());
        assert_eq!(path_of(&uri), Some(PathBuf::from("/home/a b/akplan.yaml")));
        let untitled: Uri = "untitled:Untitled-1"
            .parse()
            .unwrap_or_else(|_| unreachable!());
        assert_eq!(path_of(&untitled), None);
    }
}
