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
    /// An output that cannot be written as asked (Russian text with its own code).
    Output {
        /// A stable code, e.g. `cell_too_long`.
        code: &'static str,
        /// The Russian message.
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
                message: os_ru(e),
            }
        }
    }

    /// A read error on `path`, in Russian.
    pub fn read(path: &str, e: &std::io::Error) -> Failure {
        Failure::Io {
            path: path.to_string(),
            message: os_ru(e),
        }
    }

    /// A workbook that could not be written to `path`, in Russian.
    pub fn xlsx(path: &str, e: &rust_xlsxwriter::XlsxError) -> Failure {
        use rust_xlsxwriter::XlsxError;
        let message = match e {
            XlsxError::IoError(io) => os_ru(io),
            XlsxError::MaxStringLengthExceeded => {
                "в ячейке больше 32 767 знаков — столько Excel не вмещает".into()
            }
            _ => "внутренняя ошибка при сборке книги Excel".into(),
        };
        Failure::Write {
            path: path.to_string(),
            message,
        }
    }
}

/// What the operating system said, in Russian (its own message is English and is not shown).
///
/// ```
/// let e = std::io::Error::from(std::io::ErrorKind::NotFound);
/// assert_eq!(vsoko_cli::failure::os_ru(&e), "файл или папка не найдены");
/// ```
pub fn os_ru(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let text = match e.kind() {
        K::NotFound => "файл или папка не найдены",
        K::PermissionDenied => "нет прав доступа",
        K::AlreadyExists => "файл уже существует",
        K::IsADirectory => "это папка, а не файл",
        K::NotADirectory => "часть пути не является папкой",
        K::InvalidData => "файл не в кодировке UTF-8 или повреждён",
        K::StorageFull => "на диске нет места",
        K::ReadOnlyFilesystem => "файловая система доступна только для чтения",
        K::FileTooLarge => "файл слишком велик",
        K::InvalidFilename => "недопустимое имя файла",
        K::UnexpectedEof => "файл оборван",
        K::Interrupted => "операция прервана",
        K::OutOfMemory => "не хватило памяти",
        K::BrokenPipe => "получатель вывода закрыл канал",
        _ => {
            return match e.raw_os_error() {
                Some(code) => format!("ошибка ввода-вывода (код системы {code})"),
                None => "ошибка ввода-вывода".into(),
            };
        }
    };
    text.into()
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

/// Writes an output as it is made, to `path` or standard output, through one buffer: large
/// views (a region's rows) are never held as one text. A reader that went away is
/// [`Failure::ClosedPipe`] (see [`Failure::write`]).
///
/// # Errors
/// [`Failure::Write`] naming the file (`stdout` for standard output).
pub fn write_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let name = path.map_or_else(|| "stdout".to_string(), |p| p.display().to_string());
    let sink: Box<dyn Write> = match path {
        Some(p) => Box::new(std::fs::File::create(p).map_err(|e| Failure::write(&name, &e))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, sink);
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::write(&name, &e))
}

/// Prints one line to standard error, ignoring a closed stream (never panics as `eprintln!` does);
/// control characters in it are shown, not obeyed (see [`vsoko::output::terminal`]).
pub fn note(text: &str) {
    let text = vsoko::output::terminal::visible(text);
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
        if let Failure::Core(vsoko::Error::InvalidTitles { problems }) = self {
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
            Failure::Core(vsoko::Error::InvalidTitles { problems }) => format!(
                "error[invalid_titles]: файл названий содержит ошибки ({}), названия не применены:",
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
            Failure::Output { code, message } => format!("error[{code}]: {message}"),
            Failure::ClosedPipe => String::new(),
        }
    }
}

/// Reads a file, or standard input for `-`.
///
/// # Errors
/// [`Failure::Io`] naming the file.
pub fn read_input(path: &Path) -> Result<String, Failure> {
    let io = |e: std::io::Error| Failure::read(&path.display().to_string(), &e);
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(io)?;
        Ok(text)
    } else {
        std::fs::read_to_string(path).map_err(io)
    }
}
