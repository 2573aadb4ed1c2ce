/* Writes an audit log through ardent.dll, for scripts/test.sh --windows to verify with the Linux
** command line (`ardent audit verify`): rows hashed with Windows CNG and written through SQLite's
** Win32 VFS must chain exactly as Linux's OpenSSL-hashed rows do.
**   audit_writer RULES LOG CASE_JSON ROWS */
#include <stdio.h>
#include <stdlib.h>

#include "ardent.h"

static int fail(const char *what) {
  fprintf(stderr, "audit_writer: %s: %s\n", what, ardent_last_error()->message);
  return 1;
}

int main(int argc, char **argv) {
  ardent_ruleset *rs = NULL;
  ardent_case *kase = NULL;
  ardent_audit *audit = NULL;
  ardent_audit_context context = ARDENT_AUDIT_CONTEXT_INIT;
  int rows, i, status = 0;
  if (argc != 5) {
    fprintf(stderr, "usage: audit_writer RULES LOG CASE_JSON ROWS\n");
    return 2;
  }
  rows = atoi(argv[4]);
  if (ardent_ruleset_compile_path(&rs, NULL, argv[1], NULL) != ARDENT_OK) return fail("compile");
  if (ardent_case_new(&kase, rs) != ARDENT_OK) return fail("case");
  if (ardent_case_set_json(kase, argv[3], ARDENT_NUL_TERMINATED) != ARDENT_OK) return fail("case json");
  if (ardent_audit_open(&audit, argv[2], NULL) != ARDENT_OK) return fail("audit open");
  context.encounter_id = "enc-windows";
  context.user_id = "wine";
  for (i = 0; i < rows && status == 0; ++i) {
    ardent_result *r = NULL;
    if (ardent_evaluate_audited(&r, rs, kase, &context, audit) != ARDENT_OK) status = fail("evaluate");
    ardent_result_free(r);
  }
  if (status == 0 && ardent_audit_flush(audit) != ARDENT_OK) status = fail("flush");
  ardent_audit_free(audit);
  ardent_case_free(kase);
  ardent_ruleset_free(rs);
  if (status == 0) printf("audit_writer: %d rows written to %s\n", rows, argv[2]);
  return status;
}
