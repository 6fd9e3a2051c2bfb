"""The words of ``forum-tui generate`` (``synth``): titles and bodies from a fixed
vocabulary (common English words first, then music/app terms, then made-up words from
syllables: about 4,000 in all) with a Zipf-like distribution, so common words are really
common (the hard case for search) and rare ones rare. Deterministic for the caller's
random generator.

Speed: a million bodies are about 40 million words. Each word is not drawn in Python:
:data:`TABLE_SIZE` slots are shared out among the words by their weights (every word gets
at least one), and a body is two random bytes per word read as slot numbers, looked up
and joined without a Python step per word (``randbytes``, ``memoryview.cast``, ``map``).
"""

from __future__ import annotations

import itertools
import random

COMMON = """the to and a of i it is in you my that for on this with have but be not
are was can do so just if or all as at get from when what no one there how any me
they your would like now it's don't will has been about only out up then more also
know there's back some time because way still same again because other really use
work new same even after can't help thanks please does any problem issue fixed try
tried"""

MUSIC = """spotify playlist playlists song songs album albums artist artists track
tracks podcast podcasts episode episodes shuffle repeat queue offline download
downloads premium family duo student account subscription payment login password
app android iphone ios desktop web player windows mac linux car carplay bluetooth
speaker speakers headphones airpods chromecast connect alexa google sonos tv
watch wear lyrics radio mix daily discover weekly wrapped liked library search
sync cache storage update version crash crashes freeze volume equalizer audio
quality lossless stream streaming skip skips ads ad free trial cancel refund
receipt invoice email profile follower followers share link qr blend jam session
genre jazz rock pop hiphop classical metal indie folk soul techno house ambient
lofi chill workout sleep focus mood party road trip summer vinyl concert tour
release single remix cover live acoustic demo mixtape label"""

SYLLABLES = "ka ri to mu sen da lo vi ne pa ru fi mo ta zu qe li ban cor del fen gar hul jin"

#: Slots the words are shared out among: one slot number is two random bytes.
TABLE_SIZE = 1 << 16
#: Zipf exponent: the word of rank r is drawn in proportion to 1 / r ** ZIPF.
ZIPF = 1.05


def vocabulary(size: int = 4000) -> list[str]:
    """The fixed word list: common words, music terms, then made-up words."""
    words = list(dict.fromkeys(COMMON.split() + MUSIC.split()))
    for length in (2, 3):
        for parts in itertools.product(SYLLABLES.split(), repeat=length):
            if len(words) >= size:
                return words
            word = "".join(parts)
            if word not in words:
                words.append(word)
    return words


def word_table(words: list[str], size: int = TABLE_SIZE) -> list[str]:
    """``size`` slots, each word holding a share of them by its Zipf weight (at least one);
    the slots left over by rounding go to the commonest word."""
    weights = [1 / rank**ZIPF for rank in range(1, len(words) + 1)]
    spare = size - len(words)
    total = sum(weights)
    counts = [1 + int(weight / total * spare) for weight in weights]
    counts[0] += size - sum(counts)
    return [word for word, count in zip(words, counts, strict=True) for _ in range(count)]


class SynthText:
    """Titles and bodies drawn with ``rng`` (see the module docstring)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.table = word_table(vocabulary())

    def words(self, count: int) -> str:
        """``count`` words, space-separated."""
        slots = memoryview(self.rng.randbytes(2 * count)).cast("H")
        return " ".join(map(self.table.__getitem__, slots))

    def body(self) -> str:
        """A post or message: 8 to 70 words, as one sentence."""
        return self.words(8 + int(self.rng.random() * 63)).capitalize() + "."

    def title(self) -> str:
        """A thread title or message subject: 3 to 9 words."""
        return self.words(3 + int(self.rng.random() * 7)).capitalize()[:200]
