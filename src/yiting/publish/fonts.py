"""Finding a font that draws Chinese, on any laptop, for the printed notice.

In order: `YITING_CJK_FONT=/path/font.ttc[:index]`; the system's own fonts by file name in the
folders where Windows and macOS keep them (neither has fontconfig); fontconfig (`fc-list
:lang=zh`) where it is installed; the usual Linux font folders by file name; last, Noto Sans CJK SC from the
`noto-cjk-sans-otc` package that yiting depends on (OFL-1.1), so that a fresh install always
finds one. The folders are a `FontPlaces` value, so tests can point every one of them elsewhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# Font files that carry Simplified Chinese, best first (sans before serif), as each system names them.
WINDOWS_FILES = ("msyh.ttc", "msyh.ttf", "Deng.ttf", "simhei.ttf", "msyhbd.ttc", "msyhbd.ttf", "Dengb.ttf",
                 "simsun.ttc", "simsunb.ttf", "simkai.ttf", "simfang.ttf")
MACOS_FILES = ("PingFang.ttc", "Hiragino Sans GB.ttc", "STHeiti Light.ttc", "STHeiti Medium.ttc", "Songti.ttc",
               "Arial Unicode.ttf")
LINUX_FILES = ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf",
               "SourceHanSansSC-Regular.otf", "SourceHanSans-Regular.ttc", "wqy-microhei.ttc", "wqy-zenhei.ttc",
               "DroidSansFallbackFull.ttf", "NotoSerifCJK-Regular.ttc")
FONT_SUFFIXES = (".ttf", ".ttc", ".otf", ".otc")


@dataclass(frozen=True)
class FontPlaces:
    """Where to look: folders searched by file name (Windows, macOS, Linux), and whether to ask
    fontconfig and to fall back to the bundled font."""

    windows: tuple[Path, ...] = ()
    macos: tuple[Path, ...] = ()
    linux: tuple[Path, ...] = ()
    fontconfig: bool = True
    bundled: bool = True


def system_places() -> FontPlaces:
    """The font folders of Windows, macOS and Linux (all of them: a folder that is not there costs a stat)."""
    home = Path.home()
    windir = Path(os.environ.get("WINDIR") or os.environ.get("SystemRoot") or "C:\\Windows")
    local = os.environ.get("LOCALAPPDATA")
    windows = [windir / "Fonts"]
    if local:
        windows.append(Path(local) / "Microsoft" / "Windows" / "Fonts")  # fonts installed for one user
    macos = [Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"), Path("/Library/Fonts"),
             home / "Library" / "Fonts"]
    # Since macOS 10.15 PingFang is a system "asset", under AssetsV2/com_apple_MobileAsset_Font*/….asset/AssetData
    macos += sorted(Path("/System/Library/AssetsV2").glob("com_apple_MobileAsset_Font*/*.asset/AssetData"))
    linux = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local" / "share" / "fonts",
             home / ".fonts"]
    return FontPlaces(tuple(windows), tuple(macos), tuple(linux), fontconfig=sys.platform != "win32")


@lru_cache(maxsize=8)
def find_cjk_font(places: FontPlaces | None = None) -> tuple[str, int] | None:
    """(path, index in the collection) of a font that draws Chinese, or None."""
    override = os.environ.get("YITING_CJK_FONT", "")
    if override:
        path, _, index = override.rpartition(":") if _has_index(override) else (override, "", "0")
        if Path(path).is_file():
            return path, int(index)
    places = places or system_places()
    return (_by_name(places.windows, WINDOWS_FILES, recursive=False)
            or _by_name(places.macos, MACOS_FILES, recursive=False)
            or (_fontconfig() if places.fontconfig else None)
            or _by_name(places.linux, LINUX_FILES, recursive=True)  # a Linux without fontconfig
            or (_bundled() if places.bundled else None))


def _has_index(value: str) -> bool:
    head, sep, tail = value.rpartition(":")
    return bool(sep and head and tail.isdigit())


def _by_name(folders: tuple[Path, ...], names: tuple[str, ...], *, recursive: bool) -> tuple[str, int] | None:
    """The first of `names` (in their order) found in `folders` (and their subfolders if `recursive`)."""
    present: dict[str, Path] = {}
    wanted = {name.lower() for name in names}
    for folder in folders:
        if recursive:
            for root, _dirs, files in os.walk(folder):
                for file in files:
                    if file.lower() in wanted:
                        present.setdefault(file.lower(), Path(root) / file)
        else:
            for name in names:
                path = folder / name
                if name.lower() not in present and path.is_file():
                    present[name.lower()] = path
    for name in names:
        path = present.get(name.lower())
        if path is not None and path.is_file():
            return str(path), simplified_face(path)
    return None


def simplified_face(path: Path | str) -> int:
    """The index of a collection's regular Simplified Chinese face (PingFang SC, Heiti SC, Noto
    Sans CJK SC, Microsoft YaHei rather than YaHei UI); 0 for a single font or when none is named so."""
    if not str(path).lower().endswith((".ttc", ".otc")):
        return 0
    from PIL import ImageFont

    best, best_score = 0, None
    for index in range(64):
        try:
            family, style = ImageFont.truetype(str(path), 10, index=index).getname()
        except OSError:
            break
        family, style = family or "", (style or "").lower()
        words = family.replace("-", " ").split()
        score = ((not any(w in ("SC", "GB", "CN") for w in words)) * 4 + ("mono" in family.lower()) * 2
                 + (style not in ("regular", "w3", "light", "normal", "")) + ("UI" in words))
        if best_score is None or score < best_score:
            best, best_score = index, score
    return best


def _fontconfig() -> tuple[str, int] | None:
    if not shutil.which("fc-list"):
        return None
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file", "index", "family"], capture_output=True,
                             text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = []
    for line in out.splitlines():
        path, _, rest = line.partition(": ")
        index = 0
        if ":index=" in rest:
            rest, _, raw = rest.rpartition(":index=")
            index = int(raw) if raw.isdigit() else 0
        if path.lower().endswith(FONT_SUFFIXES) and Path(path).is_file():
            # Prefer a proportional sans face (not "Mono") and Simplified Chinese.
            score = ("mono" in rest.lower()) * 2 + ("SC" not in rest and "Hei" not in rest)
            found.append((score, path, index))
    if not found:
        return None
    _, path, index = min(found)
    return path, index


def _bundled() -> tuple[str, int] | None:
    try:
        import noto_cjk_sans_otc  # type: ignore[import-not-found]  # imported here only: 20 MB off the start path
    except ImportError:
        return None
    path = Path(str(noto_cjk_sans_otc.FONT_PATH))
    return (str(path), 2) if path.is_file() else None  # index 2: Noto Sans CJK SC
