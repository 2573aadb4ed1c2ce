#!/usr/bin/env python3
"""Generate rules/hip/findings.ard from the finding vocabulary (vocabulary.json).

Names, types, enum values (in order), ranges, integer flags, units, questions and groups are
copied from the vocabulary so that they cannot drift; only the short clinician labels are
hand-written here (LABELS). A label is a noun phrase that reads well inside a sentence such as
"suggested because <label>, <label> and <label>" and after "no" for a negative answer.

The vocabulary lives in the repository beside the rule set (rules/hip/vocabulary.json); a
different file can be given as the optional first argument.

Usage:
    python3 rules/hip/tools/gen_findings.py [VOCABULARY_JSON] [--out rules/hip/findings.ard]
    python3 rules/hip/tools/gen_findings.py [VOCABULARY_JSON] --check   # exit 1 if out of date
"""
import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent / "findings.ard"
DEFAULT_VOCABULARY = HERE.parent / "vocabulary.json"

# Group order and headings follow vocabulary.md section 2.
GROUPS = [
    ("red_flag_screen", "Red-flag screen: asked directly, because patients rarely volunteer them (vocabulary §2.1)"),
    ("location", "Location: each pain site is its own yes/no finding (vocabulary §1.3, §2.2)"),
    ("time_course", "Time course (vocabulary §2.3)"),
    ("aggravating", "Aggravating factors (vocabulary §2.4)"),
    ("easing", "Easing factors (vocabulary §2.5)"),
    ("history", "History (vocabulary §2.6)"),
    ("risk_factor", "Risk factors (vocabulary §2.7)"),
    ("exam_test", "Examination and bedside tests (vocabulary §2.8)"),
    ("demographics", "Demographics and sport (vocabulary §2.9)"),
]

LABELS = {
    # red_flag_screen
    "saddle_anaesthesia": "saddle anaesthesia",
    "bladder_bowel_change": "new bladder, bowel or sexual dysfunction",
    "bilateral_leg_symptoms": "nerve-type symptoms in both legs",
    "fever": "fever, chills or rigors",
    "systemically_unwell": "feeling generally unwell",
    "recent_injection_or_surgery": "recent injection or operation in the hip, pelvis or lower back",
    "hot_swollen_joint": "hot, red or swollen hip or buttock",
    "history_of_cancer": "history of cancer",
    "unexplained_weight_loss": "unexplained weight loss",
    "night_sweats": "drenching night sweats",
    "night_pain_non_mechanical": "non-mechanical night pain",
    "rest_pain": "constant pain at rest",
    "bony_swelling_or_mass": "lump or bony swelling",
    "unable_to_weight_bear": "inability to weight-bear",
    "limp_or_walking_difficulty": "limp or difficulty walking",
    "foot_drop": "foot drop",
    "weakness_progressing": "leg weakness that is getting worse",
    "cold_pale_limb": "cold, pale or mottled leg",
    "bilateral_leg_symptoms_course": "time course of the symptoms in both legs",  # December 2026 (vocabulary §9.1)
    "weakness_onset_days": "time since the leg weakness began",  # December 2026 (vocabulary §9.1)
    "dark_urine_after_exercise": "dark urine after exercise",  # December 2026 (vocabulary §9.1)
    "collapse_or_fainting": "collapse or fainting",  # December 2026 (vocabulary §9.1)
    "spontaneous_bruising_or_swelling": "bruising or swelling without an injury",  # December 2026 (vocabulary §9.1)
    # location
    "pain_central_buttock": "deep pain in the middle of the buttock",
    "pain_sit_bone_region": "pain at or beside the sit bone",
    "pain_lateral_hip": "pain over the outer hip",
    "pain_groin": "groin or front-of-hip pain",
    "pain_sij_region": "pain over the sacroiliac joint",
    "pain_perineal": "perineal pain",
    "pain_posterior_thigh": "pain in the back of the thigh",
    "pain_below_knee": "pain below the knee",
    "low_back_pain": "low back pain",
    "pain_side": "side of the pain",
    "dominant_pain_area": "where the pain is worst",
    "pain_anterior_thigh": "pain in the front or inner thigh",  # December 2026 (vocabulary §9.1)
    "abdominal_or_flank_pain": "abdominal or flank pain",  # December 2026 (vocabulary §9.1)
    # time_course
    "onset": "onset",
    "duration_weeks": "duration",
    "symptom_trend": "symptom trend",
    "pain_delayed_after_training": "pain that builds in the hours after training",
    "pain_lingers_days": "pain that lingers for days after a session",
    "self_care_weeks": "self-care already tried",
    "morning_stiffness_minutes": "morning stiffness",
    "woken_by_pain": "being woken by the pain",
    "night_pain_better_on_rising": "early-morning pain that eases on getting up",
    # aggravating
    "pain_with_running": "pain while running",
    "pain_worst_start_of_run": "pain worst at the start of a run",
    "pain_builds_with_impact": "pain that builds with impact and starts earlier in each run",
    "pain_hills_or_speed": "pain with hills or speed work",
    "pain_long_stride": "pain with long strides, eased by short strides",
    "pain_sitting": "pain on sitting",
    "sitting_tolerance_minutes": "sitting tolerance",
    "pain_deep_squat": "pain on deep squatting",
    "pain_stairs": "pain on climbing stairs",
    "pain_standing_or_walking": "pain on standing or walking",
    "pain_at_fixed_exertion": "pain at a fixed effort or distance",
    "leg_powerlessness": "sudden leg powerlessness during hard efforts",
    "side_lying_pain": "pain lying on the side",
    # easing
    "better_with_exercise": "improvement with exercise",
    "better_with_rest": "improvement with rest",
    "relief_sitting_or_flexion": "relief on sitting or bending forward",
    "eased_standing_or_toilet_seat": "relief on standing or on a toilet seat",
    "eases_minutes_after_stopping": "pain that goes within minutes of stopping",
    "nsaid_response_good": "clear relief from anti-inflammatories",
    # history
    "injury_mechanism": "mechanism of injury",
    "audible_pop": "pop or snap at the time of injury",
    "recent_training_increase": "recent increase in training",
    "after_unaccustomed_exercise": "onset after unaccustomed exercise",
    "previous_sciatica": "previous sciatica",
    "known_leg_artery_disease": "known narrowing of a pelvic or leg artery",
    "mechanical_hip_symptoms": "clicking, catching or locking of the hip",
    "leg_numbness_tingling": "numbness or pins and needles in the leg",
    "pain_quality": "pain quality",
    "pain_score": "worst pain score",
    "spa_extra_articular_features": "uveitis, psoriasis or inflammatory bowel disease",
    "known_aortic_aneurysm": "known abdominal aortic aneurysm",  # December 2026 (vocabulary §9.1)
    "hip_surgery_history": "previous hip surgery",  # December 2026 (vocabulary §9.1)
    # risk_factor
    "amenorrhoea_months": "months without a period",
    "low_energy_availability": "low energy availability",
    "disordered_eating_or_dieting": "dieting or disordered eating",
    "low_bmi": "low body weight for height",
    "low_sex_hormone_signs": "signs of low sex hormones",
    "prior_stress_fracture_or_low_bmd": "previous stress fracture or low bone density",
    "vascular_risk_factors": "vascular risk factors",
    "infection_risk_factors": "infection risk factors",
    "anticoagulant_use": "anticoagulant treatment",  # December 2026 (vocabulary §9.1)
    "long_term_corticosteroids": "long-term steroid treatment",  # December 2026 (vocabulary §9.1)
    "osteoporosis_or_fragility_fx": "osteoporosis or a previous fragility fracture",  # December 2026 (vocabulary §9.1)
    "pregnancy_status": "pregnancy or a recent birth",  # December 2026 (vocabulary §9.1)
    # exam_test
    "neuro_deficit": "objective neurological deficit",
    "motor_weakness": "objective leg weakness",
    "ankle_dorsiflexion_mrc": "ankle dorsiflexion strength (MRC)",
    "slr_positive": "positive straight-leg raise",
    "slump_positive": "positive slump test",
    "hop_pain": "pain on hopping or landing",
    "piriformis_test_positive": "positive piriformis provocation test",
    "hamstring_test_positive": "positive hamstring-origin stretch test",
    "ischiofemoral_test_positive": "positive ischiofemoral impingement test",
    "sij_provocation_count": "positive sacroiliac provocation tests",
    "pain_centralises": "pain that centralises with repeated back movements",
    "faber_pain": "FABER test pain",
    "fadir_pain": "pain on FADIR",
    "hip_ir_restricted": "restricted hip internal rotation",
    "hip_passive_motion_pain": "pain on passive hip movement",
    "single_leg_stance_pain": "outer-hip pain on 30-second single-leg stance",
    "resisted_hip_ext_er_pain": "pain on resisted hip extension or external rotation",
    "lumbar_movement_pain": "lumbar movement that reproduces the pain",
    "sciatic_notch_tenderness": "tenderness over the sciatic notch",
    "ischial_tenderness": "tender sit bone",
    "sacrotuberous_tenderness": "tenderness along the sacrotuberous ligament",
    "sacral_tenderness": "sacral tenderness",
    "trochanter_tenderness": "tenderness over the greater trochanter",
    "focal_muscle_tenderness": "focal tender spot in the muscle",
    "palpable_gap": "palpable gap in the hamstring tendon",
    "haematoma_or_bruising": "bruising or haematoma over the sit bone or thigh",
    "leg_pulses": "leg pulses",
    "leg_short_ext_rotated": "shortened, externally rotated leg",
    "temperature_c": "temperature",
    "pulsatile_abdominal_mass": "pulsatile abdominal mass",  # December 2026 (vocabulary §9.1)
    "tense_swollen_buttock_or_thigh": "tense, swollen buttock or thigh",  # December 2026 (vocabulary §9.1)
    # demographics
    "age": "age",
    "sex": "sex",
    "main_sport": "main sport",
    "endurance_training": "endurance training",
}


def ard_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fmt_number(x) -> str:
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return str(x)


def type_text(f: dict) -> str:
    t = f["type"]
    if t == "bool":
        return "bool"
    if t == "enum":
        return "one of {" + ", ".join(f["values"]) + "}"
    if t == "number":
        s = f"number {fmt_number(f['min'])}..{fmt_number(f['max'])}"
        if f.get("integer"):
            s += " integer"
        if f.get("unit"):
            s += f" unit {ard_string(f['unit'])}"
        return s
    raise SystemExit(f"finding {f['name']}: unsupported type {t!r}")


def render(vocab: dict) -> str:
    findings = vocab["findings"]
    names = [f["name"] for f in findings]
    missing = [n for n in names if n not in LABELS]
    extra = [n for n in LABELS if n not in names]
    if missing or extra:
        raise SystemExit(f"label table out of sync: missing {missing}, unknown {extra}")
    unknown_groups = {f["group"] for f in findings} - {g for g, _ in GROUPS}
    if unknown_groups:
        raise SystemExit(f"unknown groups {sorted(unknown_groups)}")

    out = []
    out.append("# Posterior hip and buttock pain: rule-set header and the finding vocabulary.")
    out.append("#")
    out.append("# GENERATED by rules/hip/tools/gen_findings.py from the clinical vocabulary")
    out.append("# (vocabulary.json). Do not edit by hand: change the vocabulary or the label table")
    out.append("# in the script and regenerate. Names, types, enum values, ranges, units, questions")
    out.append("# and groups are the vocabulary's own; no finding carries a terminology code,")
    out.append("# because none is verified (vocabulary §1.9).")
    out.append(f"# {len(findings)} findings.")
    out.append("")
    out.append('ruleset posterior_hip version "1.1.0"')
    out.append('  title "Posterior hip and buttock pain in active adults"')
    out.append("  default triage routine   # no rule concluded a level: a clinician still reviews (spec §2)")
    for group, heading in GROUPS:
        members = [f for f in findings if f["group"] == group]
        if not members:
            continue
        out.append("")
        out.append("# " + "-" * 94)
        out.append(f"# {heading}: {len(members)} findings")
        out.append("# " + "-" * 94)
        for f in members:
            out.append("")
            out.append(f"finding {f['name']}: {type_text(f)}")
            out.append(f"  label {ard_string(LABELS[f['name']])}")
            out.append(f"  ask {ard_string(f['question'])}")
            out.append(f"  group {ard_string(f['group'])}")
    return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("vocabulary", nargs="?", default=str(DEFAULT_VOCABULARY),
                    help="path to vocabulary.json (default: rules/hip/vocabulary.json)")
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    ap.add_argument("--check", action="store_true", help="only report whether the file is up to date")
    args = ap.parse_args()
    vocab = json.loads(Path(args.vocabulary).read_text(encoding="utf-8"))
    text = render(vocab)
    out = Path(args.out)
    if args.check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            print(f"{out} is out of date; regenerate it", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({len(vocab['findings'])} findings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
