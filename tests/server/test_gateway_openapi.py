"""The OpenAPI document describes every endpoint, and the gateway keeps to it: schemathesis
generates valid and invalid requests from the document (in-process, over WSGI) and checks each
answer: no 5xx, valid data accepted and invalid data refused, every status, header and body as
documented."""

from __future__ import annotations

import itertools
import json
from typing import Any

import schemathesis
from flask import Flask
from gateway_stack import ACCOUNT, REGION, Person
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from moto.awslambda_simple.models import lambda_simple_backends
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

EXAMPLES = 20  # per operation and mode (valid, invalid): modest for CI's time
# Rules no schema can state: a password on the common list, a period that ends before it
# starts or a week 53 in a year without one are valid JSON Schema and still refused with 400.
# And a receipt declared larger than 10 MB is refused with 413, as documented.
CHECKS = SchemathesisConfig.from_dict(
    {
        "checks": {
            "negative_data_rejection": {
                "expected-statuses": [
                    "400",
                    "401",
                    "403",
                    "404",
                    "405",
                    "406",
                    "409",
                    "413",
                    "415",
                    "422",
                    "429",
                ]
            }
        },
        "operations": [
            {
                "include-path": path,
                "checks": {
                    "positive_data_acceptance": {
                        "expected-statuses": ["2XX", "400", "401", "403", "404", "409", "429"]
                    }
                },
            }
            for path in ("/register", "/reports")
        ],
    }
)


def test_every_route_is_in_the_document(client: Any, app: Flask) -> None:
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"] == "3.1.0"
    documented = {
        (path, method.upper()) for path, item in document["paths"].items() for method in item
    }
    served = {
        (rule.rule.removeprefix("/api/v1").replace("<expense_id>", "{expense_id}"), method)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert served == documented
    problem = document["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail", "code", "request_id"}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert "500" in operation["responses"] and "503" in operation["responses"], (
                path,
                method,
            )


def test_generated_requests_get_documented_answers(app: Flask, people: Any) -> None:
    ada: Person = people("ada")
    report = {
        "key": f"reports/{ada.user_id}/report.pdf",
        "url": "https://x.example/r.pdf",
        "expires_in": 300,
    }
    # moto runs no Lambda code: queue the report function's answers
    lambda_simple_backends[ACCOUNT][REGION].lambda_simple_results_queue.extend(
        [json.dumps(report)] * 4 * EXAMPLES
    )
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=CHECKS)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 11
    for operation, mode in itertools.product(operations, GenerationMode):
        takes_input = {"requestBody", "parameters"} & set(operation.definition.raw)
        if mode is GenerationMode.NEGATIVE and not takes_input:
            continue  # nothing to get wrong

        @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any, data: Any) -> None:
            signed_in = (
                data.draw(st.booleans()) if "security" in case.operation.definition.raw else False
            )
            headers = dict(ada.bearer) if signed_in else {}
            # from many addresses, so the per-address guards leave sign-ups to be tested
            address = str(data.draw(st.ip_addresses(v=4)))
            response = case.call_and_validate(
                headers=headers, environ_base={"REMOTE_ADDR": address}
            )
            assert response.status_code < 500

        check()
