"""The shell wing: POSIX shell, PowerShell, batch files and Makefiles (``curl``, ``Invoke-RestMethod``)."""
