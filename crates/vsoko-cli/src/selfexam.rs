//! Placeholder until the self-examination commands land.

/// Arguments of `vsoko selfexam`.
#[derive(clap::Args)]
pub struct SelfexamArgs {}

/// Runs `vsoko selfexam`.
pub fn run(_args: &SelfexamArgs) -> std::process::ExitCode {
    eprintln!("error[not_implemented]: selfexam");
    std::process::ExitCode::from(2)
}
