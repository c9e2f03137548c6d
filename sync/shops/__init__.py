"""Shop connectors, one module each; importing this package registers every shop kind.

The imports are explicit, so the kinds on offer are exactly the ones listed here, in the order
`station shop add` shows them. Each connector module registers itself at its bottom with
`sync.shops.registry.register_shop_kind`.
"""

# isort: off
from sync.shops import woocommerce  # noqa: F401
from sync.shops import shopify  # noqa: F401
from sync.shops import prestashop  # noqa: F401
from sync.shops import folder  # noqa: F401

# isort: on
