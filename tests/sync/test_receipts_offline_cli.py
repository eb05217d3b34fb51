"""The installed `sbp`, signed in, with the gateway out of reach (the replica on a moto server
still answers): a receipt is kept on the device, the command says so and succeeds, and each
sync names the receipts still waiting and leaves them, and the data, as they were."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.signed_in import CloudDevice, MotoServer, sign_in

USER = "01KAY5ER0000000000000RCPT1"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    server = MotoServer.start()
    yield server
    server.stop()


def test_receipts_wait_on_the_device_while_the_gateway_is_out_of_reach(
    tmp_path: Path, moto: MotoServer
) -> None:
    sign_in(tmp_path / "laptop", USER, moto.url)  # its gateway is a closed port
    laptop = CloudDevice(tmp_path / "laptop")
    laptop.ok("sync")
    photo, scan = tmp_path / "lunch.png", tmp_path / "taxi.pdf"
    photo.write_bytes(PNG)
    scan.write_bytes(b"%PDF-1.4\n% a scan\n%%EOF\n")

    lunch = laptop.add("23.90", "lunch", "--receipt", str(photo))  # never asks the network
    taxi = laptop.add("31", "taxi", "-c", "transport")
    attached = laptop.ok("receipt", "attach", taxi, str(scan))
    assert "kept on this device" in attached.out
    assert "stays on this device, not uploaded" in attached.err
    before = laptop.export()

    synced = laptop.ok("sync", "--json")
    receipts = json.loads(synced.out)["receipts"]
    assert receipts["uploaded"] == [] and receipts["left"] == 1
    assert [f["id"] for f in receipts["failed"]] == [lunch]
    said = laptop.ok("sync")
    assert f"the receipt of {lunch} stays on this device, not uploaded" in said.err
    assert "1 more receipt waits on this device for the next sync" in said.err
    assert laptop.export() == before
    assert laptop.ok("receipt", "list").out.count("this device") == 2
    assert Path(laptop.ok("receipt", "open", lunch).out.strip()).read_bytes() == PNG
