"""Native files for the recall benchmark: the file a credential of a
structure-bound rule really lives in, under its real name (so path-scoped
behaviour is exercised), with the planted secret marked by SENTINEL.

Each renderer takes (g, secret, post) - a credgen.Gen, the generated secret
and the text the rule's example puts right after it (a PuTTY key's
Private-MAC line) - and returns (file name, text holding SENTINEL once,
secret as written in the file).
"""
import json

SENTINEL = "\x00PLANT\x00"


def _k8s(kind_first, key, section="data"):
    def render(g, secret, post):
        name = g.word()
        head = ["apiVersion: v1"]
        if kind_first:
            body = head + ["kind: Secret", "metadata:", "  name: %s-credentials" % name,
                           "  namespace: prod", "  labels:", "    app: %s" % name, "type: Opaque",
                           "%s:" % section, "  %s: %s" % (key, SENTINEL)]
            if section == "data":
                body.append("  username: %s" % g.b64(name))
        else:  # kubectl get -o yaml order: data before kind
            body = head + ["data:", "  %s: %s" % (key, SENTINEL), "  username: %s" % g.b64(name),
                           "kind: Secret", "metadata:", "  creationTimestamp: \"2025-03-02T10:11:12Z\"",
                           "  name: %s-credentials" % name, "  namespace: prod", "type: Opaque"]
        return "k8s/%s-secret.yaml" % name, "\n".join(body) + "\n", secret
    return render


def _kubeconfig(field):
    def render(g, secret, post):
        lines = ["apiVersion: v1", "kind: Config", "clusters:", "- cluster:",
                 "    certificate-authority-data: %s" % g.b64(g.bytes(60)),
                 "    server: https://10.%d.0.1:6443" % g.rng.randint(0, 200), "  name: prod",
                 "contexts:", "- context:", "    cluster: prod", "    user: deployer",
                 "  name: prod", "current-context: prod", "preferences: {}", "users:",
                 "- name: deployer", "  user:"]
        if field == "bootstrap-token":
            # A kubelet bootstrap kubeconfig: a bootstrap token, not a JWT.
            secret = "%s.%s" % (g.s("lodig", 6), g.s("lodig", 16))
            lines.append("    token: " + SENTINEL)
            return "bootstrap-kubelet.conf", "\n".join(lines) + "\n", secret
        if field == "token":
            lines.append("    token: " + SENTINEL)
        else:
            cert = "-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----\n" % g.b64(g.bytes(300))
            lines += ["    client-certificate-data: " + g.b64(cert), "    client-key-data: " + SENTINEL]
        return ".kube/config", "\n".join(lines) + "\n", secret
    return render


def docker_config(g, secret, post):
    text = ('{\n\t"auths": {\n\t\t"registry.gitlab.com": {\n\t\t\t"auth": "%s"\n\t\t},\n'
            '\t\t"https://index.docker.io/v1/": {}\n\t},\n\t"credsStore": "",\n'
            '\t"currentContext": "default"\n}\n') % SENTINEL
    return ".docker/config.json", text, secret


def npmrc_token(g, secret, post):
    host = ("registry.npmjs.org" if secret.startswith("npm_")
            else "nexus.%s.io/repository/npm-group" % g.word())
    text = ("registry=https://%s/\n//%s/:_authToken=%s\nalways-auth=true\nsave-exact=true\n"
            % (host, host, SENTINEL))
    return ".npmrc", text, secret


def npmrc_auth(g, secret, post):
    text = ("registry=https://artifactory.acme.io/artifactory/api/npm/npm-virtual/\n"
            "_auth=%s\nemail=ci@acme.io\nalways-auth=true\n" % SENTINEL)
    return ".npmrc", text, secret


def pypirc(g, secret, post):
    user = "__token__" if secret.startswith("pypi-") else g.word()
    text = ("[distutils]\nindex-servers =\n    pypi\n    internal\n\n[pypi]\nusername = %s\n"
            "password = %s\n\n[internal]\nrepository = https://pypi.acme.io/simple/\n"
            "username = reader\n" % (user, SENTINEL))
    return ".pypirc", text, secret


def netrc(g, secret, post):
    text = ("machine artifacts.acme.io\n  login %s\n  password %s\n\ndefault login anonymous\n"
            % (g.word(), SENTINEL))
    return ".netrc", text, secret


def git_credentials(g, secret, post):
    text = "https://%s:%s@git.acme.io\n" % (g.word(), SENTINEL)
    return ".git-credentials", text, secret


def htpasswd(g, secret, post):
    return ".htpasswd", "%s:%s\n" % (g.word(), SENTINEL), secret


def tfstate(g, secret, post):
    attrs = ('{"allocated_storage": 20, "engine": "postgres", "engine_version": "16.3", '
             '"identifier": "%s-db", "password": "%s", "username": "%s"}' % (g.word(), SENTINEL, g.word()))
    text = ('{\n  "version": 4,\n  "terraform_version": "1.8.2",\n  "serial": %d,\n'
            '  "lineage": "%s",\n  "outputs": {},\n  "resources": [\n    {\n'
            '      "mode": "managed",\n      "type": "aws_db_instance",\n      "name": "main",\n'
            '      "provider": "provider[\\"registry.terraform.io/hashicorp/aws\\"]",\n'
            '      "instances": [\n        {\n          "schema_version": 2,\n'
            '          "attributes": %s,\n          "sensitive_attributes": []\n        }\n'
            '      ]\n    }\n  ]\n}\n') % (g.rng.randint(2, 90), g.uuid(), attrs)
    return "terraform.tfstate", text, secret


def pgpass(g, secret, post):
    text = "db.internal.acme.io:5432:%s:%s:%s\n" % (g.word(), g.word(), SENTINEL)
    return ".pgpass", text, secret


def redis_conf(g, secret, post):
    text = ("bind 127.0.0.1 -::1\nprotected-mode yes\nport 6379\ntimeout 0\n"
            "requirepass %s\nmaxmemory 2gb\nmaxmemory-policy allkeys-lru\n" % SENTINEL)
    return "redis.conf", text, secret


def _wg(which):
    def render(g, secret, post):
        iface = ["[Interface]", "Address = 10.8.0.%d/24" % g.rng.randint(2, 250), "ListenPort = 51820"]
        peer = ["[Peer]", "PublicKey = %s" % g.wg(), "AllowedIPs = 10.8.0.0/24",
                "Endpoint = vpn.acme.io:51820", "PersistentKeepalive = 25"]
        if which == "private":
            iface.append("PrivateKey = " + SENTINEL)
        else:
            iface.append("PrivateKey = " + g.wg())
            peer.insert(2, "PresharedKey = " + SENTINEL)
        # The interface's own PrivateKey is a secret too (wireguard.private-key).
        return "wg0.conf", "\n".join(iface + [""] + peer) + "\n", secret
    return render


def maven_settings(g, secret, post):
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">\n  <servers>\n'
            '    <server>\n      <id>acme-releases</id>\n      <username>%s</username>\n'
            '      <password>%s</password>\n    </server>\n  </servers>\n</settings>\n'
            % (g.word(), SENTINEL))
    return ".m2/settings.xml", text, secret.replace("&", "&amp;").replace("<", "&lt;")


def nuget_config(g, secret, post):
    text = ('<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n'
            '    <add key="AcmeFeed" value="https://pkgs.acme.io/nuget/v3/index.json" />\n'
            '  </packageSources>\n  <packageSourceCredentials>\n    <AcmeFeed>\n'
            '      <add key="Username" value="%s" />\n'
            '      <add key="ClearTextPassword" value="%s" />\n    </AcmeFeed>\n'
            '  </packageSourceCredentials>\n</configuration>\n' % (g.word(), SENTINEL))
    return "NuGet.Config", text, secret.replace("&", "&amp;").replace("<", "&lt;")


def snowflake_toml(g, secret, post):
    text = ('default_connection_name = "prod"\n\n[connections.prod]\naccount = "acme-xy%05d"\n'
            'user = "%s"\npassword = "%s"\nwarehouse = "ETL_WH"\nrole = "ETL"\n'
            % (g.rng.randint(0, 99999), g.word().upper(), SENTINEL))
    return ".snowflake/connections.toml", text, secret


def curl_script(g, secret, post):
    text = ("#!/usr/bin/env bash\nset -euo pipefail\n# trigger the nightly build\n"
            "curl -fsS -X POST -u %s https://jenkins.acme.io/job/nightly/build\n"
            'echo "triggered"\n' % SENTINEL)
    return "scripts/trigger-build.sh", text, secret


def linode_provider(g, secret, post):
    text = ('terraform {\n  required_providers {\n    linode = {\n      source  = "linode/linode"\n'
            '    }\n  }\n}\n\nprovider "linode" {\n  token = "%s"\n}\n' % SENTINEL)
    return "provider.tf", text, secret


def ibm_credentials(g, secret, post):
    cos = "cloud-object-storage"
    text = ('{\n  "apikey": "%s",\n  "endpoints": "https://control.%s.cloud.ibm.com/v2/endpoints",\n'
            '  "iam_apikey_description": "Auto-generated for key crn:v1:bluemix:public:%s:global:a/%s",\n'
            '  "iam_apikey_name": "%s-writer",\n'
            '  "iam_role_crn": "crn:v1:bluemix:public:iam::::serviceRole:Writer"\n}\n'
            % (SENTINEL, cos, cos, g.s("hex", 32), g.word()))
    return "ibm-credentials.json", text, secret


def box_config(g, secret, post):
    text = ('{\n  "boxAppSettings": {\n    "clientID": "%s",\n    "clientSecret": "%s",\n'
            '    "appAuth": {\n      "publicKeyID": "%s",\n      "privateKey": "",\n'
            '      "passphrase": ""\n    }\n  },\n  "enterpriseID": "%d"\n}\n'
            % (g.s("lodig", 32), SENTINEL, g.s("lodig", 8), g.rng.randint(10**8, 10**9)))
    return "%d_%s_config.json" % (g.rng.randint(10**8, 10**9), g.s("lodig", 8)), text, secret


def gcp_sa_key(g, secret, post):
    project = "%s-prod-%d" % (g.word(), g.rng.randint(100000, 999999))
    doc = {"type": "service_account", "project_id": project, "private_key_id": g.s("hex", 40),
           "private_key": "@PLANT@", "client_email": "deployer@%s.iam.gserviceaccount.com" % project,
           "client_id": str(g.rng.randint(10**20, 10**21)),
           "auth_uri": "https://accounts.google.com/o/oauth2/auth",
           "token_uri": "https://oauth2.googleapis.com/token"}
    text = json.dumps(doc, indent=2).replace("@PLANT@", SENTINEL) + "\n"
    return "%s-%s.json" % (project, g.s("hex", 12)), text, json.dumps(secret)[1:-1]


def key_file(g, secret, post):
    """The key alone in its file (plus the trailer its format keeps after it:
    a PuTTY Private-MAC line, the OCI_API_KEY marker)."""
    if secret.startswith("AGE-SECRET-KEY"):
        return "keys.txt", "# created: 2025-02-11T09:12:44Z\n# public key: age1%s\n%s\n" % (
            g.s("bech32", 58), SENTINEL), secret
    names = {"OPENSSH": ".ssh/id_ed25519", "PGP": "private-key.asc", "PuTTY": "deploy.ppk",
             "ENCRYPTED": "keys/signing.key", "RSA": "keys/server.key", "EC": "keys/ec.key",
             "DSA": "keys/dsa.key"}
    name = next((v for k, v in names.items() if k in secret[:40]), "keys/private.pem")
    if "OCI_API_KEY" in post:
        name = ".oci/oci_api_key.pem"
    return name, SENTINEL + post + "\n", secret



def heroku_netrc(g, secret, post):
    text = "machine api.heroku.com\n  login %s@acme.io\n  password %s\n" % (g.word(), SENTINEL)
    return ".netrc", text, secret


def _command_line(path, line):
    def render(g, secret, post):
        return path, "#!/usr/bin/env bash\nset -euo pipefail\n%s\necho done\n" % (line % SENTINEL), secret
    return render


def basic_auth_call(g, secret, post):
    text = ("import requests\n\nURL = 'https://reports.acme.io/api/daily'\n"
            "r = requests.get(URL, auth=('%s', '%s'), timeout=30)\n" % (g.word(), SENTINEL))
    return "tools/export.py", text, secret


def pair_call(g, secret, post):
    text = ("package com.acme;\n\nfinal class Defaults {\n  static void fill(Properties props) {\n"
            "    props.put(\"payment.api.secret\", \"%s\");\n  }\n}\n" % SENTINEL)
    return "src/main/java/com/acme/Defaults.java", text, secret


def rails_master_key(g, secret, post):
    return "config/master.key", SENTINEL + "\n", secret


def wp_config(g, secret, post):
    text = ("<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'AUTH_KEY',         '%s' );\n"
            "$table_prefix = 'wp_';\n" % SENTINEL)
    return "wp-config.php", text, secret

RENDERERS = {
    "k8s-secret": _k8s(True, "password"),
    "k8s-secret-data-first": _k8s(False, "password"),
    "k8s-secret-string-data": _k8s(True, "SMTP_PASSWORD", "stringData"),
    "kubeconfig-token": _kubeconfig("token"),
    "kubeconfig-bootstrap-token": _kubeconfig("bootstrap-token"),
    "kubeconfig-client-key": _kubeconfig("client-key"),
    "docker-config": docker_config,
    "npmrc-token": npmrc_token,
    "npmrc-auth": npmrc_auth,
    "pypirc": pypirc,
    "netrc": netrc,
    "git-credentials": git_credentials,
    "htpasswd": htpasswd,
    "tfstate": tfstate,
    "pgpass": pgpass,
    "redis-conf": redis_conf,
    "wg-private": _wg("private"),
    "wg-preshared": _wg("preshared"),
    "maven-settings": maven_settings,
    "nuget-config": nuget_config,
    "snowflake-toml": snowflake_toml,
    "curl-script": curl_script,
    "linode-provider": linode_provider,
    "ibm-credentials": ibm_credentials,
    "box-config": box_config,
    "gcp-sa-key": gcp_sa_key,
    "key-file": key_file,
    "heroku-netrc": heroku_netrc,
    "mysql-cli": _command_line("scripts/seed.sh", "mysql -h db.acme.io -u app -p%s app < seed.sql"),
    "docker-login": _command_line("ci/publish.sh", "docker login -u ci-bot -p %s registry.acme.io"),
    "basic-auth-call": basic_auth_call,
    "pair-call": pair_call,
    "rails-master-key": rails_master_key,
    "wp-config": wp_config,
}


# --- field recall, third set (session 8): rules bound to a file's syntax ---
def _file(name, template):
    def render(g, secret, post):
        return name, template.replace("%SECRET%", SENTINEL), secret
    return render


def tfstate_random_password(g, secret, post):
    text = ('{\n  "version": 4,\n  "terraform_version": "1.6.6",\n  "serial": 3,\n  "resources": [\n'
            '    {\n      "mode": "managed",\n      "type": "random_password",\n      "name": "db",\n'
            '      "provider": "provider[\\"registry.terraform.io/hashicorp/random\\"]",\n'
            '      "instances": [\n        {\n          "schema_version": 3,\n          "attributes": {\n'
            '            "id": "none",\n            "length": 24,\n            "result": "%s",\n'
            '            "special": false\n          },\n          "sensitive_attributes": []\n'
            '        }\n      ]\n    }\n  ]\n}\n') % SENTINEL
    return "infra/terraform.tfstate", text, secret


RENDERERS.update({
    "bare-readme": _file("docs/quickstart.md",
                         "## Try it\n\nRun `python chat.py --key %SECRET%` to try it.\n"),
    "launchdarkly-init": _file("web/src/flags.js",
                               "import { init } from 'launchdarkly-node-server-sdk';\n"
                               "const client = init('%SECRET%');\nexport default client;\n"),
    "django-settings": _file("mysite/settings.py",
                             "from pathlib import Path\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n"
                             "SECRET_KEY = '%SECRET%'\nDEBUG = False\n"),
    "android-strings": _file("app/src/main/res/values/strings.xml",
                             '<?xml version="1.0" encoding="utf-8"?>\n<resources>\n'
                             '    <string name="app_name">Acme</string>\n'
                             '    <string name="payment_api_secret">%SECRET%</string>\n</resources>\n'),
    "jwt-sign": _file("server/auth.js",
                      "const jwt = require('jsonwebtoken');\n"
                      "exports.issue = (user) => jwt.sign({ sub: user.id }, '%SECRET%', { expiresIn: '1h' });\n"),
    "odbc-connect": _file("etl/connect.py",
                          "import pyodbc\n\nconn = pyodbc.connect('DRIVER={ODBC Driver 18 for SQL Server};"
                          "SERVER=sql01;UID=app;PWD={%SECRET%};')\n"),
    "sql-create-user": _file("db/init/001_users.sql",
                             "CREATE DATABASE app;\nCREATE USER 'app'@'%' IDENTIFIED BY '%SECRET%';\n"
                             "GRANT ALL ON app.* TO 'app'@'%';\n"),
    "tfstate-random-password": tfstate_random_password,
})
