"""Generation specs for the recall benchmark: how a fresh, realistic secret of
each built-in rule's format is made (tests/recall/credgen.py reads the
template language), and where each rule's secret lives natively.

The formats are the providers' documented ones (prefix, length, alphabet,
checksum, structure), not the rules' regexes: where the two disagree the
recall benchmark reports the rule. Variable-length formats use a typical
length. Every built-in rule must have an entry (generate_recall.py fails on a
rule without one). An entry is a template, a dict {"secret": template,
"post": template} when the format fixes the text after the secret, or a list
of such alternatives (the documented variants of the format: legacy and
current shapes, live and test keys...): the generic formats take them in turn,
and so do the rule's native files.
"""

SPECS = {
    # 1password.toml
    "1password.service-account-token": "ops_{@b64json:onepassword-u}",
    "1password.secret-key": "A3-{updig:6}-{updig:6}-{updig:5}-{updig:5}-{updig:5}-{updig:5}-{updig:5}",
    "1password.connect-token": "{@jwt:onepassword}",
    # ably.toml
    "ably.api-key": "{b64u:6}.{b64u:6}:{b64u:43}",
    # adafruit-io.toml
    "adafruit-io.key": "aio_{b62:28}",
    # adyen.toml
    "adyen.api-key": "AQE{b64:70}=-{b64:43}=-{b62:12}",
    "adyen.hmac-key": "{HEX:64}",
    # age.toml
    "age.secret-key": "{@age}",
    # airtable.toml
    "airtable.personal-access-token": "pat{b62:14}.{hex:64}",
    "airtable.api-key": "key{b62:14}",
    # algolia.toml
    "algolia.admin-api-key": "{hex:32}",
    # aiven.toml
    "aiven.token": "{b64:372}",
    # alchemy.toml
    "alchemy.api-url": "{b64u:32}",
    # alibaba-cloud.toml
    "alibaba-cloud.access-key-id": "LTAI{b62:20}",
    "alibaba-cloud.access-key-secret": "{b62:30}",
    # amplitude.toml
    "amplitude.secret-key": "{hex:32}",
    # amqp.toml
    "amqp.connection-uri": "{@password}",
    # anthropic.toml
    "anthropic.api-key": "sk-ant-api03-{b64u:93}AA",
    "anthropic.admin-key": "sk-ant-admin01-{b64u:93}AA",
    "anthropic.oauth-token": "sk-ant-oat01-{b64u:93}AA",
    # apollo-graphos.toml
    "apollo-graphos.graph-api-key": "service:{lo:6}-{lodig:8}:{b64u:22}",
    "apollo-graphos.personal-api-key": "user:gh.{lodig:10}:{b64u:22}",
    # asana.toml
    "asana.personal-access-token": "2/{dig:16}/{dig:16}:{hex:32}",
    # apilayer.toml
    "aviationstack.access-key-url": "{hex:32}",
    "coinlayer.access-key-url": "{hex:32}",
    "countrylayer.access-key-url": "{hex:32}",
    "currencylayer.access-key-url": "{hex:32}",
    "exchangeratesapi.access-key-url": "{hex:32}",
    "fixer.access-key-url": "{hex:32}",
    "ipapi.access-key-url": "{hex:32}",
    "ipstack.access-key-url": "{hex:32}",
    "languagelayer.access-key-url": "{hex:32}",
    # apify.toml
    "apify.api-token": "apify_api_{b62:36}",
    # assemblyai.toml
    "assemblyai.api-key": "{hex:32}",
    # atlassian.toml
    "atlassian.api-token": "ATATT3{b64u:180}={HEX:8}",
    "atlassian.api-token-legacy": "{b62:24}",
    # auth0.toml
    "auth0.client-secret": "{b64u:64}",
    "auth0.management-api-token": "{@jwt:auth0}",
    # aws.toml
    "aws.access-key-id": ["AKIA{b32:16}", "ASIA{b32:16}"],
    "aws.secret-access-key": "{b64:40}",
    "aws.session-token": ["{@aws_session:IQoJb3JpZ2luX2}", "{@aws_session:FwoGZXIvYXdz}"],
    "aws.bedrock.api-key.long-term": "{@bedrock_long}",
    "aws.bedrock.api-key.short-term": "{@bedrock_short}",
    "aws.appsync.api-key": "da2-{lodig:26}",
    # axiom.toml
    "axiom.token": "xaat-{@uuid}",
    # azure-devops.toml
    "azure-devops.pat": "{b62:52}JQQJ9{b62:3}{b62:16}AZDO{b62:4}",
    "azure-devops.pat.legacy": "{b32lo:52}",
    # azure.toml
    "azure.storage.connection-string": "{@azure_key:64}",
    "azure.storage.account-key": "{@azure_key:64}",
    "azure.storage.sas-token": "{@sas_sig}",
    "azure.service-bus.connection-string": "{@azure_key:32}",
    "azure.cosmosdb.connection-string": "{@azure_key:64}",
    "azure.app-configuration.connection-string": "{@azure_key:32}",
    "azure.signalr.connection-string": "{@azure_key:32}",
    "azure.redis.access-key": "{@azure_key:32}",
    "azure.functions.key": "{b64u:54}==",
    "azure.entra.client-secret": "{b62:3}{dig:1}Q~{[A-Za-z0-9_~.-]:34}",
    # bitbucket.toml
    "bitbucket.app-password": "ATBB{b62:24}{HEX:8}",
    "bitbucket.access-token": "ATCTT3xFfGN0{b64u:160}={HEX:8}",
    # box.toml
    "box.jwt-app-config": "{b62:32}",
    "box.credential": "{b62:32}",
    # braintree.toml
    "braintree.access-token": "access_token$production${lodig:16}${hex:32}",
    "braintree.sandbox-access-token": "access_token$sandbox${lodig:16}${hex:32}",
    "braintree.private-key": "{hex:32}",
    # brevo.toml
    "brevo.api-key": "xkeysib-{hex:64}-{b62:16}",
    "brevo.smtp-key": "xsmtpsib-{hex:64}-{b62:16}",
    # browshot.toml
    "browshot.api-key-url": "{b62:28}",
    # bscscan.toml
    "bscscan.api-key-url": "{updig:34}",
    # bugsnag.toml
    "bugsnag.api-key": "{hex:32}",
    # buildkite.toml
    "buildkite.api-access-token": "bkua_{hex:40}",
    "buildkite.agent-token": "{b62:52}",
    # calendarific.toml
    "calendarific.api-key-url": "{hex:40}",
    # calendly.toml
    "calendly.personal-access-token": "{@jwt:calendly}",
    # cerebras.toml
    "cerebras.api-key": "csk-{lodig:48}",
    # checkly.toml
    "checkly.api-key": "cu_{hex:32}",
    # checkout-com.toml
    "checkout-com.sandbox-secret-key": "sk_sbox_{lodig:28}",
    "checkout-com.secret-key": ["sk_{lodig:28}", "sk_{@uuid}"],
    # cicero.toml
    "cicero.api-key-url": "{hex:40}",
    # circleci.toml
    "circleci.personal-api-token": "CCIPAT_{b62:22}_{hex:40}",
    "circleci.project-api-token": "CCIPRJ_{b62:22}_{hex:40}",
    "circleci.legacy-api-token": "{hex:40}",
    # clerk.toml
    "clerk.secret-key": "sk_live_{b62:50}",
    # clickhouse.toml
    "clickhouse.connection-uri": "{@password}",
    "clickhouse.cloud-api-key-secret": "4b1d{b62:38}",
    # clickup.toml
    "clickup.personal-token": "pk_{dig:9}_{updig:32}",
    # cloudflare.toml
    "cloudflare.api-token": "{b64u:40}",
    "cloudflare.global-api-key": "{hex:37}",
    "cloudflare.origin-ca-key": "v1.0-{hex:24}-{hex:146}",
    "cloudflare.tunnel-token": "{@b64json:cf-tunnel}",
    # cloudinary.toml
    "cloudinary.url": "{b64u:27}",
    # cloudconvert.toml
    "cloudconvert.api-key": "{@jwt}",
    # cohere.toml
    "cohere.api-key": "{b62:40}",
    # coinapi.toml
    "coinapi.api-key-url": "{@uuid:upper}",
    # coinbase.toml
    "coinbase.api-secret": ["{@azure_key:64}", "{b62:32}"],
    # coinlib.toml
    "coinlib.api-key-url": "{hex:16}",
    # confluence.toml
    "confluence.datacenter-pat": "{@dc_pat}",
    # contentful.toml
    "contentful.personal-access-token": "CFPAT-{b64u:43}",
    "contentful.delivery-token": "{b64u:43}",
    # courier.toml
    "courier.api-key": ["pk_prod_{updig:28}", "dk_test_{updig:28}"],
    # crates-io.toml
    "crates-io.api-token": "cio{b62:32}",
    # cryptocompare.toml
    "cryptocompare.api-key-url": "{hex:64}",
    # currencyfreaks.toml
    "currencyfreaks.api-key-url": "{hex:32}",
    # currencyscoop.toml
    "currencyscoop.api-key-url": "{hex:32}",
    # currentsapi.toml
    "currentsapi.api-key-url": "{b64u:48}",
    # dandelion.toml
    "dandelion.api-key-url": "{hex:32}",
    # databricks.toml
    "databricks.personal-access-token": "dapi{hex:32}",
    # datadog.toml
    "datadog.api-key": "{hex:32}",
    "datadog.app-key": "{hex:40}",
    # datagov.toml
    "datagov.api-key-url": "{b62:40}",
    # debounce.toml
    "debounce.api-key-url": "{b62:13}",
    # deepgram.toml
    "deepgram.api-key": "{hex:40}",
    # deepseek.toml
    "deepseek.api-key": "sk-{hex:32}",
    # diffbot.toml
    "diffbot.api-key-url": "{hex:32}",
    # digitalocean.toml
    "digitalocean.personal-access-token": "dop_v1_{hex:64}",
    "digitalocean.oauth-token": "doo_v1_{hex:64}",
    "digitalocean.refresh-token": "dor_v1_{hex:64}",
    "digitalocean.spaces-secret-key": "{b64:43}",
    # discord.toml
    "discord.bot-token": ["{@discord}", "{@discord:19}"],
    "discord.webhook-url": "https://discord.com/api/webhooks/{dig:19}/{b64u:68}",
    "discord.client-secret": "{b64u:32}",
    # docker-swarm.toml
    "docker-swarm.join-token": "SWMTKN-1-{lodig:50}-{lodig:25}",
    # docker.toml
    "docker.hub.personal-access-token": "dckr_pat_{b64u:27}",
    "docker.hub.organization-access-token": "dckr_oat_{b64u:32}",
    "docker.config.auth": "{@basic}",
    # doppler.toml
    "doppler.personal-token": "dp.pt.{b62:43}",
    "doppler.service-token": "dp.st.{b62:43}",
    "doppler.cli-token": "dp.ct.{b62:43}",
    "doppler.service-account-token": "dp.sa.{b62:43}",
    "doppler.scim-token": "dp.scim.{b62:43}",
    "doppler.audit-token": "dp.audit.{b62:43}",
    # dropbox.toml
    "dropbox.short-lived-token": "sl.{b64u:140}",
    "dropbox.long-lived-token": "{b62:11}AAAAAAAAAA{b64u:43}",
    # duffel.toml
    "duffel.live-access-token": "duffel_live_{b64u:43}",
    "duffel.test-access-token": "duffel_test_{b64u:43}",
    # dynatrace.toml
    "dynatrace.api-token": "dt0c01.{updig:24}.{updig:64}",
    "dynatrace.platform-token": "dt0s{dig:2}.{updig:16}.{updig:64}",
    # easypost.toml
    "easypost.production-api-key": "EZAK{hex:54}",
    "easypost.test-api-key": "EZTK{hex:54}",
    # elastic.toml
    "elastic.api-key": "{@elastic_key}",
    "elastic.apm-secret-token": "{b64u:40}",
    # elastic-app-search.toml
    "elastic-app-search.private-key": ["private-{lodig:24}", "admin-{lodig:24}"],
    # elasticsearch.toml
    "elasticsearch.url-credentials": "{@password}",
    "opensearch.url-credentials": "{@password}",
    # elevenlabs.toml
    "elevenlabs.api-key": ["sk_{hex:48}", "{hex:32}"],
    # etherscan.toml
    "etherscan.api-key-url": "{updig:34}",
    # ethplorer.toml
    "ethplorer.api-key-url": "{b62:24}",
    # exchangerateapi.toml
    "exchangerateapi.api-key-url": "{hex:24}",
    # extractorapi.toml
    "extractorapi.api-key-url": "{hex:40}",
    # facebook.toml
    "facebook.access-token": "EAA{b62:180}",
    "facebook.app-secret": "{hex:32}",
    "facebook.app-access-token": ["{dig:15}|{b64u:27}", "{dig:16}|{hex:32}"],
    # fastforex.toml
    "fastforex.api-key-url": "{hex:10}-{hex:8}-{hex:8}",
    # fastly.toml
    "fastly.api-token": "{b64u:32}",
    # figma.toml
    "figma.personal-access-token": "figd_{b64u:42}",
    "figma.personal-access-token-legacy": "{dig:6}-{@uuid}",
    # financialmodelingprep.toml
    "financialmodelingprep.api-key-url": "{b62:32}",
    # finnhub.toml
    "finnhub.api-key-url": "{lodig:20}",
    # firebase.toml
    "firebase.fcm-server-key": "AAAA{b64u:7}:APA91b{b64u:134}",
    # firecrawl.toml
    "firecrawl.api-key": "fc-{hex:32}",
    # fireworks.toml
    "fireworks.api-key": "fw_{b62:24}",
    # flagsmith.toml
    "flagsmith.server-key": "ser.{b62:22}",
    # fleetbase.toml
    "fleetbase.secret-key": ["flb_live_{b62:20}", "flb_test_{b62:20}"],
    # flickr.toml
    "flickr.api-key-url": "{hex:32}",
    # flutterwave.toml
    "flutterwave.secret-key": "FLWSECK-{hex:32}-X",
    "flutterwave.test-secret-key": "FLWSECK_TEST-{hex:32}-X",
    # flyio.toml
    "flyio.macaroon-token": "FlyV1 fm2_{@flymac},fm2_{@flymac}",
    "flyio.personal-token": "fo1_{b64u:43}",
    # frameio.toml
    "frameio.developer-token": "fio-u-{b64u:64}",
    # freshdesk.toml
    "freshdesk.api-key": "{b62:20}",
    # fxmarket.toml
    "fxmarket.api-key-url": "{b62:20}",
    # generic.toml
    "generic.password.quoted": "{@password}",
    "generic.password.unquoted": "{@password}",
    "generic.secret.quoted": "{@token}",
    "generic.secret.env": "{@token}",
    "generic.credential": "{@token}",
    "generic.password.xml-element": "{@password}",
    "generic.secret.xml-element": "{@token}",
    "generic.url-credentials": "{@password}",
    "generic.authorization.bearer": "{@token:40}",
    "generic.authorization.basic": "{@basic}",
    "generic.curl-user": "{@word}:{@password}",
    "generic.credential.pair": "{@token}",
    "generic.cli-password": "{b62:20}",
    "generic.basic-auth-arguments": "{b62:20}",
    # front.toml
    "front.api-token": "{@jwt}",
    # geoapify.toml
    "geoapify.api-key-url": "{hex:32}",
    # geocodify.toml
    "geocodify.api-key-url": "{hex:40}",
    # getgeoapi.toml
    "getgeoapi.api-key-url": "{hex:40}",
    # getstream.toml
    "getstream.api-secret": "{lodig:64}",
    # git-credentials.toml
    "git-credentials.entry": "{@password}",
    # gitea.toml
    "gitea.access-token": "{hex:40}",
    # github.toml
    "github.pat.classic": "ghp_{@gh}",
    "github.oauth.access-token": "gho_{@gh}",
    "github.app.user-to-server-token": "ghu_{@gh}",
    "github.app.installation-token": "ghs_{@gh}",
    "github.app.refresh-token": "ghr_{@gh}",
    "github.pat.fine-grained": "github_pat_{b62:22}_{b62:59}",
    "github.app.private-key": "{@pem:rsa}",
    # gitlab.toml
    "gitlab.pat": "glpat-{b64u:20}",
    "gitlab.oauth-app-secret": "gloas-{hex:64}",
    "gitlab.deploy-token": "gldt-{b64u:20}",
    "gitlab.runner-authentication-token": "glrt-{b64u:20}",
    "gitlab.cicd-job-token": "glcbt-{b64u:20}",
    "gitlab.pipeline-trigger-token": "glptt-{hex:40}",
    "gitlab.feed-token": "glft-{b64u:20}",
    "gitlab.incoming-mail-token": "glimt-{b64u:25}",
    "gitlab.agent-token": "glagent-{b64u:50}",
    "gitlab.scim-token": "glsoat-{b64u:20}",
    "gitlab.feature-flags-client-token": "glffct-{b64u:20}",
    "gitlab.runner-registration-token": "GR1348941{b64u:20}",
    "gitlab.session-cookie": "{hex:32}",
    # gocardless.toml
    "gocardless.access-token": ["live_{b64u:40}", "sandbox_{b64u:40}"],
    # google-cloud.toml
    "google-cloud.api-key": "AIza{b64u:35}",
    "google-cloud.service-account-key": "{@pem:pkcs8}\n",
    "google-cloud.oauth-client-secret": "GOCSPX-{b64u:28}",
    "google-cloud.oauth-access-token": "ya29.a0{b64u:160}",
    "google-cloud.oauth-refresh-token": "1//0{b64u:100}",
    # google-gemini.toml
    "google-gemini.api-key": "AIza{b64u:35}",
    # grafana.toml
    "grafana.cloud-token": "glc_{@b64json:grafana-cloud}",
    "grafana.service-account-token": "{@glsa}",
    "grafana.api-key": "{@b64json:grafana-api}",
    # graphhopper.toml
    "graphhopper.api-key-url": "{@uuid}",
    # groq.toml
    "groq.api-key": "gsk_{b62:52}",
    # guardianapi.toml
    "guardianapi.api-key-url": "{@uuid}",
    # harness.toml
    "harness.api-token": ["pat.{b64u:22}.{hex:24}.{b62:20}", "sat.{b64u:22}.{hex:24}.{b62:20}"],
    # hashicorp-consul.toml
    "hashicorp-consul.acl-token": "{@uuid}",
    # hashicorp-vault.toml
    "hashicorp-vault.service-token": "hvs.CAESI{b64u:86}",
    "hashicorp-vault.batch-token": "hvb.AAAAAQ{b64u:130}",
    "hashicorp-vault.recovery-token": "hvr.{b64u:24}",
    "hashicorp-vault.legacy-token": "s.{b62:24}",
    # hereapi.toml
    "hereapi.api-key-url": "{b64u:43}",
    # heroku.toml
    "heroku.api-token": "HRKU-{b64u:60}",
    "heroku.api-key.legacy": "{@uuid}",
    "heroku.netrc-api-key": "{@uuid}",
    # hetzner.toml
    "hetzner.cloud-api-token": "{b62:64}",
    "hetzner.dns-api-token": "{b62:32}",
    # holidayapi.toml
    "holidayapi.api-key-url": "{@uuid}",
    # honeycomb.toml
    "honeycomb.ingest-key": "hc{lo:1}ik_{lodig:58}",
    "honeycomb.api-key": ["{b62:22}", "{hex:32}"],
    # html2pdf.toml
    "html2pdf.api-key-url": "{b62:64}",
    # htpasswd.toml
    "htpasswd.entry": ["{@apr1}", "{@bcrypt}", "{{SHA}}{@sha1b64}", "$6${[./A-Za-z0-9]:16}${[./A-Za-z0-9]:86}"],
    # hubspot.toml
    "hubspot.private-app-token": ["pat-na1-{@uuid}", "pat-eu1-{@uuid}"],
    "hubspot.api-key": "{@uuid}",
    # huggingface.toml
    "huggingface.access-token": "hf_{b62:34}",
    "huggingface.org-api-token": "api_org_{b62:34}",
    # hunter.toml
    "hunter.api-key-url": "{hex:40}",
    # ibm-cloud.toml
    "ibm-cloud.service-credentials-api-key": "{b64u:44}",
    "ibm-cloud.api-key": "{b64u:44}",
    # infisical.toml
    "infisical.service-token": "st.{hex:24}.{hex:32}.{hex:32}",
    "infisical.universal-auth-client-secret": "{hex:64}",
    # imagekit.toml
    "imagekit.private-api-key": "private_{b64:27}=",
    # infura.toml
    "infura.api-url": "{hex:32}",
    # intercom.toml
    "intercom.access-token": "{@intercom}",
    # intra42.toml
    "intra42.client-secret": ["s-s4t2ud-{hex:64}", "s-s4t2af-{hex:64}"],
    # intrinio.toml
    "intrinio.api-key-url": "{b62:44}",
    # ip2location.toml
    "ip2location.api-key-url": "{hex:32}",
    # ipgeolocation.toml
    "ipgeolocation.api-key-url": "{hex:32}",
    # ipinfo.toml
    "ipinfo.api-key-url": "{hex:14}",
    # ipinfodb.toml
    "ipinfodb.api-key-url": "{hex:64}",
    # ipquality.toml
    "ipquality.api-key-url": "{b62:32}",
    # jdbc.toml
    "jdbc.password-parameter": "{@password}",
    # jenkins.toml
    "jenkins.api-token": "11{hex:32}",
    # jfrog.toml
    "jfrog.api-key": "AKCp{b62:69}",
    "jfrog.reference-token": "{@jfrog_ref}",
    # jira.toml
    "jira.datacenter-pat": "{@dc_pat}",
    # jotform.toml
    "jotform.api-key-url": "{hex:32}",
    # jwt.toml
    "jwt.signed-token": "{@jwt}",
    # kickbox.toml
    "kickbox.api-key-url": "live_{hex:64}",
    # kit.toml
    "kit.api-key": "kit_{hex:32}",
    # klarna.toml
    "klarna.api-key": "klarna_live_api_{b64u:80}",
    "klarna.test-api-key": "klarna_test_api_{b64u:80}",
    # klaviyo.toml
    "klaviyo.private-api-key": "pk_{hex:34}",
    # kubernetes.toml
    "kubernetes.secret.data": "{@b64pw}",
    "kubernetes.secret.data-before-kind": "{@b64pw}",
    "kubernetes.secret.string-data": "{@password}",
    "kubernetes.kubeconfig.token": "{@jwt:k8s}",
    "kubernetes.kubeconfig.client-key-data": "{@pem_b64:rsa}",
    # langfuse.toml
    "langfuse.secret-key": "sk-lf-{@uuid}",
    # langsmith.toml
    "langsmith.personal-access-token": "lsv2_pt_{hex:32}_{hex:10}",
    "langsmith.service-key": "lsv2_sk_{hex:32}_{hex:10}",
    # launchdarkly.toml
    "launchdarkly.access-token": "api-{@uuid}",
    "launchdarkly.sdk-key": "sdk-{@uuid}",
    # lemonsqueezy.toml
    "lemonsqueezy.api-key": "{@jwt}",
    # lightstep.toml
    "lightstep.access-token": ["{b64:85}=", "{hex:32}"],
    # linear.toml
    "linear.api-key": "lin_api_{b62:40}",
    "linear.oauth-token": "lin_oauth_{hex:64}",
    # linkedin.toml
    "linkedin.client-secret": ["WPL_AP1.{b62:16}.{b64:6}==", "{b62:16}"],
    "linkedin.access-token": "AQ{b64u:180}",
    # linkpreview.toml
    "linkpreview.api-key-url": "{hex:32}",
    # linode.toml
    "linode.personal-access-token": "{hex:64}",
    "linode.terraform-provider-token": "{hex:64}",
    # llamacloud.toml
    "llamacloud.api-key": "llx-{b62:48}",
    # lob.toml
    "lob.api-key": ["live_{hex:35}", "test_{hex:35}"],
    # mailchimp.toml
    "mailchimp.api-key": "{hex:32}-us{[1-9]:1}{dig:0-1}",
    "mailchimp.transactional-api-key": "md-{b64u:22}",
    # mailgun.toml
    "mailgun.api-key": ["key-{lodig:32}", "{hex:32}-{hex:8}-{hex:8}"],
    "mailgun.api-key-basic-auth": ["key-{lodig:32}", "{hex:32}-{hex:8}-{hex:8}"],
    # mailjet.toml
    "mailjet.secret-key": "{hex:32}",
    # mapbox.toml
    "mapbox.secret-token": "{@mapbox}",
    # mattermost.toml
    "mattermost.access-token": "{lodig:26}",
    "mattermost.webhook-url": "https://mattermost.{lo:4-8}.io/hooks/{lodig:26}",
    # maven.toml
    "maven.settings.server-password": "{@password}",
    # microsoft-teams.toml
    "microsoft-teams.incoming-webhook": [
        "https://{lo:5-10}.webhook.office.com/webhookb2/{@uuid}@{@uuid}/IncomingWebhook/{hex:32}/{@uuid}/V2{b64u:45}",
        "https://outlook.office.com/webhook/{@uuid}@{@uuid}/IncomingWebhook/{hex:32}/{@uuid}",
    ],
    "microsoft-teams.workflow-webhook": [
        "https://prod-{dig:2}.westeurope.logic.azure.com:443/workflows/{hex:32}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={b64u:43}",
        "https://{hex:30}.{hex:2}.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/{hex:32}/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={b64u:43}",
    ],
    # miro.toml
    "miro.access-token": "{@miro}",
    # mistral.toml
    "mistral.api-key": "{b62:32}",
    # mixpanel.toml
    "mixpanel.secret": "{b62:32}",
    # mollie.toml
    "mollie.api-key": ["live_{b62:30}", "test_{b62:30}", "access_{b62:40}"],
    # mongodb.toml
    "mongodb.connection-uri": "{@password}",
    # mysql.toml
    "mysql.connection-uri": "{@password}",
    "mysql.cli-password": "{b62:20}",
    # neon.toml
    "neon.api-key": "napi_{b62:65}",
    # netlify.toml
    "netlify.personal-access-token": "nfp_{b62:38}",
    "netlify.auth-token.legacy": "{b64u:43}",
    # netrc.toml
    "netrc.password": "{@password}",
    # newrelic.toml
    "newrelic.user-api-key": "NRAK-{updig:27}",
    "newrelic.license-key": ["{hex:36}NRAL", "eu01xx{hex:30}NRAL"],
    "newrelic.insert-key": "NRII-{b64u:32}",
    "newrelic.query-key": "NRIQ-{b64u:32}",
    "newrelic.admin-key": "NRAA-{hex:27}",
    "newrelic.browser-key": "NRJS-{hex:19}",
    # notion.toml
    "notion.integration-token": "ntn_{b62:46}",
    "notion.integration-token-legacy": "secret_{b62:43}",
    # npm.toml
    "npm.access-token": "npm_{@gh}",
    "npm.npmrc.auth-token": "NpmToken.{@uuid}",
    "npm.npmrc.auth": "{@basic}",
    # nuget.toml
    "nuget.api-key": "oy2{lodig:43}",
    "nuget.config.cleartext-password": "{@password}",
    # nvidia.toml
    "nvidia.api-key": "nvapi-{b64u:64}",
    # octopus-deploy.toml
    "octopus-deploy.api-key": "API-{updig:29}",
    # okta.toml
    "okta.api-token": "00{b64u:40}",
    # openai.toml
    "openai.project-key": "sk-proj-{b64u:74}T3BlbkFJ{b64u:74}",
    "openai.service-account-key": "sk-svcacct-{b64u:74}T3BlbkFJ{b64u:74}",
    "openai.admin-key": "sk-admin-{b64u:74}T3BlbkFJ{b64u:74}",
    "openai.user-key": ["sk-None-{b64u:54}T3BlbkFJ{b64u:54}", "sk-{b62:20}T3BlbkFJ{b62:20}"],
    # openrouter.toml
    "openrouter.api-key": "sk-or-v1-{hex:64}",
    # oracle.toml
    "oracle.oci-api-signing-key": "{@pem:pkcs8-1024}",
    "oracle.jdbc-thin-password": "{@password}",
    # paddle.toml
    "paddle.api-key": "pdl_live_apikey_{lodig:26}_{b62:22}_{b62:3}",
    "paddle.sandbox-api-key": "pdl_sdbx_apikey_{lodig:26}_{b62:22}_{b62:3}",
    # pagerduty.toml
    "pagerduty.api-key": "{b64u:20}",
    "pagerduty.integration-key": "{hex:32}",
    # paypal.toml
    "paypal.client-secret": "{b64u:80}",
    # paystack.toml
    "paystack.secret-key": "sk_live_{hex:40}",
    "paystack.test-secret-key": "sk_test_{hex:40}",
    # perplexity.toml
    "perplexity.api-key": "pplx-{b62:48}",
    # pgp.toml
    "pgp.private-key-block": "{@pgp}",
    # pinecone.toml
    "pinecone.api-key": "pcsk_{b62:5}_{b62:65}",
    "pinecone.api-key-legacy": "{@uuid}",
    # pipedrive.toml
    "pipedrive.api-token": "{hex:40}",
    # plaid.toml
    "plaid.access-token": ["access-production-{@uuid}", "access-development-{@uuid}"],
    "plaid.secret": "{hex:30}",
    # planetscale.toml
    "planetscale.password": "pscale_pw_{b64u:43}",
    "planetscale.service-token": "pscale_tkn_{b64u:43}",
    "planetscale.oauth-token": "pscale_oauth_{b64u:43}",
    # postgresql.toml
    "postgresql.connection-uri": "{@password}",
    "postgresql.pgpass": "{@password}",
    # postman.toml
    "postman.api-key": "PMAK-{hex:24}-{hex:34}",
    "postman.collection-access-token": "PMAT-{crock:26}",
    # postmark.toml
    "postmark.server-token": "{@uuid}",
    "postmark.account-token": "{@uuid}",
    # prefect.toml
    "prefect.api-key": "pnu_{b62:36}",
    # private-keys.toml
    "private-key.rsa": ["{@pem:rsa}", "{@pem:rsa4096}"],
    "private-key.ec": "{@pem:ec}",
    "private-key.dsa": "{@pem:dsa}",
    "private-key.openssh": "{@pem:openssh}",
    "private-key.openssh-encrypted": "{@pem:openssh-enc}",
    "private-key.pkcs8": "{@pem:pkcs8}",
    "private-key.pkcs8-encrypted": "{@pem:pkcs8-enc}",
    "private-key.legacy-encrypted": ["{@pem:rsa-legacy-enc}", "{@pem:ec-legacy-enc}"],
    "private-key.base64-pem": ["{@pem_b64:rsa}", "{@pem_b64:pkcs8}", "{@pem_b64:ec}", "{@pem_b64:openssh}"],
    # pulumi.toml
    "pulumi.access-token": "pul-{hex:40}",
    # pusher.toml
    "pusher.app-secret": "{hex:20}",
    "pusher.channels-url": "{hex:20}",
    # putty.toml
    "putty.private-key": {"secret": "{@putty}", "post": "\nPrivate-MAC: {hex:64}"},
    "putty.private-key.encrypted": {"secret": "{@putty:enc}", "post": "\nPrivate-MAC: {hex:64}"},
    # pypi.toml
    "pypi.api-token": ["pypi-{@macaroon:pypi.org}", "pypi-{@macaroon:test.pypi.org}"],
    "pypi.pypirc.password": "{@password}",
    # razorpay.toml
    "razorpay.key-secret": "{b62:24}",
    "razorpay.live-credentials": "{b62:24}",
    # readme.toml
    "readme.api-key": "rdme_{lodig:70}",
    # redis.toml
    "redis.connection-uri": "{@password}",
    "redis.conf.requirepass": "{b62:32}",
    # render.toml
    "render.api-key": "rnd_{b62:32}",
    "render.deploy-hook": "{b64u:37}",
    # replicate.toml
    "replicate.api-token": "r8_{b62:37}",
    # rollbar.toml
    "rollbar.access-token": "{hex:32}",
    # rubygems.toml
    "rubygems.api-key": "rubygems_{hex:48}",
    # salesforce.toml
    "salesforce.access-token": "00D{b62:12}!AQ{[A-Za-z0-9._]:94}",
    "salesforce.consumer-secret": "{HEX:64}",
    # scaleway.toml
    "scaleway.access-key": "SCW{updig:17}",
    "scaleway.secret-key": "{@uuid}",
    # segment.toml
    "segment.public-api-token": "sgp_{b62:64}",
    # sendbird.toml
    "sendbird.api-token": "{hex:40}",
    # sendgrid.toml
    "sendgrid.api-key": "SG.{b64u:22}.{b64u:43}",
    # sentry.toml
    "sentry.org-auth-token": "sntrys_{@b64json:sentry}_{b64:43}",
    "sentry.user-auth-token": "sntryu_{hex:64}",
    "sentry.auth-token-legacy": "{hex:64}",
    "sentry.dsn-secret": "{hex:32}",
    # shippo.toml
    "shippo.live-token": "shippo_live_{hex:40}",
    "shippo.test-token": "shippo_test_{hex:40}",
    # shopify.toml
    "shopify.admin-access-token": "shpat_{hex:32}",
    "shopify.custom-app-access-token": "shpca_{hex:32}",
    "shopify.private-app-password": "shppa_{hex:32}",
    "shopify.shared-secret": "shpss_{hex:32}",
    "shopify.partner-api-token": "prtapi_{hex:32}",
    # slack.toml
    "slack.bot-token": "xoxb-{dig:11}-{dig:13}-{b62:24}",
    "slack.user-token": "xoxp-{dig:11}-{dig:11}-{dig:13}-{hex:32}",
    "slack.app-token": "xapp-1-A{updig:10}-{dig:13}-{hex:64}",
    "slack.config-access-token": "xoxe.xoxp-1-{b62:175}",
    "slack.config-refresh-token": "xoxe-1-{b62:146}",
    "slack.legacy-token": [
        "xoxa-2-{dig:12}-{dig:12}-{dig:12}-{hex:32}",
        "xoxs-{dig:12}-{dig:12}-{dig:12}-{hex:64}",
    ],
    "slack.webhook-url": "https://hooks.slack.com/services/T{updig:10}/B{updig:10}/{b62:24}",
    "slack.workflow-webhook-url": [
        "https://hooks.slack.com/workflows/T{updig:10}/A{updig:10}/{dig:18}/{b62:24}",
        "https://hooks.slack.com/triggers/T{updig:10}/{dig:13}/{b62:32}",
    ],
    "slack.signing-secret": "{hex:32}",
    # snowflake.toml
    "snowflake.connection-uri": "{@password}",
    "snowflake.connections-toml-password": "{@password}",
    # sonarqube.toml
    "sonarqube.user-token": "squ_{hex:40}",
    "sonarqube.project-analysis-token": "sqp_{hex:40}",
    "sonarqube.global-analysis-token": "sqa_{hex:40}",
    # sonatype.toml
    "sonatype.ossrh-password": "{@password}",
    # sourcegraph.toml
    "sourcegraph.access-token": "sgp_{hex:40}",
    # sparkpost.toml
    "sparkpost.api-key": "{hex:40}",
    # splunk.toml
    "splunk.hec-token": "{@uuid}",
    "splunk.observability-token": "{b64u:22}",
    # sqlserver.toml
    "sqlserver.connection-string": "{@password}",
    "sqlserver.jdbc-password": "{@password}",
    # square.toml
    "square.access-token": "EAAA{b64u:60}",
    "square.legacy-access-token": "sq0atp-{b64u:22}",
    "square.application-secret": "sq0csp-{b64u:43}",
    # stability.toml
    "stability.api-key": "sk-{b62:48}",
    # stripe.toml
    "stripe.secret-key": ["sk_live_51{b62:97}", "sk_live_{b62:24}"],
    "stripe.restricted-key": ["rk_live_51{b62:97}", "rk_live_{b62:24}"],
    "stripe.webhook-secret": "whsec_{b62:32}",
    "stripe.test-key": ["sk_test_51{b62:97}", "rk_test_{b62:24}"],
    # sumologic.toml
    "sumologic.access-key": "{b62:64}",
    # supabase.toml
    "supabase.secret-key": "sb_secret_{b64u:46}",
    "supabase.service-role-key": "{@jwt:supabase}",
    "supabase.personal-access-token": "sbp_{hex:40}",
    # tailscale.toml
    "tailscale.auth-key": "tskey-auth-{b62:13}-{b62:30}",
    "tailscale.api-key": ["tskey-api-{b62:13}-{b62:30}", "tskey-client-{b62:13}-{b62:30}"],
    # tavily.toml
    "tavily.api-key": "tvly-{b62:32}",
    # telegram.toml
    "telegram.bot-token": ["{dig:10}:AA{b64u:33}", "{dig:9}:AA{b64u:33}"],
    # telnyx.toml
    "telnyx.api-key": "KEY{HEX:32}_{b62:22}",
    # terraform-cloud.toml
    "terraform-cloud.api-token": "{b62:14}.atlasv1.{b64u:65}",
    # terraform.toml
    "terraform.state.sensitive-attribute": "{@password}",
    # together.toml
    "together.api-key": ["{hex:64}", "tgp_v1_{b64u:43}"],
    # travis-ci.toml
    "travis-ci.api-token": "{b64u:22}",
    # trello.toml
    "trello.token": "ATTA{hex:64}{HEX:8}",
    "trello.token-legacy": "{hex:64}",
    # twilio.toml
    "twilio.api-key-sid": "SK{hex:32}",
    "twilio.api-key-secret": "{b62:32}",
    "twilio.auth-token": "{hex:32}",
    "twilio.account-credentials": "{hex:32}",
    # twitch.toml
    "twitch.client-secret": "{lodig:30}",
    "twitch.chat-oauth-token": "oauth:{lodig:30}",
    # twitter.toml
    "twitter.bearer-token": "AAAAAAAAAAAAAAAAAAAAA{b62:8}AAAAAAA{b62:20}%2B{b62:10}%3D{b62:50}",
    "twitter.consumer-secret": "{b62:50}",
    "twitter.access-token-secret": "{b62:45}",
    # typeform.toml
    "typeform.personal-access-token": "tfp_{b64u:52}",
    # vercel.toml
    "vercel.access-token": "{b62:24}",
    # vonage.toml
    "vonage.api-secret": "{b62:16}",
    # wandb.toml
    "wandb.api-key": "{hex:40}",
    # webflow.toml
    "webflow.api-token": "{hex:64}",
    # wireguard.toml
    "wireguard.private-key": "{@wg}",
    "wireguard.preshared-key": "{@wg}",
    # wise.toml
    "wise.api-token": "{@uuid}",
    # xai.toml
    "xai.api-key": "xai-{b62:80}",
    # zapier.toml
    "zapier.webhook-url": "https://hooks.zapier.com/hooks/catch/{dig:8}/{lodig:7}",
    # zendesk.toml
    "zendesk.api-token": "{b62:40}",
    "zendesk.api-token-basic-auth": "{b62:40}",
    # zoom.toml
    "zoom.client-secret": "{b64u:27}",
}

# Variable names for the generic rules (the generic formats take them in
# turn): what real configuration calls a password or a secret.
_PASSWORD_KEYS = ["DB_PASSWORD", "smtp_password", "adminPassword", "MYSQL_ROOT_PASSWORD",
                  "ldap.bind.password", "KEYSTORE_PASSPHRASE", "db_pwd", "POSTGRES_PASSWORD",
                  "mail-password", "redisPassword"]
_SECRET_KEYS = ["API_KEY", "session_secret", "clientSecret", "JWT_SECRET", "access_token",
                "ENCRYPTION_KEY", "signing.key", "AUTH_TOKEN", "privateApiKey", "WEBHOOK_SECRET"]
KEYS = {
    "generic.password.quoted": _PASSWORD_KEYS,
    "generic.password.unquoted": _PASSWORD_KEYS,
    "generic.password.xml-element": _PASSWORD_KEYS,
    "generic.secret.quoted": _SECRET_KEYS,
    "generic.secret.env": _SECRET_KEYS,
    "generic.secret.xml-element": _SECRET_KEYS,
}

# Rules whose secret lives in a file of a given structure: the native formats
# (tests/recall/native.py) the rule is planted in, in addition to the ten
# generic formats. A rule listed in NATIVE_ONLY is asserted only in its native
# formats: its context is the file's structure (a `kind: Secret` manifest, a
# .netrc machine entry...), which a generic format cannot carry.
NATIVE = {
    "kubernetes.secret.data": ["k8s-secret"],
    "kubernetes.secret.data-before-kind": ["k8s-secret-data-first"],
    "kubernetes.secret.string-data": ["k8s-secret-string-data"],
    "kubernetes.kubeconfig.token": ["kubeconfig-token", "kubeconfig-bootstrap-token"],
    "kubernetes.kubeconfig.client-key-data": ["kubeconfig-client-key"],
    "docker.config.auth": ["docker-config"],
    "npm.npmrc.auth-token": ["npmrc-token"],
    "npm.npmrc.auth": ["npmrc-auth"],
    "npm.access-token": ["npmrc-token"],
    "pypi.pypirc.password": ["pypirc"],
    "pypi.api-token": ["pypirc"],
    "netrc.password": ["netrc"],
    "git-credentials.entry": ["git-credentials"],
    "htpasswd.entry": ["htpasswd", "htpasswd", "htpasswd", "htpasswd"],
    "terraform.state.sensitive-attribute": ["tfstate"],
    "postgresql.pgpass": ["pgpass"],
    "redis.conf.requirepass": ["redis-conf"],
    "wireguard.private-key": ["wg-private"],
    "wireguard.preshared-key": ["wg-preshared"],
    "maven.settings.server-password": ["maven-settings"],
    "nuget.config.cleartext-password": ["nuget-config"],
    "snowflake.connections-toml-password": ["snowflake-toml"],
    "generic.curl-user": ["curl-script"],
    "linode.terraform-provider-token": ["linode-provider"],
    "ibm-cloud.service-credentials-api-key": ["ibm-credentials"],
    "box.jwt-app-config": ["box-config"],
    "google-cloud.service-account-key": ["gcp-sa-key"],
    "private-key.rsa": ["key-file"],
    "private-key.ec": ["key-file"],
    "private-key.dsa": ["key-file"],
    "private-key.openssh": ["key-file"],
    "private-key.openssh-encrypted": ["key-file"],
    "private-key.pkcs8": ["key-file"],
    "private-key.pkcs8-encrypted": ["key-file"],
    "private-key.legacy-encrypted": ["key-file"],
    "pgp.private-key-block": ["key-file"],
    "putty.private-key": ["key-file"],
    "putty.private-key.encrypted": ["key-file"],
    "oracle.oci-api-signing-key": ["key-file"],
    "age.secret-key": ["key-file"],
}

NATIVE_ONLY = {
    "kubernetes.secret.data", "kubernetes.secret.data-before-kind", "kubernetes.secret.string-data",
    "kubernetes.kubeconfig.token", "docker.config.auth", "npm.npmrc.auth-token",
    "npm.npmrc.auth", "pypi.pypirc.password", "netrc.password", "git-credentials.entry",
    "htpasswd.entry", "terraform.state.sensitive-attribute", "postgresql.pgpass",
    "redis.conf.requirepass", "wireguard.private-key", "wireguard.preshared-key",
    "maven.settings.server-password", "nuget.config.cleartext-password",
    "snowflake.connections-toml-password", "generic.curl-user", "linode.terraform-provider-token",
    "ibm-cloud.service-credentials-api-key", "box.jwt-app-config",
    "google-cloud.service-account-key",
}

# Formats where a rule is not expected under its own id (rule -> {format:
# why}; a native file is "native:NAME"); the benchmark still plants them and
# reports what it finds there.
_UNQUOTED = {"env", "yaml", "dockerfile", "properties", "xml"}
_QUOTED = {"json", "python", "js", "shell", "terraform"}
_ALL = _UNQUOTED | _QUOTED


def _why(formats, why):
    return {f: why for f in sorted(formats)}


NOT_EXPECTED = {
    # The generic rules split by syntax: the format decides which one applies.
    "generic.password.quoted": _why(_UNQUOTED, "unquoted value: generic.password.unquoted (xml-element in XML)"),
    "generic.secret.quoted": _why(_UNQUOTED, "unquoted value: generic.secret.env (xml-element in XML)"),
    "generic.password.unquoted": _why(_QUOTED | {"xml"}, "quoted value: generic.password.quoted (xml-element in XML)"),
    "generic.secret.env": _why(_QUOTED | {"xml"}, "quoted value: generic.secret.quoted (xml-element in XML)"),
    "generic.password.xml-element": _why(_ALL - {"xml"}, "not an XML element"),
    "generic.secret.xml-element": _why(_ALL - {"xml"}, "not an XML element"),
    # The key name is the context and only YAML keeps `client-key-data` as is.
    "kubernetes.kubeconfig.client-key-data": _why(_ALL - {"yaml"},
                                                  "no `client-key-data:` key: private-key.base64-pem reports it"),
    # Line-layout-bound key files: YAML block indentation and \n escaping break the layout.
    "oracle.oci-api-signing-key": _why({"yaml", "json", "properties"},
                                       "OCI_API_KEY trailer off its line: private-key.pkcs8 reports the key"),
    "putty.private-key": _why({"yaml", "json", "properties"}, "the .ppk line layout is lost"),
    "putty.private-key.encrypted": _why({"yaml", "json", "properties"}, "the .ppk line layout is lost"),
    # Known gap: a service-account JWT in a kubeconfig is reported as
    # jwt.signed-token, because the rule's `filter = "generic"` ranks it as a
    # generic rule in the overlap dedupe (src/pipeline/worker.cc Specificity).
    "kubernetes.kubeconfig.token": {"native:kubeconfig-token": "a JWT: jwt.signed-token wins the overlap"},
}

# --- field recall fixes (session 7) ------------------------------------------
SPECS.update({
    "laravel.app-key": "{b64:43}=",
    "rails.master-key": "{hex:32}",
    "wordpress.auth-key": "{b62:64}",
})
NATIVE.update({
    "heroku.netrc-api-key": ["heroku-netrc"],
    "mysql.cli-password": ["mysql-cli"],
    "generic.cli-password": ["docker-login"],
    "generic.basic-auth-arguments": ["basic-auth-call"],
    "generic.credential.pair": ["pair-call"],
    "rails.master-key": ["rails-master-key"],
    "wordpress.auth-key": ["wp-config"],
})
# Command lines, calls, a key file at its path, a wp-config define: their
# context is the line's syntax or the file's path.
NATIVE_ONLY |= {"heroku.netrc-api-key", "mysql.cli-password", "generic.cli-password",
                "generic.basic-auth-arguments", "generic.credential.pair", "rails.master-key",
                "wordpress.auth-key"}
NOT_EXPECTED["laravel.app-key"] = _why({"xml"}, "no APP_KEY= assignment in an XML element")

# --- breadth-2 providers (issue 13) -----------------------------------------
SPECS.update({
    # yandex.toml (formats: Yandex Cloud "Scanning secrets on your own")
    "yandex.cloud-api-key": "AQVN{b64u:35-38}",
    "yandex.cloud-iam-token": "t1.{b64u:60-200}.{b64u:86}",
    "yandex.cloud-static-access-key-secret": "YC{b64u:38}",
    "yandex.oauth-token": "y{[0-3]:1}_{b64u:55}",
    "yandex.smartcaptcha-server-key": "ysc2_{b62:40}{hex:8}",
    # posthog.toml
    "posthog.personal-api-key": "phx_{b62:43}",
    # ubidots.toml
    "ubidots.token": ["BBFF-{b62:30}", "BBUS-{b62:50}"],
    # voiceflow.toml
    "voiceflow.api-key": "VF.DM.{hex:24}.{b62:16}",
    # zoho.toml
    "zoho.oauth-token": "1000.{hex:32}.{hex:32}",
    # tickettailor.toml
    "tickettailor.api-key": "sk_{dig:4}_{dig:6}_{hex:32}",
    # tines.toml
    "tines.webhook-url": "https://{lo:6}-{lodig:4}.tines.com/webhook/{hex:32}/{hex:32}",
    # scrapfly.toml
    "scrapfly.api-key": ["scp-live-{hex:32}", "scp-test-{hex:32}"],
    # uptimerobot.toml
    "uptimerobot.api-key": ["u{[1-9]:1}{dig:6}-{hex:24}", "ur{[1-9]:1}{dig:6}-{hex:24}"],
    # onesignal.toml
    "onesignal.app-api-key": "os_v2_app_{b32lo:103}",
    "onesignal.organization-api-key": "os_v2_org_{b32lo:103}",
    # ngrok.toml
    "ngrok.authtoken": "{[1-9]:1}{b62:26}_{b62:21}",
    "ngrok.api-key": "{[1-9]:1}{b62:26}_{b62:21}",
    "ngrok.access-token": "ngrok_pat_{[1-9]:1}{b62:26}_{b62:21}",
    # tatum.toml
    "tatum.api-key": "t-{hex:24}-{hex:24}",
})
SPECS.update({
    # pagarme.toml
    "pagarme.api-key": ["ak_live_{b62:30}", "ak_test_{b62:30}"],
    "pagarme.secret-key": ["sk_{hex:32}", "sk_test_{hex:32}"],
})

# --- field recall, third set (session 8) --------------------------------------
# Rules whose context is a file's structure the ten generic formats do not
# have (a parent key, a fallback operator, a SQL statement, a library call,
# a string resource), or bare key shapes that a named context reports under
# the provider's contextual rule; tests/recall/field_cases3.py plants them in
# their real places (ctest e2e.field_recall).
SPECS.update({
    "deepseek.api-key.generic": "sk-{hex:32}",
    "elevenlabs.api-key.generic": "sk_{hex:48}",
    "launchdarkly.sdk-key.generic": "sdk-{@uuid}",
    "generic.credential.parent": "{@token}",
    "generic.credential.fallback": "{@token}",
    "generic.credential.string-resource": "{@token}",
    "sql.account-password": "{b62:20}",
    "odbc.braced-password": "{b62:16}#{b62:4}",
    "django.secret-key": "{[a-z0-9!@#%^&*_=+]:50}",
    "jwt.hmac-secret-literal": "{b62:32}",
    "terraform.state.random-password": "{b62:24}",
})
for _r in ["deepseek.api-key.generic", "elevenlabs.api-key.generic", "launchdarkly.sdk-key.generic"]:
    NOT_EXPECTED[_r] = _why(_ALL, "named in the context: the provider's contextual rule reports it")
for _r in ["generic.credential.parent", "generic.credential.fallback",
           "generic.credential.string-resource", "sql.account-password", "odbc.braced-password",
           "django.secret-key", "jwt.hmac-secret-literal", "terraform.state.random-password"]:
    NOT_EXPECTED[_r] = _why(_ALL, "needs its file's structure: planted by field_cases3.py")
NATIVE.update({
    "deepseek.api-key.generic": ["bare-readme"],
    "launchdarkly.sdk-key.generic": ["launchdarkly-init"],
    "django.secret-key": ["django-settings"],
    "generic.credential.string-resource": ["android-strings"],
    "jwt.hmac-secret-literal": ["jwt-sign"],
    "odbc.braced-password": ["odbc-connect"],
    "sql.account-password": ["sql-create-user"],
    "terraform.state.random-password": ["tfstate-random-password"],
})
