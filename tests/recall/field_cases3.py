#!/usr/bin/env python3
"""Third set of the field recall set (field_recall.py), categories `s8-*`:
placements the first two sets did not have, written from the providers' and
tools' own documentation of their file formats (Kubernetes, Docker, npm,
PyPI, git, netrc, JDBC/ODBC, PuTTY, OpenSSH, Terraform, Ansible, GitHub
Actions, Jupyter, Android, iOS, .NET, SQL dialects), with random values.
Same case shape as field_cases.py: pos(out, category, id, {path: text},
[secrets]); negatives are (kind, id, {path: text}).
"""
import base64
import hashlib
import hmac
import json
import struct

import field_tokens as T
from field_cases import pos

A = T.ALNUM


def _b64(s):
    return base64.b64encode(s.encode()).decode()


def far_names(g, out):
    """The secret's name is a parent key, a block label or an argument away."""
    s = g.s
    k = s(A, 32)
    pos(out, "s8-far", "terraform-variable-desc", {"infra/variables.tf": (
        "variable \"db_password\" {\n  description = \"Master password of the orders database\"\n"
        "  type        = string\n  sensitive   = true\n  default     = \"%s\"\n}\n" % k)}, [k])
    k = s(A, 40)
    pos(out, "s8-far", "terraform-variable-oneline", {"modules/api/variables.tf": (
        "variable \"stripe_secret\" { default = \"%s\" }\nvariable \"region\" { default = \"eu-west-1\" }\n" % k)}, [k])
    k = s(A, 20)
    pos(out, "s8-far", "helm-password-parent", {"charts/redis/values.yaml": (
        "auth:\n  enabled: true\n  password:\n    existingSecret: \"\"\n    value: %s\n" % k)}, [k])
    k = g.password()
    pos(out, "s8-far", "arm-parameters", {"azuredeploy.parameters.json": json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
        "contentVersion": "1.0.0.0", "parameters": {
            "adminUsername": {"value": "azureuser"}, "adminPassword": {"value": k},
            "vmSize": {"value": "Standard_D2s_v3"}}}, indent=2) + "\n"}, [k])
    k = s(A, 24)
    pos(out, "s8-far", "cloudformation-default", {"cfn/db.yaml": (
        "Parameters:\n  DBPassword:\n    Type: String\n    NoEcho: true\n    Default: %s\n"
        "  DBUser:\n    Type: String\n    Default: admin\n" % k)}, [k])
    k = s(A, 36)
    pos(out, "s8-far", "json-parent-key", {"config/services.json": json.dumps({
        "payments": {"apiSecret": {"value": k, "rotated": "2024-03-01"}}}, indent=2) + "\n"}, [k])
    k = s(A, 32)
    pos(out, "s8-far", "gradle-buildconfig", {"app/build.gradle": (
        "android {\n    defaultConfig {\n        buildConfigField \"String\", \"PAYMENTS_API_KEY\", '\"%s\"'\n    }\n}\n" % k)}, [k])
    k = s(A, 28)
    pos(out, "s8-far", "python-getenv-default", {"app/settings.py": (
        "import os\n\nAPI_TOKEN = os.getenv(\"API_TOKEN\", \"%s\")\n" % k)}, [k])
    k = s(A, 28)
    pos(out, "s8-far", "js-env-fallback", {"src/config.js": (
        "module.exports = {\n  apiToken: process.env.API_TOKEN || '%s',\n};\n" % k)}, [k])
    k = s(A, 24)
    pos(out, "s8-far", "shell-default-expansion", {"bin/start.sh": (
        "#!/bin/sh\nexec ./server --token \"${SERVICE_TOKEN:-%s}\"\n" % k)}, [k])
    k = s(A, 30)
    pos(out, "s8-far", "spring-value-default", {"src/main/java/com/acme/Pay.java": (
        "@Value(\"${payments.api-secret:%s}\")\nprivate String apiSecret;\n" % k)}, [k])
    k = s(A, 26)
    pos(out, "s8-far", "gh-action-input-default", {".github/actions/deploy/action.yml": (
        "name: deploy\ninputs:\n  api-token:\n    description: token for the deploy API\n"
        "    required: false\n    default: %s\nruns:\n  using: node20\n  main: index.js\n" % k)}, [k])


def bare_formats(g, out):
    """Keyword-only provider formats with nothing naming them."""
    s = g.s
    k = "sk-" + s(T.HEX, 32)
    pos(out, "s8-bare", "deepseek-readme", {"README.md": "Run `python chat.py --key %s` to try it.\n" % k}, [k])
    k = "sk-" + s(T.HEX, 32)
    pos(out, "s8-bare", "deepseek-openai-client", {"bot/llm.py": (
        "from openai import OpenAI\n\nclient = OpenAI(api_key=\"%s\", base_url=\"https://api.deepseek.com\")\n" % k)}, [k])
    k = "sk_" + s(T.HEX, 48)
    pos(out, "s8-bare", "elevenlabs-header-dict", {"tts/speak.py": (
        "HEADERS = {\"xi-api-key\": \"%s\", \"Content-Type\": \"application/json\"}\n" % k)}, [k])
    k = "sk_" + s(T.HEX, 48)
    pos(out, "s8-bare", "elevenlabs-comment", {"tts/notes.txt": "key for the voice demo: %s\n" % k}, [k])
    k = "sdk-" + g.uuid()
    pos(out, "s8-bare", "launchdarkly-init", {"src/flags.js": (
        "const client = LaunchDarkly.init('%s');\nawait client.waitForInitialization();\n" % k)}, [k])
    k = "sk-" + s(T.HEX, 32)
    pos(out, "s8-bare", "deepseek-curl", {"scripts/ask.sh": (
        "curl https://api.deepseek.com/chat/completions -H \"Authorization: Bearer %s\" -d @q.json\n" % k)}, [k])


def hex_encoded(g, out):
    """Tokens hex-encoded (firmware headers, configs written by tools)."""
    tok = g.crc62("ghp_")
    pos(out, "s8-hex", "hex-upper-define", {"fw/config.h": "#define OTA_TOKEN_HEX \"%s\"\n" % tok.encode().hex().upper()}, [tok])
    sk = "sk_live_51" + g.s(A, 97)
    pos(out, "s8-hex", "hex-json-value", {"data/device.json": json.dumps({"id": 17, "blob": sk.encode().hex()}) + "\n"}, [sk])
    kid, sec = T.aws_pair(g)
    ini = "[default]\naws_access_key_id=%s\naws_secret_access_key=%s\n" % (kid, sec)
    pos(out, "s8-hex", "hex-xxd-plain", {"dump/creds.hex": "".join(
        ini.encode().hex()[i:i + 60] + "\n" for i in range(0, len(ini) * 2, 60))}, [kid, sec])
    slack = "xoxb-%s-%s-%s" % (g.digits(12), g.digits(13), g.s(A, 24))
    pos(out, "s8-hex", "hex-0x-prefixed", {"scripts/seed.sql": "INSERT INTO settings VALUES ('slack', 0x%s);\n" % slack.encode().hex()}, [slack])


def infra(g, out):
    """Kubernetes, Docker, CI, Ansible, Terraform state, notebooks."""
    s = g.s
    pw, tok = s(A, 20), "glpat-" + s(A + "-_", 20)
    pos(out, "s8-infra", "k8s-secret-data-list", {"manifests/app-secrets.yaml": (
        "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: app\n  labels:\n    app: shop\n"
        "type: Opaque\ndata:\n  database-password: %s\n  gitlab-token: %s\n" % (_b64(pw), _b64(tok)))}, [(_b64(pw), pw), tok])
    envfile = "REDIS_PASSWORD=%s\nSENTRY_DSN=https://x@o1.ingest.sentry.io/1\n" % s(A, 22)
    pw2 = envfile.split("=")[1].split("\n")[0]
    pos(out, "s8-infra", "k8s-secret-data-envfile", {"k8s/env-secret.yaml": (
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: env\ndata:\n  .env: %s\n" % _b64(envfile))}, [pw2])
    pw = g.password()
    pos(out, "s8-infra", "k8s-stringdata-config", {"k8s/cfg-secret.yaml": (
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: cfg\nstringData:\n  config.yaml: |\n"
        "    database:\n      host: db\n      password: %s\n" % pw)}, [pw])
    pw = g.password()
    auth = _b64("ci-robot:" + pw)
    pos(out, "s8-infra", "docker-config-custom-registry", {"home/.docker/config.json": json.dumps({
        "auths": {"registry.gitlab.acme.io:5050": {"auth": auth, "email": "ci@acme.io"}},
        "HttpHeaders": {"User-Agent": "Docker-Client/24.0.7"}}, indent="\t") + "\n"}, [(auth, pw)])
    k = s(A, 32)
    pos(out, "s8-infra", "gha-env-block", {".github/workflows/nightly.yml": (
        "name: nightly\non:\n  schedule:\n    - cron: '0 3 * * *'\njobs:\n  export:\n    runs-on: ubuntu-latest\n"
        "    env:\n      EXPORT_API_TOKEN: %s\n      EXPORT_FORMAT: csv\n    steps:\n      - uses: actions/checkout@v4\n"
        "      - run: ./export.sh\n" % k)}, [k])
    pw = s(A, 18)
    pos(out, "s8-infra", "gha-docker-login-with", {".github/workflows/image.yml": (
        "jobs:\n  push:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/login-action@v3\n"
        "        with:\n          registry: registry.acme.io\n          username: ci\n          password: %s\n" % pw)}, [pw])
    pw = s(A, 16)
    pos(out, "s8-infra", "ansible-group-vars", {"inventories/prod/group_vars/dbservers.yml": (
        "---\npostgresql_users:\n  - name: app\n    password: %s\n    role_attr_flags: LOGIN\n" % pw)}, [pw])
    pw = s(A, 18)
    pos(out, "s8-infra", "ansible-ssh-pass", {"inventories/prod/hosts.yml": (
        "all:\n  hosts:\n    web1:\n      ansible_host: 10.0.3.4\n      ansible_user: admin\n      ansible_ssh_pass: %s\n" % pw)}, [pw])
    pw = s(A, 20)
    pos(out, "s8-infra", "ansible-module-args", {"roles/db/tasks/main.yml": (
        "- name: create app user\n  community.mysql.mysql_user:\n    name: app\n    password: \"%s\"\n"
        "    priv: 'app.*:ALL'\n" % pw)}, [pw])
    res = s(A, 24)
    vt = "hvs." + s(A, 24)
    state = {"version": 4, "terraform_version": "1.6.0", "serial": 12, "outputs": {
        "vault_token": {"value": vt, "type": "string", "sensitive": True}}, "resources": [
        {"mode": "managed", "type": "random_password", "name": "db", "provider": "provider[\"registry.terraform.io/hashicorp/random\"]",
         "instances": [{"schema_version": 3, "attributes": {"id": "none", "length": 24, "special": False, "result": res},
                        "sensitive_attributes": [[{"type": "get_attr", "value": "result"}]]}]}]}
    pos(out, "s8-infra", "tfstate-random-password", {"terraform.tfstate": json.dumps(state, indent=2) + "\n"}, [res, vt])
    kid, sec = T.aws_pair(g)
    state = {"version": 4, "resources": [{"mode": "managed", "type": "aws_iam_access_key", "name": "ci", "instances": [
        {"attributes": {"id": kid, "user": "ci", "secret": sec, "status": "Active"}}]}]}
    pos(out, "s8-infra", "tfstate-iam-access-key", {"envs/prod/terraform.tfstate.backup": json.dumps(state, indent=2) + "\n"}, [kid, sec])
    oai = "sk-proj-" + s(T.B64U, 74) + "T3BlbkFJ" + s(T.B64U, 74)
    nb = {"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "source": ["%%env OPENAI_API_KEY=%s" % oai], "outputs": [
        {"name": "stdout", "output_type": "stream", "text": ["env: OPENAI_API_KEY=%s\n" % oai]}]}],
        "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    pos(out, "s8-infra", "notebook-env-magic", {"analysis/explore.ipynb": json.dumps(nb, indent=1) + "\n"}, [oai])
    pw = s(A, 18)
    nb = {"cells": [{"cell_type": "code", "execution_count": 4, "metadata": {}, "source": ["print(conn_params)"], "outputs": [
        {"name": "stdout", "output_type": "stream", "text": ["{'host': 'warehouse.acme.io', 'user': 'analyst', 'password': '%s'}\n" % pw]}]}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    pos(out, "s8-infra", "notebook-printed-dict", {"analysis/warehouse.ipynb": json.dumps(nb) + "\n"}, [pw])


def package_files(g, out):
    s = g.s
    pw = g.password()
    b = _b64(pw)
    pos(out, "s8-pkg", "npmrc-password-b64", {".npmrc": (
        "registry=https://npm.acme.io/\n//npm.acme.io/:username=ci\n//npm.acme.io/:_password=%s\n"
        "//npm.acme.io/:email=ci@acme.io\n" % b)}, [(b, pw)])
    tok = s(A + "-_", 64)
    pos(out, "s8-pkg", "npmrc-scoped-token", {"packages/ui/.npmrc": (
        "@acme:registry=https://gitlab.acme.io/api/v4/projects/42/packages/npm/\n"
        "//gitlab.acme.io/api/v4/projects/42/packages/npm/:_authToken=%s\n" % tok)}, [tok])
    pw = s(A, 22)
    pos(out, "s8-pkg", "pypirc-colon", {"home/.pypirc": (
        "[distutils]\nindex-servers =\n  nexus\n\n[nexus]\nrepository: https://nexus.acme.io/repository/pypi/\n"
        "username: uploader\npassword: %s\n" % pw)}, [pw])
    pw = s(A, 20)
    pos(out, "s8-pkg", "git-credentials-password", {"home/.git-credentials": "https://jdoe:%s@bitbucket.acme.io\n" % pw}, [pw])
    pw = s(A, 18)
    pos(out, "s8-pkg", "netrc-one-line", {"home/_netrc": "machine ftp.acme-partner.com login acme password %s\n" % pw}, [pw])
    pw = s(A, 20)
    pos(out, "s8-pkg", "requirements-index-url", {"requirements.txt": (
        "--extra-index-url https://build:%s@pypi.acme.io/simple\nrequests==2.31.0\nacme-core==4.2.0\n" % pw)}, [pw])
    pw = s(A, 24)
    pos(out, "s8-pkg", "pipfile-source", {"Pipfile": (
        "[[source]]\nurl = \"https://deploy:%s@pypi.acme.io/simple\"\nverify_ssl = true\nname = \"acme\"\n" % pw)}, [pw])
    pw = g.password()
    pos(out, "s8-pkg", "gradle-proxy-password", {"gradle.properties": (
        "systemProp.https.proxyHost=proxy.acme.io\nsystemProp.https.proxyUser=build\n"
        "systemProp.https.proxyPassword=%s\n" % pw)}, [pw])
    tok = g.crc62("npm_")
    pos(out, "s8-pkg", "yarnrc-v1", {".yarnrc": "registry \"https://registry.npmjs.org/\"\n\"//registry.npmjs.org/:_authToken\" %s\n" % tok}, [tok])
    pw = s(A, 22)
    pos(out, "s8-pkg", "poetry-auth-toml", {"home/.config/pypoetry/auth.toml": (
        "[http-basic.acme]\nusername = \"deploy\"\npassword = \"%s\"\n" % pw)}, [pw])


def connections(g, out):
    s = g.s
    pw = s(A, 18)
    pos(out, "s8-conn", "jdbc-oracle-thin", {"conf/db.properties": "db.url=jdbc:oracle:thin:scott/%s@//ora.acme.io:1521/ORCLPDB1\n" % pw}, [pw])
    pw = g.password().replace(";", "")
    pos(out, "s8-conn", "odbc-braced-pwd", {"etl/dsn.txt": "DRIVER={PostgreSQL Unicode};SERVER=pg.acme.io;PORT=5432;DATABASE=dw;UID=etl;PWD={%s};\n" % pw}, [pw])
    pw = s(A, 20)
    pos(out, "s8-conn", "mongo-authsource", {"src/db.ts": "await mongoose.connect(`mongodb://admin:%s@mongo-0.mongo:27017,mongo-1.mongo:27017/shop?authSource=admin&replicaSet=rs0`);\n" % pw}, [pw])
    pw = s(A, 24)
    pos(out, "s8-conn", "redis-no-user", {"config/cache.yml": "cache:\n  url: redis://:%s@redis-master.cache.svc.cluster.local:6379/2\n" % pw}, [pw])
    pw = s(A, 20)
    pos(out, "s8-conn", "amqp-celery", {"proj/celeryconfig.py": "broker_url = 'amqp://celery:%s@rabbitmq:5672/prod'\n" % pw}, [pw])
    pw = g.password().replace(";", "").replace("\"", "")
    pos(out, "s8-conn", "webconfig-connectionstrings", {"web.config": (
        "<configuration>\n  <connectionStrings>\n    <add name=\"Shop\" connectionString=\"Data Source=sql01;Initial Catalog=Shop;"
        "User ID=shop;Password=%s;\" providerName=\"System.Data.SqlClient\" />\n  </connectionStrings>\n</configuration>\n" % pw)}, [pw])
    pw = g.password()
    pos(out, "s8-conn", "sql-create-user-oracle", {"db/migrations/V1__users.sql": "CREATE USER app_rw IDENTIFIED BY \"%s\";\nGRANT CONNECT TO app_rw;\n" % pw}, [pw])
    pw = g.password().replace("'", "")
    pos(out, "s8-conn", "sql-create-user-mysql", {"docker/init.sql": "CREATE USER 'app'@'%%' IDENTIFIED BY '%s';\nGRANT ALL ON app.* TO 'app'@'%%';\n" % pw}, [pw])
    pw = s(A, 20)
    pos(out, "s8-conn", "sql-postgres-role", {"db/roles.sql": "CREATE ROLE reporting WITH LOGIN PASSWORD '%s' VALID UNTIL 'infinity';\n" % pw}, [pw])
    pw = g.password().replace("'", "")
    pos(out, "s8-conn", "sql-mssql-login", {"db/setup.sql": "CREATE LOGIN etl_svc WITH PASSWORD = '%s', CHECK_POLICY = OFF;\nGO\n" % pw}, [pw])
    pw = s(A, 20)
    pos(out, "s8-conn", "sql-alter-user", {"ops/rotate.sql": "ALTER USER 'backup'@'localhost' IDENTIFIED BY '%s';\n" % pw}, [pw])
    pw = s(A, 20)
    pos(out, "s8-conn", "neo4j-bolt", {"graph/.env": "NEO4J_URI=bolt://neo4j:%s@graph.acme.io:7687\n" % pw}, [pw])
    pw = s(A, 20)
    pos(out, "s8-conn", "alembic-ini", {"alembic.ini": "[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://migrator:%s@db.acme.io/app\n" % pw}, [pw])


def _sshstr(b):
    return struct.pack(">I", len(b)) + b


def _mpint(n):
    b = n.to_bytes((n.bit_length() + 8) // 8, "big")
    return _sshstr(b)


def putty_v2_rsa(g):
    """A real PuTTY v2 (.ppk) unencrypted RSA key (PuTTY's documented format:
    public/private blobs of SSH mpints, HMAC-SHA1 keyed by SHA-1 of the
    documented MAC-key string)."""
    from cryptography.hazmat.primitives.asymmetric import rsa
    k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pn, qn = k.private_numbers(), k.public_key().public_numbers()
    pub = _sshstr(b"ssh-rsa") + _mpint(qn.e) + _mpint(qn.n)
    priv = _mpint(pn.d) + _mpint(pn.p) + _mpint(pn.q) + _mpint(pn.iqmp)
    comment = b"rsa-key-20240501"
    mac_key = hashlib.sha1(b"putty-private-key-file-mac-key").digest()
    data = _sshstr(b"ssh-rsa") + _sshstr(b"none") + _sshstr(comment) + _sshstr(pub) + _sshstr(priv)
    mac = hmac.new(mac_key, data, hashlib.sha1).hexdigest()

    def lines(b):
        t = base64.b64encode(b).decode()
        return [t[i:i + 64] for i in range(0, len(t), 64)]
    pl, vl = lines(pub), lines(priv)
    return ("PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: %s\nPublic-Lines: %d\n%s\n"
            "Private-Lines: %d\n%s\nPrivate-MAC: %s\n" % (comment.decode(), len(pl), "\n".join(pl),
                                                         len(vl), "\n".join(vl), mac))


def putty_v3_encrypted(g):
    """A PuTTY v3 key file encrypted with aes256-cbc (Argon2id key derivation
    lines as PuTTY writes them; the private blob is ciphertext)."""
    pub = _sshstr(b"ssh-ed25519") + _sshstr(g.raw(32))
    pb = base64.b64encode(pub).decode()
    priv = base64.b64encode(g.raw(48)).decode()
    return ("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\nComment: ed25519-key-20240501\n"
            "Public-Lines: 2\n%s\n%s\nKey-Derivation: Argon2id\nArgon2-Memory: 8192\nArgon2-Passes: 13\n"
            "Argon2-Parallelism: 1\nArgon2-Salt: %s\nPrivate-Lines: 1\n%s\nPrivate-MAC: %s\n" % (
                pb[:64], pb[64:], g.s(T.HEX, 32), priv, g.s(T.HEX, 64)))


def keys(g, out):
    from cryptography.hazmat.primitives import serialization as ser
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
    E, P = ser.Encoding, ser.PrivateFormat
    none = ser.NoEncryption()
    pos(out, "s8-keys", "putty-v2-rsa", {"keys/jump-host.ppk": putty_v2_rsa(g)}, ["*"])
    pos(out, "s8-keys", "putty-v3-encrypted", {"keys/admin.ppk": putty_v3_encrypted(g)}, ["*"])
    ed = ed25519.Ed25519PrivateKey.generate().private_bytes(E.PEM, P.OpenSSH, none).decode()
    pos(out, "s8-keys", "openssh-in-k8s-data", {"k8s/git-ssh.yaml": (
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: git-ssh\ntype: kubernetes.io/ssh-auth\n"
        "data:\n  ssh-privatekey: %s\n" % _b64(ed))}, [ed.strip()])
    eck = ec.generate_private_key(ec.SECP384R1()).private_bytes(E.PEM, P.PKCS8, none).decode()
    pos(out, "s8-keys", "pem-terraform-heredoc", {"infra/tls.tf": (
        "resource \"kubernetes_secret\" \"tls\" {\n  data = {\n    \"tls.key\" = <<EOT\n%sEOT\n  }\n}\n" % eck)}, [eck.strip()])
    rk = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    enc = rk.private_bytes(E.PEM, P.PKCS8, ser.BestAvailableEncryption(b"s8-" + g.s(A, 10).encode())).decode()
    pos(out, "s8-keys", "pkcs8-encrypted-json", {"config/signing.json": json.dumps({
        "alg": "RS256", "kid": g.s(T.HEX, 16), "key": enc}, indent=2) + "\n"}, [enc.strip()])
    pem = rk.private_bytes(E.PEM, P.TraditionalOpenSSL, none).decode()
    pos(out, "s8-keys", "pem-php-heredoc", {"src/Jwt.php": "<?php\n$privateKey = <<<EOD\n%sEOD;\n" % pem}, [pem.strip()])
    der = base64.b64encode(rk.private_bytes(E.DER, P.PKCS8, none)).decode()
    pos(out, "s8-keys", "pkcs8-der-base64-env", {".env": "SIGNING_KEY_PKCS8_DER=%s\n" % der}, [der])


def apps(g, out):
    """Mobile, .NET, JWT signing secrets, framework configuration."""
    s = g.s
    api = "AIza" + s(T.B64U, 35)
    pos(out, "s8-app", "android-strings-maps", {"app/src/main/res/values/strings.xml": (
        "<resources>\n    <string name=\"app_name\">Shop</string>\n    <string name=\"google_maps_key\" "
        "templateMergeStrategy=\"preserve\" translatable=\"false\">%s</string>\n</resources>\n" % api)}, [api])
    k = s(A, 32)
    pos(out, "s8-app", "android-strings-secret", {"app/src/main/res/values/secrets.xml": (
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<resources>\n    <string name=\"payment_api_secret\">%s</string>\n</resources>\n" % k)}, [k])
    k = s(A, 40)
    pos(out, "s8-app", "android-local-properties", {"local.properties": "sdk.dir=/Users/dev/Library/Android/sdk\nMAPS_API_SECRET=%s\n" % k}, [k])
    api = "AIza" + s(T.B64U, 35)
    pos(out, "s8-app", "ios-googleservice-plist", {"ios/Runner/GoogleService-Info.plist": (
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n\t<key>API_KEY</key>\n"
        "\t<string>%s</string>\n\t<key>GCM_SENDER_ID</key>\n\t<string>%s</string>\n</dict>\n</plist>\n" % (api, g.digits(12)))}, [api])
    k = s(A, 32)
    pos(out, "s8-app", "ios-info-plist-token", {"ios/App/Info.plist": (
        "<dict>\n\t<key>CFBundleName</key>\n\t<string>Shop</string>\n\t<key>SEGMENT_WRITE_TOKEN</key>\n\t<string>%s</string>\n</dict>\n" % k)}, [k])
    sk = "sk_live_51" + s(A, 97)
    pos(out, "s8-app", "dotnet-appsettings-stripe", {"src/Api/appsettings.Production.json": json.dumps({
        "Stripe": {"SecretKey": sk, "PublishableKey": "pk_live_" + s(A, 99)}}, indent=2) + "\n"}, [sk])
    k = s(A, 40)
    pos(out, "s8-app", "dotnet-user-secrets", {"home/.microsoft/usersecrets/%s/secrets.json" % g.uuid(): json.dumps({
        "Authentication:Google:ClientSecret": k}, indent=2) + "\n"}, [k])
    k = s(A, 30)
    pos(out, "s8-app", "webconfig-appsetting", {"Web.Release.config": (
        "<configuration>\n  <appSettings>\n    <add key=\"SmtpPassword\" value=\"%s\" xdt:Transform=\"SetAttributes\" xdt:Locator=\"Match(key)\"/>\n"
        "  </appSettings>\n</configuration>\n" % k)}, [k])
    sec = s(A, 32)
    head = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    body = base64.urlsafe_b64encode(json.dumps({"sub": "svc-billing", "role": "admin"}).encode()).decode().rstrip("=")
    sig = base64.urlsafe_b64encode(hmac.new(sec.encode(), ("%s.%s" % (head, body)).encode(), hashlib.sha256).digest()).decode().rstrip("=")
    jwt = "%s.%s.%s" % (head, body, sig)
    pos(out, "s8-app", "jwt-with-secret", {"tests/integration/.env.ci": "JWT_SIGNING_SECRET=%s\nADMIN_JWT=%s\n" % (sec, jwt)}, [sec, jwt])
    sec = s(A, 32)
    pos(out, "s8-app", "jwt-sign-literal-node", {"src/auth/token.js": (
        "const jwt = require('jsonwebtoken');\nexports.issue = (user) => jwt.sign({ sub: user.id }, '%s', { expiresIn: '1h' });\n" % sec)}, [sec])
    sec = s(A, 32)
    pos(out, "s8-app", "jwt-encode-literal-python", {"app/auth.py": (
        "import jwt\n\ndef issue(uid):\n    return jwt.encode({\"sub\": uid}, \"%s\", algorithm=\"HS256\")\n" % sec)}, [sec])
    sec = s(A, 32)
    pos(out, "s8-app", "jwt-go-signedstring", {"internal/auth/jwt.go": (
        "func Sign(c jwt.Claims) (string, error) {\n\treturn jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString([]byte(\"%s\"))\n}\n" % sec)}, [sec])
    k = "".join(g.r.choice(T.LOWER + T.DIG + "!@#$%^&*(-_=+)") for _ in range(50))
    k = k[:10] + "(" + k[11:]
    pos(out, "s8-app", "django-key-paren", {"shop/settings/base.py": "SECRET_KEY = \"%s\"\nALLOWED_HOSTS = ['shop.acme.io']\n" % k}, [k])
    k = "django-insecure-" + "".join(g.r.choice(T.LOWER + T.DIG + "!@#$%^&*(-_=+)") for _ in range(50))
    pos(out, "s8-app", "django-insecure-prefix", {"mysite/settings.py": "SECRET_KEY = '%s'\n" % k}, [k])


def glued(g, out):
    s = g.s
    tg = "%s:AA%s" % (g.digits(10), s(T.B64U, 33))
    pos(out, "s8-glued", "telegram-url-path", {"bot/notify.sh": "curl -s \"https://api.telegram.org/bot%s/sendMessage\" -d chat_id=42 -d text=ok\n" % tg}, [tg])
    sk = "sk_live_51" + s(A, 97)
    pos(out, "s8-glued", "quoted-concat", {"src/pay.js": "const auth = 'Bearer ' + '%s';\n" % sk}, [sk])
    tok = g.crc62("ghp_")
    pos(out, "s8-glued", "after-equals-unnamed", {"ci/run.sh": "git clone https://github.com/acme/tools.git && ./tools/setup --x=%s\n" % tok}, [tok])
    slack = "xoxb-%s-%s-%s" % (g.digits(12), g.digits(13), s(A, 24))
    pos(out, "s8-glued", "minified-headers", {"dist/app.3f2a.js": "fetch(u,{headers:{Authorization:\"Bearer \"+\"%s\"}}).then(r=>r.json())\n" % slack}, [slack])
    oai = "sk-proj-" + s(T.B64U, 74) + "T3BlbkFJ" + s(T.B64U, 74)
    pos(out, "s8-glued", "html-data-attr", {"templates/chat.html": "<div id=\"chat\" data-key=\"%s\" data-model=\"gpt-4o\"></div>\n" % oai}, [oai])
    gl = g.gitlab("glpat-")
    pos(out, "s8-glued", "url-path-segment", {"docs/mirror.md": "Mirror URL: https://oauth2:%s@gitlab.com/acme/site.git\n" % gl}, [gl])
    ant = "sk-ant-api03-" + s(T.B64U, 93) + "AA"
    pos(out, "s8-glued", "json-escaped-in-string", {"fixtures/events.ndjson": json.dumps({"payload": json.dumps({"key": ant})}) + "\n"}, [ant])
    kid, sec = T.aws_pair(g)
    pos(out, "s8-glued", "aws-env-one-line", {"Makefile": "deploy:\n\tAWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s aws s3 sync dist s3://acme-web\n" % (kid, sec)}, [kid, sec])


def batch3(g, out):
    far_names(g, out)
    bare_formats(g, out)
    hex_encoded(g, out)
    infra(g, out)
    package_files(g, out)
    connections(g, out)
    keys(g, out)
    apps(g, out)
    glued(g, out)


def negatives3(g, negs):
    """Hard negatives for the placements above: the same files holding
    references, placeholders, public values, hashes and hex that is not text."""
    n = lambda kind, cid, files: negs.append((kind, cid, files))  # noqa: E731
    n("s8-placeholder", "terraform-variable-no-default", {"infra/vars.tf": (
        "variable \"db_password\" {\n  description = \"set in the pipeline\"\n  type        = string\n  sensitive   = true\n}\n"
        "variable \"api_token\" {\n  default = \"\"\n}\n")})
    n("s8-placeholder", "arm-keyvault-reference", {"azuredeploy.parameters.json": json.dumps({"parameters": {
        "adminPassword": {"reference": {"keyVault": {"id": "/subscriptions/%s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv" % g.uuid()},
                                        "secretName": "vmAdminPassword"}}}}, indent=2) + "\n"})
    n("s8-placeholder", "sql-bind-parameters", {"db/users.sql": (
        "CREATE USER app_rw IDENTIFIED BY :app_password;\nALTER USER 'app'@'%' IDENTIFIED BY '${APP_DB_PASSWORD}';\n"
        "CREATE ROLE reporting WITH LOGIN PASSWORD NULL;\n")})
    n("s8-placeholder", "cfn-noecho-ref", {"cfn/app.yaml": (
        "Parameters:\n  DBPassword:\n    Type: String\n    NoEcho: true\n    MinLength: 12\nResources:\n  DB:\n    Properties:\n"
        "      MasterUserPassword: !Ref DBPassword\n")})
    n("s8-placeholder", "helm-password-parent-ref", {"charts/redis/values.yaml": (
        "auth:\n  password:\n    existingSecret: redis-auth\n    existingSecretPasswordKey: password\n")})
    n("s8-identifier", "android-strings-public", {"app/src/main/res/values/strings.xml": (
        "<resources>\n    <string name=\"google_app_id\">1:%s:android:%s</string>\n    <string name=\"gcm_defaultSenderId\">%s</string>\n"
        "    <string name=\"password_hint\">Enter your password</string>\n</resources>\n" % (g.digits(12), g.s(T.HEX, 16), g.digits(12)))})
    n("s8-hex", "hex-random-bytes", {"fw/keys.h": "static const char kSalt[] = \"%s\";\n#define BUILD_ID \"%s\"\n" % (
        g.raw(32).hex(), g.raw(20).hex())})
    n("s8-hex", "hex-text-no-secret", {"data/banner.hex": "%s\n" % "Welcome to the ACME build server. Authorized use only; all sessions are logged.".encode().hex()})
    n("s8-hex", "hex-sha-table", {"checksums.json": json.dumps({"files": {"a.bin": g.s(T.HEX, 64), "b.bin": g.s(T.HEX, 64)}}) + "\n"})
    n("s8-bare", "sk-hex-non-key", {"src/sku.txt": "sku-%s\nsk-%s is a session cookie name prefix\n" % (g.s(T.HEX, 32), "0" * 32)})
    n("s8-placeholder", "jwt-sign-env", {"src/auth.js": "exports.issue = (u) => jwt.sign({ sub: u.id }, process.env.JWT_SECRET, { expiresIn: '1h' });\n"})
    n("s8-placeholder", "npmrc-env-token", {".npmrc": "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n//npm.acme.io/:_password=${NPM_PASSWORD_B64}\n"})
