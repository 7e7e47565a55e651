#include "CRE2.h"

#include <re2/re2.h>

#include <cstring>
#include <new>
#include <string>
#include <vector>

struct klx_re2 {
    re2::RE2 *regex;
    std::vector<std::string> names;  // index 0 unused; "" for an unnamed group
};

static re2::RE2::Options goOptions(bool dotNL) {
    re2::RE2::Options options;
    options.set_encoding(re2::RE2::Options::EncodingUTF8);
    options.set_posix_syntax(false);  // Perl classes (\d, \s, \w), \b, (?flags), as Go's syntax.Perl
    options.set_longest_match(false);  // leftmost-first, as Go
    options.set_log_errors(false);
    options.set_dot_nl(dotNL);
    options.set_case_sensitive(true);
    return options;
}

extern "C" klx_re2 *klx_re2_new(const char *pattern, size_t length, int dot_nl, int *error_code, char *argument,
                                size_t argument_capacity) {
    re2::RE2 *regex = new (std::nothrow) re2::RE2(re2::StringPiece(pattern, length), goOptions(dot_nl != 0));
    if (regex == nullptr) {
        *error_code = re2::RE2::ErrorPatternTooLarge;
        if (argument_capacity > 0) argument[0] = 0;
        return nullptr;
    }
    if (!regex->ok()) {
        *error_code = regex->error_code();
        const std::string &arg = regex->error_arg();
        if (argument_capacity > 0) {
            size_t n = arg.size() < argument_capacity - 1 ? arg.size() : argument_capacity - 1;
            std::memcpy(argument, arg.data(), n);
            argument[n] = 0;
        }
        delete regex;
        return nullptr;
    }
    klx_re2 *re = new (std::nothrow) klx_re2;
    if (re == nullptr) {
        delete regex;
        *error_code = re2::RE2::ErrorPatternTooLarge;
        return nullptr;
    }
    re->regex = regex;
    re->names.assign(regex->NumberOfCapturingGroups() + 1, std::string());
    for (const auto &entry : regex->CapturingGroupNames()) {
        if (entry.first > 0 && static_cast<size_t>(entry.first) < re->names.size()) re->names[entry.first] = entry.second;
    }
    *error_code = 0;
    return re;
}

extern "C" void klx_re2_free(klx_re2 *re) {
    if (re == nullptr) return;
    delete re->regex;
    delete re;
}

extern "C" int klx_re2_group_count(const klx_re2 *re) { return re->regex->NumberOfCapturingGroups(); }

extern "C" const char *klx_re2_group_name(const klx_re2 *re, int index, size_t *length) {
    if (index <= 0 || static_cast<size_t>(index) >= re->names.size() || re->names[index].empty()) {
        *length = 0;
        return nullptr;
    }
    *length = re->names[index].size();
    return re->names[index].data();
}

extern "C" int klx_re2_matches(const klx_re2 *re, const char *text, size_t length) {
    if (text == nullptr) text = "";
    return re->regex->Match(re2::StringPiece(text, length), 0, length, re2::RE2::UNANCHORED, nullptr, 0) ? 1 : 0;
}

extern "C" int klx_re2_find(const klx_re2 *re, const char *text, size_t length, size_t start, int64_t *offsets,
                            int slots) {
    if (start > length || slots <= 0) return 0;
    if (text == nullptr) text = "";  // a null data pointer means "did not take part" below
    re2::StringPiece whole(text, length);
    re2::StringPiece onStack[16];
    std::vector<re2::StringPiece> onHeap;
    re2::StringPiece *groups = onStack;
    if (slots > 16) {
        onHeap.resize(static_cast<size_t>(slots));
        groups = onHeap.data();
    }
    if (!re->regex->Match(whole, start, length, re2::RE2::UNANCHORED, groups, slots)) return 0;
    for (int i = 0; i < slots; i++) {
        const re2::StringPiece &g = groups[static_cast<size_t>(i)];
        if (g.data() == nullptr) {
            offsets[2 * i] = -1;
            offsets[2 * i + 1] = -1;
        } else {
            offsets[2 * i] = static_cast<int64_t>(g.data() - text);
            offsets[2 * i + 1] = static_cast<int64_t>(g.data() - text + g.size());
        }
    }
    return 1;
}
