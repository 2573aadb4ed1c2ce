/*
** triage.c -- a minimal embedder of Ardent's C interface.
**
**   triage [RULES] [finding=value ...]
**
** Compiles a rule set (default: rules/hip), lists its questions, sets a few findings of a
** runner with deep buttock pain (or the ones given on the command line), evaluates, and prints
** the triage, the red flags, the conditions with why they were concluded, and the questions
** worth asking next. Every handle is freed before the program ends.
*/
#include <ardent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prints the last error of this thread after a failed call. */
static int report(const char *what) {
  const ardent_error *e = ardent_last_error();
  fprintf(stderr, "%s: %s (%s)\n", what, e->message, ardent_errstr(e->code));
  return e->code;
}

/* Sets "name=value" on a case, whatever the finding's type: yes/no, numbers, "6 weeks",
** enum values and "unknown" all work, because the value is read as JSON or as a duration. */
static int set_finding(ardent_case *c, const ardent_ruleset *rs, const char *assignment) {
  const char *eq = strchr(assignment, '=');
  char name[128];
  const char *value;
  uint32_t index;
  ardent_finding_info f = ARDENT_FINDING_INFO_INIT;
  size_t n;
  if (eq == NULL || (n = (size_t)(eq - assignment)) == 0 || n >= sizeof name) {
    fprintf(stderr, "expected finding=value, got '%s'\n", assignment);
    return ARDENT_EINVALID;
  }
  memcpy(name, assignment, n);
  name[n] = '\0';
  value = eq + 1;
  if (ardent_finding_index(&index, rs, name) != ARDENT_OK) return report(name);
  if (strcmp(value, "unknown") == 0) return ardent_case_set_unknown_at(c, index);
  ardent_finding_get(&f, rs, index);
  switch (f.type) {
    case ARDENT_FINDING_BOOL:
      return ardent_case_set_bool_at(c, index, strcmp(value, "yes") == 0 || strcmp(value, "true") == 0);
    case ARDENT_FINDING_ENUM:
      return ardent_case_set_enum_at(c, index, value);
    case ARDENT_FINDING_NUMBER:
      return ardent_case_set_number_at(c, index, strtod(value, NULL));
    default: { /* duration: "<amount> <unit>" through JSON, which parses the unit */
      char json[300];
      snprintf(json, sizeof json, "{\"%s\": \"%s\"}", name, value);
      return ardent_case_set_json(c, json, ARDENT_NUL_TERMINATED);
    }
  }
}

static void list_questions(const ardent_ruleset *rs, size_t finding_count, size_t shown) {
  uint32_t i;
  size_t listed = 0;
  printf("\nQuestions this rule set can ask (first %u):\n", (unsigned)shown);
  for (i = 0; i < finding_count && listed < shown; ++i) {
    ardent_finding_info f = ARDENT_FINDING_INFO_INIT;
    if (ardent_finding_get(&f, rs, i) != ARDENT_OK || f.question[0] == '\0') continue;
    printf("  %-28s %-8s %s\n", f.name, ardent_finding_type_str(f.type), f.question);
    ++listed;
  }
}

static void print_result(ardent_result *r, size_t rule_count) {
  size_t i, j;
  ardent_interview interview = ARDENT_INTERVIEW_INIT;
  printf("\nTriage: %s%s\n", ardent_triage_str(ardent_result_triage(r)),
         ardent_result_triage_is_default(r) ? " (the rule set's default)" : "");
  if (ardent_result_interview(&interview, r) == ARDENT_OK) {
    printf("Interview: %s%s", interview.complete ? "complete" : "incomplete (provisional triage)",
           interview.self_care_withheld ? "; self-care withheld until it is complete" : "");
    if (interview.screen_pending_count > 0)
      printf("; %u of %u screen questions not asked yet", (unsigned)interview.screen_pending_count,
             (unsigned)interview.screen_count);
    printf("\n");
  }

  printf("Red flags: %s\n", ardent_result_redflag_count(r) == 0 ? "none" : "");
  for (i = 0; i < ardent_result_redflag_count(r); ++i) {
    ardent_redflag rf = ARDENT_REDFLAG_INIT;
    ardent_explanation why = ARDENT_EXPLANATION_INIT;
    ardent_result_get_redflag(&rf, r, i);
    ardent_result_explain(&why, r, rf.rule);
    printf("  ! %s [%s] because %s\n", rf.label, ardent_triage_str(rf.triage), why.text);
  }

  printf("Conditions:%s\n", ardent_result_condition_count(r) == 0 ? " none" : "");
  for (i = 0; i < ardent_result_condition_count(r); ++i) {
    ardent_conclusion k = ARDENT_CONCLUSION_INIT;
    ardent_result_get_condition(&k, r, i);
    printf("  - %s: %s%s%s\n", k.label, ardent_condition_status_str(k.status),
           k.strength != ARDENT_STRENGTH_NONE ? ", " : "", ardent_strength_str(k.strength));
  }

  printf("Why (rules that fired):\n");
  for (i = 0; i < rule_count; ++i) {
    ardent_explanation why = ARDENT_EXPLANATION_INIT;
    ardent_rule_info info = ARDENT_RULE_INFO_INIT;
    if (ardent_result_rule_state(r, (uint32_t)i) != ARDENT_RULE_FIRED) continue;
    ardent_result_explain(&why, r, (uint32_t)i);
    ardent_rule_get(&info, ardent_result_ruleset(r), (uint32_t)i);
    printf("  %s (%s:%u): %s\n", info.name, info.file, (unsigned)info.line, why.text);
  }

  printf("Advice:%s\n", ardent_result_advice_count(r) == 0 ? " none" : "");
  for (i = 0; i < ardent_result_advice_count(r); ++i) {
    const char *text = NULL;
    ardent_result_get_advice(&text, r, i);
    printf("  * %s\n", text);
  }

  printf("Ask next:%s\n", ardent_result_ask_count(r) == 0 ? " nothing more" : "");
  for (i = 0; i < ardent_result_ask_count(r); ++i) {
    ardent_ask a = ARDENT_ASK_INIT;
    ardent_result_get_ask(&a, r, i);
    printf("  ? %s (%s; could decide", a.question, ardent_ask_reason_str(a.reason));
    for (j = 0; j < a.rule_count; ++j) {
      ardent_rule_info info = ARDENT_RULE_INFO_INIT;
      ardent_rule_get(&info, ardent_result_ruleset(r), a.rules[j]);
      printf(" %s", info.name);
    }
    printf(")\n");
  }
}

int main(int argc, char **argv) {
  static const char *const runner[] = {
      "age=34", "sex=female", "main_sport=running", "pain_central_buttock=yes", "onset=gradual",
      "duration_weeks=3", "pain_delayed_after_training=yes", "side_lying_pain=on_either_side",
      "fever=no", "saddle_anaesthesia=no", "bladder_bowel_change=no"};
  const char *rules = argc > 1 ? argv[1] : "rules/hip";
  ardent_ruleset *rs = NULL;
  ardent_diagnostics *diagnostics = NULL;
  ardent_case *c = NULL;
  ardent_result *r = NULL;
  ardent_ruleset_info info = ARDENT_RULESET_INFO_INIT;
  ardent_evaluate_options opts = ARDENT_EVALUATE_OPTIONS_INIT;
  int status = 0;
  int i;

  if (ardent_ruleset_compile_path(&rs, &diagnostics, rules, NULL) != ARDENT_OK) {
    fputs(ardent_diagnostics_text(diagnostics), stderr);
    report(rules);
    ardent_diagnostics_free(diagnostics);
    return 1;
  }
  ardent_diagnostics_free(diagnostics); /* warnings, if any, are not needed here */

  ardent_ruleset_get_info(&info, rs);
  printf("Ardent %s, rule set %s %s (sha256 %.12s...): %u findings, %u rules, %u red flags\n",
         ardent_version(), info.name, info.ruleset_version, info.hash, (unsigned)info.finding_count,
         (unsigned)(info.rule_count - info.redflag_count), (unsigned)info.redflag_count);
  list_questions(rs, info.finding_count, 8);

  if (ardent_case_new(&c, rs) != ARDENT_OK) {
    report("case");
    ardent_ruleset_free(rs);
    return 1;
  }
  printf("\nFindings:");
  if (argc > 2) {
    for (i = 2; i < argc; ++i) {
      printf(" %s", argv[i]);
      if (set_finding(c, rs, argv[i]) != ARDENT_OK) status = report(argv[i]);
    }
  } else {
    for (i = 0; i < (int)(sizeof runner / sizeof runner[0]); ++i) {
      printf(" %s", runner[i]);
      /* A rule set without this finding reports it and the example goes on. */
      if (set_finding(c, rs, runner[i]) != ARDENT_OK) report(runner[i]);
    }
  }
  printf("\n");

  opts.max_ask = 5;
  if (ardent_evaluate(&r, rs, c, &opts) != ARDENT_OK) {
    status = report("evaluate");
  } else {
    print_result(r, info.rule_count);
  }

  ardent_result_free(r);
  ardent_case_free(c);
  ardent_ruleset_free(rs);
  return status == 0 ? 0 : 1;
}
