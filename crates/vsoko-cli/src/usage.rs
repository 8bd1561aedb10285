//! Command-line mistakes reported in Russian: clap finds them, this module says them, in the
//! CLI's one-line form `error[usage]: …` with exit code 2. Help and version print as clap
//! writes them.

use crate::failure::Failure;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::process::ExitCode;

/// Prints a command-line error in Russian (or the help or version asked for) and returns the exit code.
pub fn report(e: &clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
        _ => Failure::Usage(message(e)).report(),
    }
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The Russian message for a command-line error.
fn message(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let suggestion = context(e, ContextKind::SuggestedSubcommand)
        .or_else(|| context(e, ContextKind::SuggestedArg))
        .map(|s| format!("; возможно, имелось в виду «{s}»"))
        .unwrap_or_default();
    let help = "; справка: vsoko --help";
    match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let name = context(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("неизвестная команда «{name}»{suggestion}{help}")
        }
        ErrorKind::UnknownArgument => {
            format!("неизвестный параметр «{arg}»{suggestion}{help}")
        }
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue)
                .map(|v| format!("; допустимые: {v}"))
                .unwrap_or_default();
            if value.is_empty() {
                format!("у параметра {arg} нет значения{valid}")
            } else {
                format!("недопустимое значение «{value}» у параметра {arg}{valid}")
            }
        }
        ErrorKind::ValueValidation => {
            format!("значение «{value}» не подходит для параметра {arg}{help}")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("не указаны обязательные аргументы: {arg}{help}")
        }
        ErrorKind::MissingSubcommand => format!("не указана команда{help}"),
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg).unwrap_or_default();
            if prior == arg {
                format!("параметр {arg} указан больше одного раза")
            } else {
                format!("параметры {arg} и {prior} нельзя указывать вместе")
            }
        }
        ErrorKind::TooManyValues => {
            format!("лишнее значение «{value}» у параметра {arg}")
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("у параметра {arg} не хватает значений")
        }
        ErrorKind::NoEquals => format!("значение параметра {arg} задаётся через «=»"),
        ErrorKind::InvalidUtf8 => "аргумент командной строки не в кодировке UTF-8".into(),
        _ => format!("неверная командная строка{help}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    struct Demo {
        #[arg(long, value_parser = ["table", "json"])]
        format: Option<String>,
        #[arg(long)]
        top: Option<usize>,
        file: String,
    }

    fn says(args: &[&str]) -> String {
        message(&Demo::try_parse_from(args).unwrap_err())
    }

    #[test]
    fn mistakes_are_told_in_russian() {
        assert_eq!(
            says(&["demo", "f", "--formt", "x"]),
            "неизвестный параметр «--formt»; возможно, имелось в виду «--format»; справка: vsoko --help"
        );
        assert_eq!(
            says(&["demo", "f", "--format", "xml"]),
            "недопустимое значение «xml» у параметра --format <FORMAT>; допустимые: table, json"
        );
        assert_eq!(
            says(&["demo", "f", "--top", "abc"]),
            "значение «abc» не подходит для параметра --top <TOP>; справка: vsoko --help"
        );
        assert_eq!(
            says(&["demo"]),
            "не указаны обязательные аргументы: <FILE>; справка: vsoko --help"
        );
    }
}
