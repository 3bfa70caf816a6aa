"""What the desk's screens and commands read, one module per list or kind of read; nothing here writes.

- :mod:`.keyset`: the keyset paging builder every list uses (pure).
- :mod:`.persons`, :mod:`.requests`, :mod:`.referrals`, :mod:`.follow_ups`, :mod:`.catalog`: the lists.
- :mod:`.person_record`: every read of one person's record (the place an access log hooks into).
- :mod:`.reference`: need categories and desks for the pickers.
"""
