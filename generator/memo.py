"""A memo that keeps the latest version of each thing: what a ``serve`` session may hold.

Every stage memoises by content (a hash of the files a result is made from), so an edit makes
a new key. :class:`LatestMemo` remembers, for each *owner* (an SOP file, a kecamatan's book, a
family of SOPs), only the key stored last: storing a new version forgets the previous one, so a
session that saves the same SOP a hundred times holds one rendering of it, not a hundred.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Generic, TypeVar

__all__ = ["LatestMemo"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LatestMemo(Generic[K, V]):
    """Values by key, made once, with one key per owner.

    >>> memo: LatestMemo[str, int] = LatestMemo()
    >>> memo.get("v1", "sop-a", lambda: 1), memo.get("v1", "sop-a", lambda: 99)
    (1, 1)
    >>> memo.get("v2", "sop-a", lambda: 2), "v1" in memo, len(memo)
    (2, False, 1)
    """

    def __init__(self) -> None:
        self._values: dict[K, V] = {}
        self._latest: dict[Hashable, K] = {}

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def __len__(self) -> int:
        return len(self._values)

    def values(self) -> list[V]:
        """The values held, one per owner, in the order they were stored."""
        return list(self._values.values())

    def get(self, key: K, owner: Hashable, make: Callable[[], V]) -> V:
        """The value of *key*, made by ``make()`` the first time; *owner*'s older key is forgotten."""
        return self.get_many([key], [owner], lambda missing: [make()])[0]

    def get_many(self, keys: Sequence[K], owners: Sequence[Hashable],
                 make: Callable[[list[int]], Sequence[V]]) -> list[V]:
        """The values of *keys*; ``make(indices of the keys not held)`` gives the missing ones, in order.

        ``owners[i]`` names what ``keys[i]`` is a version of. Making them together lets the
        caller render the missing ones in one batch (one worker pool, one Graphviz thread).

        Raises:
            ValueError: *make* returned a different number of values than it was asked for.
        """
        missing = [i for i, key in enumerate(keys) if key not in self._values]
        if missing:
            for i, value in zip(missing, make(missing), strict=True):
                self._values[keys[i]] = value
        found = [self._values[key] for key in keys]
        for key, owner in zip(keys, owners, strict=True):
            old = self._latest.get(owner)
            self._latest[owner] = key
            if old is not None and old != key and old not in self._latest.values():
                self._values.pop(old, None)
        return found

    def keep_only(self, owners: Iterable[Hashable]) -> None:
        """Forget every owner not in *owners* (an SOP deleted, a family dissolved) and its value."""
        kept = set(owners)
        for owner in [owner for owner in self._latest if owner not in kept]:
            old = self._latest.pop(owner)
            if old not in self._latest.values():
                self._values.pop(old, None)
