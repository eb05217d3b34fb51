"""The whole stack on one machine: `python -m cloud.local up`.

A moto server on loopback holds the AWS side, with the stack applied by the same code as
`python -m cloud apply`; a local Lambda runner runs the three functions' handlers in-process
(moto runs no Lambda code without Docker and fires no schedule); the gateway runs under
gunicorn, wired to both. Everything listens on 127.0.0.1 only and stops on Ctrl-C.
"""
