"""What the Shopify connector asks, in Admin GraphQL 2026-07.

Every query here is validated against Shopify's own introspection of that version in the tests
(tests/fixtures/shopify/), deprecated fields included, so an upgrade of API_VERSION starts with
replacing that file.

Cost: Shopify charges a query before running it (objects 1, connections 2 + first × one node,
scalars 0, mutations 10) and refuses one over 1000 points. The connector does not hard-code that
arithmetic: pages start at a size that fits an ordinary order and are then sized from the
`requestedQueryCost` the shop reports, and shrunk when the shop answers MAX_COST_EXCEEDED.
"""

from __future__ import annotations

# Stable versions are supported for twelve months; an older one is not refused but silently
# served as the oldest supported version ("falls forward"), so the connector compares the
# `X-Shopify-API-Version` the shop answers with. (Shopify staff, community.shopify.com thread
# 164634: "respond with the oldest stable version"; 2025-07 was retired on 2026-07-16 and its
# calls answered as 2025-10.)
API_VERSION = "2026-07"
FIRST_PAGE = 32  # orders on the first page (962 points); later pages follow the reported cost
LINES = 5  # lines read with each order of a page; an order with more is read on its own
ORDER_LINES = 100  # lines a page when one order is read (re-check, long orders)
# What a page should cost: the reported cost grows exactly with `first`, so a page can come
# close to the 1000-point ceiling; fewer, fuller pages are fewer requests.
COST_TARGET = 980

_ADDRESS = "name company address1 address2 zip city provinceCode countryCodeV2 phone"
_LINE = """id sku name quantity currentQuantity unfulfilledQuantity
  discountedUnitPriceSet { shopMoney { amount } } taxLines(first: 1) { rate }"""
_ORDER_FIELDS = f"""id name updatedAt createdAt cancelledAt displayFinancialStatus
  displayFulfillmentStatus email note paymentGatewayNames currencyCode taxesIncluded
  totalPriceSet {{ shopMoney {{ amount }} }} totalShippingPriceSet {{ shopMoney {{ amount }} }}
  shippingAddress {{ {_ADDRESS} }} billingAddress {{ {_ADDRESS} }} shippingLine {{ title code }}
  lineItems(first: $lineFirst) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {_LINE} }} }}"""
ORDERS = f"""query Orders($first: Int!, $after: String, $query: String, $lineFirst: Int!) {{
  orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {{
    pageInfo {{ hasNextPage endCursor }}
    nodes {{ {_ORDER_FIELDS} }} }} }}"""
ORDER = f"""query Order($id: ID!, $lineFirst: Int!) {{ order(id: $id) {{ {_ORDER_FIELDS} }} }}"""
MORE_LINES = f"""query OrderLines($id: ID!, $first: Int!, $after: String) {{
  order(id: $id) {{ id lineItems(first: $first, after: $after) {{
    pageInfo {{ hasNextPage endCursor }} nodes {{ {_LINE} }} }} }} }}"""

# Fulfilments already made: a parcel's tracking number, per location, is the idempotency key.
FULFILMENTS = """query OrderFulfilments($id: ID!) { order(id: $id) { id cancelledAt
  fulfillments(first: 100) { id status location { id } trackingInfo(first: 3) { number } } } }"""
_FO_LINE = "id remainingQuantity lineItem { id sku }"
FULFILMENT_ORDERS = f"""query OrderFulfilmentOrders($id: ID!, $after: String) {{
  order(id: $id) {{ id fulfillmentOrders(first: 5, after: $after) {{
    pageInfo {{ hasNextPage endCursor }}
    nodes {{ id status fulfillAt
      assignedLocation {{ name location {{ id }} }}
      supportedActions {{ action }}
      fulfillmentHolds {{ reason reasonNotes displayReason }}
      lineItems(first: 50) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {_FO_LINE} }} }} }} }} }} }}"""
MORE_FO_LINES = f"""query FulfilmentOrderLines($id: ID!, $after: String) {{
  fulfillmentOrder(id: $id) {{ id lineItems(first: 100, after: $after) {{
    pageInfo {{ hasNextPage endCursor }} nodes {{ {_FO_LINE} }} }} }} }}"""
CREATE = """mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status trackingInfo(first: 1) { number company url } }
    userErrors { field message } } }"""

# `ProductVariant.image` and `Product.featuredImage` are deprecated ("Use `media` instead",
# "Use `featuredMedia` instead").
VARIANTS = """query Variants($first: Int!, $after: String) {
  productVariants(first: $first, after: $after) { pageInfo { hasNextPage endCursor }
    nodes { id sku barcode displayName
      media(first: 1) { nodes { preview { image { url } } } }
      product { title featuredMedia { preview { image { url } } } }
      inventoryItem { measurement { weight { unit value } } } } } }"""
SHOP = "query Shop { shop { name } currentAppInstallation { accessScopes { handle } } }"
# The access scopes sync needs, each with the scopes that include it (a write scope grants
# the read); read_all_orders is needed only for orders older than 60 days, and is named when one
# is refused. Source: https://shopify.dev/docs/api/usage/access-scopes
SCOPES: dict[str, tuple[str, ...]] = {
    "read_orders": ("write_orders",),
    "read_products": ("write_products",),
    "write_merchant_managed_fulfillment_orders": (),
}

ALL = {
    "Orders": ORDERS,
    "Order": ORDER,
    "OrderLines": MORE_LINES,
    "OrderFulfilments": FULFILMENTS,
    "OrderFulfilmentOrders": FULFILMENT_ORDERS,
    "FulfilmentOrderLines": MORE_FO_LINES,
    "FulfillmentCreate": CREATE,
    "Variants": VARIANTS,
    "Shop": SHOP,
}
