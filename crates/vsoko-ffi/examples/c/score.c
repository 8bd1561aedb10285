/*
 * Scores a small document through libvsoko_ffi and prints the report, then an error case.
 * Build and run (from the repository root, after `cargo build -p vsoko-ffi --release`):
 *   gcc -Wall -Wextra -o target/score crates/vsoko-ffi/examples/c/score.c \
 *       -I crates/vsoko-ffi/include -L target/release -lvsoko_ffi
 *   LD_LIBRARY_PATH=target/release target/score
 * scripts/test-ffi does exactly this and checks the output.
 */
#include <stdio.h>

#include "vsoko.h"

int main(void) {
    printf("vsoko %s\n", vsoko_version());

    /* Every returned string is ours: free it with vsoko_free exactly once. */
    char *report = vsoko_score_json(
        "{\"methodology\": \"nocko-1547\", \"values\": {\"1.1\": 10, \"2.7\": \"n/a\"}}");
    printf("report: %s\n", report);
    vsoko_free(report);

    /* Failures are JSON too: {"error": {"code", "indicator", "message", "message_ru"}}. */
    char *error = vsoko_score_json("{\"methodology\": \"no-such-methodology\", \"values\": {}}");
    printf("error: %s\n", error);
    vsoko_free(error);

    char *invalid = vsoko_score_json("{not json");
    printf("invalid: %s\n", invalid);
    vsoko_free(invalid);

    char *null_doc = vsoko_score_json(NULL);
    printf("null: %s\n", null_doc);
    vsoko_free(null_doc);

    return 0;
}
