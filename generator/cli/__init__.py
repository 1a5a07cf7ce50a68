"""The ``congkhai`` command line, the project's public surface (:mod:`.commands`,
:mod:`.editor`): parse arguments, call one function below, print problems. The top layer."""
