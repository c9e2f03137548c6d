"""Run a fake shop in its own process (for benchmarks): prints its URL, serves until killed.

python -m tests.fakes.shops.serve woocommerce 10000
"""

from __future__ import annotations

import sys
import time

from tests.fakes.shops.shopify import FakeShopify
from tests.fakes.shops.woocommerce import FakeWooCommerce


def main() -> None:
    kind, count = sys.argv[1], int(sys.argv[2])
    fake: FakeWooCommerce | FakeShopify = (
        FakeWooCommerce() if kind == "woocommerce" else FakeShopify()
    )
    for n in range(count):
        lines = [("SKU-1", 1 + n % 3, "10.00"), ("SKU-2", 1, "5.50")][: 1 + n % 2]
        fake.add_order(lines=lines)
    fake.start()
    print(fake.url, flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
