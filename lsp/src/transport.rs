//! The protocol's framing over stdin and stdout (`Content-Length` headers and JSON bodies).
//!
//! lsp-server's own stdio transport ends the connection on the first malformed message; an
//! editor plugin's slip must not kill the server, so this one answers a body that is not JSON
//! with a `ParseError` response (id `null`) and one that is JSON but not a message with an
//! `InvalidRequest` response, and reads on.

use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;

use crossbeam_channel::{Receiver, Sender, bounded};
use lsp_server::{Connection, ErrorCode, Message};

/// The largest message body read: a document over the core's input limit is refused by the
/// core anyway; this keeps a bad `Content-Length` from taking the machine's memory.
pub const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// What one frame held.
#[derive(Debug)]
pub enum Frame {
    /// A message.
    Message(Message),
    /// Something to answer with an error and skip: the response to write.
    Invalid(String),
}

/// Reads one frame; `Ok(None)` at the end of input.
///
/// # Errors
/// The input failed, or its headers cannot be read (the stream is then out of step and the
/// server stops, as every server does).
pub fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length: Option<usize> = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("Content-Length")
        {
            length = value.trim().parse().ok();
            if length.is_none() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("bad Content-Length header: {header:?}"),
                ));
            }
        }
    }
    let length = length.unwrap_or_default();
    if length > MAX_BODY_BYTES {
        io::copy(&mut input.take(length as u64), &mut io::sink())?;
        return Ok(Some(Frame::Invalid(error_json(
            "null",
            ErrorCode::InvalidRequest,
            &format!("a message of {length} bytes is over the {MAX_BODY_BYTES}-byte limit"),
        ))));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(parse(&body)))
}

/// A frame's body as a message, or the error response it deserves.
#[must_use]
pub fn parse(body: &[u8]) -> Frame {
    if let Ok(message) = serde_json::from_slice::<Message>(body) {
        return Frame::Message(message);
    }
    match serde_json::from_slice::<serde_json::Value>(body) {
        Err(e) => Frame::Invalid(error_json(
            "null",
            ErrorCode::ParseError,
            &format!("not JSON: {e}"),
        )),
        Ok(value) => {
            let id = value
                .get("id")
                .filter(|id| id.is_string() || id.is_number())
                .map_or_else(|| "null".to_owned(), ToString::to_string);
            Frame::Invalid(error_json(
                &id,
                ErrorCode::InvalidRequest,
                "not a JSON-RPC request, response or notification",
            ))
        }
    }
}

fn error_json(id: &str, code: ErrorCode, message: &str) -> String {
    let message = serde_json::Value::String(message.to_owned());
    format!(
        r#"{{"jsonrpc":"2.0","id":{id},"error":{{"code":{},"message":{message}}}}}"#,
        code as i32
    )
}

fn write_frame(out: &Mutex<io::Stdout>, body: &str) -> io::Result<()> {
    let mut out = out
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

/// The server's end of a stdio connection, and the threads that move its bytes.
pub fn stdio() -> (Connection, Threads) {
    let stdout = Arc::new(Mutex::new(io::stdout()));
    let (to_client, outgoing): (Sender<Message>, Receiver<Message>) = bounded(0);
    let writer_out = Arc::clone(&stdout);
    let writer = thread::spawn(move || {
        for message in outgoing {
            let mut body = Vec::new();
            message.write(&mut body)?;
            // `Message::write` frames it; the lock keeps frames whole beside the reader's.
            let mut out = writer_out
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            out.write_all(&body)?;
            out.flush()?;
        }
        Ok(())
    });
    let (incoming, from_client) = bounded::<Message>(0);
    let reader = thread::spawn(move || {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        while let Some(frame) = read_frame(&mut input)? {
            match frame {
                Frame::Message(message) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if incoming.send(message).is_err() || exit {
                        break;
                    }
                }
                Frame::Invalid(response) => write_frame(&stdout, &response)?,
            }
        }
        Ok(())
    });
    let connection = Connection {
        sender: to_client,
        receiver: from_client,
    };
    (connection, Threads { reader, writer })
}

/// The reader and writer threads of [`stdio`].
pub struct Threads {
    reader: thread::JoinHandle<io::Result<()>>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl Threads {
    /// Waits for the writer to send what is queued. The reader is not waited for: it may sit in
    /// a read of stdin that only the client's end of the pipe can finish.
    ///
    /// # Errors
    /// Writing failed.
    pub fn join(self) -> io::Result<()> {
        drop(self.reader);
        self.writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<String> {
        let mut input = io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        while let Ok(Some(frame)) = read_frame(&mut input) {
            out.push(match frame {
                Frame::Message(m) => {
                    format!("message {}", serde_json::to_string(&m).unwrap_or_default())
                }
                Frame::Invalid(r) => r,
            });
        }
        out
    }

    #[test]
    fn malformed_bodies_get_error_responses_and_reading_goes_on() {
        let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let input = [
            frame("{oops"),
            frame(r#"{"id":7,"x":1}"#),
            frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        ]
        .concat();
        let out = frames(&input);
        assert_eq!(out.len(), 3, "{out:?}");
        assert!(
            out[0].contains(r#""id":null"#) && out[0].contains("-32700"),
            "{}",
            out[0]
        );
        assert!(
            out[1].contains(r#""id":7"#) && out[1].contains("-32600"),
            "{}",
            out[1]
        );
        assert!(out[2].starts_with("message"), "{}", out[2]);
    }
}
