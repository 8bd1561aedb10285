<?php
// Scores a small document through libvsoko_ffi with PHP's FFI extension, prints the total
// and an error case. Run (from the repository root, after `cargo build -p vsoko-ffi --release`):
//   php crates/vsoko-ffi/examples/php/score.php target/release/libvsoko_ffi.so
// The CLI's default `ffi.enable=preload` allows FFI::cdef in command-line scripts.
declare(strict_types=1);

$lib = $argv[1] ?? __DIR__ . '/../../../../target/release/libvsoko_ffi.so';

// FFI::cdef takes C declarations, not a preprocessed file: it rejects the header's
// #ifndef/#define include guard and the `extern "C" {` that is there for C++. So drop the
// `#ifdef __cplusplus` blocks and every other preprocessor line; what is left (comments and
// four prototypes) is exactly what cdef accepts, and it stays the generated header.
$header = file_get_contents(__DIR__ . '/../../include/vsoko.h');
$header = preg_replace('/^#ifdef __cplusplus$.*?^#endif.*?$/ms', '', $header);
$header = preg_replace('/^\s*#.*$/m', '', $header);
$vsoko = FFI::cdef($header, $lib);

/** Calls one of the JSON functions and frees its string (once), giving the decoded JSON. */
function call(FFI $vsoko, string $fn, ?string $arg): array
{
    $ptr = $vsoko->$fn($arg);
    try {
        return json_decode(FFI::string($ptr), true, 512, JSON_THROW_ON_ERROR);
    } finally {
        $vsoko->vsoko_free($ptr);
    }
}

echo "vsoko ", $vsoko->vsoko_version(), "\n";

$report = call($vsoko, 'vsoko_score_json',
    '{"methodology": "nocko-1547", "values": {"1.1": 10, "2.7": "n/a"}}');
echo "total: {$report['total']} of {$report['max']}\n";

$error = call($vsoko, 'vsoko_score_json', '{"methodology": "no-such-methodology", "values": {}}');
echo "error: {$error['error']['code']}: {$error['error']['message_ru']}\n";

$catalog = call($vsoko, 'vsoko_catalog_json', 'nocko-1547');
echo "catalog: {$catalog['id']}, ", count($catalog['indicators']), " indicators\n";
