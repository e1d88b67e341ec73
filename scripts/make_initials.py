"""Write data/pinyin-initials.txt: the pinyin initials of every Chinese character pypinyin knows.

    pip install pypinyin && python scripts/make_initials.py

The console matches names by their initials (张三 → zs). Loading pypinyin for that costs
~55 MB and ~70 ms (its phrase dictionary); the table this writes costs ~0.4 MB in memory. Each line is the
set of initials of a character's readings (a polyphonic character such as 曾 zēng/céng has
"cz", so both match) followed by a tab and every character with exactly that set.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "data" / "pinyin-initials.txt"


def table() -> str:
    from pypinyin import __version__, pinyin_dict

    groups: dict[str, list[str]] = {}
    for codepoint, readings in sorted(pinyin_dict.pinyin_dict.items()):
        letters = {unicodedata.normalize("NFD", reading)[0].lower() for reading in readings.split(",")}
        groups.setdefault("".join(sorted(letters)), []).append(chr(codepoint))
    header = f"# pinyin initials from pypinyin {__version__}; made by scripts/make_initials.py, do not edit\n"
    return header + "".join(f"{letters}\t{''.join(chars)}\n" for letters, chars in sorted(groups.items()))


if __name__ == "__main__":
    TARGET.write_text(table(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET}\n")
