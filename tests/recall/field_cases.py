#!/usr/bin/env python3
"""Cases of the field recall set (field_recall.py): secrets where they really
leak, and hard negatives. Each positive is (category, id, {path: text},
[secrets]); each negative is (kind, id, {path: text}). Paths may name
archives: their text is then a dict {member: text} packed by field_recall.py.
"""
import base64
import gzip
import json
import urllib.parse

import field_contexts as C
import field_tokens as T


def pos(out, cat, cid, files, secrets):
    out.append({"cat": cat, "id": cid, "files": files, "secrets": list(secrets)})


def providers(g, out):
    named, unnamed = C.NAMED, C.UNNAMED
    for i, (prov, var, tok, prefixed) in enumerate(T.provider_tokens(g)):
        path, text = named[i % len(named)](var, tok)
        pos(out, "provider-named", "%s-%s" % (prov, named[i % len(named)].__name__),
            {path: text}, [tok])
        if prefixed:
            ctx = unnamed[i % len(unnamed)]
            # A second, fresh token of the same kind, with no name beside it.
            tok2 = dict((p, t) for p, _, t, _ in T.provider_tokens(g))[prov]
            path, text = ctx(var, tok2)
            pos(out, "provider-bare", "%s-%s" % (prov, ctx.__name__), {path: text}, [tok2])


def connection_strings(g, out):
    pw = g.password
    urlpw = lambda: g.s(T.ALNUM, 20)  # noqa: E731  (URL-safe password)
    cases = []
    p = urlpw(); cases.append(("postgres-env", ".env", "DATABASE_URL=postgres://orders_app:%s@db.prod.acme.internal:5432/orders?sslmode=require\n" % p, p))
    p = urlpw(); cases.append(("postgres-sqlalchemy", "app/db.py", "from sqlalchemy import create_engine\n\nengine = create_engine(\"postgresql+psycopg2://reporting:%s@10.20.1.15/analytics\")\n" % p, p))
    p = urlpw(); cases.append(("mysql-yaml", "config/database.yml", "production:\n  adapter: mysql2\n  url: mysql://shop:%s@mysql-primary.acme.io:3306/shop_prod\n" % p, p))
    p = urlpw(); cases.append(("mongodb-srv", "src/db.js", "const uri = 'mongodb+srv://svc-api:%s@cluster0.x1y2z.mongodb.net/app?retryWrites=true&w=majority';\nmodule.exports = uri;\n" % p, p))
    p = urlpw(); cases.append(("redis-url", "docker-compose.yml", "services:\n  worker:\n    environment:\n      REDIS_URL: redis://default:%s@redis-12345.c1.us-east-1.ec2.cloud.redislabs.com:12345/0\n" % p, p))
    p = urlpw(); cases.append(("rediss-py", "tasks/celery.py", "broker_url = 'rediss://:%s@cache.acme.internal:6380/1'\n" % p, p))
    p = urlpw(); cases.append(("amqp", "config/broker.toml", "[broker]\nurl = \"amqps://billing:%s@rabbit.acme.io:5671/billing\"\n" % p, p))
    p = urlpw(); cases.append(("jdbc-postgres", "src/main/resources/application.properties", "spring.datasource.url=jdbc:postgresql://db.acme.io:5432/app?user=app&password=%s&ssl=true\n" % p, p))
    p = pw(); cases.append(("jdbc-sqlserver", "conf/datasource.xml", "<datasource>\n  <url>jdbc:sqlserver://sql01.acme.local:1433;databaseName=ERP;user=erp_svc;password=%s;encrypt=true</url>\n</datasource>\n" % p.replace("&", "-"), p.replace("&", "-")))
    p = urlpw(); cases.append(("jdbc-mysql-userinfo", "etl/job.conf", "source.url = \"jdbc:mysql://etl:%s@mysql.acme.io:3306/warehouse\"\n" % p, p))
    p = pw(); cases.append(("odbc", "etl/odbc.py", "conn = pyodbc.connect('Driver={ODBC Driver 18 for SQL Server};Server=tcp:acme-sql.database.windows.net,1433;Database=sales;Uid=sqladmin;Pwd=%s;Encrypt=yes;')\n" % p, p))
    p = pw(); cases.append(("adonet-appsettings", "appsettings.Production.json", json.dumps({"ConnectionStrings": {"Default": "Server=tcp:sql.acme.io,1433;Initial Catalog=Shop;User ID=shop_app;Password=%s;TrustServerCertificate=False;" % p}, "Logging": {"LogLevel": {"Default": "Warning"}}}, indent=2) + "\n", p))
    p = urlpw(); cases.append(("smtp-url", "config/mail.yaml", "mail:\n  dsn: smtp://postmaster%%40mg.acme.io:%s@smtp.mailgun.org:587\n" % p, p))
    p = pw(); cases.append(("smtp-django", "project/settings/prod.py", "EMAIL_HOST = 'smtp.office365.com'\nEMAIL_PORT = 587\nEMAIL_HOST_USER = 'noreply@acme.io'\nEMAIL_HOST_PASSWORD = '%s'\n" % p, p))
    p = pw(); cases.append(("spring-mail", "src/main/resources/application.yml", "spring:\n  mail:\n    host: smtp.gmail.com\n    username: alerts@acme.io\n    password: %s\n" % p, p))
    p = urlpw(); cases.append(("ftp-url", "scripts/backup.sh", "lftp -e 'mirror -R dist /www' ftp://deploy:%s@ftp.acme-hosting.com\n" % p, p))
    p = urlpw(); cases.append(("https-basic-url", "Makefile", "publish:\n\tcurl -T dist/app.tgz https://ci-bot:%s@nexus.acme.io/repository/raw/app.tgz\n" % p, p))
    p = pw(); cases.append(("db-password-env", ".env", "DB_HOST=postgres\nDB_USER=app\nDB_PASSWORD=%s\n" % p, p))
    p = pw(); cases.append(("db-password-compose", "docker-compose.yml", "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: %s\n" % p, p))
    p = "Winter2024!Acme"; cases.append(("human-password-yaml", "ansible/group_vars/prod.yml", "mysql_root_password: \"%s\"\nmysql_port: 3306\n" % p, p))
    for cid, path, text, secret in cases:
        pos(out, "connection-string", cid, {path: text}, [secret])


def package_managers(g, out):
    s = g.s
    npm = g.crc62("npm_"); gh = g.crc62("ghp_")
    pos(out, "pkg-manager", "npmrc-authtoken", {".npmrc": "registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=%s\n" % npm}, [npm])
    pos(out, "pkg-manager", "npmrc-github", {"frontend/.npmrc": "@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=%s\nalways-auth=true\n" % gh}, [gh])
    pw = g.password(); auth = base64.b64encode(("deploy:" + pw).encode()).decode()
    pos(out, "pkg-manager", "npmrc-auth", {".npmrc": "registry=https://nexus.acme.io/repository/npm-group/\n_auth=%s\nemail=ci@acme.io\n" % auth}, [(auth, pw)])
    tok = s(T.ALNUM, 40)
    pos(out, "pkg-manager", "npmrc-artifactory-token", {"web/.npmrc": "//acme.jfrog.io/artifactory/api/npm/npm/:_authToken=%s\n" % tok}, [tok])
    py = g.pypi()
    pos(out, "pkg-manager", "pypirc-token", {".pypirc": "[distutils]\nindex-servers =\n    pypi\n\n[pypi]\nusername = __token__\npassword = %s\n" % py}, [py])
    pw = g.password()
    pos(out, "pkg-manager", "pypirc-password", {".pypirc": "[distutils]\nindex-servers = internal\n\n[internal]\nrepository = https://pypi.acme.io/\nusername = release-bot\npassword = %s\n" % pw}, [pw])
    pw = g.password()
    pos(out, "pkg-manager", "netrc", {".netrc": "machine artifacts.acme.io\n  login ci-bot\n  password %s\n" % pw}, [pw])
    hk = g.uuid()
    pos(out, "pkg-manager", "netrc-heroku", {"home/.netrc": "machine api.heroku.com\n  login dev@acme.io\n  password %s\nmachine git.heroku.com\n  login dev@acme.io\n  password %s\n" % (hk, hk)}, [hk])
    gh2 = g.crc62("ghp_"); gl = "glpat-" + s(T.ALNUM + "-_", 20)
    pos(out, "pkg-manager", "git-credentials", {".git-credentials": "https://octo-bot:%s@github.com\nhttps://oauth2:%s@gitlab.acme.io\n" % (gh2, gl)}, [gh2, gl])
    pw = g.password()
    pos(out, "pkg-manager", "maven-settings", {".m2/settings.xml": "<settings>\n  <servers>\n    <server>\n      <id>nexus-releases</id>\n      <username>deployment</username>\n      <password>%s</password>\n    </server>\n  </servers>\n</settings>\n" % pw.replace("&", "")}, [pw.replace("&", "")])
    pw = g.password()
    pos(out, "pkg-manager", "gradle-properties", {"gradle.properties": "org.gradle.jvmargs=-Xmx2g\nossrhUsername=acme-release\nossrhPassword=%s\nsigning.keyId=0A1B2C3D\n" % pw}, [pw])
    npm2 = g.crc62("npm_")
    pos(out, "pkg-manager", "yarnrc", {".yarnrc.yml": "nodeLinker: node-modules\nnpmScopes:\n  acme:\n    npmAlwaysAuth: true\n    npmAuthToken: %s\n    npmRegistryServer: \"https://registry.npmjs.org\"\n" % npm2}, [npm2])
    gh3 = g.crc62("ghp_"); pw = g.s(T.ALNUM, 32)
    pos(out, "pkg-manager", "composer-auth", {"auth.json": json.dumps({"http-basic": {"repo.packagist.com": {"username": "token", "password": pw}}, "github-oauth": {"github.com": gh3}}, indent=4) + "\n"}, [pw, gh3])
    gem = "rubygems_" + s(T.HEX, 48)
    pos(out, "pkg-manager", "gem-credentials", {".gem/credentials": "---\n:rubygems_api_key: %s\n" % gem}, [gem])
    cio = "cio" + s(T.ALNUM, 32)
    pos(out, "pkg-manager", "cargo-credentials", {".cargo/credentials.toml": "[registry]\ntoken = \"%s\"\n" % cio}, [cio])
    pw = g.password().replace("&", "")
    pos(out, "pkg-manager", "nuget-config", {"NuGet.Config": "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSourceCredentials>\n    <AcmeFeed>\n      <add key=\"Username\" value=\"build\" />\n      <add key=\"ClearTextPassword\" value=\"%s\" />\n    </AcmeFeed>\n  </packageSourceCredentials>\n</configuration>\n" % pw}, [pw])
    pw = g.s(T.ALNUM, 24)
    pos(out, "pkg-manager", "pip-conf", {"pip.conf": "[global]\nindex-url = https://pip-reader:%s@pypi.acme.io/simple/\n" % pw}, [pw])


def containers(g, out):
    pw = g.password(); auth = base64.b64encode(("robot$ci:" + pw).encode()).decode()
    pos(out, "container", "docker-config-auths", {".docker/config.json": json.dumps({"auths": {"harbor.acme.io": {"auth": auth}}, "credsStore": ""}, indent=1) + "\n"}, [(auth, pw)])
    dh = "dckr_pat_" + g.s(T.B64U, 27); auth = base64.b64encode(("acmeci:" + dh).encode()).decode()
    pos(out, "container", "docker-config-dockerhub", {"ci/docker-config.json": json.dumps({"auths": {"https://index.docker.io/v1/": {"auth": auth}}}) + "\n"}, [(auth, dh)])
    pw = g.password()
    b = base64.b64encode(pw.encode()).decode()
    tok = g.crc62("ghp_"); bt = base64.b64encode(tok.encode()).decode()
    pos(out, "container", "k8s-secret-data", {"k8s/secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-secrets\n  namespace: prod\ntype: Opaque\ndata:\n  DB_PASSWORD: %s\n  GITHUB_TOKEN: %s\n" % (b, bt)}, [(b, pw), tok])
    pw = g.password()
    pos(out, "container", "k8s-secret-stringdata", {"deploy/secret.yml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: smtp\nstringData:\n  smtp-password: %s\n" % pw}, [pw])
    dcj = json.dumps({"auths": {"ghcr.io": {"username": "bot", "password": g.crc62("ghp_")}}})
    enc = base64.b64encode(dcj.encode()).decode()
    pos(out, "container", "k8s-dockerconfigjson", {"k8s/regcred.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: %s\n" % enc}, [json.loads(dcj)["auths"]["ghcr.io"]["password"]])
    pw = g.password()
    pos(out, "container", "dockerfile-arg", {"Dockerfile": "FROM node:20\nARG NPM_TOKEN=%s\nRUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci\n" % g.crc62("npm_")}, [])
    out[-1]["secrets"] = [out[-1]["files"]["Dockerfile"].split("NPM_TOKEN=")[1].split("\n")[0]]
    pw = g.password()
    pos(out, "container", "dockerfile-run-password", {"docker/db/Dockerfile": "FROM mysql:8\nRUN mysql -uroot -p%s -e 'CREATE DATABASE app'\n" % pw.replace("'", "")}, [pw.replace("'", "")])
    pw = g.s(T.ALNUM, 22)
    pos(out, "container", "helm-values-password", {"charts/api/values.yaml": "postgresql:\n  auth:\n    username: api\n    password: %s\n    database: api\n" % pw}, [pw])
    # kubeconfig with a static token
    tok = g.s(T.ALNUM, 6).lower() + "." + g.s(T.LOWER + T.DIG, 16)
    pos(out, "container", "kubeconfig-token", {".kube/config": "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: %s\nclusters:\n- name: prod\n  cluster:\n    server: https://10.0.0.1:6443\n" % tok}, [tok])


def infra(g, out):
    kid, sec = T.aws_pair(g)
    pos(out, "cloud", "aws-credentials-file", {".aws/credentials": "[default]\naws_access_key_id = %s\naws_secret_access_key = %s\nregion = us-east-1\n" % (kid, sec)}, [kid, sec])
    kid, sec = T.aws_pair(g)
    pos(out, "cloud", "aws-boto3", {"lambda/handler.py": "import boto3\n\ns3 = boto3.client(\n    's3',\n    aws_access_key_id='%s',\n    aws_secret_access_key='%s',\n)\n" % (kid, sec)}, [kid, sec])
    kid, sec = T.aws_pair(g)
    pos(out, "cloud", "aws-java", {"src/main/java/com/acme/S3.java": "BasicAWSCredentials creds = new BasicAWSCredentials(\"%s\", \"%s\");\n" % (kid, sec)}, [kid, sec])
    kid, sec = T.aws_pair(g)
    pos(out, "cloud", "aws-terraform-provider", {"infra/main.tf": "provider \"aws\" {\n  region     = \"us-west-2\"\n  access_key = \"%s\"\n  secret_key = \"%s\"\n}\n" % (kid, sec)}, [kid, sec])
    kid, sec = T.aws_pair(g)
    pos(out, "cloud", "aws-js-sdk", {"src/s3.ts": "const s3 = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: '%s', secretAccessKey: '%s' } });\n" % (kid, sec)}, [kid, sec])
    kid, sec = T.aws_pair(g)
    pos(out, "cloud", "aws-gh-workflow", {".github/workflows/release.yml": "jobs:\n  release:\n    runs-on: ubuntu-latest\n    env:\n      AWS_ACCESS_KEY_ID: %s\n      AWS_SECRET_ACCESS_KEY: %s\n    steps:\n      - run: aws s3 sync dist s3://acme-site\n" % (kid, sec)}, [kid, sec])
    acct, key = T.azure_storage(g)
    pos(out, "cloud", "azure-storage-connstr", {"local.settings.json": json.dumps({"IsEncrypted": False, "Values": {"AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=%s;AccountKey=%s;EndpointSuffix=core.windows.net" % (acct, key), "FUNCTIONS_WORKER_RUNTIME": "dotnet"}}, indent=2) + "\n"}, [key])
    acct, key = T.azure_storage(g)
    pos(out, "cloud", "azure-storage-key-cli", {"scripts/upload.sh": "az storage blob upload-batch --account-name %s --account-key %s -d '$web' -s ./build\n" % (acct, key)}, [key])
    sig = urllib.parse.quote(g.b64(32), safe="")
    pos(out, "cloud", "azure-sas-url", {"scripts/fetch-model.py": "URL = 'https://acmeml.blob.core.windows.net/models/v3.onnx?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=%s'\n" % sig}, [sig])
    k = g.b64(32)
    pos(out, "cloud", "azure-servicebus", {"appsettings.json": json.dumps({"ServiceBus": {"ConnectionString": "Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=%s" % k}}, indent=2) + "\n"}, [k])
    k = g.b64(64)
    pos(out, "cloud", "azure-cosmos", {"src/Cosmos.cs": "var client = new CosmosClient(\"AccountEndpoint=https://acme-cosmos.documents.azure.com:443/;AccountKey=%s;\");\n" % k}, [k])
    k = g.s(T.B64U, 54) + "=="
    pos(out, "cloud", "azure-function-key", {"scripts/trigger.sh": "curl -X POST 'https://acme-func.azurewebsites.net/api/Ingest?code=%s'\n" % k}, [k])
    azs = g.s(T.ALNUM, 3) + "8Q~" + g.s(T.ALNUM + "_~.-", 34)
    pos(out, "cloud", "azure-ad-terraform", {"infra/azure.tf": "provider \"azurerm\" {\n  features {}\n  client_id     = \"%s\"\n  client_secret = \"%s\"\n  tenant_id     = \"%s\"\n}\n" % (g.uuid(), azs, g.uuid())}, [azs])
    api = "AIza" + g.s(T.B64U, 35)
    pos(out, "cloud", "gcp-api-key-url", {"web/maps.html": "<script src=\"https://maps.googleapis.com/maps/api/js?key=%s&callback=initMap\"></script>\n" % api}, [api])
    cs = "GOCSPX-" + g.s(T.B64U, 28)
    pos(out, "cloud", "gcp-client-secret-json", {"client_secret.json": json.dumps({"installed": {"client_id": "%s-%s.apps.googleusercontent.com" % (g.digits(12), g.s(T.LOWER + T.DIG, 32)), "project_id": "acme-prod", "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": "https://oauth2.googleapis.com/token", "client_secret": cs, "redirect_uris": ["http://localhost"]}}) + "\n"}, [cs])
    rt = "1//0" + g.s(T.B64U, 99)
    pos(out, "cloud", "gcp-refresh-token", {"tools/gdrive_token.json": json.dumps({"token_type": "Bearer", "refresh_token": rt, "scope": "https://www.googleapis.com/auth/drive"}) + "\n"}, [rt])
    tfs = g.password()
    state = {"version": 4, "terraform_version": "1.7.5", "resources": [{"mode": "managed", "type": "aws_db_instance", "name": "main", "instances": [{"attributes": {"identifier": "orders", "username": "orders", "password": tfs, "port": 5432}, "sensitive_attributes": [[{"type": "get_attr", "value": "password"}]]}]}]}
    pos(out, "cloud", "tfstate", {"infra/terraform.tfstate": json.dumps(state, indent=2) + "\n"}, [tfs])
    vt = "hvs." + g.s(T.ALNUM, 24)
    pos(out, "cloud", "vault-hcl", {"infra/vault.tf": "provider \"vault\" {\n  address = \"https://vault.acme.io:8200\"\n  token   = \"%s\"\n}\n" % vt}, [vt])


def private_keys(g, out, negs):
    keys, pub_ssh, pub_pem, ec_k = T.private_keys(g)
    paths = {"rsa-pkcs1": "deploy/id_rsa", "rsa-pkcs8": "certs/server.key", "ec-sec1": "tls/ec.key",
             "ec-pkcs8": "config/jwt-signing.pem", "openssh-ed25519": ".ssh/id_ed25519",
             "openssh-rsa": "ansible/files/deploy_key", "rsa-pkcs8-encrypted": "keys/backup.p8",
             "rsa-pkcs1-encrypted": "keys/legacy.pem", "openssh-encrypted": "home/.ssh/id_ed25519"}
    for kind, pem, enc in keys:
        cat = "private-key-encrypted" if enc else "private-key"
        pos(out, cat, kind, {paths[kind]: pem}, [pem.strip()])
    rsa_pem = keys[1][1]
    sa = {"type": "service_account", "project_id": "acme-prod-3141", "private_key_id": g.s(T.HEX, 40),
          "private_key": rsa_pem, "client_email": "ci-deployer@acme-prod-3141.iam.gserviceaccount.com",
          "client_id": g.digits(21), "auth_uri": "https://accounts.google.com/o/oauth2/auth",
          "token_uri": "https://oauth2.googleapis.com/token"}
    pos(out, "private-key", "gcp-service-account-json", {"credentials/gcp-sa.json": json.dumps(sa, indent=2) + "\n"}, [rsa_pem.strip()])
    ec_pem = keys[2][1]
    pos(out, "private-key", "pem-in-python-string", {"app/signing.py": "PRIVATE_KEY = \"%s\"\n" % ec_pem.replace("\n", "\\n")}, [ec_pem.strip()])
    ed = keys[4][1]
    pos(out, "private-key", "pem-in-yaml-block", {"k8s/tls.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: deploy-key\nstringData:\n  id_ed25519: |\n" + "".join("    " + l + "\n" for l in ed.strip().split("\n"))}, [ed.strip()])
    pem8 = keys[3][1]
    pos(out, "private-key", "pem-in-env-escaped", {".env": "JWT_PRIVATE_KEY=\"%s\"\n" % pem8.replace("\n", "\\n")}, [pem8.strip()])
    pos(out, "private-key", "pem-in-gh-secret-yaml", {".github/workflows/ssh.yml": "jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          cat > key <<'EOF'\n" + "".join("          " + l + "\n" for l in keys[0][1].strip().split("\n")) + "          EOF\n"}, [keys[0][1].strip()])
    pos(out, "private-key", "putty", {"keys/server.ppk": putty(g)}, ["*"])
    negs.append(("public-key", "ssh-authorized-keys", {".ssh/authorized_keys": pub_ssh + " dev@laptop\n"}))
    negs.append(("public-key", "pem-public", {"keys/public.pem": pub_pem}))
    negs.append(("certificate", "pem-cert", {"tls/server.crt": T.certificate(ec_k)}))
    negs.append(("public-key", "jwks", {"public/.well-known/jwks.json": json.dumps({"keys": [{"kty": "RSA", "kid": g.s(T.HEX, 16), "use": "sig", "n": g.b64u(256), "e": "AQAB"}]}) + "\n"}))


def putty(g):
    import hashlib
    import hmac
    import struct

    def sshstr(b):
        return struct.pack(">I", len(b)) + b
    pub = g.raw(32)
    pub_blob = sshstr(b"ssh-ed25519") + sshstr(pub)
    priv_blob = sshstr(g.raw(32))
    comment = "deploy@acme"
    mac_data = (sshstr(b"ssh-ed25519") + sshstr(b"none") + sshstr(comment.encode()) +
                sshstr(pub_blob) + sshstr(priv_blob))
    mac = hmac.new(b"", mac_data, hashlib.sha256).hexdigest()
    pb = base64.b64encode(pub_blob).decode()
    vb = base64.b64encode(priv_blob).decode()
    return ("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: %s\nPublic-Lines: 2\n%s\n%s\n"
            "Private-Lines: 1\n%s\nPrivate-MAC: %s\n" % (comment, pb[:64], pb[64:], vb, mac))


def headers(g, out):
    user, pw = "svc-metrics", g.password()
    basic = base64.b64encode(("%s:%s" % (user, pw)).encode()).decode()
    pos(out, "header", "basic-http-file", {"api/requests.http": "GET https://metrics.acme.io/api/v1/query\nAuthorization: Basic %s\nAccept: application/json\n" % basic}, [(basic, pw)])
    opaque = g.s(T.ALNUM, 40)
    pos(out, "header", "bearer-opaque-js", {"src/api.js": "fetch('https://api.acme.io/v1/me', {\n  headers: { Authorization: 'Bearer %s' },\n});\n" % opaque}, [opaque])
    jwt = g.jwt({"sub": "svc-reports", "iss": "https://auth.acme.io", "exp": 1893456000, "scope": "reports:read"})
    pos(out, "header", "bearer-jwt-curl", {"scripts/report.sh": "curl -H \"Authorization: Bearer %s\" https://reports.acme.io/api/daily\n" % jwt}, [jwt])
    pw = g.password()
    pos(out, "header", "curl-u", {"scripts/es-snapshot.sh": "curl -u elastic:%s -X PUT https://es.acme.io:9200/_snapshot/nightly\n" % pw.replace("!", "")}, [pw.replace("!", "")])
    key = g.s(T.HEX, 32)
    pos(out, "header", "x-api-key-python", {"clients/weather.py": "resp = requests.get(url, headers={\"X-API-Key\": \"%s\"})\n" % key}, [key])
    pw = g.password()
    basic = base64.b64encode(("admin:" + pw).encode()).decode()
    pos(out, "header", "nginx-proxy-auth", {"nginx/conf.d/upstream.conf": "location /internal/ {\n    proxy_set_header Authorization \"Basic %s\";\n    proxy_pass http://backend;\n}\n" % basic}, [(basic, pw)])


def code_misc(g, out):
    k = g.s(T.ALNUM, 32)
    pos(out, "code", "java-map-put", {"src/main/java/com/acme/Props.java": "props.put(\"api.secret\", \"%s\");\n" % k}, [k])
    k = g.s(T.HEX, 40)
    pos(out, "code", "go-struct-literal", {"pkg/pay/client.go": "var cfg = Config{\n\tEndpoint:  \"https://pay.acme.io\",\n\tAPISecret: \"%s\",\n}\n" % k}, [k])
    k = g.password()
    pos(out, "code", "csharp-connection-password", {"Data/Db.cs": "var builder = new SqlConnectionStringBuilder { DataSource = \"sql01\", UserID = \"app\", Password = \"%s\" };\n" % k}, [k])
    k = g.s(T.ALNUM, 40)
    pos(out, "code", "php-define", {"wp-config.php": "<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'DB_PASSWORD', '%s' );\ndefine( 'AUTH_KEY', 'put your unique phrase here' );\n" % k}, [k])
    k = g.s(T.B64U, 43)
    pos(out, "code", "ruby-hash", {"lib/acme/client.rb": "CLIENT = Acme::Client.new(\n  client_id: 'acme-web',\n  client_secret: '%s'\n)\n" % k}, [k])
    k = g.s(T.ALNUM, 36)
    pos(out, "code", "kotlin-buildconfig", {"app/build.gradle.kts": "android {\n    defaultConfig {\n        buildConfigField(\"String\", \"API_SECRET\", \"\\\"%s\\\"\")\n    }\n}\n" % k}, [k])
    k = g.s(T.HEX, 64)
    pos(out, "code", "shell-flag", {"bin/sync.sh": "./sync --endpoint https://s3.acme.io --secret-key %s --bucket backups\n" % k}, [k])
    k = g.s(T.ALNUM, 32)
    pos(out, "code", "swift-plist", {"App/Info.plist": "<dict>\n  <key>AcmeAPISecret</key>\n  <string>%s</string>\n</dict>\n" % k}, [k])
    k = g.s(T.B64U, 40)
    pos(out, "code", "js-object-nospace", {"dist/config.min.js": "window.__CFG__={env:\"prod\",apiSecret:\"%s\",debug:!1};\n" % k}, [k])
    k = g.s(T.ALNUM, 28)
    pos(out, "code", "rust-env-default", {"src/main.rs": "let token = std::env::var(\"API_TOKEN\").unwrap_or_else(|_| \"%s\".to_string());\n" % k}, [k])
    k = g.s(T.ALNUM, 30)
    pos(out, "code", "xml-attr", {"web.config": "<configuration>\n  <appSettings>\n    <add key=\"PaymentGatewaySecret\" value=\"%s\" />\n  </appSettings>\n</configuration>\n" % k}, [k])
    k = g.s(T.ALNUM, 24)
    pos(out, "code", "hcl-variable-default", {"infra/variables.tf": "variable \"datadog_api_key\" {\n  type      = string\n  sensitive = true\n  default   = \"%s\"\n}\n" % (k + g.s(T.HEX, 8))}, [k])
    out[-1]["secrets"] = [out[-1]["files"]["infra/variables.tf"].split('default   = "')[1].split('"')[0]]


def encodings(g, out):
    tok = g.crc62("ghp_")
    envb = base64.b64encode(("GITHUB_TOKEN=%s\nNODE_ENV=production\n" % tok).encode()).decode()
    pos(out, "encoded", "base64-env-blob", {".gitlab-ci.yml": "deploy:\n  script:\n    - echo \"%s\" | base64 -d > .env\n" % envb}, [tok])
    sk = "sk_live_51" + g.s(T.ALNUM, 97)
    pos(out, "encoded", "base64-token-yaml", {"config/prod.yaml": "payments:\n  stripe_key_b64: %s\n" % base64.b64encode(sk.encode()).decode()}, [sk])
    pw = g.s(T.ALNUM, 12) + "@#" + g.s(T.ALNUM, 6)
    pos(out, "encoded", "url-encoded-password", {"config/db.env": "DATABASE_URL=postgresql://app:%s@db.acme.io:5432/app\n" % urllib.parse.quote(pw, safe="")}, [(urllib.parse.quote(pw, safe=""), pw)])
    slack = "xoxb-%s-%s-%s" % (g.digits(12), g.digits(13), g.s(T.ALNUM, 24))
    pos(out, "encoded", "url-encoded-in-query", {"logs/access.log": "10.0.0.5 - - [02/May/2024:10:11:12 +0000] \"GET /oauth/callback?next=%%2Fhome&token=%s HTTP/1.1\" 302 0\n" % urllib.parse.quote("Bearer " + slack, safe="")}, [slack])
    ant = "sk-ant-api03-" + g.s(T.B64U, 93) + "AA"
    pos(out, "encoded", "json-unicode-escape", {"data/export.json": "{\"settings\": {\"llm_key\": \"%s\"}}\n" % ant.replace("-", "\\u002d")}, [ant])
    npm = g.crc62("npm_")
    pos(out, "encoded", "hex-encoded", {"firmware/secrets.h": "/* npm publish token, hex */\nstatic const char kToken[] = \"%s\";\n" % npm.encode().hex()}, [npm])
    gl = g.gitlab("glpat-")
    gz = base64.b64encode(gzip.compress(("GITLAB_TOKEN=%s\n" % gl).encode())).decode()
    pos(out, "encoded", "gzip-base64", {"deploy/bootstrap.sh": "echo '%s' | base64 -d | gunzip > /etc/acme/env\n" % gz}, [gl])
    tok = g.crc62("ghp_")
    pos(out, "encoded", "js-hex-escape", {"static/app.js": "var t=\"%s\";\n" % "".join("\\x%02x" % ord(c) for c in tok)}, [tok])
    kid, sec = T.aws_pair(g)
    ini = "[default]\naws_access_key_id=%s\naws_secret_access_key=%s\n" % (kid, sec)
    pos(out, "encoded", "base64-aws-credentials", {"k8s/aws-secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: aws\ndata:\n  credentials: %s\n" % base64.b64encode(ini.encode()).decode()}, [kid, sec])
    tok = g.crc62("ghp_")
    pos(out, "encoded", "html-entity", {"docs/setup.html": "<code>export GITHUB_TOKEN=%s</code>\n" % tok.replace("_", "&#95;")}, [tok])
    tok = g.crc62("ghp_")
    b64u = base64.urlsafe_b64encode(("token:" + tok).encode()).decode()
    pos(out, "encoded", "base64-basic-pat", {"ci/config.yml": "registry_auth: %s\n" % b64u}, [tok])


def archives(g, out):
    tok = g.crc62("ghp_")
    pos(out, "archive", "zip-env", {"backup/site.zip": {"site/.env": "GITHUB_TOKEN=%s\n" % tok, "site/index.html": "<h1>hi</h1>\n"}}, [tok])
    pw = g.password()
    pos(out, "archive", "jar-properties", {"lib/orders-service.jar": {"META-INF/MANIFEST.MF": "Manifest-Version: 1.0\n", "application.properties": "spring.datasource.password=%s\n" % pw}}, [pw])
    sk = "sk_live_51" + g.s(T.ALNUM, 97)
    pos(out, "archive", "tar-gz-config", {"releases/app-1.2.tar.gz": {"app/config/prod.json": json.dumps({"stripe": {"secret_key": sk}}) + "\n"}}, [sk])
    kid, sec = T.aws_pair(g)
    pos(out, "archive", "zip-in-tgz", {"dist/bundle.tgz": {"inner.zip": {".aws/credentials": "[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n" % (kid, sec)}}}, [kid, sec])
    slack = "xoxb-%s-%s-%s" % (g.digits(12), g.digits(13), g.s(T.ALNUM, 24))
    pos(out, "archive", "gz-log", {"logs/app.log.gz": "2024-01-01 INFO using SLACK_BOT_TOKEN=%s\n" % slack}, [slack])
    tok = g.crc62("ghp_")
    pos(out, "archive", "whl-module", {"dist/acme_tools-0.3-py3-none-any.whl": {"acme_tools/_config.py": "TOKEN = '%s'\n" % tok}}, [tok])
    npm = g.crc62("npm_")
    pos(out, "archive", "npm-tgz", {"vendor/acme-cli-1.0.0.tgz": {"package/.npmrc": "//registry.npmjs.org/:_authToken=%s\n" % npm}}, [npm])
    oai = "sk-proj-" + g.s(T.B64U, 74) + "T3BlbkFJ" + g.s(T.B64U, 74)
    nb = {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {}, "source": ["client.api_key\n"], "outputs": [{"output_type": "execute_result", "execution_count": 3, "metadata": {}, "data": {"text/plain": ["'%s'" % oai]}}]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    pos(out, "archive", "notebook-output", {"notebooks/llm.ipynb": json.dumps(nb) + "\n"}, [oai])


def glued(g, out):
    tok = g.crc62("ghs_")
    pos(out, "glued", "git-remote-userinfo", {"ci/push.sh": "git push https://x-access-token:%s@github.com/acme/site.git HEAD:gh-pages\n" % tok}, [tok])
    tok = g.crc62("ghp_")
    pos(out, "glued", "json-no-space", {"cfg.json": "{\"token\":\"%s\",\"org\":\"acme\"}\n" % tok}, [tok])
    tok = g.crc62("ghp_")
    pos(out, "glued", "after-word-char", {"notes.txt": "pat:%sfor the release job\n" % tok}, [tok])
    tok = g.crc62("npm_")
    pos(out, "glued", "after-underscore-name", {"ci.env": "NPM_TOKEN_%s\n" % tok}, [tok])
    api = "AIza" + g.s(T.B64U, 35)
    pos(out, "glued", "url-param-amp", {"index.html": "<img src=\"https://maps.googleapis.com/maps/api/staticmap?center=0,0&zoom=3&key=%s&size=600x300\">\n" % api}, [api])
    sk = "sk_live_51" + g.s(T.ALNUM, 97)
    pos(out, "glued", "minified", {"dist/main.8f3a1c.js": "!function(e){var t={key:\"%s\",v:2};e.Stripe=t}(window);\n" % sk}, [sk])
    slack = "xoxb-%s-%s-%s" % (g.digits(12), g.digits(13), g.s(T.ALNUM, 24))
    pos(out, "glued", "escaped-newline-after", {"events.json": "{\"msg\":\"token=%s\\nretrying\"}\n" % slack}, [slack])
    tok = g.crc62("ghp_")
    pos(out, "glued", "backtick-md", {"README.md": "Use `%s` for the demo org.\n" % tok}, [tok])
    oai = "sk-proj-" + g.s(T.B64U, 74) + "T3BlbkFJ" + g.s(T.B64U, 74)
    pos(out, "glued", "python-fstring", {"bot.py": "headers = {\"Authorization\": f\"Bearer {'%s'}\"}\n" % oai}, [oai])
    tok = g.crc62("gho_")
    pos(out, "glued", "tab-separated", {"export.tsv": "id\tuser\ttoken\n17\toctocat\t%s\n" % tok}, [tok])
    kid, sec = T.aws_pair(g)
    pos(out, "glued", "aws-colon-pair", {"scripts/creds.txt": "%s:%s\n" % (kid, sec)}, [kid, sec])
    dop = "dop_v1_" + g.s(T.HEX, 64)
    pos(out, "glued", "in-xml-text", {"config.xml": "<token>%s</token>\n" % dop}, [dop])


def negatives(g, negs):
    n = lambda kind, cid, files: negs.append((kind, cid, files))  # noqa: E731
    n("placeholder", "env-example", {".env.example": "STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\nOPENAI_API_KEY=<your-openai-api-key>\nGITHUB_TOKEN=${GITHUB_TOKEN}\nDB_PASSWORD=changeme\nAWS_SECRET_ACCESS_KEY=your-secret-access-key-here\nSLACK_BOT_TOKEN=xoxb-your-bot-token\n"})
    n("placeholder", "aws-doc-example", {"docs/aws.md": "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"})
    n("placeholder", "gh-secrets-ref", {".github/workflows/ci.yml": "env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n  AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n  password: ${{ secrets.DB_PASSWORD }}\n"})
    n("placeholder", "helm-template", {"charts/api/templates/secret.yaml": "apiVersion: v1\nkind: Secret\ndata:\n  password: {{ .Values.db.password | b64enc | quote }}\n  token: {{ required \"token\" .Values.token | b64enc }}\n"})
    n("placeholder", "docs-curl", {"docs/api.md": "curl -H \"Authorization: Bearer YOUR_API_TOKEN\" https://api.acme.io/v1/me\ncurl -u username:password https://api.acme.io\nexport DATABASE_URL=postgres://user:password@localhost:5432/mydb\n"})
    n("placeholder", "local-dev-db", {"docker-compose.dev.yml": "services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: postgres\n  app:\n    environment:\n      DATABASE_URL: postgres://postgres:postgres@db:5432/app_dev\n"})
    n("placeholder", "env-var-ref", {"app/config.py": "DB_PASSWORD = os.environ[\"DB_PASSWORD\"]\nAPI_KEY = os.getenv('ACME_API_KEY', '')\nsecret_key = settings.SECRET_KEY\npassword = get_password(user)\n"})
    n("placeholder", "spring-placeholder", {"src/main/resources/application.yml": "spring:\n  datasource:\n    password: ${DB_PASSWORD:}\n    url: jdbc:postgresql://${DB_HOST}:5432/app\n"})
    n("placeholder", "masked", {"logs/deploy.log": "Using token ghp_************************************ (masked)\npassword=********\n"})
    n("hash", "package-lock", {"package-lock.json": json.dumps({"name": "web", "lockfileVersion": 3, "packages": {"node_modules/lodash": {"version": "4.17.21", "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz", "integrity": "sha512-" + g.b64(64)}}}, indent=2) + "\n"})
    n("hash", "yarn-lock", {"yarn.lock": "lodash@^4.17.21:\n  version \"4.17.21\"\n  resolved \"https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz#%s\"\n  integrity sha512-%s\n" % (g.s(T.HEX, 40), g.b64(64))})
    n("hash", "go-sum", {"go.sum": "github.com/acme/lib v1.2.3 h1:%s\ngithub.com/acme/lib v1.2.3/go.mod h1:%s\n" % (g.b64(32), g.b64(32))})
    n("hash", "cargo-lock", {"Cargo.lock": "[[package]]\nname = \"serde\"\nversion = \"1.0.200\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"%s\"\n" % g.s(T.HEX, 64)})
    n("hash", "requirements-hash", {"requirements.txt": "requests==2.31.0 \\\n    --hash=sha256:%s \\\n    --hash=sha256:%s\n" % (g.s(T.HEX, 64), g.s(T.HEX, 64))})
    n("hash", "docker-digest", {"Dockerfile": "FROM python:3.12-slim@sha256:%s\nRUN pip install acme\n" % g.s(T.HEX, 64)})
    n("hash", "changelog-shas", {"CHANGELOG.md": "## 1.4.0\n- fix retry loop (%s)\n- bump deps (%s)\n" % (g.s(T.HEX, 40), g.s(T.HEX, 40))})
    n("hash", "sri-html", {"public/index.html": "<script src=\"https://cdn.acme.io/app.js\" integrity=\"sha384-%s\" crossorigin=\"anonymous\"></script>\n" % g.b64(48)})
    n("hash", "sha256sums", {"SHA256SUMS": "%s  acme-linux-amd64.tar.gz\n%s  acme-darwin-arm64.tar.gz\n" % (g.s(T.HEX, 64), g.s(T.HEX, 64))})
    n("hash", "terraform-lock", {".terraform.lock.hcl": "provider \"registry.terraform.io/hashicorp/aws\" {\n  version = \"5.40.0\"\n  hashes = [\n    \"h1:%s\",\n    \"zh:%s\",\n  ]\n}\n" % (g.b64(32), g.s(T.HEX, 64))})
    n("hash", "lfs-pointer", {"assets/model.bin": "version https://git-lfs.github.com/spec/v1\noid sha256:%s\nsize 104857600\n" % g.s(T.HEX, 64)})
    n("hash", "git-log", {"docs/release.txt": "commit %s\nAuthor: Dev <dev@acme.io>\n\n    Merge pull request #42 from acme/fix\n" % g.s(T.HEX, 40)})
    n("identifier", "uuids", {"fixtures/orders.json": json.dumps([{"id": g.uuid(), "customer_id": g.uuid(), "request_id": g.uuid(), "total": 12.5} for _ in range(3)], indent=2) + "\n"})
    n("identifier", "csproj-guid", {"Acme.sln": "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Acme.Api\", \"Acme.Api\\Acme.Api.csproj\", \"{%s}\"\nEndProject\n" % g.uuid().upper()})
    n("identifier", "aws-arns-ids", {"infra/outputs.json": json.dumps({"vpc_id": "vpc-" + g.s(T.HEX, 17), "subnet_ids": ["subnet-" + g.s(T.HEX, 17)], "role_arn": "arn:aws:iam::%s:role/deploy" % g.digits(12), "kms_key_id": g.uuid()}, indent=2) + "\n"})
    n("identifier", "analytics-ids", {"web/analytics.js": "gtag('config', 'G-%s');\nconst SEGMENT_WRITE_KEY_PUBLIC = undefined;\nconst sessionId = '%s';\n" % (g.s(T.UPPER + T.DIG, 10), g.uuid())})
    n("identifier", "azure-ids", {"infra/azure.tfvars": "subscription_id = \"%s\"\ntenant_id = \"%s\"\nclient_id = \"%s\"\n" % (g.uuid(), g.uuid(), g.uuid())})
    n("test-fixture", "test-password", {"tests/test_login.py": "def test_login(client):\n    resp = client.post('/login', data={'username': 'alice', 'password': 'password123'})\n    assert resp.status_code == 200\n"})
    n("test-fixture", "mock-token", {"src/__tests__/api.test.ts": "const token = 'test-token';\njest.mock('../api', () => ({ apiKey: 'fake-api-key-for-tests' }));\n"})
    n("test-fixture", "dummy-secret-key", {"tests/settings.py": "SECRET_KEY = 'django-insecure-test-key-not-for-production'\n"})
    n("encrypted", "ansible-vault", {"group_vars/all/vault.yml": "$ANSIBLE_VAULT;1.1;AES256\n" + "".join(g.s(T.HEX, 80) + "\n" for _ in range(5))})
    n("encrypted", "sops", {"secrets.enc.yaml": "db_password: ENC[AES256_GCM,data:%s,iv:%s,tag:%s,type:str]\nsops:\n  version: 3.8.1\n" % (g.b64(18), g.b64(32), g.b64(16))})
    n("encrypted", "sealed-secret", {"k8s/sealed.yaml": "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n    password: Ag%s\n" % g.b64(300).rstrip("=")})
    n("minified", "webpack-chunks", {"dist/runtime.js": "!function(){var e={%s};" % ",".join("%d:\"%s\"" % (i, g.s(T.HEX, 20)) for i in range(8)) + "n.p=\"/static/\";}();\n"})
    n("minified", "data-uri", {"dist/style.css": ".logo{background:url(data:image/png;base64,%s)}\n" % g.b64(600)})
    n("minified", "source-map", {"dist/app.js.map": json.dumps({"version": 3, "file": "app.js", "mappings": ";".join(g.s(T.ALNUM, 30) for _ in range(30)), "sources": ["src/app.ts"]}) + "\n"})
    n("code", "crypto-test-vector", {"src/crypto/aes_test.go": "// NIST test vector\nvar key = mustHex(\"%s\")\n" % "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"})
    n("code", "random-ids-in-code", {"src/routes.ts": "export const ROUTES = { home: '/', checkout: '/checkout' };\nconst cacheKey = `user:${userId}:profile`;\nconst nonceLength = 32;\n"})
    n("code", "public-keys-config", {"src/stripe.js": "const stripe = Stripe('pk_live_%s');\n" % g.s(T.ALNUM, 99)})
    n("code", "sentry-dsn-public", {"src/sentry.ts": "Sentry.init({ dsn: 'https://%s@o%s.ingest.sentry.io/%s' });\n" % (g.s(T.HEX, 32), g.digits(6), g.digits(7))})


def git_history(g):
    """Commits for the git section: [(message, {path: text or None})]; a None
    text deletes the file. Returns (commits, secrets)."""
    tok = g.crc62("ghp_"); kid, sec = T.aws_pair(g); pw = g.password(); sk = "sk_live_51" + g.s(T.ALNUM, 97)
    commits = [
        ("initial", {"README.md": "# site\n", "app/.env": "GITHUB_TOKEN=%s\n" % tok}),
        ("add deploy", {"deploy/creds": "[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n" % (kid, sec)}),
        ("remove secrets", {"app/.env": None, "deploy/creds": None}),
        ("config", {"config.yml": "db:\n  password: %s\n" % pw}),
        ("rotate", {"config.yml": "db:\n  password: ${DB_PASSWORD}\n"}),
        ("payments", {"pay.py": "stripe.api_key = '%s'\n" % sk}),
        ("oops", {"pay.py": "stripe.api_key = os.environ['STRIPE_KEY']\n"}),
    ]
    return commits, [tok, kid, sec, pw, sk]


def batch2(g, out):
    """A second set of shapes: CLI arguments, framework settings, more
    provider formats, more encodings and archive kinds."""
    s, pw = g.s, g.password
    A = T.ALNUM
    p = s(A, 18); pos(out, "cli", "docker-login", {"ci/publish.sh": "docker login -u deploy-bot -p %s registry.acme.io\ndocker push registry.acme.io/app:latest\n" % p}, [p])
    p = s(A, 16); pos(out, "cli", "sshpass", {"scripts/remote.sh": "sshpass -p '%s' ssh ops@10.0.4.12 'sudo systemctl restart app'\n" % p}, [p])
    p = s(A, 20); pos(out, "cli", "kubectl-from-literal", {"deploy/bootstrap.sh": "kubectl create secret generic api --from-literal=db-password=%s --from-literal=db-user=api\n" % p}, [p])
    p = s(A, 34); pos(out, "cli", "az-login-sp", {"ci/azure-login.sh": "az login --service-principal -u %s -p %s --tenant %s\n" % (g.uuid(), p, g.uuid())}, [p])
    p = s(A, 16); pos(out, "cli", "pgpassword-env", {"scripts/dump.sh": "PGPASSWORD=%s pg_dump -h db.acme.io -U backup shop > shop.sql\n" % p}, [p])
    p = s(A, 16); pos(out, "cli", "openssl-passin", {"scripts/sign.sh": "openssl pkcs12 -export -in cert.pem -inkey key.pem -out app.p12 -passout pass:%s\n" % p}, [p])
    p = s(A, 22); pos(out, "cli", "helm-set", {"deploy/install.sh": "helm upgrade --install api ./chart --set postgresql.auth.password=%s --set image.tag=1.4.2\n" % p}, [p])
    p = s(A, 24); pos(out, "cli", "terraform-var", {"ci/apply.sh": "terraform apply -auto-approve -var 'db_password=%s' -var region=eu-west-1\n" % p}, [p])
    p = s(A, 20); pos(out, "cli", "git-clone-azure", {"setup.sh": "git clone https://build:%s@dev.azure.com/acme/app/_git/app\n" % (s(T.LOWER + "234567", 52))}, [])
    out[-1]["secrets"] = [out[-1]["files"]["setup.sh"].split("build:")[1].split("@")[0]]
    # framework settings
    k = "".join(g.r.choice(T.LOWER + T.DIG + "!@#$%^&*(-_=+)") for _ in range(50))
    pos(out, "framework", "django-secret-key", {"mysite/settings.py": "SECRET_KEY = '%s'\nDEBUG = False\n" % k}, [k])
    k = "base64:" + g.b64(32)
    pos(out, "framework", "laravel-app-key", {".env": "APP_NAME=Shop\nAPP_ENV=production\nAPP_KEY=%s\nAPP_DEBUG=false\n" % k}, [(k, k[7:])])
    k = s(T.HEX, 32)
    pos(out, "framework", "rails-master-key", {"config/master.key": k + "\n"}, [k])
    k = s(T.HEX, 128)
    pos(out, "framework", "rails-secret-key-base", {"config/secrets.yml": "production:\n  secret_key_base: %s\n" % k}, [k])
    k = s(T.HEX, 32)
    pos(out, "framework", "symfony-app-secret", {".env.local": "APP_ENV=prod\nAPP_SECRET=%s\n" % k}, [k])
    k = "".join(g.r.choice(A + "!#%*+,-./:;=?@[]^_{|}~") for _ in range(64))
    pos(out, "framework", "wordpress-salt", {"wp-config.php": "<?php\ndefine('AUTH_KEY',         '%s');\n" % k}, [k])
    k = s(A, 40)
    pos(out, "framework", "jwt-secret-yaml", {"config/auth.yaml": "jwt:\n  secret: %s\n  expires_in: 3600\n" % k}, [k])
    k = s(A, 32)
    pos(out, "framework", "aspnet-clientsecret", {"appsettings.json": json.dumps({"AzureAd": {"Instance": "https://login.microsoftonline.com/", "ClientId": g.uuid(), "ClientSecret": k}}, indent=2) + "\n"}, [k])
    p = pw()
    pos(out, "framework", "android-keystore", {"keystore.properties": "storeFile=release.jks\nstorePassword=%s\nkeyAlias=release\nkeyPassword=%s\n" % (p, p)}, [p])
    p = s(A, 18)
    pos(out, "framework", "ansible-become", {"inventory/hosts.ini": "[web]\n10.0.1.5 ansible_user=deploy ansible_become_password=%s\n" % p}, [p])
    ak, sk = "AKIA" + g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16), g.s(A + "+/", 40)
    pos(out, "framework", "s3cfg", {".s3cfg": "[default]\naccess_key = %s\nsecret_key = %s\nhost_base = s3.amazonaws.com\n" % (ak, sk)}, [ak, sk])
    tok = g.crc62("gho_")
    pos(out, "framework", "gh-hosts-yml", {".config/gh/hosts.yml": "github.com:\n    user: octocat\n    oauth_token: %s\n    git_protocol: https\n" % tok}, [tok])
    p = s(A, 20)
    pos(out, "framework", "libpq-dsn-go", {"internal/db/db.go": "db, err := sql.Open(\"postgres\", \"host=db.acme.io user=app password=%s dbname=app sslmode=require\")\n" % p}, [p])
    p = s(A, 20)
    pos(out, "framework", "requests-auth-tuple", {"tools/export.py": "r = requests.get(URL, auth=('reporting', '%s'), timeout=30)\n" % p}, [p])
    p = s(A, 20)
    pos(out, "framework", "serverless-env", {"serverless.yml": "provider:\n  name: aws\n  environment:\n    STRIPE_SECRET: %s\n    STAGE: prod\n" % p}, [p])
    p = s(A, 24)
    pos(out, "framework", "rclone-conf", {".config/rclone/rclone.conf": "[backup]\ntype = s3\nprovider = Wasabi\naccess_key_id = %s\nsecret_access_key = %s\n" % (s(T.UPPER + T.DIG, 20), p)}, [p])
    # more providers
    more = [
        ("azure-devops-pat", "AZURE_DEVOPS_PAT", s(T.LOWER + "234567", 52)),
        ("azure-devops-pat-new", "AZDO_PAT", s(A, 76) + "AZDO" + s(A, 4)),
        ("cloudflare-global", "CLOUDFLARE_API_KEY", s(T.HEX, 37)),
        ("cloudflare-origin-ca", "CF_ORIGIN_CA_KEY", "v1.0-%s-%s" % (s(T.HEX, 24), s(T.HEX, 146))),
        ("slack-config-refresh", "SLACK_CONFIG_REFRESH_TOKEN", "xoxe-1-" + s(A, 140)),
        ("slack-config-access", "SLACK_CONFIG_TOKEN", "xoxe.xoxp-1-" + s(A, 150)),
        ("gitlab-ci-build", "CI_JOB_TOKEN_COPY", "glcbt-" + s(T.HEX, 2) + "_" + s(A + "_-", 20)),
        ("gitlab-feed", "GITLAB_FEED_TOKEN", g.gitlab("glft-")),
        ("gitlab-incoming", "GITLAB_INCOMING_EMAIL_TOKEN", g.gitlab("glimt-")),
        ("gitlab-scim", "GITLAB_SCIM_TOKEN", g.gitlab("glsoat-")),
        ("hf-org", "HF_ORG_TOKEN", "api_org_" + s(T.UPPER + T.LOWER, 34)),
        ("google-access", "GOOGLE_ACCESS_TOKEN", "ya29.a0" + s(T.B64U, 150)),
        ("facebook-page", "FACEBOOK_PAGE_ACCESS_TOKEN", "EAA" + s(A, 180)),
        ("twilio-sid-pair", "TWILIO_ACCOUNT_SID", None),
        ("aws-session", "AWS_SESSION_TOKEN", "FwoGZXIvYXdzE" + s(A + "/+", 300)),
        ("shopify-custom", "SHOPIFY_CUSTOM_APP_TOKEN", "shpca_" + s(T.HEX, 32)),
        ("shopify-private", "SHOPIFY_PRIVATE_APP_PASSWORD", "shppa_" + s(T.HEX, 32)),
        ("atlassian-admin", "ATLASSIAN_ADMIN_KEY", "ATCTT3xFfGN0" + s(T.B64U, 171) + "=" + s("0123456789ABCDEF", 8)),
        ("npm-legacy-uuid", "NPM_AUTH_TOKEN", g.uuid()),
        ("openai-admin", "OPENAI_ADMIN_KEY", "sk-admin-" + s(T.B64U, 74) + "T3BlbkFJ" + s(T.B64U, 74)),
        ("stability", "STABILITY_API_KEY", "sk-" + s(A, 48)),
        ("fireworks", "FIREWORKS_API_KEY", "fw_" + s(A, 24)),
        ("cerebras", "CEREBRAS_API_KEY", "csk-" + s(T.LOWER + T.DIG, 48)),
        ("pinecone", "PINECONE_API_KEY", "pcsk_" + s(A, 6) + "_" + s(A, 63)),
        ("langfuse", "LANGFUSE_SECRET_KEY", "sk-lf-" + g.uuid()),
        ("posthog-personal", "POSTHOG_PERSONAL_API_KEY", "phx_" + s(A, 43)),
        ("resend", "RESEND_API_KEY", "re_" + s(A, 8) + "_" + s(A + "_", 24)),
        ("postmark", "POSTMARK_SERVER_TOKEN", g.uuid()),
        ("brevo", "BREVO_API_KEY", "xkeysib-" + s(T.HEX, 64) + "-" + s(A, 16)),
        ("klaviyo", "KLAVIYO_PRIVATE_KEY", "pk_" + s(T.HEX, 34)),
        ("intercom", "INTERCOM_ACCESS_TOKEN", "dG9rOj" + s(A, 54) + "="),
        ("zendesk", "ZENDESK_API_TOKEN", s(A, 40)),
        ("snyk", "SNYK_TOKEN", g.uuid()),
        ("circle-project", "CIRCLECI_PROJECT_TOKEN", "CCIPRJ_" + s(A, 22) + "_" + s(T.HEX, 40)),
        ("vault-legacy", "VAULT_TOKEN", "s." + s(A, 24)),
        ("infracost", "INFRACOST_API_KEY", "ico-" + s(A, 32)),
        ("ngrok", "NGROK_AUTHTOKEN", "2" + s(A, 26) + "_" + s(A, 21)),
        ("clerk", "CLERK_SECRET_KEY", "sk_live_" + s(A, 46)),
        ("stripe-test", "STRIPE_SECRET_KEY", "sk_test_51" + s(A, 97)),
        ("vercel-new", "VERCEL_TOKEN", "vcp_" + s(A, 56)),
        ("mongodb-atlas-private", "MONGODB_ATLAS_PRIVATE_KEY", g.uuid()),
        ("confluent", "CONFLUENT_CLOUD_API_SECRET", s(A + "+/", 64)),
        ("bitbucket-access", "BITBUCKET_ACCESS_TOKEN", "ATCTT3xFfGN0" + s(T.B64U, 100) + "=" + s("0123456789ABCDEF", 8)),
        ("github-app-secret", "GITHUB_CLIENT_SECRET", s(T.HEX, 40)),
        ("sumologic", "SUMO_ACCESS_KEY", s(A, 64)),
        ("travis", "TRAVIS_API_TOKEN", s(A + "_-", 22)),
    ]
    named = C.NAMED
    for i, (prov, var, tok) in enumerate(more):
        if prov == "twilio-sid-pair":
            sid, auth = "AC" + s(T.HEX, 32), s(T.HEX, 32)
            pos(out, "provider-named2", prov, {"notify.py": "from twilio.rest import Client\nclient = Client('%s', '%s')\n" % (sid, auth)}, [auth])
            continue
        ctx = named[(i * 7 + 3) % len(named)]
        path, text = ctx(var, tok)
        pos(out, "provider-named2", "%s-%s" % (prov, ctx.__name__), {path: text}, [tok])
    # encodings and archives, second set
    tok = g.crc62("ghp_")
    inner = base64.b64encode(("token: " + tok).encode()).decode()
    pos(out, "encoded2", "double-base64", {"ci/vars.yml": "blob: %s\n" % base64.b64encode(inner.encode()).decode()}, [tok])
    p = s(A, 20)
    payload = base64.b64encode(json.dumps({"db": {"user": "app", "password": p}}).encode()).decode()
    pos(out, "encoded2", "base64-json-config", {"k8s/cm.yaml": "data:\n  config.json: %s\n" % payload}, [p])
    tok = g.crc62("ghp_")
    pos(out, "encoded2", "quoted-printable-mail", {"mail/alert.eml": "Content-Transfer-Encoding: quoted-printable\n\nGITHUB_TOKEN=3D%s\n" % tok}, [tok])
    sk = "sk_live_51" + s(A, 97)
    pos(out, "encoded2", "url-encoded-json", {"logs/web.log": "GET /cb?state=%s HTTP/1.1\n" % urllib.parse.quote(json.dumps({"stripe_key": sk}), safe="")}, [sk])
    tok = g.crc62("ghp_")
    pos(out, "encoded2", "unicode-escaped-full", {"data/blob.json": "{\"v\": \"%s\"}\n" % "".join("\\u%04x" % ord(c) for c in tok)}, [tok])
    tok = g.crc62("ghp_")
    pos(out, "encoded2", "xml-entity-hex", {"docs/page.xml": "<p>token: %s</p>\n" % "".join("&#x%x;" % ord(c) for c in tok)}, [tok])
    tok = "xoxb-%s-%s-%s" % (g.digits(12), g.digits(13), s(A, 24))
    pos(out, "archive2", "docx", {"docs/handover.docx": {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document><w:body><w:p><w:r><w:t>Slack bot: %s</w:t></w:r></w:p></w:body></w:document>" % tok}}, [tok])
    pw_ = s(A, 20)
    pos(out, "archive2", "war-jar-props", {"deploy/shop.war": {"WEB-INF/lib/shop-core.jar": {"db.properties": "db.password=%s\n" % pw_}}}, [pw_])
    kid, sec = T.aws_pair(g)
    pos(out, "archive2", "tar-bz2", {"backup/home.tar.bz2": {".aws/credentials": "[default]\naws_access_key_id=%s\naws_secret_access_key=%s\n" % (kid, sec)}}, [kid, sec])
    # glued, second set
    jwt = g.jwt({"sub": "svc", "exp": 1893456000, "role": "service"})
    pos(out, "glued2", "json-bearer-nospace", {"har/session.har": "{\"name\":\"Authorization\",\"value\":\"Bearer %s\"}\n" % jwt}, [jwt])
    tok = g.crc62("ghp_")
    pos(out, "glued2", "brackets", {"notes.md": "old token [%s] rotated\n" % tok}, [tok])
    tok = "xoxp-%s-%s-%s-%s" % (g.digits(12), g.digits(12), g.digits(13), s(T.HEX, 32))
    pos(out, "glued2", "cookie", {"logs/proxy.log": "Set-Cookie: slack_token=%s; Path=/; HttpOnly\n" % tok}, [tok])
    api = "AIza" + s(T.B64U, 35)
    pos(out, "glued2", "yaml-nospace", {"app.log": "config loaded {api_key:%s,region:eu}\n" % api}, [api])
    sk = "sk-ant-api03-" + s(T.B64U, 93) + "AA"
    pos(out, "glued2", "csv-quoted", {"exports/keys.csv": "name,key,created\n\"prod\",\"%s\",2024-05-01\n" % sk}, [sk])
    tok = g.crc62("ghp_")
    pos(out, "glued2", "before-word", {"snippet.txt": "%sEOF\n" % tok}, [tok])


def negatives2(g, negs):
    n = lambda kind, cid, files: negs.append((kind, cid, files))  # noqa: E731
    n("placeholder", "ansible-inline-vault", {"group_vars/prod.yml": "db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  %s\n  %s\n" % (g.s(T.HEX, 64), g.s(T.HEX, 64))})
    n("placeholder", "templating", {"config/app.yml.erb": "password: <%= ENV['DB_PASSWORD'] %>\napi_key: {{ vault \"secret/api\" }}\ntoken: %env(API_TOKEN)%\nsecret: $(cat /run/secrets/app_secret)\n"})
    n("placeholder", "jwt-io-example", {"docs/auth.md": "Example: `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`\n"})
    n("placeholder", "redacted-values", {"logs/api.log": "2024-05-01 INFO auth ok token=[REDACTED] password=***** key=<hidden>\n"})
    n("placeholder", "k8s-secret-refs", {"k8s/deploy.yaml": "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n        key: password\n  - name: API_TOKEN\n    value: \"$(API_TOKEN)\"\n"})
    n("placeholder", "openapi-example", {"api/openapi.yaml": "components:\n  securitySchemes:\n    apiKey:\n      type: apiKey\n      name: X-API-Key\n      in: header\n  schemas:\n    Token:\n      properties:\n        token:\n          type: string\n          example: your-api-token\n"})
    n("identifier", "csrf-meta", {"templates/base.html": "<meta name=\"csrf-token\" content=\"%s\">\n" % g.b64(32)})
    n("identifier", "git-object-ids", {"packed-refs": "# pack-refs with: peeled fully-peeled sorted\n%s refs/heads/main\n%s refs/tags/v1.0\n" % (g.s(T.HEX, 40), g.s(T.HEX, 40))})
    n("identifier", "mailgun-pubkey", {"src/validate.js": "const MAILGUN_PUBLIC_KEY = 'pubkey-%s';\n" % g.s(T.HEX, 32)})
    n("identifier", "algolia-search-key", {"src/search.js": "const client = algoliasearch('%s', '%s'); // search-only key\n" % (g.s(T.UPPER + T.DIG, 10), g.s(T.HEX, 32))})
    n("hash", "bcrypt-hash-seed", {"db/seeds/users.sql": "INSERT INTO users (email, password_hash) VALUES ('a@acme.io', '$2b$12$%s');\n" % g.s(T.ALNUM + "./", 53)})
    n("hash", "pip-lock-poetry", {"poetry.lock": "[[package]]\nname = \"requests\"\nfiles = [\n    {file = \"requests-2.31.0.tar.gz\", hash = \"sha256:%s\"},\n]\n" % g.s(T.HEX, 64)})
    n("hash", "nix-hash", {"flake.lock": json.dumps({"nodes": {"nixpkgs": {"locked": {"narHash": "sha256-" + g.b64(32), "rev": g.s(T.HEX, 40)}}}}) + "\n"})
    n("minified", "font-woff-base64", {"dist/fonts.css": "@font-face{font-family:x;src:url(data:font/woff2;base64,%s) format(\"woff2\")}\n" % g.b64(900)})
    n("minified", "protobuf-descriptor", {"gen/api_pb.js": "var file_api_proto_rawDesc = \"%s\";\n" % g.b64(400)})
    n("test-fixture", "vcr-cassette-redacted", {"spec/cassettes/charge.yml": "http_interactions:\n- request:\n    headers:\n      Authorization:\n      - Bearer <STRIPE_KEY>\n"})
    n("code", "password-validation", {"src/validators.py": "if len(password) < 12:\n    raise ValueError('password too short')\nPASSWORD_REGEX = r'^(?=.*[A-Z])(?=.*\\d).{12,}$'\n"})
    n("code", "i18n-strings", {"locales/en.json": json.dumps({"auth": {"password": "Password", "forgot_password": "Forgot your password?", "api_key_help": "Create an API key in Settings"}}, indent=2) + "\n"})
    n("code", "env-names-only", {"docs/config.md": "| variable | meaning |\n|---|---|\n| `API_TOKEN` | the token for the API |\n| `DB_PASSWORD` | database password |\n"})
    n("certificate", "ca-bundle", {"certs/ca-bundle.crt": T.certificate(__import__("cryptography.hazmat.primitives.asymmetric.ec", fromlist=["ec"]).generate_private_key(__import__("cryptography.hazmat.primitives.asymmetric.ec", fromlist=["ec"]).SECP256R1()))})
