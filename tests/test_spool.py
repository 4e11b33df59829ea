"""The spool: page bodies and data files wait on disk, not in the build's memory."""

from __future__ import annotations

from pathlib import Path

from small_commune import files, render_site

from generator.spool import Spool


def test_bodies_and_data_files_come_back_as_they_were_put(tmp_path: Path) -> None:
    with Spool() as spool:
        spool.put_body("a/", "Ngân sách xã")
        spool.put_body("b/", "")
        spool.put_body("a/", "Dự toán")  # a later body for the same page replaces it
        assert (spool.body("a/"), spool.body("b/")) == ("Dự toán", "")
        spool.write("du-lieu/a/bang-1.csv", b"1,2\r\n")
        assert spool.read("du-lieu/a/bang-1.csv") == b"1,2\r\n"
        assert spool.size("du-lieu/a/bang-1.csv") == 5
        target = tmp_path / "site" / "du-lieu" / "a" / "bang-1.csv"
        spool.publish("du-lieu/a/bang-1.csv", target)
        assert target.read_bytes() == b"1,2\r\n"
        folder = spool.data_dir
    assert not folder.parent.exists()  # closing removes the spool


def test_rendered_pages_keep_no_body_in_memory(tree: Path) -> None:
    renderer, rendered = render_site(tree(files()))
    assert rendered.heads and all(head.body == "" for head in rendered.heads)
    assert all(page.body == "" for page in renderer.pages)
    pages = rendered.pages  # read back from the spool
    assert [p.url for p in pages] == [h.url for h in rendered.heads]
    assert all(page.body for page in pages)
    assert "du-lieu/du-lieu-cong-khai.zip" in rendered.files
