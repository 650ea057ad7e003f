"""The documents wing: client definitions, ``.env`` and ``.properties`` files, Dockerfiles, CI
pipelines, Kubernetes and CloudFormation, content-cli profiles and Postman collections."""
