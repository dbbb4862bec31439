"""The sandbox: a local Bot API emulator and a terminal chat with the real bot."""
