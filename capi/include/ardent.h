/*
** ardent.h -- the stable C interface of Ardent, a clinical rules language and triage engine.
**
** OVERVIEW
**
**   Ardent compiles rule sets written in the Ardent language (.ard files) into an immutable
**   program and evaluates the findings of one patient (a "case") against it. An embedding
**   program goes through five steps:
**
**     1. compile   ardent_ruleset_compile_path() / _source() / _sources()  -> ardent_ruleset*
**     2. case      ardent_case_new(), then ardent_case_set_*() for each known finding
**     3. evaluate  ardent_evaluate() -> ardent_result*, or ardent_evaluate_into() to reuse one
**     4. read      ardent_result_triage(), ardent_result_get_redflag(), ..., ardent_result_json()
**     5. free      ardent_result_free(), ardent_case_free(), ardent_ruleset_free()
**
**       ardent_ruleset *rs = NULL;
**       ardent_case *c = NULL;
**       ardent_result *r = NULL;
**       if (ardent_ruleset_compile_path(&rs, NULL, "rules/hip", NULL) != ARDENT_OK) {
**         fprintf(stderr, "%s\n", ardent_last_error()->message);
**         return 1;
**       }
**       ardent_case_new(&c, rs);
**       ardent_case_set_bool(c, "fever", 1);
**       ardent_evaluate(&r, rs, c, NULL);
**       printf("triage: %s\n", ardent_triage_str(ardent_result_triage(r)));
**       ardent_result_free(r);
**       ardent_case_free(c);
**       ardent_ruleset_free(rs);
**
** CONVENTIONS
**
**   Return codes. Functions that can fail return an int: ARDENT_OK (0) or one of the small
**   negative ARDENT_E* codes below. The details of the most recent failure on the calling
**   thread are in ardent_last_error(). Functions returning a count return 0 for a NULL handle.
**   Functions returning a non-negative enumeration value (a triage level, a state) return a
**   negative ARDENT_E* code when they fail.
**
**   Output parameters come first and are named `out`. On failure, a pointer written through
**   `out` is set to NULL (for handles and strings) and other outputs are left unspecified.
**
**   Ownership. Every handle returned through `out` is owned by the caller and released with
**   the matching ardent_*_free() function; every char* returned through `out` is owned by the
**   caller and released with ardent_string_free(). All *_free functions accept NULL.
**   A `const char*` (or array) handed out by a getter is BORROWED: it stays valid until its
**   parent handle is freed -- for anything read from an ardent_result, until that result is
**   freed or evaluated again. Never free a borrowed pointer. Strings are UTF-8 and
**   NUL-terminated; string fields of the structs below are never NULL (empty when absent).
**
**   A case and a result keep their rule set alive: ardent_ruleset_free() may be called while
**   cases and results made from it still exist. Borrowed strings of a rule set stay valid as
**   long as the rule set handle or any case or result made from it is alive.
**
**   Versioned structs. Option structs (read by the library) and info structs (filled by the
**   library) start with `unsigned int version`. Initialise them with their ARDENT_*_INIT macro
**   (or ardent_*_options_init()) so that `version` says which fields your program knows. A
**   newer library honours every older version; a version the library does not know gives
**   ARDENT_EINVALID. New fields are only ever appended, with a new version number.
**   A NULL options pointer means the defaults.
**
**   Indices. Findings, conditions and rules are numbered 0..count-1 in declaration order
**   (uint32_t); these numbers are stable for one compiled rule set. Positions in a result's
**   lists are size_t, 0..count-1.
**
**   Names and values are compared byte for byte (identifiers are case-sensitive).
**
**   Compatibility. Once released, a function keeps its meaning for the whole life of ABI
**   version 1; a changed behaviour gets a new function with a `_v2` suffix.
**
** THREADS
**
**   The library holds no global state apart from the per-thread last error, and never starts
**   a thread except inside ardent_evaluate_batch() (which joins every thread it starts before
**   it returns).
**   - A compiled ardent_ruleset is immutable: any number of threads may use one at the same
**     time, including compiling, creating cases and evaluating against it.
**   - An ardent_diagnostics is immutable once returned: any number of threads may read it.
**   - An ardent_case belongs to one thread at a time. Functions taking a `const ardent_case*`
**     only read it: several threads may read one case at once (ardent_evaluate() on several
**     threads, or the same case given several times to ardent_evaluate_batch()), as long as
**     no thread modifies it meanwhile.
**   - An ardent_result belongs to one thread at a time, for reading as well: the first read of
**     the ask-next list or of an explanation completes work that evaluating left for later.
**   - ardent_last_error() is per thread: a failure on one thread never changes what another
**     thread sees.
**
** ERRORS
**
**   No C++ exception ever leaves the library. NULL handles, NULL strings, unknown names, values
**   of the wrong type or out of range, invalid UTF-8 and malformed JSON are reported with an
**   error code and a message, never by crashing. Passing a pointer that is not NULL but does not
**   point to a live object of the right type (a freed handle, a wild pointer) is undefined
**   behaviour, as in any C library.
*/
#ifndef ARDENT_H
#define ARDENT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------- */
/* Export and versions                                                                       */
/* ---------------------------------------------------------------------------------------- */

#if defined(_WIN32) && !defined(ARDENT_STATIC)
#  if defined(ARDENT_BUILDING_LIBRARY)
#    define ARDENT_API __declspec(dllexport)
#  else
#    define ARDENT_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define ARDENT_API __attribute__((visibility("default")))
#else
#  define ARDENT_API
#endif

/* The library version these declarations come from. ARDENT_VERSION_NUMBER is
** MAJOR * 1000000 + MINOR * 1000 + PATCH, so it grows with every release. */
#define ARDENT_VERSION "0.1.0"
#define ARDENT_VERSION_MAJOR 0
#define ARDENT_VERSION_MINOR 1
#define ARDENT_VERSION_PATCH 0
#define ARDENT_VERSION_NUMBER 1000

/* The binary interface: the SONAME is libardent.so.<ARDENT_ABI_VERSION>. It changes only when
** a released function or struct layout changes incompatibly, which is never done lightly. */
#define ARDENT_ABI_VERSION 1

/* Version of the Ardent rule language and of the JSON result schema this library writes unless
** asked for another (ardent_json_options.schema); ARDENT_JSON_SCHEMA_OLDEST is the oldest schema
** it still writes. Schema 2 carries codes as FHIR Codings, schema 1 as written in the rules. */
#define ARDENT_DSL_VERSION 1
#define ARDENT_JSON_SCHEMA_VERSION 2
#define ARDENT_JSON_SCHEMA_OLDEST 1

/* The version of the library actually loaded, e.g. "0.1.0" (static string). Compare with
** ARDENT_VERSION to detect a header/library mismatch. */
ARDENT_API const char *ardent_version(void);
/* ARDENT_VERSION_NUMBER of the loaded library. */
ARDENT_API int ardent_version_number(void);
/* ARDENT_ABI_VERSION of the loaded library. */
ARDENT_API int ardent_abi_version(void);

/* ---------------------------------------------------------------------------------------- */
/* Status codes and the last error                                                           */
/* ---------------------------------------------------------------------------------------- */

#define ARDENT_OK 0
#define ARDENT_ESYNTAX (-1)    /* the rule set has errors (see the diagnostics)             */
#define ARDENT_ETYPE (-2)      /* a value of the wrong type for this finding                 */
#define ARDENT_ENOTFOUND (-3)  /* no finding, condition, rule or enum value of that name     */
#define ARDENT_EINVALID (-4)   /* a NULL or malformed argument, malformed JSON, invalid UTF-8 */
#define ARDENT_ERANGE (-5)     /* an index or value outside its range or domain              */
#define ARDENT_EIO (-6)        /* a file or directory could not be read                      */
#define ARDENT_ESTORAGE (-7)   /* the registry or audit database failed                     */
#define ARDENT_ENOMEM (-8)     /* out of memory                                              */
#define ARDENT_EINTERNAL (-9)  /* a bug in Ardent: please report it with the message         */

/* A short static description of a status code ("out of memory"); never NULL. */
ARDENT_API const char *ardent_errstr(int code);

/* The most recent failure on the calling thread. Fields may be appended in later versions:
** read it through the pointer, never copy or allocate one. */
typedef struct ardent_error {
  int code;              /* ARDENT_E*, or ARDENT_OK when nothing has failed (or after a clear) */
  const char *message;   /* what went wrong, in English; "" when code is ARDENT_OK            */
  const char *file;      /* compile errors: file of the first error; else ""                  */
  uint32_t line;         /* compile errors: 1-based line of the first error; else 0           */
  uint32_t column;       /* compile errors: 1-based column (in bytes); else 0                 */
  const char *finding;   /* case errors: the finding concerned, when known; else ""           */
} ardent_error;

/* Details of the most recent failing call on the calling thread; never NULL. A successful call
** does not change it. The pointer and its strings stay valid until the next failing call or
** ardent_error_clear() on the same thread. Thread-safe (thread-local). */
ARDENT_API const ardent_error *ardent_last_error(void);

/* Resets the calling thread's last error to ARDENT_OK. */
ARDENT_API void ardent_error_clear(void);

/* Releases a string the library allocated and returned through a `char **out`. NULL-safe. */
ARDENT_API void ardent_string_free(char *string);

/* Pass as a length to mean "the string is NUL-terminated". */
#define ARDENT_NUL_TERMINATED ((size_t)-1)

/* ---------------------------------------------------------------------------------------- */
/* Enumerations                                                                               */
/* ---------------------------------------------------------------------------------------- */

/* Triage levels, from least to most urgent (a larger number is more urgent). */
#define ARDENT_TRIAGE_NONE (-1)  /* in ardent_rule_info and ardent_redflag: it sets no triage */
#define ARDENT_TRIAGE_SELF_CARE 0
#define ARDENT_TRIAGE_ROUTINE 1
#define ARDENT_TRIAGE_URGENT 2
#define ARDENT_TRIAGE_EMERGENCY 3

/* Finding types. */
#define ARDENT_FINDING_BOOL 0
#define ARDENT_FINDING_ENUM 1
#define ARDENT_FINDING_NUMBER 2
#define ARDENT_FINDING_DURATION 3

/* The state of a finding in a case. */
#define ARDENT_STATE_NOT_ASKED 0  /* absent: nobody has asked                     */
#define ARDENT_STATE_UNKNOWN 1    /* asked, and nobody knows (never asked again) */
#define ARDENT_STATE_GIVEN 2      /* a value is recorded                          */

/* Units of ardent_case_set_duration(). A month is 30.4375 days, a year 365.25 days. */
#define ARDENT_MINUTES 0
#define ARDENT_HOURS 1
#define ARDENT_DAYS 2
#define ARDENT_WEEKS 3
#define ARDENT_MONTHS 4
#define ARDENT_YEARS 5

/* Diagnostic severities. */
#define ARDENT_SEVERITY_ERROR 0
#define ARDENT_SEVERITY_WARNING 1
#define ARDENT_SEVERITY_NOTE 2

/* The state of a rule (or red flag) after evaluation. */
#define ARDENT_RULE_NOT_FIRED 0  /* its condition is false                                */
#define ARDENT_RULE_UNDECIDED 1  /* its condition is unknown: more findings could decide */
#define ARDENT_RULE_FIRED 2      /* its condition is true                                 */

/* The status of a concluded condition. */
#define ARDENT_CONDITION_SUGGESTED 0
#define ARDENT_CONDITION_CONSIDERED 1
#define ARDENT_CONDITION_EXCLUDED 2

/* The strength of a suggestion (a plain `suggest` is NONE). */
#define ARDENT_STRENGTH_NONE 0
#define ARDENT_STRENGTH_LIKELY 1
#define ARDENT_STRENGTH_POSSIBLE 2

/* Why a finding is worth asking next (ardent_ask.reason). The ask-next list asks, in this
** order: RED_FLAG and RAISES_TRIAGE completing a started emergency, SCREEN, then RED_FLAG and
** RAISES_TRIAGE (completing any other alarm), REQUESTED, then
** LOWERS_TRIAGE and DECIDES_CONDITION (following the picture). The numbers are not the order:
** 0 to 3 came first, 4 to 6 were added with the interview. REFINES is no longer produced (a
** finding that could change nothing that matters is not asked); it stays defined. A program
** must expect reasons it does not know: ardent_ask_reason_str() names every one. */
#define ARDENT_ASK_RED_FLAG 0           /* it could complete an undecided red flag that already
                                           has a true part                                      */
#define ARDENT_ASK_REQUESTED 1          /* a fired rule asks for it (`ask F`)                  */
#define ARDENT_ASK_RAISES_TRIAGE 2      /* it could complete a rule that would raise the triage */
#define ARDENT_ASK_REFINES 3            /* no longer produced                                  */
#define ARDENT_ASK_SCREEN 4             /* on the rule set's screen, not answered yet          */
#define ARDENT_ASK_LOWERS_TRIAGE 5      /* it could let a rule lower the triage below the
                                           default (a self-care rule)                          */
#define ARDENT_ASK_DECIDES_CONDITION 6  /* it could change the leading condition               */

/* Where an undecided rule stands in the interview (ardent_undecided.standing): whether it
** drives questions and, if not, why not. RAISES, LOWERS and DECIDES_CONDITION drive questions;
** in a complete interview every undecided rule has one of the others. */
#define ARDENT_STANDING_NO_TRUE_PART 0       /* nothing in it holds yet: it asks nothing       */
#define ARDENT_STANDING_RAISES 1             /* it could add a red flag or raise the triage    */
#define ARDENT_STANDING_LOWERS 2             /* it could lower the triage below the default    */
#define ARDENT_STANDING_DECIDES_CONDITION 3  /* it could change the leading condition          */
#define ARDENT_STANDING_NOTHING_TO_ASK 4     /* it has a true part, but what could decide it
                                                was recorded as unknown                        */
#define ARDENT_STANDING_NO_CHANGE 5          /* it has a true part, but firing would change
                                                neither the triage, the red flags nor the
                                                leading condition                              */
#define ARDENT_STANDING_DISTANT 6            /* it has a true part, but needs more positive
                                                answers than the interview chases              */

/* Kinds of the facts in an explanation. */
#define ARDENT_FACT_FINDING 0   /* a predicate on a finding; index = finding        */
#define ARDENT_FACT_SCORE 1     /* a score compared with a threshold; index = score */
#define ARDENT_FACT_PRESENCE 2  /* `x is known` / `x is unknown`; index = finding   */

/* Problems met while reading a case or evaluating it. These lists only grow: a caller should
** treat a kind or an owner it does not know as a warning to show with its name. */
#define ARDENT_WARNING_DIVISION_BY_ZERO 0
#define ARDENT_WARNING_CONFLICTING_ANSWERS 1  /* FHIR input: answers of one time disagree */
#define ARDENT_OWNER_RULE 0
#define ARDENT_OWNER_DEFINE 1
#define ARDENT_OWNER_SCORE 2
#define ARDENT_OWNER_FINDING 3

/* Names of the values above ("urgent", "enum", "not_asked", "minutes", "warning", "fired",
** "suggested", "likely" ("" for NONE), "raises_triage", "no_change"): static strings; NULL for
** a value outside the enumeration. */
ARDENT_API const char *ardent_triage_str(int triage);
ARDENT_API const char *ardent_finding_type_str(int type);
ARDENT_API const char *ardent_state_str(int state);
ARDENT_API const char *ardent_duration_unit_str(int unit);
ARDENT_API const char *ardent_severity_str(int severity);
ARDENT_API const char *ardent_rule_state_str(int state);
ARDENT_API const char *ardent_condition_status_str(int status);
ARDENT_API const char *ardent_strength_str(int strength);
ARDENT_API const char *ardent_ask_reason_str(int reason);
ARDENT_API const char *ardent_standing_str(int standing);

/* ---------------------------------------------------------------------------------------- */
/* Handles                                                                                    */
/* ---------------------------------------------------------------------------------------- */

typedef struct ardent_ruleset ardent_ruleset;          /* compiled rule set; immutable, shared */
typedef struct ardent_case ardent_case;                /* the findings of one patient          */
typedef struct ardent_result ardent_result;            /* the outcome of one evaluation        */
typedef struct ardent_diagnostics ardent_diagnostics;  /* errors and warnings of a compile     */
typedef struct ardent_registry ardent_registry;        /* rule-set registry (storage)          */
typedef struct ardent_audit ardent_audit;              /* audit log of evaluations (storage)   */

/* A terminology binding, e.g. {"snomed", "386661006"}. Arrays of this struct are handed out
** by the library, so its layout is fixed for ever. */
typedef struct ardent_code {
  const char *system;
  const char *value;
} ardent_code;

/* ---------------------------------------------------------------------------------------- */
/* Compiling                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* The most input the library reads by default: far above any real rule set
** (rules/hip: 243 kB in 20 files) or case (under 5 kB). */
#define ARDENT_DEFAULT_MAX_FILE_BYTES ((size_t)1 << 20)      /* one rule file: 1 MiB          */
#define ARDENT_DEFAULT_MAX_RULESET_BYTES ((size_t)16 << 20)  /* a rule set's files: 16 MiB    */
#define ARDENT_DEFAULT_MAX_CASE_BYTES ((size_t)1 << 20)      /* one case's JSON: 1 MiB        */

/* Version 2 appended the limits; a version-1 struct (and a NULL options pointer) gets the
** default limits. A rule file or rule set over its limit is refused before it is read, as
** ARDENT_ESYNTAX with a diagnostic of code "limit"; a case's JSON over its limit is refused by
** ardent_case_set_json() with ARDENT_ERANGE. A limit of 0 is ARDENT_EINVALID. */
#define ARDENT_COMPILE_OPTIONS_VERSION 2
typedef struct ardent_compile_options {
  unsigned int version;      /* ARDENT_COMPILE_OPTIONS_VERSION                               */
  int werror;                /* nonzero: warnings count as errors (compiling then fails)   */
  size_t max_file_bytes;     /* version 2: the largest rule file, in bytes                  */
  size_t max_ruleset_bytes;  /* version 2: the most bytes a rule set's files hold together  */
  size_t max_case_bytes;     /* version 2: the longest case JSON that cases of this rule set
                                take (ardent_case_set_json)                                 */
} ardent_compile_options;
#define ARDENT_COMPILE_OPTIONS_INIT                                                              \
  { ARDENT_COMPILE_OPTIONS_VERSION, 0, ARDENT_DEFAULT_MAX_FILE_BYTES, ARDENT_DEFAULT_MAX_RULESET_BYTES, \
    ARDENT_DEFAULT_MAX_CASE_BYTES }

/* Fills *opts with the defaults of the given version (pass ARDENT_COMPILE_OPTIONS_VERSION).
** ARDENT_EINVALID for a NULL opts or an unknown version. */
ARDENT_API int ardent_compile_options_init(ardent_compile_options *opts, unsigned int version);

/* One source file held in memory, for ardent_ruleset_compile_sources(). Layout fixed. */
typedef struct ardent_source {
  const char *path;   /* the name used in diagnostics and for sorting, e.g. "hip/core.ard" */
  const char *text;   /* UTF-8 text                                                         */
  size_t length;      /* bytes of text, or ARDENT_NUL_TERMINATED                             */
} ardent_source;

/* Compiles a rule set from `path`: a directory (every *.ard file below it, in sorted order) or
** one .ard file.
**   out          receives the compiled rule set, or NULL on failure. Free: ardent_ruleset_free.
**   diagnostics  optional (may be NULL): receives every error and warning, on success and on
**                failure alike. Free: ardent_diagnostics_free. It is NULL after
**                ARDENT_EINVALID, and may be NULL after ARDENT_ENOMEM or ARDENT_EINTERNAL.
**   path         file system path (bytes as given to the operating system).
**   opts         NULL for the defaults.
** Returns ARDENT_OK (possibly with warnings); ARDENT_ESYNTAX when the rule set has errors (or
** warnings under werror, or a file over the options' limits) -- ardent_last_error() then
** carries the first error's file, line, column and message; ARDENT_EIO when the path cannot be
** read; ARDENT_EINVALID for NULL out or path or bad options; ARDENT_ENOMEM. Thread-safe. */
ARDENT_API int ardent_ruleset_compile_path(ardent_ruleset **out, ardent_diagnostics **diagnostics,
                                           const char *path, const ardent_compile_options *opts);

/* Compiles a rule set held in one string (one file's text). `name` is the file name used in
** diagnostics (NULL: "<memory>"). `length` is the text's size in bytes or
** ARDENT_NUL_TERMINATED. Text that is not valid UTF-8 is an ARDENT_ESYNTAX error located at
** the first bad byte. Otherwise as ardent_ruleset_compile_path(). Thread-safe. */
ARDENT_API int ardent_ruleset_compile_source(ardent_ruleset **out, ardent_diagnostics **diagnostics,
                                             const char *text, size_t length, const char *name,
                                             const ardent_compile_options *opts);

/* Compiles a rule set made of `count` files held in memory (as a directory, sorted by path).
** Every path and text must be non-NULL. Otherwise as ardent_ruleset_compile_source(). */
ARDENT_API int ardent_ruleset_compile_sources(ardent_ruleset **out, ardent_diagnostics **diagnostics,
                                              const ardent_source *sources, size_t count,
                                              const ardent_compile_options *opts);

/* Releases a rule set handle. Cases and results made from it stay usable. NULL-safe. */
ARDENT_API void ardent_ruleset_free(ardent_ruleset *ruleset);

/* ---------------------------------------------------------------------------------------- */
/* Diagnostics                                                                                */
/* ---------------------------------------------------------------------------------------- */

#define ARDENT_DIAGNOSTIC_VERSION 1
typedef struct ardent_diagnostic {
  unsigned int version;     /* set by the caller: ARDENT_DIAGNOSTIC_VERSION                 */
  int severity;             /* ARDENT_SEVERITY_*                                             */
  const char *code;         /* stable machine-readable kind: "syntax", "unknown-name", ...  */
  const char *file;         /* "" when the diagnostic has no location                       */
  uint32_t line;            /* 1-based; 0 when unknown                                       */
  uint32_t column;          /* 1-based, in bytes; 0 when unknown                             */
  uint32_t length;          /* bytes under the caret                                         */
  const char *message;      /* "unknown finding 'pain_sight'; did you mean 'pain_site'?"     */
  const char *source_line;  /* the text of the line, without its newline ("" when none)      */
  const char *text;         /* the whole diagnostic as a compiler prints it, with the caret  */
} ardent_diagnostic;
#define ARDENT_DIAGNOSTIC_INIT { ARDENT_DIAGNOSTIC_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* Number of diagnostics (errors, warnings and notes), in the order a compiler prints them. */
ARDENT_API size_t ardent_diagnostics_count(const ardent_diagnostics *diagnostics);
ARDENT_API size_t ardent_diagnostics_error_count(const ardent_diagnostics *diagnostics);
ARDENT_API size_t ardent_diagnostics_warning_count(const ardent_diagnostics *diagnostics);

/* Fills *out with diagnostic number `index` (strings borrowed from `diagnostics`).
** ARDENT_EINVALID for NULL arguments or an unknown out->version; ARDENT_ERANGE for an index
** >= the count. Thread-safe. */
ARDENT_API int ardent_diagnostics_get(ardent_diagnostic *out, const ardent_diagnostics *diagnostics,
                                      size_t index);

/* Every diagnostic formatted as a compiler prints it ("file:line:col: error: message", the
** source line, a caret under the span), one after the other; "" when there are none; NULL for
** a NULL handle. Borrowed from `diagnostics`. */
ARDENT_API const char *ardent_diagnostics_text(const ardent_diagnostics *diagnostics);

ARDENT_API void ardent_diagnostics_free(ardent_diagnostics *diagnostics);

/* ---------------------------------------------------------------------------------------- */
/* What a rule set declares (to build a form or a questionnaire)                              */
/* ---------------------------------------------------------------------------------------- */

#define ARDENT_RULESET_INFO_VERSION 1
typedef struct ardent_ruleset_info {
  unsigned int version;         /* set by the caller: ARDENT_RULESET_INFO_VERSION        */
  const char *name;             /* "posterior_hip"                                       */
  const char *ruleset_version;  /* "1.0.0"                                               */
  const char *title;            /* "" when not declared                                  */
  const char *hash;             /* SHA-256 of the sources in sorted order, lower-case hex */
  int default_triage;           /* ARDENT_TRIAGE_*: the triage when no rule sets one     */
  size_t finding_count;
  size_t condition_count;
  size_t rule_count;            /* rules and red flags together                          */
  size_t redflag_count;         /* red flags among rule_count                            */
  size_t test_count;            /* `test` blocks in the sources                          */
} ardent_ruleset_info;
#define ARDENT_RULESET_INFO_INIT { ARDENT_RULESET_INFO_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* Fills *out (strings borrowed from the rule set). ARDENT_EINVALID for NULL arguments or an
** unknown out->version. Thread-safe. */
ARDENT_API int ardent_ruleset_get_info(ardent_ruleset_info *out, const ardent_ruleset *ruleset);

#define ARDENT_FINDING_INFO_VERSION 1
typedef struct ardent_finding_info {
  unsigned int version;       /* set by the caller: ARDENT_FINDING_INFO_VERSION              */
  uint32_t index;             /* the finding's index                                          */
  const char *name;           /* "pain_peak"                                                  */
  int type;                   /* ARDENT_FINDING_*                                             */
  size_t value_count;         /* enum: size of the domain; else 0                             */
  const char *const *values;  /* enum: the value names, in declared order; else NULL          */
  double min;                 /* number: declared range, NaN when unbounded; else NaN         */
  double max;
  int integer;                /* number: 1 when only whole numbers are accepted               */
  const char *unit;           /* number: declared unit ("years"); "" when none                */
  const char *label;          /* the label, or the name when no label is declared             */
  const char *question;       /* the `ask` text; "" when none                                 */
  const char *group;          /* "" when none                                                 */
  size_t code_count;
  const ardent_code *codes;   /* terminology bindings; NULL when code_count is 0              */
} ardent_finding_info;
#define ARDENT_FINDING_INFO_INIT { ARDENT_FINDING_INFO_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* Fills *out for finding `finding` (0 .. finding_count-1). ARDENT_EINVALID for NULL arguments
** or an unknown out->version; ARDENT_ERANGE for an index out of range. Thread-safe. */
ARDENT_API int ardent_finding_get(ardent_finding_info *out, const ardent_ruleset *ruleset,
                                  uint32_t finding);

/* The index of the finding called `name`. ARDENT_ENOTFOUND when there is none (the message
** suggests the closest name); ARDENT_EINVALID for NULL arguments or invalid UTF-8. */
ARDENT_API int ardent_finding_index(uint32_t *out, const ardent_ruleset *ruleset, const char *name);

/* The position of `value` in the domain of enum finding `finding`. ARDENT_ETYPE when the
** finding is not an enum; ARDENT_ENOTFOUND when the value is not in its domain; ARDENT_ERANGE
** for a finding index out of range; ARDENT_EINVALID for NULL arguments. */
ARDENT_API int ardent_finding_value_index(uint32_t *out, const ardent_ruleset *ruleset,
                                          uint32_t finding, const char *value);

#define ARDENT_CONDITION_INFO_VERSION 1
typedef struct ardent_condition_info {
  unsigned int version;       /* set by the caller: ARDENT_CONDITION_INFO_VERSION */
  uint32_t index;
  const char *name;
  const char *label;          /* the name when no label is declared              */
  size_t code_count;
  const ardent_code *codes;   /* NULL when code_count is 0                        */
  size_t advice_count;
  const char *const *advice;  /* NULL when advice_count is 0                      */
} ardent_condition_info;
#define ARDENT_CONDITION_INFO_INIT { ARDENT_CONDITION_INFO_VERSION, 0, 0, 0, 0, 0, 0, 0 }

/* As ardent_finding_get(), for condition `condition`. */
ARDENT_API int ardent_condition_get(ardent_condition_info *out, const ardent_ruleset *ruleset,
                                    uint32_t condition);
/* As ardent_finding_index(), for conditions. */
ARDENT_API int ardent_condition_index(uint32_t *out, const ardent_ruleset *ruleset, const char *name);

#define ARDENT_RULE_INFO_VERSION 1
typedef struct ardent_rule_info {
  unsigned int version;       /* set by the caller: ARDENT_RULE_INFO_VERSION                  */
  uint32_t index;
  const char *name;
  int redflag;                /* 1 for a red flag, 0 for a rule                                */
  int32_t priority;
  const char *label;          /* red flags: the name when no label is declared; rules: may be "" */
  int triage;                 /* the level it sets (ARDENT_TRIAGE_*), or ARDENT_TRIAGE_NONE     */
  size_t advice_count;
  const char *const *advice;  /* red-flag advice and `advise` actions; NULL when none           */
  size_t code_count;
  const ardent_code *codes;   /* NULL when code_count is 0                                      */
  const char *file;           /* where it is declared                                           */
  uint32_t line;
  uint32_t column;
  const char *source;         /* the declaration's source text                                  */
} ardent_rule_info;
#define ARDENT_RULE_INFO_INIT { ARDENT_RULE_INFO_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* As ardent_finding_get(), for rule (or red flag) `rule`, in declaration order. */
ARDENT_API int ardent_rule_get(ardent_rule_info *out, const ardent_ruleset *ruleset, uint32_t rule);
/* As ardent_finding_index(), for rules and red flags. */
ARDENT_API int ardent_rule_index(uint32_t *out, const ardent_ruleset *ruleset, const char *name);

/* ---------------------------------------------------------------------------------------- */
/* Cases                                                                                      */
/* ---------------------------------------------------------------------------------------- */

/* Creates an empty case (every finding not asked) for `ruleset`. The case keeps the rule set
** alive. ARDENT_EINVALID for NULL arguments; ARDENT_ENOMEM. Thread-safe with respect to the
** rule set. */
ARDENT_API int ardent_case_new(ardent_case **out, const ardent_ruleset *ruleset);

/* Sets every finding back to not asked, keeping the memory for reuse. ARDENT_EINVALID for NULL. */
ARDENT_API int ardent_case_clear(ardent_case *kase);

ARDENT_API void ardent_case_free(ardent_case *kase);

/* The rule set the case was created for (borrowed; NULL for NULL). */
ARDENT_API const ardent_ruleset *ardent_case_ruleset(const ardent_case *kase);

/* Setting findings BY NAME. Each call replaces the finding's previous state. Errors leave the
** case unchanged, and ardent_last_error()->finding names the finding:
**   ARDENT_EINVALID   NULL case, name or value; invalid UTF-8; an unknown duration unit
**   ARDENT_ENOTFOUND  the rule set declares no finding of that name (the message suggests the
**                     closest declared name)
**   ARDENT_ETYPE      the finding has another type (set_bool on a number finding, ...)
**   ARDENT_ERANGE     an enum value outside the finding's domain; a number outside the declared
**                     range, or a fraction where the finding is an integer; a negative duration;
**                     NaN or infinity
** A bool value is true when nonzero. Numbers are in the finding's declared unit. */
ARDENT_API int ardent_case_set_bool(ardent_case *kase, const char *finding, int value);
ARDENT_API int ardent_case_set_number(ardent_case *kase, const char *finding, double value);
ARDENT_API int ardent_case_set_enum(ardent_case *kase, const char *finding, const char *value);
ARDENT_API int ardent_case_set_duration(ardent_case *kase, const char *finding, double amount,
                                        int unit);
/* Records that the finding was asked and nobody knows (it will not be asked again). */
ARDENT_API int ardent_case_set_unknown(ardent_case *kase, const char *finding);
/* Returns the finding to "not asked". */
ARDENT_API int ardent_case_unset(ardent_case *kase, const char *finding);

/* Setting findings BY INDEX (from ardent_finding_index(); the fast path). Same meaning and
** errors as by name, with ARDENT_ERANGE for an index >= finding_count. */
ARDENT_API int ardent_case_set_bool_at(ardent_case *kase, uint32_t finding, int value);
ARDENT_API int ardent_case_set_number_at(ardent_case *kase, uint32_t finding, double value);
ARDENT_API int ardent_case_set_enum_at(ardent_case *kase, uint32_t finding, const char *value);
/* Enum by the value's position in the domain (ardent_finding_value_index()); ARDENT_ERANGE
** when value >= value_count. */
ARDENT_API int ardent_case_set_enum_index_at(ardent_case *kase, uint32_t finding, uint32_t value);
ARDENT_API int ardent_case_set_duration_at(ardent_case *kase, uint32_t finding, double amount,
                                           int unit);
ARDENT_API int ardent_case_set_unknown_at(ardent_case *kase, uint32_t finding);
ARDENT_API int ardent_case_unset_at(ardent_case *kase, uint32_t finding);

/* Setting MANY findings BY INDEX in one call (the fastest path): findings[i] gets values[i],
** for i in 0 .. count-1. The same as calling ardent_case_set_bool_at() / _number_at() for each
** in order (a finding named twice keeps its last value), with the same errors and messages,
** but ALL OR NOTHING: every value is checked before any is set, and on an error the case is
** unchanged. The message then starts with the position of the first refused value in the
** arrays, "findings[3]: ", followed by the single setter's message; ardent_last_error()->finding
** names the finding. A bool value is true when nonzero. `findings` and `values` may be NULL
** only when `count` is 0 (then nothing is set). ARDENT_EINVALID for a NULL case or array. */
ARDENT_API int ardent_case_set_bools(ardent_case *kase, const uint32_t *findings, const int *values,
                                     size_t count);
ARDENT_API int ardent_case_set_numbers(ardent_case *kase, const uint32_t *findings,
                                       const double *values, size_t count);

/* Sets findings from a JSON object: {"fever": true, "age": 54, "pain_peak":
** "day_after_activity", "symptom_duration": "6 weeks", "night_pain": null}. Booleans are
** true/false; numbers are numbers; enum values are strings; durations are a number of days or
** a string "<amount> <unit>" ("6 weeks", or abbreviated: "6 wks", "90 min"); null records
** unknown. Findings not named keep their state. `length` is the size in bytes or
** ARDENT_NUL_TERMINATED. Answers that disagree stay with the case as warnings
** (ARDENT_WARNING_CONFLICTING_ANSWERS), reported by every evaluation of it until
** ardent_case_clear(). All or nothing: on any error the case is unchanged. Errors:
** ARDENT_EINVALID (NULL, malformed JSON, not an object, invalid UTF-8, a finding named twice),
** ARDENT_ERANGE for a number no double holds (1e309) or a text longer than the rule set's
** max_case_bytes (ardent_compile_options; by default ARDENT_DEFAULT_MAX_CASE_BYTES), and as for
** the typed setters
** (ardent_last_error()->finding names the culprit). The messages are the engine's, the same
** as the command line and the REPL give for the same input. */
ARDENT_API int ardent_case_set_json(ardent_case *kase, const char *json, size_t length);

/* The state of finding `finding` (ARDENT_STATE_*), or a negative code: ARDENT_EINVALID for a
** NULL case, ARDENT_ERANGE for an index out of range. */
ARDENT_API int ardent_case_state(const ardent_case *kase, uint32_t finding);

/* The case as a JSON object in the form ardent_case_set_json() accepts (given findings and
** unknown ones as null; durations in days), compact, in declaration order. Free *out with
** ardent_string_free(). */
ARDENT_API int ardent_case_json(char **out, const ardent_case *kase);

/* Sets findings from FHIR R4 resources (JSON text, docs/fhir.md): a Bundle or one resource.
** QuestionnaireResponse answers by linkId (nested items too); Observations and Conditions by
** the codes the findings declare. A dataAbsentReason "not-asked" leaves a finding not asked, any
** other makes it unknown; entered-in-error and cancelled Observations are ignored; per finding
** the latest answer wins, and answers of the latest time that disagree make it unknown.
** Quantities are converted to the finding's unit (UCUM). `length` is the size in bytes or
** ARDENT_NUL_TERMINATED. All or nothing: on any error the case is unchanged. Errors:
** ARDENT_EINVALID (NULL, malformed JSON, not a FHIR resource), ARDENT_ETYPE (a value or a unit
** that does not fit the finding), ARDENT_ERANGE (a text longer than max_case_bytes), and as for
** the typed setters; the message names the resource and the path. */
ARDENT_API int ardent_case_set_fhir(ardent_case *kase, const char *json, size_t length);

/* ---------------------------------------------------------------------------------------- */
/* Evaluating                                                                                 */
/* ---------------------------------------------------------------------------------------- */

#define ARDENT_EVALUATE_OPTIONS_VERSION 1
typedef struct ardent_evaluate_options {
  unsigned int version;  /* ARDENT_EVALUATE_OPTIONS_VERSION                                 */
  size_t max_ask;        /* at most this many ask-next items are reported; 0 means all     */
} ardent_evaluate_options;
#define ARDENT_EVALUATE_OPTIONS_INIT { ARDENT_EVALUATE_OPTIONS_VERSION, 0 }

/* Fills *opts with the defaults of the given version. ARDENT_EINVALID for NULL or an unknown
** version. */
ARDENT_API int ardent_evaluate_options_init(ardent_evaluate_options *opts, unsigned int version);

/* Creates an empty result, to be filled by ardent_evaluate_into() or ardent_evaluate_batch().
** Reading a result that holds no evaluation gives ARDENT_EINVALID (and counts of 0).
** ARDENT_EINVALID for a NULL out; ARDENT_ENOMEM. */
ARDENT_API int ardent_result_new(ardent_result **out);

/* Evaluates `kase` against `ruleset` into a new result (free it with ardent_result_free()).
** The case must have been created for this rule set. The result holds a copy of the findings,
** so the case may change or be freed afterwards. ARDENT_EINVALID for NULL arguments, a case
** of another rule set or bad options; ARDENT_ENOMEM. Reads the case; thread-safe with respect
** to the rule set. */
ARDENT_API int ardent_evaluate(ardent_result **out, const ardent_ruleset *ruleset,
                               const ardent_case *kase, const ardent_evaluate_options *opts);

/* Evaluates into an existing result, replacing its contents; every pointer borrowed from the
** result before becomes invalid. Once the result has been used with this rule set, this
** allocates no memory. Errors as ardent_evaluate(); on error the result is left empty.
** An interview should evaluate each answer into the result of the answer before: the
** evaluation and the next questions are then worked out only for what the new answers reach
** (the same answers as a whole evaluation, for a fraction of the work). */
ARDENT_API int ardent_evaluate_into(ardent_result *out, const ardent_ruleset *ruleset,
                                    const ardent_case *kase, const ardent_evaluate_options *opts);

/* Evaluates `count` cases. `out` is an array of `count` result pointers: a NULL entry receives
** a new result, a non-NULL entry is evaluated into (as ardent_evaluate_into()). `threads` is
** the most threads to use, the calling thread included: 0 means one per processor, 1 only the
** calling thread; a small batch uses fewer (about one thread per 32 cases). Every case must belong to `ruleset`; the same case may appear more than once, the
** same result may not. All arguments are checked before anything is evaluated (then
** ARDENT_EINVALID, with the culprit's position in the message, and nothing is written).
** Whatever the return code, the caller owns and frees every non-NULL out[i]. Returns
** ARDENT_OK, ARDENT_EINVALID, ARDENT_ENOMEM (results not filled are left empty). */
ARDENT_API int ardent_evaluate_batch(ardent_result **out, const ardent_ruleset *ruleset,
                                     const ardent_case *const *cases, size_t count,
                                     unsigned int threads, const ardent_evaluate_options *opts);

ARDENT_API void ardent_result_free(ardent_result *result);

/* ---------------------------------------------------------------------------------------- */
/* Triage and fired rules of many cases, bit-sliced                                           */
/* ---------------------------------------------------------------------------------------- */

/* Evaluates `count` cases 64 at a time, bit-sliced, for callers that need only the triage and
** the fired rules (red flags are the fired rules whose ardent_rule_info says so): far cheaper
** than a result per case, with the same answers as ardent_evaluate(). Writes out_triage[i]
** (ARDENT_TRIAGE_*) for case i and, when out_fired is not NULL, its fired rules as
** ardent_result_fired_mask() lays them out, in out_fired[i * words .. i * words + words - 1]
** with words = (rule_count + 63) / 64. `threads` as ardent_evaluate_batch(). Every case must
** belong to `ruleset`. ARDENT_EINVALID (with the culprit's position, nothing written) for
** NULL arguments or a case of another rule set; ARDENT_ENOMEM. */
ARDENT_API int ardent_evaluate_sliced(int *out_triage, uint64_t *out_fired, const ardent_ruleset *ruleset,
                                      const ardent_case *const *cases, size_t count, unsigned int threads);

/* One finding's values for every case, as a column of a table holds them. Layout fixed. */
typedef struct ardent_column {
  uint32_t finding;        /* the finding's index                                          */
  const double *values;    /* one per case: yes/no as 0 or 1 (any other number is yes), a   */
                           /* number, an enum value's index, a duration in days             */
  const uint8_t *states;   /* one ARDENT_STATE_* per case, or NULL: every value given       */
} ardent_column;

/* As ardent_evaluate_sliced(), for `count` cases held as columns (a finding with no column is
** not asked in any case): no case is built, and the leaves are read from the arrays as they
** are. Every given value is checked as the single setters check it (a yes/no value, a number
** in its finding's range, an enum value's index, a duration of 0 days or more); a refusal
** returns the setter's code, its message starting with the column and case ("columns[2], case
** 17: ...", cases from 0), before anything is written. ARDENT_EINVALID also for NULL arguments,
** a column without values, or a finding given two columns; ARDENT_ERANGE for a finding index
** out of range or a state that is none of ARDENT_STATE_*. */
ARDENT_API int ardent_evaluate_sliced_columns(int *out_triage, uint64_t *out_fired, const ardent_ruleset *ruleset,
                                              const ardent_column *columns, size_t column_count, size_t count,
                                              unsigned int threads);

/* One yes/no finding's answers for every case as bit sets, as packed boolean columns hold them
** (numpy.packbits(..., bitorder="little") on a little-endian machine, Arrow's value and validity
** bitmaps): bit i % 64 of word i / 64 is case i, (count + 63) / 64 words each. A yes counts only
** where the case answered, as Arrow ignores the value under a null. Layout fixed. */
typedef struct ardent_bit_column {
  uint32_t finding;        /* a yes/no finding's index                                      */
  const uint64_t *yes;     /* the cases that answered yes                                    */
  const uint64_t *given;   /* the cases that answered (yes or no), or NULL: every case did;  */
                           /* a case that did not is one where the finding is not asked      */
} ardent_bit_column;

/* As ardent_evaluate_sliced_columns(), with the yes/no findings given as bit sets beside the
** columns of other values: their answers go into the evaluation 64 cases a word, and need no
** checking. A finding has at most one column of either kind. Refusals as there, the message
** starting with "bit_columns[k]: " for a bit column (ARDENT_ETYPE for one of a finding that is
** not yes/no; ARDENT_EINVALID for one without yes bits). */
ARDENT_API int ardent_evaluate_sliced_bits(int *out_triage, uint64_t *out_fired, const ardent_ruleset *ruleset,
                                           const ardent_bit_column *bit_columns, size_t bit_column_count,
                                           const ardent_column *columns, size_t column_count, size_t count,
                                           unsigned int threads);

/* One case as bit sets over the findings, the way a packed row holds yes/no answers: bit i % 64
** of word i / 64 is finding i, `words` words each, at least (finding count + 63) / 64 (any more
** must be 0). `given` holds the yes/no findings answered and `yes` those answered yes (a yes
** counts only where given); the other findings given come as `values`, one per finding in
** `value_findings`, as ardent_column holds them (a yes/no finding may come there too, as 0 or 1).
** Writes the case's triage to *out_triage and, when out_fired is not NULL, its fired rules to
** out_fired (bit r of word r / 64 is rule r; `fired_words` words, at least (rule count + 63) / 64):
** the same as ardent_evaluate() gives, with no case or result made, for callers that hold
** answers as bits and need no more than that. Refusals, before anything is written: ARDENT_ETYPE
** for a given bit of a finding that is not yes/no, ARDENT_ERANGE for one past the last finding
** (the message starting "given bit 7: "), each value refused as the single setters refuse it
** (the message starting "values[2]: "), a finding given twice (ARDENT_EINVALID); ARDENT_EINVALID
** for NULL arrays with a count, too few words of bits; ARDENT_ERANGE for too few fired words. */
ARDENT_API int ardent_evaluate_bits(int *out_triage, uint64_t *out_fired, size_t fired_words,
                                    const ardent_ruleset *ruleset, const uint64_t *given, const uint64_t *yes,
                                    size_t words, const uint32_t *value_findings, const double *values,
                                    size_t value_count);

/* ---------------------------------------------------------------------------------------- */
/* Streaming a batch                                                                          */
/* ---------------------------------------------------------------------------------------- */

/* Gives case `index` (0, 1, 2, ... in turn) of a stream: fill `kase` (cleared, of the rule set
** being evaluated; borrowed for the call) with the ardent_case_set_* functions and return 1, or
** return 0 when no case remains. Any other value stops the stream, and ardent_evaluate_stream()
** returns it: a negative ARDENT_* code (such as a setter's) keeps that setter's last error. */
typedef int (*ardent_case_source_fn)(void *ctx, ardent_case *kase, uint64_t index);

/* Receives the result of case `index`, in the order the source gave the cases. The result is
** borrowed until the callback returns: read it or render it then. Return 0 to go on; any other
** value stops the stream, and ardent_evaluate_stream() returns it. */
typedef int (*ardent_result_sink_fn)(void *ctx, const ardent_result *result, uint64_t index);

#define ARDENT_STREAM_OPTIONS_VERSION 1
typedef struct ardent_stream_options {
  unsigned int version;  /* ARDENT_STREAM_OPTIONS_VERSION                                   */
  unsigned int threads;  /* threads in all, the calling one included; 0: one per processor  */
  size_t window;         /* cases in flight at most, which bounds the memory; 0: 64 a thread */
  size_t max_ask;        /* at most this many ask-next items are reported; 0 means all     */
} ardent_stream_options;
#define ARDENT_STREAM_OPTIONS_INIT { ARDENT_STREAM_OPTIONS_VERSION, 0, 0, 0 }

/* Fills *opts with the defaults of the given version. ARDENT_EINVALID for NULL or an unknown
** version. */
ARDENT_API int ardent_stream_options_init(ardent_stream_options *opts, unsigned int version);

/* Evaluates a stream of cases of any length: `source` gives them one at a time, they are
** evaluated on up to `threads` threads, and `sink` receives each result in input order. Both
** callbacks run on the calling thread only, one at a time, so they need no locking and may
** call any function of this header. At most `window` cases are in flight: the memory used
** depends on the window, never on the number of cases (the library keeps one case and one result
** per place in the window, and reuses them). `opts` may be NULL (the defaults).
** Returns ARDENT_OK once the source has ended and every result was delivered; the value a
** callback stopped the stream with; ARDENT_EINVALID for a NULL ruleset or callback or bad
** options; ARDENT_ENOMEM. Results not yet delivered when the stream stops are dropped. */
ARDENT_API int ardent_evaluate_stream(const ardent_ruleset *ruleset, ardent_case_source_fn source,
                                      ardent_result_sink_fn sink, void *ctx,
                                      const ardent_stream_options *opts);


/* ---------------------------------------------------------------------------------------- */
/* Reading a result                                                                           */
/* ---------------------------------------------------------------------------------------- */

/* The rule set that produced the result (borrowed from the result; NULL while the result holds
** no evaluation). Its ardent_ruleset_info gives the provenance: name, version and hash; the
** engine's version is ardent_version(). */
ARDENT_API const ardent_ruleset *ardent_result_ruleset(const ardent_result *result);

/* The triage (ARDENT_TRIAGE_*): the most urgent level of the fired rules and red flags, else
** the rule set's default. ARDENT_EINVALID for NULL or a result never evaluated. */
ARDENT_API int ardent_result_triage(const ardent_result *result);

/* 1 when no fired rule set a triage (the default applies), 0 otherwise, or ARDENT_EINVALID. */
ARDENT_API int ardent_result_triage_is_default(const ardent_result *result);

/* The state of rule (or red flag) `rule` (ARDENT_RULE_*), or ARDENT_EINVALID / ARDENT_ERANGE. */
ARDENT_API int ardent_result_rule_state(const ardent_result *result, uint32_t rule);

/* The states of rules 0 .. count-1 in one call: out[i] = the state of rule i (ARDENT_RULE_*).
** `count` may be less than the rule count (ardent_ruleset_info's rule_count), not more
** (ARDENT_ERANGE). ARDENT_EINVALID for a NULL result or a result never evaluated, or a NULL out
** with a nonzero count. */
ARDENT_API int ardent_result_rule_states(int *out, const ardent_result *result, size_t count);

/* The fired rules as a bit set: bit (i % 64) of out[i / 64] is 1 when rule i fired. `words` is
** the length of `out`, at least (rule_count + 63) / 64, else ARDENT_ERANGE; every bit past the
** last rule is 0. Other errors as ardent_result_rule_states(). */
ARDENT_API int ardent_result_fired_mask(uint64_t *out, const ardent_result *result, size_t words);

/* Every fired red flag, most urgent first, then in declaration order. */
#define ARDENT_REDFLAG_VERSION 1
typedef struct ardent_redflag {
  unsigned int version;  /* set by the caller: ARDENT_REDFLAG_VERSION */
  uint32_t rule;         /* the red flag's rule index                */
  const char *id;        /* its name: "cauda_equina"                 */
  const char *label;     /* "Possible cauda equina syndrome"         */
  int triage;            /* the level it sets (ARDENT_TRIAGE_*), or  */
                         /* ARDENT_TRIAGE_NONE when it sets none     */
} ardent_redflag;
#define ARDENT_REDFLAG_INIT { ARDENT_REDFLAG_VERSION, 0, 0, 0, 0 }

ARDENT_API size_t ardent_result_redflag_count(const ardent_result *result);
/* Fills *out with fired red flag number `index` (0 .. count-1). Strings borrowed from the
** result. ARDENT_EINVALID for NULL arguments, an unknown version or a result never evaluated;
** ARDENT_ERANGE for an index >= the count. The other ardent_result_get_* work the same way. */
ARDENT_API int ardent_result_get_redflag(ardent_redflag *out, const ardent_result *result,
                                         size_t index);

/* Concluded conditions: suggested, then considered, then excluded; within a status by rule
** priority, then declaration order. */
#define ARDENT_CONCLUSION_VERSION 1
typedef struct ardent_conclusion {
  unsigned int version;       /* set by the caller: ARDENT_CONCLUSION_VERSION     */
  uint32_t condition;         /* the condition's index                             */
  const char *id;             /* its name                                          */
  const char *label;
  int status;                 /* ARDENT_CONDITION_*                                */
  int strength;               /* ARDENT_STRENGTH_*; meaningful for suggested only  */
  int32_t priority;           /* highest priority of the rules that concluded it   */
  size_t code_count;
  const ardent_code *codes;   /* NULL when none                                    */
  size_t advice_count;
  const char *const *advice;  /* the condition's declared advice; NULL when none   */
} ardent_conclusion;
#define ARDENT_CONCLUSION_INIT { ARDENT_CONCLUSION_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

ARDENT_API size_t ardent_result_condition_count(const ardent_result *result);
ARDENT_API int ardent_result_get_condition(ardent_conclusion *out, const ardent_result *result,
                                           size_t index);

/* The advice to show: from fired red flags, fired rules and suggested conditions, each text
** once, in that order. *out is borrowed from the result. */
ARDENT_API size_t ardent_result_advice_count(const ardent_result *result);
ARDENT_API int ardent_result_get_advice(const char **out, const ardent_result *result, size_t index);

/* Undecided rules and red flags in declaration order, with the not-asked findings that could
** still decide each one and where each stands in the interview. Version 2 appends `standing`;
** a version-1 struct is filled without it, as before. */
#define ARDENT_UNDECIDED_VERSION 2
typedef struct ardent_undecided {
  unsigned int version;      /* set by the caller: ARDENT_UNDECIDED_VERSION */
  uint32_t rule;
  const char *id;            /* the rule's name                            */
  int redflag;               /* 1 for a red flag                           */
  size_t missing_count;
  const uint32_t *missing;   /* finding indices; NULL when none           */
  int standing;              /* version 2: ARDENT_STANDING_*               */
} ardent_undecided;
#define ARDENT_UNDECIDED_INIT { ARDENT_UNDECIDED_VERSION, 0, 0, 0, 0, 0, 0 }

ARDENT_API size_t ardent_result_undecided_count(const ardent_result *result);
ARDENT_API int ardent_result_get_undecided(ardent_undecided *out, const ardent_result *result,
                                           size_t index);

/* Ask next: the interview's next questions, best first (docs/result-schema.md): the screen's
** questions not answered yet, in the screen's order; then those that could complete an alarm
** (an undecided red flag or triage-raising rule that already has a true part), most urgent
** first; those a fired rule asks for; then those that could lower the triage or change the
** leading condition. A finding recorded as unknown is never listed; a finding that could change
** nothing that matters is not listed either. Empty exactly when the interview is complete
** (ardent_result_interview()). Limited by ardent_evaluate_options.max_ask. */
#define ARDENT_ASK_VERSION 1
typedef struct ardent_ask {
  unsigned int version;   /* set by the caller: ARDENT_ASK_VERSION                 */
  uint32_t finding;       /* the finding's index                                   */
  const char *name;       /* the finding's name                                    */
  const char *question;   /* its `ask` text, else its label                        */
  int reason;             /* ARDENT_ASK_*                                          */
  size_t rule_count;
  const uint32_t *rules;  /* the undecided rules it could decide; NULL when none  */
} ardent_ask;
#define ARDENT_ASK_INIT { ARDENT_ASK_VERSION, 0, 0, 0, 0, 0, 0 }

ARDENT_API size_t ardent_result_ask_count(const ardent_result *result);
ARDENT_API int ardent_result_get_ask(ardent_ask *out, const ardent_result *result, size_t index);

/* Problems met while reading the case (answers that disagree in FHIR input: owner FINDING),
** first, then those met while evaluating (a division by zero, each expression once). */
#define ARDENT_EVAL_WARNING_VERSION 1
typedef struct ardent_eval_warning {
  unsigned int version;  /* set by the caller: ARDENT_EVAL_WARNING_VERSION  */
  int kind;              /* ARDENT_WARNING_*                               */
  int owner;             /* ARDENT_OWNER_*: where the problem sits         */
  uint32_t index;        /* rule, define, score or finding index           */
  const char *name;      /* the owner's name                               */
} ardent_eval_warning;
#define ARDENT_EVAL_WARNING_INIT { ARDENT_EVAL_WARNING_VERSION, 0, 0, 0, 0 }

ARDENT_API size_t ardent_result_warning_count(const ardent_result *result);
ARDENT_API int ardent_result_get_warning(ardent_eval_warning *out, const ardent_result *result,
                                         size_t index);

/* One reason in an explanation, phrased for a clinician ("no fever", "age: 54 years").
** Arrays of this struct are handed out by the library, so its layout is fixed for ever. */
typedef struct ardent_fact {
  int kind;          /* ARDENT_FACT_*                                        */
  uint32_t index;    /* finding index, or score index for ARDENT_FACT_SCORE */
  int holds;         /* the truth of the predicate the fact stands for       */
  const char *text;
} ardent_fact;

/* Why a rule fired, did not fire, or is undecided. */
#define ARDENT_EXPLANATION_VERSION 1
typedef struct ardent_explanation {
  unsigned int version;       /* set by the caller: ARDENT_EXPLANATION_VERSION                   */
  uint32_t rule;
  int state;                  /* ARDENT_RULE_*                                                   */
  const char *text;           /* the reasons as one phrase: "pain felt centrally in the buttock
                                 and no fever", or for an undecided rule "depends on X and Y"    */
  size_t fact_count;          /* fired: what made it true; not fired: the parts that were false  */
  const ardent_fact *facts;   /* NULL when none                                                  */
  size_t missing_count;       /* undecided: the not-asked findings that could still decide it */
  const ardent_fact *missing; /* (kind ARDENT_FACT_FINDING, index = finding); NULL when none   */
  size_t unknown_count;       /* undecided: findings recorded as unknown that keep it open     */
  const ardent_fact *unknown; /* NULL when none                                                */
  const char *file;           /* where the rule is declared                                      */
  uint32_t line;
  uint32_t column;
} ardent_explanation;
#define ARDENT_EXPLANATION_INIT { ARDENT_EXPLANATION_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* Explains rule (or red flag) `rule` for the evaluated case. Computed on the first request and
** kept in the result: borrowed until the result is freed or evaluated again.
** ARDENT_EINVALID / ARDENT_ERANGE / ARDENT_ENOMEM. */
ARDENT_API int ardent_result_explain(ardent_explanation *out, const ardent_result *result, uint32_t rule);

/* ---------------------------------------------------------------------------------------- */
/* The interview: complete or provisional, and the screen                                    */
/* ---------------------------------------------------------------------------------------- */

/* The interview asks the screen's questions first, then what could still change the outcome
** that matters (ardent_result_get_ask()). It is COMPLETE when every screen question is answered
** (given or recorded as unknown) and no finding not yet asked could still raise the triage, add
** a red flag, lower the triage or change the leading condition: exactly when the engine's
** ask-next list is empty, whatever max_ask says. While it is incomplete the triage is
** PROVISIONAL: questions not asked yet could still change it. When self-care may be concluded
** is the rule set's decision (rules/hip: its red-flag screen gate); the interview asks what could
** still forbid self-care before the answer that concludes it (docs/interview.md).
** self_care_withheld is always 0: the engine does not replace a self-care triage by routine on
** its own, because a whole record that the rule set's gate accepts must get the rule set's
** answer. The field stays so that version 1 of this struct keeps its layout.
** Why a complete interview asks nothing more: each undecided rule's `standing`
** (ardent_undecided, version 2).
**
** The screen is the rule set's; a rule set that declares none has screen_title "" and every
** screen count 0. Pointers are borrowed from the result.
**
** These came with the interview, as compatible additions to ABI version 1: this struct and
** function, ardent_undecided version 2 (`standing`), the ARDENT_STANDING_* values with
** ardent_standing_str(), and the ask reasons ARDENT_ASK_SCREEN, _LOWERS_TRIAGE and
** _DECIDES_CONDITION. */
#define ARDENT_INTERVIEW_VERSION 1
typedef struct ardent_interview {
  unsigned int version;            /* set by the caller: ARDENT_INTERVIEW_VERSION            */
  int complete;                    /* 1 when nothing more is worth asking, else 0            */
  int provisional;                 /* 1 while the interview is incomplete (= !complete)      */
  int self_care_withheld;          /* always 0 (see above); kept for the struct's layout     */
  const char *screen_title;        /* "" when the rule set declares no screen                */
  size_t screen_count;             /* the screen's questions                                 */
  const uint32_t *screen;          /* their finding indices, in the screen's order; NULL
                                      when none                                              */
  size_t screen_asked;             /* of these, answered: given or recorded as unknown       */
  size_t screen_pending_count;     /* of these, not asked yet                                */
  const uint32_t *screen_pending;  /* their finding indices, in the screen's order; NULL
                                      when none                                              */
} ardent_interview;
#define ARDENT_INTERVIEW_INIT { ARDENT_INTERVIEW_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/* Fills *out with the state of the interview for the evaluated case. ARDENT_EINVALID for NULL
** arguments, an unknown out->version or a result never evaluated; ARDENT_ENOMEM. As every
** reader of a result, for one thread at a time. */
ARDENT_API int ardent_result_interview(ardent_interview *out, const ardent_result *result);

/* ---------------------------------------------------------------------------------------- */
/* Rendering a result                                                                         */
/* ---------------------------------------------------------------------------------------- */

/* Flags of the rendering functions. Unknown bits give ARDENT_EINVALID. */
#define ARDENT_RENDER_PRETTY 1u     /* JSON and CDS cards: indented, one member per line */
#define ARDENT_RENDER_UNDECIDED 2u  /* text: list undecided rules and what they wait for */

/* The result as JSON, schema version 2 (ARDENT_JSON_SCHEMA_VERSION; every field is documented
** in docs/result-schema.md; ardent_result_json_with() writes schema 1 on request): provenance (rule set name, version, hash; engine version), triage,
** the interview (complete or provisional, the screen, why it stopped), red flags, conditions,
** advice, undecided rules and ask-next, with the "because" phrases.
** One line unless flags has ARDENT_RENDER_PRETTY. The ask-next list honours max_ask. Free *out
** with ardent_string_free(). ARDENT_EINVALID for NULL arguments, unknown flags or a result never
** evaluated; ARDENT_ENOMEM. */
ARDENT_API int ardent_result_json(char **out, const ardent_result *result, unsigned int flags);

/* The result as a CDS Hooks service response: {"cards": [...]}. A red flag becomes a
** "critical" card, an urgent triage a "warning" (emergency "critical"), anything else "info";
** while the interview is incomplete the triage card says "(provisional)", and a "warning" card
** lists the screen's questions not asked yet;
** summaries are at most 140 characters, details are Markdown with the explanation, and
** source.label names the rule set and version. Flags: ARDENT_RENDER_PRETTY. Errors as
** ardent_result_json(). */
ARDENT_API int ardent_result_cds_cards(char **out, const ardent_result *result, unsigned int flags);

/* The result as a readable plain-text report for a clinician: triage and its meaning, whether
** the interview is complete (else the pending screen questions), red flags with their advice, conditions with a "because" sentence, advice, the next questions
** (max_ask of them, else 5) and provenance. Flags: ARDENT_RENDER_UNDECIDED. Errors as
** ardent_result_json(). */
ARDENT_API int ardent_result_text(char **out, const ardent_result *result, unsigned int flags);

/* What ardent_result_json_with() writes: the layout, how many questions, which members, which
** schema. Version 2 adds schema; a version 1 struct is still accepted (it gets the schema
** ARDENT_JSON_SCHEMA_VERSION), and only its version 1 members are read. */
#define ARDENT_JSON_OPTIONS_VERSION 2
typedef struct ardent_json_options {
  unsigned int version;  /* ARDENT_JSON_OPTIONS_VERSION                                     */
  unsigned int flags;    /* ARDENT_RENDER_PRETTY, or 0 for one line                         */
  size_t max_ask;        /* at most this many ask-next items (and never more than the
                            evaluation's max_ask); 0: as the evaluation's max_ask says      */
  const char *fields;    /* top-level members to write, comma-separated, in any order (they
                            are written in schema order), e.g. "triage,red_flags"; NULL or
                            "" for all. Borrowed for the call.                              */
  /* v2: the schema of the document, ARDENT_JSON_SCHEMA_OLDEST to ARDENT_JSON_SCHEMA_VERSION
  ** (1: codes as written, {"system": "icd10", "value": ...}; 2: FHIR Codings); 0 for
  ** ARDENT_JSON_SCHEMA_VERSION. Any other number gives ARDENT_EINVALID. */
  int schema;
} ardent_json_options;
#define ARDENT_JSON_OPTIONS_INIT { ARDENT_JSON_OPTIONS_VERSION, 0, 0, 0, ARDENT_JSON_SCHEMA_VERSION }

/* Fills *opts with the defaults of the given version, writing only that version's members (a
** version 1 struct is smaller). ARDENT_EINVALID for NULL or an unknown version. */
ARDENT_API int ardent_json_options_init(ardent_json_options *opts, unsigned int version);

/* The JSON result as ardent_result_json() writes it, with only what *opts asks for: fewer
** questions, fewer members; NULL opts is ARDENT_JSON_OPTIONS_INIT (the same text as
** ardent_result_json(out, result, 0)). Everything is left out while writing, never cut from a
** written document. ARDENT_EINVALID for an unknown options version, unknown flags, a field
** that is no member of the result (the last error names the members) or a schema not written
** (the last error names those written); otherwise errors as
** ardent_result_json(). */
ARDENT_API int ardent_result_json_with(char **out, const ardent_result *result, const ardent_json_options *opts);

/* The JSON result as ardent_result_json_with() writes it, written straight into the caller's
** buffer `out` of `capacity` bytes (no allocation, no copy), snprintf's way: *out_length
** receives the text's length without the NUL. When the text and its NUL fit, returns ARDENT_OK;
** otherwise ARDENT_ERANGE, `out` holds nothing of use and a buffer of *out_length + 1 bytes is
** needed (`out` may be NULL with a capacity of 0 to ask for the length). ARDENT_EINVALID for a
** NULL out_length or result, a NULL out with a nonzero capacity; options as
** ardent_result_json_with(). */
ARDENT_API int ardent_result_json_into(char *out, size_t capacity, size_t *out_length, const ardent_result *result,
                                       const ardent_json_options *opts);

/* ---------------------------------------------------------------------------------------- */
/* Storage: the rule-set registry and the audit log                                          */
/* ---------------------------------------------------------------------------------------- */

/* Both live in SQLite files written by the `ardent` command-line tool and by these functions
** (publishing and approving versions is done with `ardent publish` / `ardent registry`). Every
** failure of the store is reported as ARDENT_ESTORAGE with a message naming the file and what
** went wrong (cannot open, not an Ardent database, corrupt, disk full, locked, read-only, ...),
** except: no such rule-set version -> ARDENT_ENOTFOUND; a malformed spec, or an audit log
** that has already failed or been closed -> ARDENT_EINVALID. */

/* Opens the registry in the file `path` for reading rule-set versions. Never creates the file:
** a missing file is ARDENT_ESTORAGE.
**   out   receives the handle, or NULL on failure. Free: ardent_registry_free.
**   path  file system path.
** Returns ARDENT_OK; ARDENT_EINVALID for a NULL out or path; ARDENT_ESTORAGE when the file
** cannot be opened or is not an Ardent database (an older schema is migrated); ARDENT_ENOMEM.
** Thread-safe. A registry handle may be shared by any number of threads: its calls are
** serialised internally. */
ARDENT_API int ardent_registry_open(ardent_registry **out, const char *path);

/* How a registry is opened (ardent_registry_open_v2). */
#define ARDENT_REGISTRY_OPTIONS_VERSION 1
typedef struct ardent_registry_options {
  unsigned int version;              /* ARDENT_REGISTRY_OPTIONS_VERSION                           */
  const char *const *trusted_keys;   /* paths of Ed25519 public keys (PEM files): a version loads */
                                     /* only when its approval is signed by one of them           */
  size_t trusted_key_count;          /* 0 (the default): approvals are not verified               */
} ardent_registry_options;
#define ARDENT_REGISTRY_OPTIONS_INIT { ARDENT_REGISTRY_OPTIONS_VERSION, 0, 0 }

/* Fills *opts with the defaults of the given version. ARDENT_EINVALID for NULL or an unknown
** version. */
ARDENT_API int ardent_registry_options_init(ardent_registry_options *opts, unsigned int version);

/* As ardent_registry_open(), with options. With trusted keys (read here, once),
** ardent_ruleset_from_registry() loads only a version that is approved, not retired, and whose
** approval is signed by one of those keys over the name, version, content hash, status, approver
** and time it holds now; anything else is ARDENT_ESTORAGE, the message naming the version and
** why (not approved, retired, unsigned, signed by a key not trusted, or a signature that does not
** verify). Keys are made with `openssl genpkey -algorithm ed25519` and signatures with `ardent
** registry approve --key` (docs/store.md).
**   opts  NULL, or no trusted keys: as ardent_registry_open(); ardent_registry_verifies_approvals()
**         then says 0.
** Returns ARDENT_OK; ARDENT_EINVALID for a NULL out or path, an unknown opts->version, NULL
** trusted_keys with a count, or a key file that holds no Ed25519 public key; ARDENT_ESTORAGE as
** ardent_registry_open(), or when a key file cannot be read; ARDENT_ENOMEM. Thread-safe. */
ARDENT_API int ardent_registry_open_v2(ardent_registry **out, const char *path, const ardent_registry_options *opts);

/* 1 when the registry was opened with trusted keys, so that every rule set loaded from it carries
** a verified, signed approval; 0 when approvals are not verified (and for NULL). */
ARDENT_API int ardent_registry_verifies_approvals(const ardent_registry *registry);

/* Closes the registry. Rule sets loaded from it stay valid. NULL-safe. */
ARDENT_API void ardent_registry_free(ardent_registry *registry);

/* Compiles a rule set stored in the registry.
**   out          receives the compiled rule set, or NULL on failure. Free: ardent_ruleset_free.
**   diagnostics  optional (may be NULL): receives the compile's errors and warnings, as for
**                ardent_ruleset_compile_path(); NULL unless the stored sources were compiled.
**   registry     an open registry.
**   spec         "name@version" (e.g. "hip@1.2.0"), or "name@approved" for the approved
**                version with the highest version number (numeric parts compared as numbers).
** Returns ARDENT_OK; ARDENT_ENOTFOUND when no such version (or no approved one) is stored;
** ARDENT_EINVALID for NULL arguments or a malformed spec; ARDENT_ESYNTAX when the stored
** sources do not compile with this engine (the diagnostics say why); ARDENT_ESTORAGE when the
** store fails or the stored sources do not match their recorded hash, and, in a registry opened
** with trusted keys (ardent_registry_open_v2), when the version's approval does not verify;
** ARDENT_ENOMEM. The rule set has the default limits (ardent_compile_options). Thread-safe. */
ARDENT_API int ardent_ruleset_from_registry(ardent_ruleset **out, ardent_diagnostics **diagnostics,
                                            ardent_registry *registry, const char *spec);

/* Durability of the audit log (the file is always in WAL mode):
**   OFF     committed rows survive a killed process, not a power loss or an OS crash;
**   NORMAL  the same, and the database cannot be corrupted by a power loss (the default);
**   FULL    every commit is fsync'ed: a flushed row survives a power loss too. */
#define ARDENT_SYNC_OFF 0
#define ARDENT_SYNC_NORMAL 1
#define ARDENT_SYNC_FULL 2

/* Version 2 adds seal_key. A version 1 struct is still accepted (its log is not sealed). */
#define ARDENT_AUDIT_OPTIONS_VERSION 2
typedef struct ardent_audit_options {
  unsigned int version;        /* ARDENT_AUDIT_OPTIONS_VERSION                                */
  int synchronous;             /* ARDENT_SYNC_*; default ARDENT_SYNC_NORMAL                    */
  size_t batch_size;           /* rows written per transaction at most (>= 1); default 512     */
  uint32_t flush_interval_ms;  /* after a pause, how long a batch may wait to fill; ms; 100    */
  size_t max_pending;          /* recording blocks while this many rows wait (>= 1); 65536     */
  uint32_t busy_timeout_ms;    /* how long a write waits for another writer's lock; 5000      */
  /* v2: the PEM file of an Ed25519 private key that seals the log, or NULL (the default). A
  ** sealed log commits every batch together with a checkpoint of its last row signed with this
  ** key, so every row the writer commits is covered, and `ardent audit verify --sealed --trust
  ** PUB.pem` refuses any row that no checkpoint covers: a row forged after the latest
  ** checkpoint is caught as well. The key is read once, by ardent_audit_open(). */
  const char *seal_key;
} ardent_audit_options;
#define ARDENT_AUDIT_OPTIONS_INIT { ARDENT_AUDIT_OPTIONS_VERSION, ARDENT_SYNC_NORMAL, 512, 100, 65536, 5000, NULL }

/* Fills *opts with the defaults of the given version. ARDENT_EINVALID for NULL or an unknown
** version. */
ARDENT_API int ardent_audit_options_init(ardent_audit_options *opts, unsigned int version);

/* Opens the audit log in the file `path` for appending, creating the file when it is missing.
** Recording only queues a row: a background thread (started here, stopped by
** ardent_audit_free()) writes the rows in batches, each in one transaction that extends the
** log's hash chain, so several processes may append to one file. A failed write fails the
** handle: from then on ardent_evaluate_audited() and ardent_audit_flush() return that error
** (ARDENT_ESTORAGE, saying how many rows were not written); nothing is dropped silently. Open a
** new handle once the cause is fixed.
**   out   receives the handle, or NULL on failure. Free: ardent_audit_free.
**   path  file system path.
**   opts  NULL for the defaults.
** Returns ARDENT_OK; ARDENT_EINVALID for a NULL out or path or bad options (a seal_key file
** that holds no Ed25519 private key among them); ARDENT_ESTORAGE when the file cannot be opened,
** created or migrated, or the seal_key file cannot be read; ARDENT_ENOMEM. Thread-safe. An audit
** handle may be shared by any number of threads (ardent_evaluate_audited() and
** ardent_audit_flush() at the same time), but not with ardent_audit_free(). */
ARDENT_API int ardent_audit_open(ardent_audit **out, const char *path, const ardent_audit_options *opts);

/* Returns once every row recorded (on any thread) before the call is committed to the file,
** as durable as the synchronous level says. Returns ARDENT_OK; ARDENT_EINVALID for NULL;
** ARDENT_ESTORAGE when writing failed (the handle stays failed). Thread-safe. */
ARDENT_API int ardent_audit_flush(ardent_audit *audit);

/* Appends a signed checkpoint of the log's head: a statement, signed with the Ed25519 private
** key in the PEM file `key_path`, that the hash chain reached row N with hash H at time T. Every
** row recorded (on any thread) before the call is committed first, so the checkpoint covers it.
** `ardent audit verify --trust PUB.pem` checks every checkpoint's signature and that the chain
** still reaches each one: rows cut off the end, history changed and re-hashed, and another log in
** the file's place are caught up to the latest checkpoint. Call it on a schedule (say every
** minute) to keep the rows after the latest checkpoint few.
**   out       receives the row number the checkpoint covers (0 for an empty log).
**   key_path  an unencrypted Ed25519 private key (openssl genpkey -algorithm ed25519); read on
**             each call, so that replacing the file rotates the key.
** Returns ARDENT_OK; ARDENT_EINVALID for NULL arguments, a key file that holds no Ed25519
** private key, or an audit handle that failed or was closed; ARDENT_ESTORAGE when the key file
** cannot be read, writing failed, or the checkpoint cannot be written; ARDENT_ENOMEM. Thread-safe. */
ARDENT_API int ardent_audit_checkpoint(int64_t *out, ardent_audit *audit, const char *key_path);

/* Writes every row still queued, then closes the log and stops its writer thread. A write
** failure at this point cannot be reported: call ardent_audit_flush() first to see it.
** NULL-safe. No other thread may be using the handle. */
ARDENT_API void ardent_audit_free(ardent_audit *audit);

/* A free-form label of an audit row, e.g. {"site", "north"}. Layout fixed. */
typedef struct ardent_tag {
  const char *key;
  const char *value;
} ardent_tag;

/* Who asked for an evaluation, as the host knows it; stored with the audit row. Read by the
** library during the call only (it copies what it keeps). */
#define ARDENT_AUDIT_CONTEXT_VERSION 1
typedef struct ardent_audit_context {
  unsigned int version;     /* ARDENT_AUDIT_CONTEXT_VERSION                                  */
  const char *encounter_id; /* UTF-8; NULL means ""                                          */
  const char *user_id;      /* UTF-8; NULL means ""                                          */
  size_t tag_count;
  const ardent_tag *tags;   /* tag_count tags (NULL when 0); keys non-NULL and distinct,     */
                            /* a NULL value means ""                                         */
} ardent_audit_context;
#define ARDENT_AUDIT_CONTEXT_INIT { ARDENT_AUDIT_CONTEXT_VERSION, 0, 0, 0, 0 }

/* Evaluates `kase` as ardent_evaluate() does (with default options), then queues an audit row:
** the case's findings, the outcome (triage, red flags, conditions), the rule set's name,
** version and hash, the engine version, the context and the evaluation's latency. The row is
** written in the background: call ardent_audit_flush() to wait until it is durable.
**   out      receives the result, or NULL on failure. Free: ardent_result_free.
**   context  NULL for an empty context.
** Returns ARDENT_OK; ARDENT_EINVALID for NULL arguments, a case of another rule set, a bad
** context (unknown version, NULL key, invalid UTF-8) or an audit handle that failed or was
** closed; ARDENT_ESTORAGE when the audit log failed (nothing is returned through out: use
** ardent_evaluate_audited_into() to keep the result in that case); ARDENT_ENOMEM.
** Thread-safe as ardent_evaluate(); the audit handle may be shared between threads. */
ARDENT_API int ardent_evaluate_audited(ardent_result **out, const ardent_ruleset *ruleset,
                                       const ardent_case *kase, const ardent_audit_context *context,
                                       ardent_audit *audit);

/* As ardent_evaluate_audited(), into an existing result (as ardent_evaluate_into()). When only
** the audit fails (ARDENT_ESTORAGE, or ARDENT_EINVALID for an audit handle that failed or was
** closed), the result still holds the evaluation, so the host can go on and decide what to do
** about the log; after any other error the result is left empty. */
ARDENT_API int ardent_evaluate_audited_into(ardent_result *out, const ardent_ruleset *ruleset,
                                            const ardent_case *kase,
                                            const ardent_audit_context *context, ardent_audit *audit);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* ARDENT_H */
