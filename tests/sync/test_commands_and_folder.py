"""Commands, secrets, the drop folder and the product CSV, as a user meets them."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from station.context import AppContext
from station.db.models import Product
from tests.fakes.shops.woocommerce import FakeWooCommerce
from tests.sync.conftest import add_products, orders, run


def test_shop_add_keeps_secrets_out_of_the_database(
    ctx: AppContext, woo: FakeWooCommerce, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            ctx,
            "shop",
            "add",
            "woocommerce",
            "w",
            "--url",
            woo.url,
            "--key",
            "ck_test",
            "--secret",
            "cs_test",
        )
        == 0
    )
    db_bytes = (ctx.home / "station.db").read_bytes() + (ctx.home / "station.db-wal").read_bytes()
    assert b"cs_test" not in db_bytes
    secrets = ctx.home / "secrets.json"
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    assert run(ctx, "shop", "test", "w") == 0
    assert "WooCommerce answers" in capsys.readouterr().out
    assert run(ctx, "shop", "list") == 0
    assert "w\twoocommerce" in capsys.readouterr().out


def test_shop_test_on_a_dead_shop_says_so_in_one_line(
    ctx: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    run(ctx, "shop", "add", "shopify", "s", "--url", "http://127.0.0.1:9", "--token", "shpat_x")
    capsys.readouterr()  # the warning that --token shows in the process list
    assert run(ctx, "shop", "test", "s") == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "cannot be reached" in err
    assert "shpat_x" not in err


def test_drop_folder_imports_good_files_and_explains_bad_ones(
    ctx: AppContext,
    tmp_path: Path,
) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    add_products(ctx, "SKU-1", "SKU-2")
    (drop / "a.csv").write_text(
        "order;sku;quantity;price;ship_name;ship_street;ship_postcode;ship_city;ship_country\n"
        "A-1;SKU-1;2;10.00;Anna Verdi;Via Po 3;10100;Torino;IT\n"
        "A-1;SKU-2;1;5.00;Anna Verdi;Via Po 3;10100;Torino;IT\n",
        encoding="utf-8",
    )
    (drop / "b.json").write_text(
        json.dumps(
            {
                "orders": [
                    {
                        "number": "B-1",
                        "lines": [{"sku": "SKU-1", "quantity": 1}],
                        "shipping": {"name": "Bruno", "city": "Roma"},
                    }
                ]
            }
        )
    )
    (drop / "c.json").write_text("{not json")
    assert run(ctx, "shop", "add", "folder", "files", "--path", str(drop)) == 0
    assert run(ctx, "sync", "--once") == 0
    got = {o.number: [(line.sku, line.quantity) for line in o.lines] for o in orders(ctx)}
    assert got == {"A-1": [("SKU-1", 2), ("SKU-2", 1)], "B-1": [("SKU-1", 1)]}
    assert sorted(p.name for p in (drop / "done").iterdir()) == ["a.csv", "b.json"]
    assert (drop / "failed" / "c.json.reason.txt").read_text().startswith("JSONDecodeError")


def test_products_csv_import_with_barcodes_and_packs(ctx: AppContext, tmp_path: Path) -> None:
    csv_file = tmp_path / "p.csv"
    csv_file.write_text(
        "sku,name,barcode,weight,weight_unit,length,width,height,pack_barcode,"
        "pack_units\nMUG,Mug,4006381333931,0.35,kg,10,8,9,14006381333938,6\n"
    )
    assert run(ctx, "products", "import", str(csv_file)) == 0
    with ctx.db.read() as s:
        mug = s.scalar(select(Product).where(Product.sku == "MUG"))
        assert mug is not None
        assert (mug.weight_g, mug.length_mm) == (350, 100)
        assert sorted((b.code, b.units) for b in mug.barcodes) == [
            ("04006381333931", 1),
            ("14006381333938", 6),
        ]
