//! How the CLI fails: a core error or a file it could not read, printed as one line
//! `error[<code>] <indicator>: <message>` on stderr, with exit code 2.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

/// Exit code for bad input (the same code clap uses for a bad command line).
pub const EXIT_INVALID: u8 = 2;

/// Why a command failed.
pub enum Failure {
    /// The core rejected the input.
    Core(vsoko::Error),
    /// A file could not be read.
    Io { path: String, message: String },
}

impl From<vsoko::Error> for Failure {
    fn from(e: vsoko::Error) -> Self {
        Failure::Core(e)
    }
}

impl Failure {
    /// Prints the failure to stderr and returns the exit code.
    pub fn report(&self) -> ExitCode {
        eprintln!("{}", self.line());
        if let Failure::Core(vsoko::Error::InvalidMethodology { problems }) = self {
            for p in problems {
                eprintln!("  - {p}");
            }
        }
        ExitCode::from(EXIT_INVALID)
    }

    /// The one-line message: code, indicator (when there is one), Russian text.
    pub fn line(&self) -> String {
        match self {
            Failure::Core(e) => match e.indicator() {
                Some(id) => format!("error[{}] {id}: {}", e.code(), e.message_ru()),
                None => format!("error[{}]: {}", e.code(), e.message_ru()),
            },
            Failure::Io { path, message } => {
                format!("error[io]: не удалось прочитать «{path}»: {message}")
            }
        }
    }
}

/// Reads a file, or standard input for `-`.
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
