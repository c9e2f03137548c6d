"""What an order costs the customer, one rule for every document.

The amount due is the shop's order total: the courier collects it on a COD label, the invoice
and the FatturaPA file total it. The invoice's lines are the shop's net prices with VAT per rate
(Italian practice); where that rounds to a cent or two off the shop's total, the difference is
the invoice's rounding (FatturaPA `Arrotondamento`). Units declared short are not shipped: they
are neither billed nor collected, and the shop's rounding stays as it was.

Shops send line prices without VAT (`sync.remote.RemoteLine`) and the order total with VAT and
shipping. Shipping is charged at the highest rate of the goods; shops send its price with VAT
(PrestaShop, the demo) or without (WooCommerce; Shopify as the shop's prices are), so it is read
the way that makes the shop's own total (VAT-included when nothing tells).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from station.db.models import Order, OrderLine
from station.labels.invoice_model import CENT, InvoiceLine, money, totals

# What a shop calls the payment, to the FatturaPA code (MP08 card is the web-shop default).
# Cash on delivery is cash the courier collects: MP01 (contanti).
PAYMENT_CODES = {"contrassegno": "MP01", "cod": "MP01", "bonifico": "MP05", "bank": "MP05"}
COD_PAYMENTS = frozenset({"contrassegno", "cod", "cash on delivery"})


def is_cod(order: Order) -> bool:
    return order.cod_amount is not None or order.payment_method.lower() in COD_PAYMENTS


def net_price(gross: Decimal, vat_rate: Decimal) -> Decimal:
    """A VAT-included price without its VAT, half-up to the cent."""
    return (gross * 100 / (100 + vat_rate)).quantize(CENT, ROUND_HALF_UP)


def invoice_lines(order: Order) -> list[InvoiceLine]:
    """The lines for the units that ship (short units are not billed), plus shipping."""
    return _lines(order, lambda line: line.verified_qty)


def ordered_lines(order: Order) -> list[InvoiceLine]:
    """The lines as the shop sold them: every unit ordered, plus shipping."""
    return _lines(order, lambda line: line.quantity)


def _lines(order: Order, units: Callable[[OrderLine], int]) -> list[InvoiceLine]:
    lines = _goods(order, units)
    if order.shipping_total:
        lines.append(_shipping(order, shipping_net(order)))
    return lines


def _goods(order: Order, units: Callable[[OrderLine], int]) -> list[InvoiceLine]:
    return [
        InvoiceLine(
            description=line.name,
            quantity=Decimal(units(line)),
            unit_price=line.unit_price,
            vat_rate=line.vat_rate,
            sku=line.sku,
            unit="pz",
        )
        for line in order.lines
        if units(line) > 0
    ]


def _shipping_rate(order: Order) -> Decimal:
    return max((line.vat_rate for line in order.lines), default=Decimal(22))


def _shipping(order: Order, net: Decimal) -> InvoiceLine:
    return InvoiceLine("Spedizione / Shipping", Decimal(1), net, _shipping_rate(order))


def shipping_net(order: Order) -> Decimal:
    """The shipping price without VAT: the shop's figure read as VAT-included or as net,
    whichever gives the shop's total (VAT-included on a tie, or when the shop sent no total)."""
    with_vat = net_price(order.shipping_total, _shipping_rate(order))
    if order.total <= 0:
        return with_vat
    goods = _goods(order, lambda line: line.quantity)

    def gap(net: Decimal) -> Decimal:
        return abs(money(order.total) - totals([*goods, _shipping(order, net)]).total)

    without_vat = money(order.shipping_total)
    return without_vat if gap(without_vat) < gap(with_vat) else with_vat


def shop_rounding(order: Order) -> Decimal:
    """The shop's total less the lines' per-rate total, for the order as sold (0 when the shop
    sent no total)."""
    if order.total <= 0:
        return Decimal(0)
    return money(order.total) - totals(ordered_lines(order)).total


def amount_due(order: Order) -> Decimal:
    """What the customer owes for what ships: the shop's total when nothing is short."""
    return totals(invoice_lines(order)).total + shop_rounding(order)


def cod_to_collect(order: Order) -> Decimal | None:
    """The amount on a COD label (None for an order paid already)."""
    return amount_due(order) if is_cod(order) else None
