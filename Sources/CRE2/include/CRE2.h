// A small C interface to RE2 (Debian's libre2-dev), the linear-time engine Go's `regexp` follows. Swift calls
// these functions; everything C++ stays in shim.cpp.
#ifndef KLAXON_CRE2_H
#define KLAXON_CRE2_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct klx_re2 klx_re2;

/// Compiles `pattern` (UTF-8, `length` bytes) with Go's defaults: Perl classes, leftmost-first, UTF-8.
/// `dot_nl` makes `.` match `\n`. On failure returns NULL, sets `*error_code` to RE2's code and writes the
/// offending fragment of the pattern (NUL-terminated, truncated to `argument_capacity`) to `argument`.
klx_re2 *klx_re2_new(const char *pattern, size_t length, int dot_nl, int *error_code, char *argument,
                     size_t argument_capacity);
void klx_re2_free(klx_re2 *re);

/// The number of capturing groups (not counting the whole match).
int klx_re2_group_count(const klx_re2 *re);
/// The name of capturing group `index` (1-based), or NULL when it has none; `*length` gets its byte count.
const char *klx_re2_group_name(const klx_re2 *re, int index, size_t *length);

/// Whether `text` contains a match (unanchored, as Go's `MatchString`).
int klx_re2_matches(const klx_re2 *re, const char *text, size_t length);

/// Searches `text` from byte `start` (the bytes before it are context for `^` and `\b`, as in Go). On a match
/// returns 1 and writes `2 * slots` offsets (begin, end of the whole match, then of each group; -1 for a
/// group that did not take part) to `offsets`; returns 0 when there is none.
int klx_re2_find(const klx_re2 *re, const char *text, size_t length, size_t start, int64_t *offsets, int slots);

#ifdef __cplusplus
}
#endif

#endif
