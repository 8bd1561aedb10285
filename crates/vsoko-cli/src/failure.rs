//! How the CLI fails: a core error or a file it could not read or write, printed as one line
//! `error[<code>] <indicator>: <message>` on stderr, with exit code 2. A reader that closes
//! the pipe early (`vsoko batch … | head`) ends the run quietly, as Unix tools do.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;

/// Exit code for bad input (the same code clap uses for a bad command line).
pub const EXIT_INVALID: u8 = 2;

/// Exit code when the reader of standard output went away (128 + SIGPIPE, as a shell reports
/// a Unix tool stopped by a closed pipe).
pub const EXIT_CLOSED_PIPE: u8 = 141;

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// The core rejected the input.
    Core(vsoko::Error),
    /// A file could not be read.
    Io {
        /// The file.
        path: String,
        /// The system's message.
        message: String,
    },
    /// A file (or standard output) could not be written.
    Write {
        /// The file (`stdout` for standard output).
        path: String,
        /// The system's message.
        message: String,
    },
    /// The command line asks for something that cannot be done (Russian text).
    Usage(String),
    /// Standard output was closed by its reader: stop quietly.
    ClosedPipe,
}

impl Failure {
    /// A write error on `path` (`-` or `stdout` for standard output); a closed pipe is quiet.
    pub fn write(path: &str, e: &std::io::Error) -> Failure {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::ClosedPipe
        } else {
            Failure::Write {
                path: path.to_string(),
                message: e.to_string(),
            }
        }
    }
}

/// Prints to standard output.
///
/// # Errors
/// [`Failure::ClosedPipe`] when the reader went away, [`Failure::Write`] for other errors.
pub fn emit(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Failure::write("stdout", &e))
}

/// Prints one line to standard error, ignoring a closed stream (never panics as `eprintln!` does).
pub fn note(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    if !text.ends_with('\n') {
        let _ = err.write_all(b"\n");
    }
}

impl From<vsoko::Error> for Failure {
    fn from(e: vsoko::Error) -> Self {
        Failure::Core(e)
    }
}

impl Failure {
    /// Prints the failure to stderr and returns the exit code.
    pub fn report(&self) -> ExitCode {
        if let Failure::ClosedPipe = self {
            return ExitCode::from(EXIT_CLOSED_PIPE);
        }
        note(&self.line());
        if let Failure::Core(vsoko::Error::InvalidMethodology { problems }) = self {
            for p in problems {
                note(&format!("  - [{}] {}", p.code(), p.ru()));
            }
        }
        ExitCode::from(EXIT_INVALID)
    }

    /// The one-line message: code, indicator (when there is one), Russian text.
    pub fn line(&self) -> String {
        match self {
            Failure::Core(vsoko::Error::InvalidMethodology { problems }) => format!(
                "error[invalid_methodology]: описание методики содержит ошибки ({}):",
                problems.len()
            ),
            Failure::Core(e) => match e.indicator() {
                Some(id) => format!("error[{}] {id}: {}", e.code(), e.message_ru()),
                None => format!("error[{}]: {}", e.code(), e.message_ru()),
            },
            Failure::Io { path, message } => {
                format!("error[io]: не удалось прочитать «{path}» ({message})")
            }
            Failure::Write { path, message } => {
                format!("error[io]: не удалось записать «{path}» ({message})")
            }
            Failure::Usage(text) => format!("error[usage]: {text}"),
            Failure::ClosedPipe => String::new(),
        }
    }
}

/// Reads a file, or standard input for `-`.
///
/// # Errors
/// [`Failure::Io`] naming the file.
pub fn read_input(path: &Path) -> Result<String, Failure> {
    let io = |e: std::io::Error| Failure::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(io)?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(io)
    }
}
