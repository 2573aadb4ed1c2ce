#!/usr/bin/env python3
"""Writes the examples of this folder by running the real service.

Usage: examples/cds-hooks/generate.py [ARDENT]   (ARDENT: the `ardent` binary, default build/ardent)

Starts `ardent serve rules/hip --port 0`, then writes
  discovery.json   GET /cds-services
  request.json     a patient-view request whose prefetch is a QuestionnaireResponse of the answers
                   below (vignette V10 of rules/hip, each answer typed as the rule set's
                   Questionnaire asks: GET /Questionnaire/posterior-hip)
  cards.json       POST /cds-services/posterior-hip-patient-view with request.json
  next-question.json  POST /Questionnaire/posterior-hip/$next-question with the same QuestionnaireResponse
The cards' uuids are new on every run. The requests carry the headers a proxy in front of the
service would add (Host, X-Forwarded-Proto), so that source.url shows the public address.
"""
import json
import pathlib
import subprocess
import sys
import urllib.request

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ARDENT = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "build" / "ardent")
PROXY = {"Host": "cds.example.org", "X-Forwarded-Proto": "https"}

# V10: femoral neck stress fracture labelled as hip-flexor tightness (rules/hip/tests/vignettes-dev.ard),
# with the rest of the red-flag screen answered.
ANSWERS = {
    "saddle_anaesthesia": False, "bladder_bowel_change": False, "unable_to_weight_bear": False,
    "fever": False, "neuro_deficit": False, "bilateral_leg_symptoms": False, "history_of_cancer": False,
    "night_pain_non_mechanical": True, "age": 31, "sex": "female", "main_sport": "running",
    "pain_side": "right", "pain_groin": True, "pain_central_buttock": True, "onset": "gradual",
    "duration_weeks": 5, "symptom_trend": "gradually_worsening", "pain_builds_with_impact": True,
    "pain_standing_or_walking": True, "disordered_eating_or_dieting": True, "hop_pain": "groin",
    "pain_below_knee": False,
}


def call(port, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    headers = dict(PROXY)
    if data is not None:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, headers=headers)
    with urllib.request.urlopen(req) as res:
        return json.loads(res.read())


def items(questionnaire):
    for item in questionnaire["item"]:
        yield from item.get("item", []) if item["type"] == "group" else [item]


def answer(item, value):
    kind = item["type"]
    if kind == "boolean":
        return {"valueBoolean": value}
    if kind == "choice":
        return {"valueCoding": {"code": value}}
    if kind == "integer":
        return {"valueInteger": value}
    if kind == "decimal":
        return {"valueDecimal": value}
    unit = next(e["valueCoding"] for e in item["extension"] if e["url"].endswith(("questionnaire-unit", "unitOption")))
    return {"valueQuantity": {"value": value, "unit": unit["display"], "system": unit["system"], "code": unit["code"]}}


def main():
    # From the repository's root, so that the cards name rule files by their relative paths.
    server = subprocess.Popen([str(pathlib.Path(ARDENT).resolve()), "serve", "rules/hip", "--port", "0"],
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        port = int(server.stdout.readline().rsplit(":", 1)[1].split("/")[0])
        by_link = {i["linkId"]: i for i in items(call(port, "/Questionnaire/posterior-hip"))}
        qr = {"resourceType": "QuestionnaireResponse", "id": "v10", "questionnaire": "urn:ardent:ruleset:posterior_hip",
              "status": "completed", "subject": {"reference": "Patient/example"},
              "authored": "2026-12-01T09:30:00Z",
              "item": [{"linkId": k, "text": by_link[k]["text"], "answer": [answer(by_link[k], v)]}
                       for k, v in ANSWERS.items()]}
        request = {"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                   "context": {"userId": "Practitioner/example", "patientId": "example"},
                   "prefetch": {"questionnaireResponse": qr}}
        outputs = {
            "discovery.json": call(port, "/cds-services"),
            "request.json": request,
            "cards.json": call(port, "/cds-services/posterior-hip-patient-view", request),
            "next-question.json": call(port, "/Questionnaire/posterior-hip/$next-question", qr),
        }
        for name, doc in outputs.items():
            (HERE / name).write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
