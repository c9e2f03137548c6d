"""What the Shopify connector sends, checked against Shopify's own Admin GraphQL schema.

Source the checks follow: the 2026-07 introspection of a live shop, kept in
tests/fixtures/shopify/admin-2026-07.graphql (the version the connector targets), and the cost
rules of https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits as the fake applies
them (tests/fakes/shops/shopify_graphql.py).
"""

from __future__ import annotations

import re

import pytest
from graphql import parse

from sync.shops import shopify_queries
from sync.tracking_links import CARRIERS
from tests.fakes.shops import shopify_graphql as gql


@pytest.mark.parametrize("name", sorted(shopify_queries.ALL))
def test_every_operation_the_connector_sends_is_valid_in_the_schema_it_targets(name: str) -> None:
    # GIVEN one query or mutation of the connector
    query = shopify_queries.ALL[name]
    # WHEN it is validated against Shopify's schema of the version the connector asks for
    document, errors = gql.check(query)
    # THEN Shopify would run it, and it uses no field Shopify has deprecated
    assert not errors, [e.message for e in errors]
    assert document is not None
    assert gql.deprecated_fields(document) == []
    assert shopify_queries.API_VERSION == gql.SCHEMA_VERSION


def test_every_operation_the_connector_sends_is_one_the_list_names() -> None:
    # GIVEN the connector's source
    from pathlib import Path

    import sync.shops.shopify as connector

    source = Path(connector.__file__).read_text(encoding="utf-8")
    # THEN every query constant it sends is in the list the schema test walks
    used = set(re.findall(r"\bq\.([A-Z_]+)\b", source)) - {"API_VERSION", "LINES", "ORDER_LINES"}
    used -= {"FIRST_PAGE", "COST_TARGET", "SCOPES"}
    listed = {k for k, v in vars(shopify_queries).items() if v in shopify_queries.ALL.values()}
    assert used <= listed, used - listed


def test_the_fake_prices_a_query_by_what_it_asks_for() -> None:
    # GIVEN queries of known shape (Shopify's published rules: object 1, connection
    # 2 + first × node, scalar 0, mutation 10)
    shop = parse("{ shop { name id } }")
    orders = parse("{ orders(first: 10) { nodes { id shippingAddress { city } } } }")
    nested = parse(
        "query($n: Int!) { orders(first: $n) { edges { node { id "
        "lineItems(first: 20) { nodes { id sku } } } } } }"
    )
    mutation = parse(
        "mutation { fulfillmentCreate(fulfillment: {lineItemsByFulfillmentOrder: []}) "
        "{ fulfillment { id } userErrors { message } } }"
    )
    # THEN the requested cost follows from the query itself
    assert gql.requested_cost(shop, {}) == 1
    assert gql.requested_cost(orders, {}) == 2 + 10 * 2
    assert gql.requested_cost(nested, {"n": 5}) == 2 + 5 * (1 + 2 + 20 * 1)
    assert gql.requested_cost(mutation, {}) == 10


def test_the_carrier_names_sent_to_shopify_are_on_its_list_of_tracking_companies() -> None:
    # GIVEN Shopify's list of supported tracking companies, from the schema's own
    # FulfillmentTrackingInfo.company description
    description = gql.admin_schema().type_map["FulfillmentTrackingInfo"].fields["company"]
    text = str(description.description)
    names = {m.strip() for m in re.findall(r"^\s*\* ([^*\n]+)$", text, re.M)}
    for countries in re.findall(r"\*\*[^*]+\*\*: (.+)$", text, re.M):
        names |= {n.strip().rstrip(".") for n in countries.split(",")}
    # THEN every company name the table sends is one of them
    sent = {code: c.shopify_company for code, c in CARRIERS.items() if c.shopify_company}
    assert {code: name for code, name in sent.items() if name not in names} == {}
    assert "GLS Italy" in names
    assert "BRT" in names


def test_the_fake_keeps_only_what_the_answer_cost() -> None:
    # GIVEN a query for ten orders with up to five lines, answered with two orders of one line
    document = parse(
        "{ orders(first: 10) { nodes { id shippingAddress { city } "
        "lineItems(first: 5) { edges { node { id } } } } } }"
    )
    one = {
        "id": "1",
        "shippingAddress": {"city": "Torino"},
        "lineItems": {"edges": [{"node": {"id": "L"}}]},
    }
    data = {"orders": {"nodes": [one, one]}}
    # THEN the requested cost counts ten orders of five lines, the actual what came back
    assert gql.requested_cost(document, {}) == 2 + 10 * (1 + 1 + 2 + 5)
    assert gql.actual_cost(document, data) == 2 + 2 * (1 + 1 + 2 + 1)
