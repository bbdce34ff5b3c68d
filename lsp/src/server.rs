//! The server's loop: one thread, one message at a time, as rust-analyzer's `lsp-server`
//! intends. Edits are coalesced: diagnostics are computed once the queue is empty (and, with a
//! debounce, once it has stayed empty that long), for the latest text only.

// lsp-types' `Uri` hashes and compares its text; its cached parts never change that.
#![allow(clippy::mutable_key_type)]

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::Duration;

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, CodeLensRequest, Completion, HoverRequest, RegisterCapability, Request as _,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CodeLensOptions,
    CodeLensParams, CompletionOptions, CompletionParams, CompletionResponse,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern, Hover,
    HoverContents, HoverParams, HoverProviderCapability, InitializeParams, InitializeResult,
    MarkupContent, MarkupKind, MessageType, PositionEncodingKind, PublishDiagnosticsParams,
    Registration, RegistrationParams, SaveOptions, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};
use serde_json::Value;

use crate::actions::{self, FIX_ALL, Target};
use crate::documents::{Documents, PriceSource};
use crate::text::{Encoding, LineIndex, apply_change};
use crate::{complete, complete_json, convert, hover, lens};

/// How the server is set up by its front end.
#[derive(Clone)]
pub struct Options {
    /// Prices per Region.
    pub prices: PriceSource,
    /// How long the queue must stay quiet after an edit before diagnostics are computed
    /// (`initializationOptions.debounceMs` overrides it). Zero: as soon as the queue is empty.
    pub debounce: Duration,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("debounce", &self.debounce)
            .finish_non_exhaustive()
    }
}

/// Why the server stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    /// `exit` after `shutdown`: exit status 0.
    Clean,
    /// `exit` without `shutdown`, or the client went away: exit status 1, as the protocol says.
    Abrupt,
}

struct Server<'c> {
    conn: &'c Connection,
    docs: Documents,
    encoding: Encoding,
    debounce: Duration,
    dirty: BTreeSet<Uri>,
    published: BTreeSet<Uri>,
    shutdown: bool,
    watch_files: bool,
    next_id: i32,
    config_error: Option<String>,
}

/// Serves one client on `conn` until it says `exit` or goes away.
pub fn serve(conn: &Connection, options: Options) -> Stop {
    let Some((id, params)) = wait_for_initialize(conn) else {
        return Stop::Abrupt;
    };
    let encoding = if params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8))
    {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let debounce = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("debounceMs"))
        .and_then(Value::as_u64)
        .map_or(options.debounce, |ms| Duration::from_millis(ms.min(5_000)));
    let watch_files = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "akplan".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    };
    if send(conn, Response::new_ok(id, result).into()).is_err() {
        return Stop::Abrupt;
    }
    let mut server = Server {
        conn,
        docs: Documents::new(options.prices),
        encoding,
        debounce,
        dirty: BTreeSet::new(),
        published: BTreeSet::new(),
        shutdown: false,
        watch_files,
        next_id: 0,
        config_error: None,
    };
    server.run()
}

/// Answers everything before `initialize` as the protocol says, until it comes.
fn wait_for_initialize(conn: &Connection) -> Option<(RequestId, InitializeParams)> {
    loop {
        match conn.receiver.recv().ok()? {
            Message::Request(req) if req.method == "initialize" => {
                match serde_json::from_value::<InitializeParams>(req.params) {
                    Ok(params) => return Some((req.id, params)),
                    Err(e) => reply_error(conn, req.id, ErrorCode::InvalidParams, &e.to_string()),
                }
            }
            Message::Request(req) => reply_error(
                conn,
                req.id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized",
            ),
            Message::Notification(n) if n.method == "exit" => return None,
            _ => {}
        }
    }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), "[".into(), ",".into(), " ".into()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR_REWRITE,
                CodeActionKind::from(FIX_ALL),
            ]),
            resolve_provider: Some(false),
            ..CodeActionOptions::default()
        })),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        ..ServerCapabilities::default()
    }
}

fn send(conn: &Connection, message: Message) -> Result<(), ()> {
    conn.sender.send(message).map_err(|_| ())
}

fn reply_error(conn: &Connection, id: RequestId, code: ErrorCode, message: &str) {
    let _ = send(
        conn,
        Response::new_err(id, code as i32, message.to_owned()).into(),
    );
}

impl Server<'_> {
    fn run(&mut self) -> Stop {
        loop {
            let message = if self.dirty.is_empty() {
                match self.conn.receiver.recv() {
                    Ok(m) => m,
                    Err(_) => return Stop::Abrupt,
                }
            } else {
                match self.conn.receiver.recv_timeout(self.debounce) {
                    Ok(m) => m,
                    Err(RecvTimeoutError::Timeout) => {
                        self.publish();
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return Stop::Abrupt,
                }
            };
            match message {
                Message::Request(req) => self.request(req),
                Message::Notification(n) if n.method == "exit" => {
                    return if self.shutdown {
                        Stop::Clean
                    } else {
                        Stop::Abrupt
                    };
                }
                Message::Notification(n) => self.notification(n),
                Message::Response(_) => {}
            }
        }
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        if req.method == "shutdown" {
            self.shutdown = true;
            let _ = send(self.conn, Response::new_ok(id, Value::Null).into());
            return;
        }
        if self.shutdown {
            reply_error(
                self.conn,
                id,
                ErrorCode::InvalidRequest,
                "the server is shutting down",
            );
            return;
        }
        // Diagnostics first, so a request sees the text it is about as the client does.
        self.publish();
        let answer = catch_unwind(AssertUnwindSafe(|| self.answer(req)));
        let response = match answer {
            Ok(Ok(value)) => Response::new_ok(id, value),
            Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
            Err(_) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                "akplan failed on this request; please report it with the file".to_owned(),
            ),
        };
        let _ = send(self.conn, response.into());
    }

    fn answer(&mut self, req: Request) -> Result<Value, (ErrorCode, String)> {
        fn params<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, (ErrorCode, String)> {
            serde_json::from_value(req.params)
                .map_err(|e| (ErrorCode::InvalidParams, format!("{}: {e}", req.method)))
        }
        let json = |v: Result<Value, serde_json::Error>| {
            v.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        match req.method.as_str() {
            HoverRequest::METHOD => {
                let p: HoverParams = params(req)?;
                json(serde_json::to_value(self.hover(&p)))
            }
            Completion::METHOD => {
                let p: CompletionParams = params(req)?;
                json(serde_json::to_value(self.completion(&p)))
            }
            CodeActionRequest::METHOD => {
                let p: ActionParams = params(req)?;
                json(serde_json::to_value(self.code_actions(&p)))
            }
            CodeLensRequest::METHOD => {
                let p: CodeLensParams = params(req)?;
                json(serde_json::to_value(self.code_lenses(&p)))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("akplan does not answer `{other}`"),
            )),
        }
    }

    fn hover(&mut self, p: &HoverParams) -> Option<Hover> {
        let uri = &p.text_document_position_params.text_document.uri;
        let analysis = self.docs.analysis(uri)?;
        let doc = self.docs.get(uri)?;
        let index = LineIndex::new(&doc.text, self.encoding);
        let offset = index.offset(p.text_document_position_params.position);
        let value = hover::hover(&analysis, &doc.text, offset)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: None,
        })
    }

    fn completion(&mut self, p: &CompletionParams) -> Option<CompletionResponse> {
        let uri = &p.text_document_position.text_document.uri;
        let analysis = self.docs.analysis(uri)?;
        let doc = self.docs.get(uri)?;
        // A definition (JSON): the ECS API's members at the cursor. Half-typed JSON does not
        // parse, so the kind is the last one the document had.
        let kind = doc.last_kind().unwrap_or(analysis.checked.kind);
        if analysis.format == akplan_core::Format::Json
            && matches!(
                kind,
                akplan_core::FileKind::TaskDefinition
                    | akplan_core::FileKind::ServiceDefinition
                    | akplan_core::FileKind::ExpressService
            )
        {
            let index = LineIndex::new(&doc.text, self.encoding);
            let offset = index.offset(p.text_document_position.position);
            let items = complete_json::complete(kind, &doc.text, offset, &index);
            return Some(CompletionResponse::Array(items));
        }
        if analysis.checked.kind != akplan_core::FileKind::Spec
            || analysis.format != akplan_core::Format::Yaml
        {
            return None;
        }
        let index = LineIndex::new(&doc.text, self.encoding);
        let offset = index.offset(p.text_document_position.position);
        let last = doc.last_planned();
        let items = complete::complete(&doc.text, offset, &index, last.as_deref());
        Some(CompletionResponse::Array(items))
    }

    fn code_actions(&mut self, p: &ActionParams) -> Option<Vec<lsp_types::CodeActionOrCommand>> {
        let uri = &p.text_document.uri;
        let analysis = self.docs.analysis(uri)?;
        if !analysis.handled {
            return None;
        }
        let doc = self.docs.get(uri)?;
        let index = LineIndex::new(&doc.text, self.encoding);
        let range = (index.offset(p.range.start), index.offset(p.range.end));
        let target = Target {
            uri,
            text: &doc.text,
            analysis: &analysis,
            encoding: self.encoding,
        };
        Some(actions::actions(&target, range, p.context.only.as_deref()))
    }

    fn code_lenses(&mut self, p: &CodeLensParams) -> Option<Vec<lsp_types::CodeLens>> {
        let uri = &p.text_document.uri;
        let analysis = self.docs.analysis(uri)?;
        let doc = self.docs.get(uri)?;
        let index = LineIndex::new(&doc.text, self.encoding);
        Some(lens::lenses(&analysis, &doc.text, &index))
    }

    fn notification(&mut self, n: Notification) {
        let _ = catch_unwind(AssertUnwindSafe(|| self.notify(n)));
    }

    fn notify(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    self.docs
                        .open(uri.clone(), p.text_document.text, p.text_document.version);
                    self.express_changed(&uri, false);
                    self.dirty.insert(uri);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    let encoding = self.encoding;
                    let before = self.docs.names_a_task_definition(&uri);
                    if let Some(doc) = self.docs.edit(&uri) {
                        for change in p.content_changes {
                            apply_change(&mut doc.text, change.range, &change.text, encoding);
                        }
                        doc.version = p.text_document.version;
                        self.express_changed(&uri, before);
                        self.dirty.insert(uri);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    let uri = p.text_document.uri;
                    let before = self.docs.names_a_task_definition(&uri);
                    self.docs.close(&uri);
                    self.express_changed(&uri, before);
                    self.dirty.remove(&uri);
                    if self.published.remove(&uri) {
                        self.send_diagnostics(uri, Vec::new(), None);
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params)
                    && is_config(p.text_document.uri.as_str())
                {
                    self.config_changed();
                }
            }
            DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(n.params)
                    && p.changes.iter().any(|c| is_config(c.uri.as_str()))
                {
                    self.config_changed();
                }
            }
            "initialized" if self.watch_files => self.watch_configs(),
            _ => {}
        }
    }

    /// An Express input naming a task definition was opened, changed or closed: the open task
    /// definitions are checked again (AKP130 pairs them).
    fn express_changed(&mut self, uri: &Uri, named_before: bool) {
        if named_before || self.docs.names_a_task_definition(uri) {
            self.docs.forget_analyses();
            self.dirty.extend(self.docs.uris());
        }
    }

    fn config_changed(&mut self) {
        self.docs.reload_configs();
        self.config_error = None;
        self.dirty.extend(self.docs.uris());
    }

    /// Asks the client to report changes to any `akplan.toml`.
    fn watch_configs(&mut self) {
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/akplan.toml".to_owned()),
                kind: None,
            }],
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "akplan-toml".to_owned(),
                method: DidChangeWatchedFiles::METHOD.to_owned(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_id += 1;
        let request = Request::new(
            RequestId::from(format!("akplan-{}", self.next_id)),
            RegisterCapability::METHOD.to_owned(),
            params,
        );
        let _ = send(self.conn, request.into());
    }

    /// Sends the diagnostics of every document changed since the last time.
    fn publish(&mut self) {
        let dirty = std::mem::take(&mut self.dirty);
        for uri in dirty {
            let Some(analysis) = self.docs.analysis(&uri) else {
                continue;
            };
            let Some(doc) = self.docs.get(&uri) else {
                continue;
            };
            if let Some(path) = doc.path.clone() {
                self.report_config(&path);
            }
            let Some(doc) = self.docs.get(&uri) else {
                continue;
            };
            if !analysis.handled {
                if self.published.remove(&uri) {
                    self.send_diagnostics(uri, Vec::new(), Some(doc.version));
                }
                continue;
            }
            let index = LineIndex::new(&doc.text, self.encoding);
            let parsed = akplan_core::Document::parse(&doc.text, analysis.format)
                .ok()
                .map(|(d, _)| d);
            let diagnostics = analysis
                .checked
                .diagnostics
                .iter()
                .map(|d| convert::diagnostic(d, &uri, &index, parsed.as_ref()))
                .collect();
            let version = doc.version;
            self.published.insert(uri.clone());
            self.send_diagnostics(uri, diagnostics, Some(version));
        }
    }

    /// Says once that an `akplan.toml` cannot be used (its codes are then all reported).
    fn report_config(&mut self, path: &Path) {
        if let Err(e) = &*self.docs.config(path)
            && self.config_error.as_ref() != Some(e)
        {
            self.config_error = Some(e.clone());
            let params = ShowMessageParams {
                typ: MessageType::ERROR,
                message: format!("akplan: {e}; every code is reported until it is fixed"),
            };
            let _ = send(
                self.conn,
                Notification::new(ShowMessage::METHOD.to_owned(), params).into(),
            );
        }
    }

    fn send_diagnostics(
        &self,
        uri: Uri,
        diagnostics: Vec<lsp_types::Diagnostic>,
        version: Option<i32>,
    ) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let _ = send(
            self.conn,
            Notification::new(PublishDiagnostics::METHOD.to_owned(), params).into(),
        );
    }
}

/// `textDocument/codeAction`'s parameters as far as akplan reads them. The diagnostics the
/// client echoes in `context` are not read (the server knows its own), so a client that echoes
/// them incompletely (Neovim 0.7 drops their ranges) still gets its actions.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct ActionParams {
    text_document: lsp_types::TextDocumentIdentifier,
    range: lsp_types::Range,
    #[serde(default)]
    context: ActionContext,
}

#[derive(serde::Deserialize, Default)]
struct ActionContext {
    #[serde(default)]
    only: Option<Vec<CodeActionKind>>,
}

fn is_config(uri: &str) -> bool {
    uri.ends_with("/akplan.toml")
}
