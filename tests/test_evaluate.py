"""`justif eval` scoring: document matching, field folding, flag matching, status."""

from justif.eval_report import format_eval
from justif.evaluate import evaluate_run, same_value

TRUTH = {
    "dossiers": {
        "A": {
            "expected_status": "incomplete",
            "expected_flags": [{"code": "MISSING_PIECE", "piece": "jdc_certificate", "file": None},
                               {"code": "NAME_MISMATCH", "piece": None, "file": "id.png"}],
            "uploads": {
                "bundle.pdf": {"rendering": "bundle_pdf", "documents": [
                    {"pages": [1], "doc_type": "identity_document",
                     "fields": {"last_name": "Dupont-Moreau", "birth_date": "2001-03-12"}},
                    {"pages": [2, 3], "doc_type": "transcript", "fields": {"session": 2021}},
                ]},
                "id.png": {"rendering": "scan_png", "documents": [
                    {"pages": [1], "doc_type": "other", "fields": {}}]},
            },
        },
        "B": {"expected_status": "ok", "expected_flags": [], "uploads": {}},
    }
}


def _results(second_doc_pages, status_b="ok", extra_flag=False):
    flags_a = [{"code": "MISSING_PIECE", "severity": "error", "piece": "jdc_certificate", "file": None,
                "message": "m"}]
    flags_b = [{"code": "RESIDENCE_OUTSIDE_ACADEMY", "severity": "warning", "message": "m"}] if extra_flag else []
    return {
        "A": {"status": "incomplete", "flags": flags_a, "documents": [
            {"file": "bundle.pdf", "pages": [1], "doc_type": "identity_document",
             "fields": {"last_name": "DUPONT MOREAU", "birth_date": "2001-03-13", "expiry_date": "2030-01-01"}},
            {"file": "bundle.pdf", "pages": second_doc_pages, "doc_type": "transcript", "fields": {"session": 2021}},
            {"file": "id.png", "pages": [1], "doc_type": "jdc_certificate", "fields": {}},
        ]},
        "B": {"status": status_b, "flags": flags_b, "documents": []},
    }


def test_figures_on_a_known_run():
    figures = evaluate_run(TRUTH, _results([2, 3]), {"run": {"pages_per_second": 4.0, "seconds": 1.0}})
    cls = figures["classification"]
    assert cls["accuracy"] == round(2 / 3, 4)
    assert cls["confusions"] == {"other -> jdc_certificate": 1}
    assert cls["open_set"]["other_rejected"] == 0 and cls["open_set"]["other_documents"] == 1
    assert figures["splitting"] == {"uploads": 1, "exact": 1, "accuracy": 1.0}
    fields = figures["fields"]
    assert fields["per_field"]["identity_document.last_name"]["accuracy"] == 1.0  # folded
    assert fields["per_field"]["identity_document.birth_date"]["accuracy"] == 0.0  # dates exact
    assert fields["invented"] == 1  # expiry_date is not on the truth document
    assert figures["flags"]["recall"] == 0.5 and figures["flags"]["precision"] == 1.0
    assert figures["status"]["accuracy"] == 1.0
    assert "Classification" in format_eval(figures)


def test_wrong_split_false_alarm_and_wrong_status_are_counted():
    figures = evaluate_run(TRUTH, _results([2], status_b="to_review", extra_flag=True), {})
    assert figures["splitting"]["exact"] == 0
    assert figures["flags"]["per_code"]["RESIDENCE_OUTSIDE_ACADEMY"]["precision"] == 0.0
    assert figures["status"]["confusions"] == {"ok -> to_review": 1}


def test_same_value_rules():
    assert same_value("first_names", ["Hélène", "Anne-Marie"], ["HELENE", "Anne Marie"])
    assert not same_value("first_names", ["Hélène"], ["Hélène", "Anne"])
    assert same_value("grades", [{"unit": "U1", "grade": 12.5}], [{"unit": "u1", "grade": 12.50, "label": "x"}])
    assert not same_value("end_date", "2021-05-28", None)
