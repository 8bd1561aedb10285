//! include/vsoko.h is what cbindgen generates from the crate with cbindgen.toml, so the
//! committed header cannot drift from the exported functions.
//! Regenerate after changing them: `VSOKO_BLESS=1 cargo test -p vsoko-ffi --test header`.

use std::path::Path;

#[test]
fn header_is_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml"))
        .unwrap_or_else(|e| panic!("cbindgen.toml: {e}"));
    let mut generated = Vec::new();
    cbindgen::Builder::new()
        .with_crate(dir)
        .with_config(config)
        .generate()
        .unwrap_or_else(|e| panic!("cbindgen: {e}"))
        .write(&mut generated);
    let generated = String::from_utf8(generated).unwrap_or_else(|e| panic!("header: {e}"));

    let path = dir.join("include/vsoko.h");
    if std::env::var_os("VSOKO_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is out of date with the crate; regenerate it with\n  \
         VSOKO_BLESS=1 cargo test -p vsoko-ffi --test header\n\
         --- generated ---\n{generated}",
        path.display()
    );
}
