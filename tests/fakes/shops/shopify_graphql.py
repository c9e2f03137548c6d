"""Shopify's Admin GraphQL schema as a fake serves it: every query is parsed and validated
against the real introspection (tests/fixtures/shopify/admin-2026-07.graphql, captured from a
live 2026-07 shop), its requested cost is computed from the query itself, and it is executed by
graphql-core over plain dicts.

Cost rules, as Shopify publishes them (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits,
"Cost calculation"): a scalar or enum costs 0, an object 1, an interface or union the most
expensive of its possible selections, a connection 2 plus `first` (or `last`) times the cost
of one node, a mutation 10; a single query may not cost more than 1000. A list field that takes
`first` (`Order.fulfillments`, `Fulfillment.trackingInfo`) is charged like the objects it may
return: `first` times one.

Data: a field's value is read from the dict under the field's name; a callable is called with
the field's arguments (root fields, computed fields); a list under a connection field is paged
by `first`/`after` with opaque cursors; a dict with `__typename` resolves interfaces and unions.
A resolver may raise GraphQLError with `extensions` (ACCESS_DENIED, say), as Shopify puts such
errors beside partial data.
"""

from __future__ import annotations

import base64
import functools
import json
from pathlib import Path
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    build_schema,
    execute,
    get_named_type,
    get_nullable_type,
    parse,
    validate,
    value_from_ast,
)

SCHEMA_VERSION = "2026-07"
SCHEMA_FILE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "shopify" / f"admin-{SCHEMA_VERSION}.graphql"
)
MAX_COST = 1000
MUTATION_COST = 10


@functools.cache
def admin_schema() -> GraphQLSchema:
    """The real Admin schema. `assume_valid`: Shopify's own introspection deprecates a few
    implementation fields its interfaces keep (Customer.hasTimelineComment...), which
    graphql-core's strict schema rules refuse although every query runs against it."""
    return build_schema(SCHEMA_FILE.read_text(encoding="utf-8"), assume_valid=True)


def check(query: str) -> tuple[DocumentNode | None, list[GraphQLError]]:
    """The parsed query, or the errors Shopify would answer instead of running it."""
    try:
        document = parse(query)
    except GraphQLError as exc:
        return None, [exc]
    errors = validate(admin_schema(), document)
    return (None, errors) if errors else (document, [])


def deprecated_fields(document: DocumentNode) -> list[str]:
    """`Type.field: reason` for every deprecated field the query selects."""
    found: list[str] = []

    def walk(selection_set: SelectionSetNode | None, parent: GraphQLNamedType) -> None:
        for node in _fields(document, selection_set, parent):
            field_node, owner = node
            definition = owner.fields[field_node.name.value]
            if definition.deprecation_reason:
                found.append(
                    f"{owner.name}.{field_node.name.value}: {definition.deprecation_reason}"
                )
            walk(field_node.selection_set, get_named_type(definition.type))

    for op in _operations(document):
        walk(op.selection_set, _root(op))
    return found


def requested_cost(document: DocumentNode, variables: dict[str, Any]) -> int:
    total = 0
    for op in _operations(document):
        if op.operation == OperationType.MUTATION:
            total += MUTATION_COST * len(op.selection_set.selections)
        else:
            total += _cost(document, op.selection_set, _root(op), variables)
    return total


def actual_cost(document: DocumentNode, data: Any) -> int:
    """What the answer cost: the same rules over what came back (a connection's nodes as
    returned, not as many as `first` asked), which is what Shopify keeps of the requested cost
    (`actualQueryCost`); the rest returns to the bucket."""
    total = 0
    for op in _operations(document):
        if op.operation == OperationType.MUTATION:
            total += MUTATION_COST * len(op.selection_set.selections)
        else:
            total += _actual(document, op.selection_set, _root(op), data)
    return total


def run(
    document: DocumentNode, root: dict[str, Any], variables: dict[str, Any]
) -> tuple[Any, list[dict[str, Any]]]:
    """Execute; returns (data, errors as Shopify formats them)."""
    result = execute(
        admin_schema(),
        document,
        root_value=root,
        variable_values=variables,
        field_resolver=_resolve,
        type_resolver=lambda value, *_: value.get("__typename"),
    )
    errors = []
    for error in result.errors or []:
        formatted = dict(error.formatted)
        original = error.original_error
        if isinstance(original, GraphQLError) and original.extensions:
            formatted["extensions"] = original.extensions
        errors.append(formatted)
    return result.data, errors


# -- cost --------------------------------------------------------------------------------------


def _operations(document: DocumentNode) -> list[OperationDefinitionNode]:
    return [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]


def _root(op: OperationDefinitionNode) -> GraphQLObjectType:
    schema = admin_schema()
    root = schema.mutation_type if op.operation == OperationType.MUTATION else schema.query_type
    assert root is not None
    return root


def _fields(
    document: DocumentNode, selection_set: SelectionSetNode | None, parent: GraphQLNamedType
) -> list[tuple[FieldNode, Any]]:
    """The field nodes of a selection with the type each belongs to (fragments opened)."""
    if selection_set is None:
        return []
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    found: list[tuple[FieldNode, Any]] = []
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value != "__typename":
                found.append((selection, parent))
        elif isinstance(selection, InlineFragmentNode):
            typed = (
                admin_schema().type_map[selection.type_condition.name.value]
                if selection.type_condition
                else parent
            )
            found.extend(_fields(document, selection.selection_set, typed))
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments[selection.name.value]
            typed = admin_schema().type_map[fragment.type_condition.name.value]
            found.extend(_fields(document, fragment.selection_set, typed))
    return found


def _argument(node: FieldNode, name: str, variables: dict[str, Any], type_: Any) -> Any:
    for argument in node.arguments or ():
        if argument.name.value == name:
            return value_from_ast(argument.value, type_, variables)
    return None


def _cost(
    document: DocumentNode,
    selection_set: SelectionSetNode | None,
    parent: GraphQLNamedType,
    variables: dict[str, Any],
) -> int:
    total = 0
    for node, owner in _fields(document, selection_set, parent):
        definition = owner.fields[node.name.value]
        named = get_named_type(definition.type)
        if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
            continue  # scalars and enums are free
        count = None
        if "first" in definition.args or "last" in definition.args:
            int_type = admin_schema().type_map["Int"]
            count = _argument(node, "first", variables, int_type) or _argument(
                node, "last", variables, int_type
            )
        if named.name.endswith("Connection"):
            total += 2 + int(count or 0) * _node_cost(document, node, named, variables)
        elif isinstance(get_nullable_type(definition.type), GraphQLList) and count is not None:
            total += int(count) * (1 + _cost(document, node.selection_set, named, variables))
        else:
            total += 1 + _cost(document, node.selection_set, named, variables)
    return total


def _actual(
    document: DocumentNode, selection_set: SelectionSetNode | None, parent: Any, data: Any
) -> int:
    if not isinstance(data, dict):
        return 0
    total = 0
    for node, owner in _fields(document, selection_set, parent):
        definition = owner.fields[node.name.value]
        named = get_named_type(definition.type)
        if not isinstance(named, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
            continue
        value = data.get(node.alias.value if node.alias else node.name.value)
        if named.name.endswith("Connection"):
            total += 2 + _actual_nodes(document, node, named, value)
        elif isinstance(value, list):
            total += sum(1 + _actual(document, node.selection_set, named, v) for v in value)
        else:
            total += 1 + _actual(document, node.selection_set, named, value)
    return total


def _actual_nodes(document: DocumentNode, connection: FieldNode, type_: Any, value: Any) -> int:
    if not isinstance(value, dict):
        return 0
    for node, owner in _fields(document, connection.selection_set, type_):
        name = node.alias.value if node.alias else node.name.value
        if node.name.value == "nodes":
            node_type = get_named_type(owner.fields["nodes"].type)
            items = value.get(name) or []
            return sum(1 + _actual(document, node.selection_set, node_type, i) for i in items)
        if node.name.value == "edges":
            edge_type = get_named_type(owner.fields["edges"].type)
            return sum(
                _actual(document, node.selection_set, edge_type, edge)
                for edge in value.get(name) or []
            )
    return 0


def _node_cost(
    document: DocumentNode, connection: FieldNode, type_: Any, variables: dict[str, Any]
) -> int:
    """The cost of one node of a connection, whether read through `nodes` or `edges.node`."""
    cost = 0
    for node, owner in _fields(document, connection.selection_set, type_):
        name = node.name.value
        if name == "nodes":
            node_type = get_named_type(owner.fields[name].type)
            cost = max(cost, 1 + _cost(document, node.selection_set, node_type, variables))
        elif name == "edges":
            edge_type = get_named_type(owner.fields[name].type)
            for inner, inner_owner in _fields(document, node.selection_set, edge_type):
                if inner.name.value == "node":
                    node_type = get_named_type(inner_owner.fields["node"].type)
                    cost = max(cost, 1 + _cost(document, inner.selection_set, node_type, variables))
    return cost or 1


# -- execution ---------------------------------------------------------------------------------


def cursor(key: Any) -> str:
    return base64.b64encode(json.dumps(key).encode()).decode()


def _uncursor(value: str) -> Any:
    try:
        return json.loads(base64.b64decode(value))
    except ValueError:
        raise GraphQLError("Invalid cursor.", extensions={"code": "BAD_REQUEST"}) from None


def page(items: list[Any], args: dict[str, Any], key: Any = None) -> dict[str, Any]:
    """A Relay connection over `items` (sorted already); `key(item)` makes a stable cursor
    (default: the position)."""
    first = args.get("first")
    last = args.get("last")
    if first is None and last is None:
        raise GraphQLError(
            "you must provide one of first or last", extensions={"code": "BAD_REQUEST"}
        )
    if (first or last or 0) > 250:
        raise GraphQLError(
            "The maximum number of items that can be requested is 250.",
            extensions={"code": "BAD_REQUEST"},
        )
    keyed = [(key(item) if key else n, item) for n, item in enumerate(items)]
    if args.get("after"):
        after = _uncursor(args["after"])
        keyed = [(k, item) for k, item in keyed if _later(k, after)]
    taken = keyed[:first] if first is not None else keyed[-(last or 0) :]
    more = len(keyed) > len(taken)
    return {
        "nodes": [item for _, item in taken],
        "edges": [{"node": item, "cursor": cursor(k)} for k, item in taken],
        "pageInfo": {
            "hasNextPage": more and first is not None,
            "hasPreviousPage": bool(args.get("after")),
            "startCursor": cursor(taken[0][0]) if taken else None,
            "endCursor": cursor(taken[-1][0]) if taken else None,
        },
    }


def _later(key: Any, after: Any) -> bool:
    return bool(json.loads(json.dumps(key)) > after)


def _resolve(source: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
    if not isinstance(source, dict):
        return None
    value = source.get(info.field_name)
    if callable(value):
        value = value(**args)
    named = get_named_type(info.return_type)
    if named.name.endswith("Connection") and isinstance(value, list):
        return page(value, args)
    if isinstance(value, list) and args.get("first") is not None:
        return value[: args["first"]]
    return value
