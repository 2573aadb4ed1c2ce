/* A minimal program built against an installed Ardent, once with pkg-config and once with
   find_package(Ardent), by capi/tests/install_test.sh. Exits 0 when the library works. */
#include <ardent.h>
#include <stdio.h>
#include <string.h>

static const char rules[] =
    "ruleset consumer version \"1.0.0\"\n"
    "  default triage routine\n"
    "finding fever: bool\n"
    "  label \"Fever\"\n"
    "redflag hot\n"
    "  label \"Fever\"\n"
    "  when fever\n"
    "  then triage urgent\n";

int main(void) {
  ardent_ruleset *rs = NULL;
  ardent_case *c = NULL;
  ardent_result *r = NULL;
  int triage;
  if (strcmp(ardent_version(), ARDENT_VERSION) != 0 || ardent_abi_version() != ARDENT_ABI_VERSION) {
    fprintf(stderr, "header %s does not match library %s\n", ARDENT_VERSION, ardent_version());
    return 1;
  }
  if (ardent_ruleset_compile_source(&rs, NULL, rules, ARDENT_NUL_TERMINATED, "consumer.ard", NULL) != ARDENT_OK) {
    fprintf(stderr, "compile: %s\n", ardent_last_error()->message);
    return 1;
  }
  if (ardent_case_new(&c, rs) != ARDENT_OK || ardent_case_set_bool(c, "fever", 1) != ARDENT_OK ||
      ardent_evaluate(&r, rs, c, NULL) != ARDENT_OK) {
    fprintf(stderr, "evaluate: %s\n", ardent_last_error()->message);
    return 1;
  }
  triage = ardent_result_triage(r);
  printf("ardent %s: triage %s, %u red flag(s)\n", ardent_version(), ardent_triage_str(triage),
         (unsigned)ardent_result_redflag_count(r));
  ardent_result_free(r);
  ardent_case_free(c);
  ardent_ruleset_free(rs);
  return triage == ARDENT_TRIAGE_URGENT ? 0 : 1;
}
