/* Compiled (not run) by the capi_header_* tests: ardent.h must be clean C99 and C++ under
   -Wall -Wextra -pedantic -Werror, including every _INIT macro. */
#include <ardent.h>
#include <ardent.h> /* include guard */

int header_check(void);

int header_check(void) {
  ardent_compile_options compile = ARDENT_COMPILE_OPTIONS_INIT;
  ardent_evaluate_options evaluate = ARDENT_EVALUATE_OPTIONS_INIT;
  ardent_diagnostic diagnostic = ARDENT_DIAGNOSTIC_INIT;
  ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
  ardent_finding_info finding = ARDENT_FINDING_INFO_INIT;
  ardent_condition_info condition = ARDENT_CONDITION_INFO_INIT;
  ardent_rule_info rule = ARDENT_RULE_INFO_INIT;
  ardent_redflag redflag = ARDENT_REDFLAG_INIT;
  ardent_conclusion conclusion = ARDENT_CONCLUSION_INIT;
  ardent_undecided undecided = ARDENT_UNDECIDED_INIT;
  ardent_ask ask = ARDENT_ASK_INIT;
  ardent_eval_warning warning = ARDENT_EVAL_WARNING_INIT;
  ardent_explanation explanation = ARDENT_EXPLANATION_INIT;
  ardent_interview interview = ARDENT_INTERVIEW_INIT;
  ardent_audit_options audit_options = ARDENT_AUDIT_OPTIONS_INIT;
  ardent_registry_options registry_options = ARDENT_REGISTRY_OPTIONS_INIT;
  ardent_audit_context audit_context = ARDENT_AUDIT_CONTEXT_INIT;
  ardent_tag tag = {"site", "north"};
  const ardent_error *error = ardent_last_error();
  ardent_ruleset *ruleset = NULL;
  ardent_case *kase = NULL;
  ardent_result *result = NULL;
  ardent_diagnostics *diagnostics = NULL;
  ardent_registry *registry = NULL;
  ardent_audit *audit = NULL;
  ardent_source source = {"a.ard", "", ARDENT_NUL_TERMINATED};
  ardent_code code = {"snomed", "386661006"};
  char *json = NULL;
  (void)registry;
  (void)audit;
  (void)audit_options;
  (void)registry_options;
  audit_context.tag_count = 1;
  audit_context.tags = &tag;
  (void)audit_context;
  (void)code;
  (void)error;
  if (ardent_ruleset_compile_sources(&ruleset, &diagnostics, &source, 1, &compile) != ARDENT_OK) return 1;
  if (ardent_case_new(&kase, ruleset) != ARDENT_OK) return 1;
  if (ardent_evaluate(&result, ruleset, kase, &evaluate) != ARDENT_OK) return 1;
  (void)ardent_diagnostics_get(&diagnostic, diagnostics, 0);
  (void)ardent_ruleset_get_info(&info, ruleset);
  (void)ardent_finding_get(&finding, ruleset, 0);
  (void)ardent_condition_get(&condition, ruleset, 0);
  (void)ardent_rule_get(&rule, ruleset, 0);
  (void)ardent_result_get_redflag(&redflag, result, 0);
  (void)ardent_result_get_condition(&conclusion, result, 0);
  (void)ardent_result_get_undecided(&undecided, result, 0);
  (void)ardent_result_get_ask(&ask, result, 0);
  (void)ardent_result_get_warning(&warning, result, 0);
  (void)ardent_result_explain(&explanation, result, 0);
  (void)ardent_result_interview(&interview, result);
  (void)ardent_standing_str(undecided.standing);
  (void)ardent_result_json(&json, result, ARDENT_RENDER_PRETTY);
  ardent_string_free(json);
  ardent_result_free(result);
  ardent_case_free(kase);
  ardent_diagnostics_free(diagnostics);
  ardent_ruleset_free(ruleset);
  return ARDENT_VERSION_NUMBER > 0 && ARDENT_ABI_VERSION == 1 ? 0 : 1;
}
