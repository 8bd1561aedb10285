//! `vsoko generate man DIR` and `vsoko generate completions SHELL`: the manual pages and the
//! shell completions a package installs, made from the command line's own definition (so they
//! never drift from it). Hidden from `--help`: packagers run it, people do not.

use crate::failure::Failure;
use clap::{Command, ValueEnum};
use std::path::{Path, PathBuf};

/// Arguments of `vsoko generate`.
#[derive(clap::Args)]
pub struct GenerateArgs {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand)]
enum What {
    /// Manual pages (`vsoko.1` and one per subcommand, `vsoko-plan.1`…) into a folder.
    Man {
        /// The folder.
        dir: PathBuf,
    },
    /// A completion script for a shell, on standard output.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

/// Runs `vsoko generate` over the command line `cmd`.
pub fn run(args: &GenerateArgs, cmd: Command) -> Result<String, Failure> {
    match &args.what {
        What::Man { dir } => {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::write(&dir.display().to_string(), &e))?;
            man(&cmd, dir, ("vsoko", "vsoko"))?;
            Ok(String::new())
        }
        What::Completions { shell } => {
            let mut cmd = cmd;
            let mut out = Vec::new();
            let shell = match shell {
                Shell::Bash => clap_complete::Shell::Bash,
                Shell::Zsh => clap_complete::Shell::Zsh,
                Shell::Fish => clap_complete::Shell::Fish,
                Shell::Powershell => clap_complete::Shell::PowerShell,
            };
            clap_complete::generate(shell, &mut cmd, "vsoko", &mut out);
            Ok(String::from_utf8_lossy(&out).into_owned())
        }
    }
}

/// The page of `cmd` as `name.1`, then one for each visible subcommand (`name-sub.1`); `bin`
/// is how it is called (`vsoko plan`).
fn man(cmd: &Command, dir: &Path, (name, bin): (&str, &str)) -> Result<(), Failure> {
    let path = dir.join(format!("{name}.1"));
    let mut out = Vec::new();
    // The usage line reads `vsoko plan …`, the page is `vsoko-plan(1)`.
    let page = cmd.clone().bin_name(bin.to_string());
    clap_mangen::Man::new(page)
        .title(name.to_uppercase())
        .render(&mut out)
        .and_then(|()| std::fs::write(&path, &out))
        .map_err(|e| Failure::write(&path.display().to_string(), &e))?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub_name = sub.get_name();
        man(
            sub,
            dir,
            (&format!("{name}-{sub_name}"), &format!("{bin} {sub_name}")),
        )?;
    }
    Ok(())
}
