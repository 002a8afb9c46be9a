#!/usr/bin/env python3
"""Realistic file contexts for the field recall set (field_recall.py): each
renderer takes a conventional variable name and a secret value and returns
(relative path, file text) the way the value would sit in that kind of file
in a real project. The value is inserted verbatim (the set only plants values
that need no escaping in the format); encoders live in field_recall.py.
"""
import json


def camel(name):
    parts = name.lower().split("_")
    return parts[0] + "".join(p.capitalize() for p in parts[1:])


def snake(name):
    return name.lower()


def dotted(name):
    return name.lower().replace("_", ".")


def env(n, v):
    return ".env.production", "# production settings\nNODE_ENV=production\nPORT=8080\n%s=%s\nLOG_LEVEL=info\n" % (n, v)


def env_quoted(n, v):
    return "deploy/.env", 'APP_NAME="billing"\nexport %s="%s"\nDEBUG=false\n' % (n, v)


def yaml_nested(n, v):
    return "config/application.yml", (
        "server:\n  port: 8080\nintegrations:\n  %s:\n    enabled: true\n    %s: %s\n"
        "    timeout: 30\n" % (n.split("_")[0].lower(), snake(n), v))


def yaml_quoted(n, v):
    return "helm/values-prod.yaml", (
        "replicaCount: 3\nimage:\n  repository: acme/api\n  tag: \"1.8.2\"\nenv:\n"
        "  - name: %s\n    value: \"%s\"\n" % (n, v))


def json_cfg(n, v):
    return "config/secrets.json", json.dumps(
        {"service": "api", "region": "eu-west-1", "credentials": {camel(n): v}}, indent=2) + "\n"


def toml(n, v):
    return "config/settings.toml", (
        "[server]\nhost = \"0.0.0.0\"\nport = 8000\n\n[integrations]\n%s = \"%s\"\n" % (snake(n), v))


def ini(n, v):
    return "conf/app.ini", "[default]\nregion = us-east-1\n\n[credentials]\n%s = %s\n" % (snake(n), v)


def properties(n, v):
    return "src/main/resources/application-prod.properties", (
        "spring.application.name=orders\nserver.port=8081\napp.%s=%s\n" % (dotted(n), v))


def python(n, v):
    return "app/settings.py", (
        "import os\n\nDEBUG = False\nALLOWED_HOSTS = ['api.acme.io']\n%s = \"%s\"\n" % (n, v))


def python_dict(n, v):
    return "scripts/sync.py", (
        "import requests\n\nCONFIG = {\n    'base_url': 'https://api.acme.io',\n"
        "    '%s': '%s',\n    'retries': 3,\n}\n" % (snake(n), v))


def python_call(n, v):
    return "scripts/notify.py", (
        "from acme_sdk import Client\n\n\ndef main():\n    client = Client(api_key=\"%s\")\n"
        "    client.ping()\n" % v)


def js(n, v):
    return "src/config.js", "module.exports = {\n  env: 'production',\n  %s: '%s',\n};\n" % (camel(n), v)


def ts(n, v):
    return "src/lib/client.ts", (
        "import axios from 'axios';\n\nconst %s = \"%s\";\n\nexport const api = axios.create({\n"
        "  baseURL: 'https://api.acme.io',\n  headers: { 'X-Api-Key': %s },\n});\n" % (
            camel(n), v, camel(n)))


def go(n, v):
    return "internal/config/config.go", (
        "package config\n\nconst (\n\tDefaultRegion = \"us-east-1\"\n\t%s = \"%s\"\n)\n" % (
            "".join(p.capitalize() for p in n.lower().split("_")), v))


def java(n, v):
    return "src/main/java/com/acme/Config.java", (
        "package com.acme;\n\npublic final class Config {\n"
        "    public static final String %s = \"%s\";\n    private Config() {}\n}\n" % (n, v))


def csharp(n, v):
    return "Acme.Api/Settings.cs", (
        "namespace Acme.Api\n{\n    public static class Settings\n    {\n"
        "        public const string %s = \"%s\";\n    }\n}\n" % (
            "".join(p.capitalize() for p in n.lower().split("_")), v))


def php(n, v):
    return "config/services.php", "<?php\n\nreturn [\n    '%s' => '%s',\n    'timeout' => 30,\n];\n" % (
        snake(n), v)


def ruby(n, v):
    return "config/initializers/acme.rb", "Acme.configure do |config|\n  config.%s = '%s'\n  config.timeout = 5\nend\n" % (
        snake(n), v)


def rust(n, v):
    return "src/config.rs", "pub const %s: &str = \"%s\";\npub const TIMEOUT_SECS: u64 = 30;\n" % (n, v)


def kotlin(n, v):
    return "app/src/main/kotlin/com/acme/Keys.kt", (
        "package com.acme\n\nobject Keys {\n    const val %s = \"%s\"\n}\n" % (n, v))


def swift(n, v):
    return "App/Secrets.swift", "enum Secrets {\n    static let %s = \"%s\"\n}\n" % (camel(n), v)


def shell(n, v):
    return "scripts/deploy.sh", "#!/usr/bin/env bash\nset -euo pipefail\nexport %s=%s\n./bin/release --prod\n" % (n, v)


def dockerfile(n, v):
    return "Dockerfile", (
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENV %s=%s\nRUN pip install -r requirements.txt\n"
        "CMD [\"gunicorn\", \"app:app\"]\n" % (n, v))


def compose(n, v):
    return "docker-compose.yml", (
        "services:\n  api:\n    image: acme/api:latest\n    environment:\n      - %s=%s\n"
        "      - PORT=8080\n    ports:\n      - \"8080:8080\"\n" % (n, v))


def gh_workflow(n, v):
    return ".github/workflows/deploy.yml", (
        "name: deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n"
        "    env:\n      %s: %s\n    steps:\n      - uses: actions/checkout@v4\n"
        "      - run: make deploy\n" % (n, v))


def gitlab_ci(n, v):
    return ".gitlab-ci.yml", (
        "stages: [test, deploy]\nvariables:\n  %s: \"%s\"\ndeploy:\n  stage: deploy\n"
        "  script:\n    - ./deploy.sh\n" % (n, v))


def jenkinsfile(n, v):
    return "Jenkinsfile", (
        "pipeline {\n  agent any\n  environment {\n    %s = '%s'\n  }\n  stages {\n"
        "    stage('Deploy') { steps { sh './deploy.sh' } }\n  }\n}\n" % (n, v))


def tfvars(n, v):
    return "infra/prod.auto.tfvars", 'region = "eu-central-1"\n%s = "%s"\ninstance_count = 2\n' % (snake(n), v)


def notebook(n, v):
    nb = {"cells": [
        {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
         "source": ["import os\n", "os.environ[\"%s\"] = \"%s\"\n" % (n, v)]},
        {"cell_type": "markdown", "metadata": {}, "source": ["## Load the data"]}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4, "nbformat_minor": 5}
    return "notebooks/explore.ipynb", json.dumps(nb, indent=1) + "\n"


# Contexts where the value has a conventional name next to it.
NAMED = [env, env_quoted, yaml_nested, yaml_quoted, json_cfg, toml, ini, properties, python,
         python_dict, js, ts, go, java, csharp, php, ruby, rust, kotlin, swift, shell, dockerfile,
         compose, gh_workflow, gitlab_ci, jenkinsfile, tfvars, notebook]


# Contexts with no helpful name: only a token's own format can find it.
def curl_bearer(n, v):
    return "docs/runbook.md", (
        "## Smoke test\n\n```\ncurl -s https://api.acme.io/v1/status \\\n"
        "  -H \"Authorization: Bearer %s\"\n```\n" % v)


def comment(n, v):
    return "src/worker.py", (
        "def fetch(session):\n    # temporary: token %s until the vault is set up\n"
        "    return session.get('/jobs')\n" % v)


def log_line(n, v):
    return "logs/app-2024-05-02.log", (
        "2024-05-02T10:11:12Z INFO starting worker pid=4121\n"
        "2024-05-02T10:11:13Z DEBUG request headers={'User-Agent': 'acme/1.2', 'X-Auth': '%s'}\n"
        "2024-05-02T10:11:14Z INFO done in 212ms\n" % v)


def func_arg(n, v):
    return "cmd/tool/main.go", (
        "package main\n\nfunc main() {\n\tc := client.New(\"%s\", client.WithRetries(3))\n"
        "\tc.Run()\n}\n" % v)


def url_query(n, v):
    return "scripts/fetch.sh", "curl -fsSL 'https://api.acme.io/v2/export?format=csv&token=%s' -o out.csv\n" % v


def markdown_table(n, v):
    return "NOTES.md", "| env | value |\n|---|---|\n| prod | `%s` |\n" % v


UNNAMED = [curl_bearer, comment, log_line, func_arg, url_query, markdown_table]
