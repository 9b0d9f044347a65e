"""The sync engine: replication between a workstation's store and the central database, below
the services. It pushes events, pulls them by position, moves master data and leases dossier
numbers, on connections and sessions it is given; it knows stores and the domain, nothing of
the services. The program's one entry to it is onestop.services.sync (run_sync, status, the
central database's administration).
"""
