"""The business rules of sbp: pure code that every front door and every store shares.

Nothing in here touches a database, the network, the clock or the environment; time and
storage come in through arguments and the ports in `sbp.core.ports`.
"""
