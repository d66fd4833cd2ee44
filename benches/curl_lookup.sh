#!/usr/bin/env bash
# The same certificate lookup `corpvet certs <company> --json` makes, done by hand with
# curl, md5sum and jq: the shell baseline the CLI is compared with in docs/PERFORMANCE.md.
#
#   CORPVET_QCC_KEY=sandbox-key CORPVET_QCC_SECRET=sandbox-secret \
#   CORPVET_QCC_BASE_URL=http://127.0.0.1:18080/api/yj \
#   benches/curl_lookup.sh 深圳市鹏科智联电子股份有限公司
#
# Signing as the QCC documents prescribe: Token = upper-hex MD5(key + Timespan + secret),
# Timespan = Unix seconds, both sent as headers; the key goes in the query.
set -euo pipefail

company=${1:?usage: curl_lookup.sh COMPANY [PAGE]}
page=${2:-1}
key=${CORPVET_QCC_KEY:?set CORPVET_QCC_KEY}
secret=${CORPVET_QCC_SECRET:?set CORPVET_QCC_SECRET}
base=${CORPVET_QCC_BASE_URL:-https://pro.qcc.com/api/yj}

timespan=$(date +%s)
token=$(printf '%s%s%s' "$key" "$timespan" "$secret" | md5sum | cut -d' ' -f1 | tr 'a-f' 'A-F')

curl --silent --show-error --fail-with-body --max-time 20 --get \
    -H "Timespan: $timespan" -H "Token: $token" \
    --data-urlencode "key=$key" \
    --data-urlencode "searchKey=$company" \
    --data-urlencode "pageSize=20" \
    --data-urlencode "pageIndex=$page" \
    --data-urlencode "isExactlySame=true" \
    "$base/ECICertification/SearchCertification" |
    jq '{ok: (.Status == "200"), paging: .Paging, data: [.Result[]? | {id: .Id, number: .No, type: .TypeDesc, name: .Name, start: .StartDate, end: .EndDate}]}'
