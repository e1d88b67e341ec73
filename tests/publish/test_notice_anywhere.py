"""The printed notice on a laptop without a Chinese font: fontconfig pointed at an empty
configuration and the Windows, macOS and Linux font folders at empty ones, so that only the font
yiting brings along is left. notice.png and the A4 notice.pdf both carry a QR code that scans to
the meeting's address; what does not fit is counted; a lost file comes back."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BASE_URL
from PIL import Image, ImageDraw

from yiting.cli import main
from yiting.publish import fonts, notice
from yiting.publish.fonts import FontPlaces, find_cjk_font
from yiting.store.db import connect

zxingcpp = pytest.importorskip("zxingcpp")
noto = pytest.importorskip("noto_cjk_sans_otc", reason="yiting depends on noto-cjk-sans-otc: pip install -e .")

A4_POINTS = (595.28, 841.89)


def decode(image: Image.Image) -> list[str]:
    return [b.text for b in zxingcpp.read_barcodes(image.convert("RGB"))]


def _empty_places(root: Path) -> FontPlaces:
    folders = []
    for name in ("Windows/Fonts", "Library/Fonts", "usr/share/fonts"):
        (root / name).mkdir(parents=True, exist_ok=True)
        folders.append(root / name)
    return FontPlaces(windows=(folders[0],), macos=(folders[1],), linux=(folders[2],))


@pytest.fixture
def no_system_fonts(tmp_path, monkeypatch):
    """A laptop with no Chinese font of its own (fontconfig still asked, and finding nothing)."""
    conf = tmp_path / "fontconfig" / "fonts.conf"
    conf.parent.mkdir()
    conf.write_text(f"<fontconfig><cachedir>{tmp_path / 'fontconfig' / 'cache'}</cachedir></fontconfig>\n")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    monkeypatch.delenv("YITING_CJK_FONT", raising=False)
    places = _empty_places(tmp_path / "system")
    monkeypatch.setattr(fonts, "system_places", lambda: places)
    find_cjk_font.cache_clear()
    yield
    find_cjk_font.cache_clear()


@pytest.fixture
def demo_path(tmp_path):
    from yiting.demo import build_demo

    path = tmp_path / "demo.sqlite"
    db = connect(path)
    build_demo(db)
    db.conn.close()
    return path


def publish(db_path: Path, site: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db_path), "publish", *args, "--out", str(site),
                                       "--base-url", BASE_URL], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_with_no_system_font_only_the_bundled_one_is_found(no_system_fonts):
    if shutil.which("fc-list"):  # the empty configuration really hides the system's fonts
        assert subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip() == ""
    path, index = find_cjk_font()
    assert Path(path) == Path(str(noto.FONT_PATH)) and index == 2
    from PIL import ImageFont

    assert ImageFont.truetype(path, 20, index=index).getname()[0] == "Noto Sans CJK SC"


def test_the_demo_notices_print_without_a_system_font(no_system_fonts, demo_path, tmp_path):
    site = tmp_path / "site"
    output = publish(demo_path, site, "--all")
    folders = sorted(p.parent for p in site.glob("m/*/versions.json"))
    assert folders, output
    pdftoppm = shutil.which("pdftoppm")
    for folder in folders:
        url = f"{BASE_URL}/m/{folder.name}/"
        png = Image.open(folder / "notice.png")
        assert png.size == (1240, 1754)
        assert decode(png) == [url]
        raw = (folder / "notice.pdf").read_bytes()
        assert raw.startswith(b"%PDF-")
        box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", raw)
        assert box and all(abs(float(v) - a4) < 1 for v, a4 in zip(box.groups(), A4_POINTS, strict=True))
        if pdftoppm is None:
            continue  # checked below: skipped with its reason
        out = tmp_path / f"pdf-{folder.name}"
        subprocess.run([pdftoppm, "-r", "60", "-png", "-singlefile", str(folder / "notice.pdf"), str(out)], check=True)
        page = Image.open(f"{out}.png")
        assert abs(page.width - 496) <= 1 and abs(page.height - 702) <= 1  # A4 at 60 dpi, as poppler sees it
        assert decode(page) == [url]
    if pdftoppm is None:
        pytest.skip("pdftoppm (Debian poppler-utils) is missing: the PDF was not rendered back and scanned")


@pytest.fixture
def drawn(monkeypatch):
    """Every string the notice draws, in order."""
    texts: list[str] = []
    original = ImageDraw.ImageDraw.text

    def spy(self, xy, text, *args, **kwargs):
        texts.append(text)
        return original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", spy)
    return texts


def _public(db_path: Path, title_part: str) -> dict:
    from yiting.publish.privacy import public_record
    from yiting.publish.record import meeting_record

    db = connect(db_path, readonly=True)
    mid = next(row[0] for row in db.execute("SELECT id, title FROM meetings") if title_part in row[1])
    public = public_record(meeting_record(db, mid, "zh"))
    db.conn.close()
    return public


@pytest.mark.parametrize("title_part", ["假山", "业主大会"])
def test_demo_notices_show_every_action_with_its_due_date_apart(no_system_fonts, demo_path, drawn, title_part):
    """The rockery meeting's notice shows its action items (it showed none), the owners' vote all
    three tasks (it showed one); each due date is a string of its own, not run into the task."""
    public = _public(demo_path, title_part)
    assert len(public["actions"]) >= 3
    notice.render_notice(public, f"{BASE_URL}/m/{public['id']}/", "zh")
    text = "".join(drawn)
    for action in public["actions"]:
        assert action["task"][:8] in text
        assert action["due"] in drawn
    assert not any("另有" in s for s in drawn)


def test_what_does_not_fit_is_counted(no_system_fonts, demo_path, drawn):
    public = _public(demo_path, "假山")
    actions = [dict(public["actions"][0], task=f"第 {n} 项：清理楼道堆放物并张贴告示，逐户通知到位", due="2025-10-01")
               for n in range(1, 41)]
    public = dict(public, actions=actions)
    for lang, more in (("zh", r"另有 (\d+) 项，扫码查看"), ("en", r"(\d+) more: scan the code")):
        drawn.clear()
        notice.render_notice(public, f"{BASE_URL}/m/{public['id']}/", lang)
        shown = sum(1 for s in drawn if s.startswith("第 ") and "项：" in s)
        counts = [int(m.group(1)) for s in drawn if (m := re.fullmatch(more, s))]
        assert 3 <= shown < 40 and counts == [40 - shown], (lang, shown, counts)
        assert len(public["decisions"]) == sum(1 for s in drawn if re.fullmatch(r"\d+\.", s))  # decisions kept


def test_a_deleted_notice_pdf_comes_back_on_publishing_again(demo_path, tmp_path):
    site = tmp_path / "site"
    publish(demo_path, site, "--all")
    folder = sorted(p.parent for p in site.glob("m/*/versions.json"))[0]
    before = (folder / "notice.pdf").read_bytes()
    (folder / "notice.pdf").unlink()
    output = publish(demo_path, site, folder.name)
    assert "第 1 版" in output  # the same version: the content did not change
    assert (folder / "notice.pdf").read_bytes()[:300] == before[:300]
    (folder / "notice.png").unlink()
    (folder / "v1" / "minutes.md").unlink()
    publish(demo_path, site, "--all")
    assert decode(Image.open(folder / "notice.png")) == [f"{BASE_URL}/m/{folder.name}/"]
    assert (folder / "v1" / "minutes.md").is_file()
    assert not (folder / "v2").exists()


def test_a_windows_font_folder_is_found_by_its_file_names(tmp_path):
    windows = tmp_path / "Windows" / "Fonts"
    windows.mkdir(parents=True)
    shutil.copy(str(noto.FONT_PATH), windows / "msyh.ttc")  # a real collection under Microsoft YaHei's name
    empty = _empty_places(tmp_path / "empty")
    places = FontPlaces(windows=(windows,), macos=empty.macos, linux=empty.linux, fontconfig=False, bundled=False)
    assert find_cjk_font(places) == (str(windows / "msyh.ttc"), 2)  # the collection's Simplified Chinese face
    assert find_cjk_font(FontPlaces(windows=empty.windows, macos=empty.macos, linux=empty.linux, fontconfig=False,
                                    bundled=False)) is None


def test_macos_and_linux_font_folders_are_searched_too(tmp_path):
    empty = _empty_places(tmp_path / "empty")
    mac = tmp_path / "System" / "Library" / "Fonts"
    linux = tmp_path / "usr" / "share" / "fonts"
    (linux / "truetype" / "noto-cjk").mkdir(parents=True)
    mac.mkdir(parents=True)
    shutil.copy(str(noto.FONT_PATH), mac / "STHeiti Light.ttc")
    shutil.copy(str(noto.FONT_PATH), linux / "truetype" / "noto-cjk" / "NotoSansCJK-Regular.ttc")
    only = dict(fontconfig=False, bundled=False)
    assert find_cjk_font(FontPlaces(empty.windows, (mac,), empty.linux, **only)) == (str(mac / "STHeiti Light.ttc"), 2)
    assert find_cjk_font(FontPlaces(empty.windows, empty.macos, (linux,), **only)) == (
        str(linux / "truetype" / "noto-cjk" / "NotoSansCJK-Regular.ttc"), 2)


def test_the_windows_fonts_folder_follows_windir(monkeypatch, tmp_path):
    monkeypatch.setenv("WINDIR", str(tmp_path / "Win"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    places = fonts.system_places()
    per_user = tmp_path / "AppData" / "Local" / "Microsoft" / "Windows" / "Fonts"
    assert places.windows == (tmp_path / "Win" / "Fonts", per_user)
    assert Path("/System/Library/Fonts") in places.macos


def test_a_font_named_by_the_user_may_be_a_windows_path_with_an_index(monkeypatch, tmp_path):
    font = tmp_path / "C:" / "fonts" / "simsun.ttc"
    font.parent.mkdir(parents=True)
    shutil.copy(str(noto.FONT_PATH), font)
    find_cjk_font.cache_clear()
    monkeypatch.setenv("YITING_CJK_FONT", f"{font}:3")
    try:
        assert find_cjk_font() == (str(font), 3)
        find_cjk_font.cache_clear()
        monkeypatch.setenv("YITING_CJK_FONT", str(font))
        assert find_cjk_font() == (str(font), 0)
    finally:
        find_cjk_font.cache_clear()


def test_a_notice_held_open_by_a_pdf_viewer_is_written_on_the_next_publish(demo_path, tmp_path, monkeypatch):
    """On Windows a PDF viewer keeps the file it shows locked: publishing says so, writes the
    rest, and the next publish (once the viewer is closed) writes the notice."""
    from yiting.publish import site as site_module

    site = tmp_path / "site"
    publish(demo_path, site, "--all")
    folder = sorted(p.parent for p in site.glob("m/*/versions.json"))[0]
    (folder / "notice.pdf").unlink()
    original = site_module.write_atomic

    def locked(path, data, **kwargs):
        if Path(path).name == "notice.pdf":
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        return original(path, data, **kwargs)

    monkeypatch.setattr(site_module, "write_atomic", locked)
    result = CliRunner().invoke(main, ["--db", str(demo_path), "publish", folder.name, "--out", str(site),
                                       "--base-url", BASE_URL])
    assert result.exit_code == 0
    assert "notice.pdf" in result.output and "其他程序" in result.output and "Traceback" not in result.output
    monkeypatch.setattr(site_module, "write_atomic", original)
    publish(demo_path, site, folder.name)
    assert (folder / "notice.pdf").is_file()


def test_the_console_does_not_load_the_font_on_its_way_up():
    code = ("import sys, json, yiting.cli, yiting.ui.app, yiting.publish.site, yiting.publish.server\n"
            "print(json.dumps([m for m in ('noto_cjk_sans_otc', 'yiting.publish.fonts', 'yiting.publish.notice')"
            " if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_pdf_page_is_the_size_of_the_picture_at_its_resolution(tmp_path):
    import io

    from yiting.publish.pdf import png_to_pdf

    picture = Image.new("L", (300, 150), 255)
    ImageDraw.Draw(picture).rectangle((10, 10, 100, 100), fill=0)
    raw = io.BytesIO()
    picture.save(raw, format="PNG")
    pdf = png_to_pdf(raw.getvalue(), dpi=100, title="议亭")
    assert re.search(rb"/MediaBox \[0 0 216\.00 108\.00\]", pdf)  # 3 × 1.5 inches
    if shutil.which("pdftoppm"):
        (tmp_path / "x.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(tmp_path / "x.pdf"), str(tmp_path / "x")],
                       check=True)
        back = Image.open(tmp_path / "x.png").convert("L")
        assert back.size == (300, 150) and back.getpixel((50, 50)) < 20 and back.getpixel((200, 50)) > 235
    rgb = io.BytesIO()
    Image.new("RGB", (4, 4)).save(rgb, format="PNG")
    with pytest.raises(ValueError):
        png_to_pdf(rgb.getvalue())


def test_a_very_long_decision_is_shortened_visibly_not_left_out(no_system_fonts, demo_path, drawn):
    public = _public(demo_path, "业主大会")
    long = "业主大会表决通过选聘建发物业为香溪美地小区物业服务企业并授权业委会签订合同" * 30
    public = dict(public, decisions=[dict(public["decisions"][0], text=long)], title="长" * 200)
    notice.render_notice(public, f"{BASE_URL}/m/{public['id']}/", "zh")
    assert "1." in drawn  # the decision is there, cut short with an ellipsis
    assert sum(1 for s in drawn if s.endswith("…")) == 2  # the decision and the title
    shown = sum(1 for action in public["actions"] if action["due"] in drawn)
    more = [int(m.group(1)) for s in drawn if (m := re.fullmatch(r"另有 (\d+) 项，扫码查看", s))]
    assert shown >= 1 and more == ([len(public["actions"]) - shown] if shown < len(public["actions"]) else [])
