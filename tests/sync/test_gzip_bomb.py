"""A shop (or something in front of it) answering with a gzip bomb: sync stops reading at the
cap, reports that shop's error in one line and stays small."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from station.app import open_home
from station.db.models import Order
from sync.runner import sync_status
from sync.shops.config import add_shop
from tests.console_process import env
from tests.fakes.shops.base import Request, Response
from tests.fakes.shops.woocommerce import FakeWooCommerce

pytestmark = pytest.mark.slow

ORDERS = "/wp-json/wc/v3/orders"
# Runs `station` and writes its own peak resident memory in kB: VmHWM, since Linux carries
# ru_maxrss over exec and a child of a large pytest process would report the parent's peak.
MEASURED = (
    "import sys\n"
    "from station.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[2:])\n"
    "finally:\n"
    "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
    "    open(sys.argv[1], 'w').write(status.split()[0])\n"
    "sys.exit(code)\n"
)


def gzip_of_zeros(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip header
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size >> 20)]
    return b"".join([*parts, packer.flush()])


class BombShop(FakeWooCommerce):
    def __init__(self, bomb: bytes) -> None:
        super().__init__()
        self.bomb = bomb

    def handle(self, request: Request) -> Response:
        if request.path == ORDERS:
            return Response(
                200, self.bomb, {"Content-Type": "application/json", "Content-Encoding": "gzip"}
            )
        return super().handle(request)


@pytest.mark.skipif(sys.platform != "linux", reason="VmHWM is read from Linux's /proc")
def test_a_gzip_bomb_is_that_shops_error_and_sync_stays_small(tmp_path: Path) -> None:
    # GIVEN a shop whose order list is 1 MB of gzip that inflates to 1 GB
    bomb = gzip_of_zeros(1 << 30)
    assert len(bomb) < 2 << 20
    home, peak_file = tmp_path / "home", tmp_path / "peak"
    with BombShop(bomb) as shop:
        with open_home(home) as ctx:
            add_shop(
                ctx,
                "woocommerce",
                "woo",
                url=shop.url,
                secrets={"key": "ck_test", "secret": "cs_test"},
            )
        # WHEN one sync round runs
        result = subprocess.run(
            [sys.executable, "-c", MEASURED, str(peak_file), "--home", str(home), "sync", "--once"],
            capture_output=True,
            text=True,
            env=env(),
            timeout=300,
            check=False,
        )
        asked = shop.count("GET", ORDERS)
    # THEN the shop's line names the problem, it was asked once, and memory stayed small
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    woo_line = next(line for line in result.stdout.splitlines() if line.startswith("woo:"))
    assert woo_line.endswith(
        f"woo: the shop's answer to GET {ORDERS} is larger than 32 MB, far beyond any real one; "
        "ask the shop's administrator to check the server"
    )
    assert asked == 1
    assert int(peak_file.read_text()) < 300 * 1024
    with open_home(home) as ctx:
        with ctx.db.read() as session:
            assert session.scalar(select(func.count()).select_from(Order)) == 0
        assert "larger than 32 MB" in sync_status(ctx).shops[0].last_error
