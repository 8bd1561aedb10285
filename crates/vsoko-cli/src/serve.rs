//! `vsoko serve`: starts the HTTP service of `vsoko_cli::server` on a tokio runtime.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use vsoko_cli::failure::Failure;
use vsoko_cli::server::{Config, serve};

/// Arguments of `vsoko serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// Where to listen. Without --keys only a loopback address is accepted.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// The database: sqlite://FILE (created on first start) or postgres://USER:PASSWORD@HOST/DB.
    #[arg(long, default_value = "sqlite://vsoko.db")]
    db: String,
    /// The keys file (JSON: key hashes and roles); with it every /v1 request needs a key.
    #[arg(long)]
    keys: Option<PathBuf>,
    /// The offline page's folder (bindings/wasm after scripts/build-wasm), served at /.
    #[arg(long)]
    page: Option<PathBuf>,
    /// The largest request body, in bytes.
    #[arg(long, default_value_t = 10 * 1024 * 1024)]
    body_limit: usize,
    /// How long a /v1 request may take, in seconds.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// How many /v1 requests run at once; the others wait their turn.
    #[arg(long, default_value_t = 256)]
    concurrency: usize,
}

/// Runs `vsoko serve` until SIGTERM or SIGINT.
pub fn run(args: &ServeArgs) -> ExitCode {
    let mut config = Config::new(args.listen, &args.db);
    config.keys.clone_from(&args.keys);
    config.page.clone_from(&args.page);
    config.body_limit = args.body_limit;
    config.timeout = std::time::Duration::from_secs(args.timeout.max(1));
    config.concurrency = args.concurrency;
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            return Failure::Output {
                code: "runtime",
                message: format!("не удалось запустить сервис: {e}"),
            }
            .report();
        }
    };
    match runtime.block_on(serve(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => Failure::Output {
            code: e.code(),
            message: e.message_ru(),
        }
        .report(),
    }
}
